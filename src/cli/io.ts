import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { SnapshotError } from '../snapshot/file.js';
import { closest } from '../policy/did-you-mean.js';
import { PolicyError } from '../policy/errors.js';
import type { ConnectForge } from '../ports/forge.js';
import { BoardAccessError } from '../ports/errors.js';

/** What a command may touch: passed in so tests can capture it. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Connects to the forge (GitHub, from `src/cli.ts`) for the commands that read it. */
  connect: ConnectForge;
  /** Whether an error is the forge's failure to answer (refused, unreachable, not shown), not a bug: from `src/cli.ts` with the forge. */
  isForgeFailure: (error: unknown) => boolean;
}

/**
 * One exit-code scheme for every command, so a script can tell "the roadmap
 * breaks the policy" from "the command could not run".
 */
export const EXIT = { ok: 0, fails: 1, badInput: 2 } as const;

/** The scheme as every help text prints it. */
export const EXIT_CODES_HELP = `Exit codes:
  0  done, and nothing fails the check
  1  the check fails: a finding that fails under the policy's fail-on
  2  the command could not do its job: an unknown option, a missing file,
     an invalid policy or snapshot (each problem is printed), or GitHub
     out of reach or refusing the token
`;

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Thrown for input the user must fix; the message is printed as is. */
export class BadInput extends Error {}

/**
 * Why a command could not do its job, as exit 2: input the user must fix
 * (options, files, policy, snapshot) as its whole message, and a failure to
 * read GitHub (no answer, a refused token, a missing repository) as one line.
 * Anything else is a bug, whatever its class: it propagates, and the command
 * says so with the output to report (`runCommand` in cli/main.ts).
 */
export function reportBadInput(command: string, error: unknown, io: CliIo): number {
  if (error instanceof BadInput || error instanceof PolicyError || error instanceof SnapshotError) {
    io.stderr.write(`roadmap-guard ${command}: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (error instanceof Error && fromGitHub(error, io.isForgeFailure)) {
    io.stderr.write(`roadmap-guard ${command}: ${firstLine(error.message)}\n`);
    return EXIT.badInput;
  }
  throw error;
}

/** A failure to read GitHub, or a message that explains one (its `cause`). */
function fromGitHub(error: unknown, isForgeFailure: (error: unknown) => boolean, depth = 0): boolean {
  if (isForgeFailure(error) || error instanceof BoardAccessError) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause !== undefined && depth < 5 && fromGitHub(cause, isForgeFailure, depth + 1);
}

/** A failure's first line, without the advice meant for a workflow's next run: here the user runs the command again. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.replace(/\. This is a problem on GitHub’s side .*$/, '. Check the network (and --api-url, if given), then run the command again');
}

/**
 * node:util parseArgs, with its errors said in the command's words: the
 * option that is wrong, the nearest one that exists, and where help is.
 */
export function parseStrictly<O extends ParseArgsOptionsConfig>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true as const, allowPositionals: true as const });
  } catch (error) {
    throw new BadInput(`${optionProblem(error, args, Object.keys(options))} (see roadmap-guard ${command} --help)`);
  }
}

/** A command that takes options only: the first stray argument is named, with the usage. */
export function rejectArguments(positionals: string[], usage: string): void {
  if (positionals.length > 0) throw new BadInput(`unexpected argument "${positionals[0]}"\n\n${usage}`);
}

function optionProblem(error: unknown, args: string[], names: string[]): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = args.find((arg) => arg.startsWith('-') && !names.includes(arg.replace(/^--?/, '').split('=')[0]!)) ?? 'option';
    const nearest = closest(given.replace(/^--?/, '').split('=')[0]!, names);
    return `unknown option ${given}${nearest ? `; did you mean --${nearest}?` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const message = error instanceof Error ? error.message : '';
    const option = /(--[\w-]+)/.exec(message)?.[1] ?? 'an option';
    return message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
  }
  return error instanceof Error ? error.message : String(error);
}
