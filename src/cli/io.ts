import { SnapshotError } from '../core/snapshot.js';
import { PolicyError } from '../policy/errors.js';

/** What a command may touch: passed in so tests can capture it. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Thrown for input the user must fix; the message is printed as is. */
export class BadInput extends Error {}

/** Input the user must fix (options, files, policy, snapshot) becomes one message and exit 2; anything else is a bug and propagates. */
export function reportBadInput(command: string, error: unknown, io: CliIo): number {
  if (error instanceof BadInput || error instanceof PolicyError || error instanceof SnapshotError) {
    io.stderr.write(`roadmap-guard ${command}: ${error.message}\n`);
    return EXIT.badInput;
  }
  throw error;
}
