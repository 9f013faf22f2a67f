/** What a command may touch: passed in so tests can capture it. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

export type Command = (args: string[], io: CliIo) => Promise<number>;
