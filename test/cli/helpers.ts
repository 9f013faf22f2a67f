import type { CliIo } from '../../src/cli/io.js';
import type { ClientOptions } from '../../src/github/client.js';
import { connectGitHub } from '../../src/github/forge.js';
import { isGitHubFailure } from '../../src/github/errors.js';
import { main } from '../../src/cli/main.js';

interface CaptureOptions {
  env?: NodeJS.ProcessEnv;
  /** Print as a terminal (`isTTY`) this many columns wide, instead of a pipe. */
  tty?: boolean;
  columns?: number;
  /** GitHub client settings, such as short retry waits. */
  client?: Partial<Omit<ClientOptions, 'token' | 'apiUrl' | 'graphqlUrl' | 'warn'>>;
}

/** A command-line io that records what a command prints. */
export function capturedIo(options: CaptureOptions = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false, ...(options.columns ? { columns: options.columns } : {}) },
    stderr: { write: (text: string) => (err += text) },
    env: options.env ?? {},
    connect: async (connect) => connectGitHub({ ...connect, ...options.client }),
    isForgeFailure: isGitHubFailure,
    out: () => out,
    err: () => err,
  };
}

/** Runs the command line with captured output, as a terminal (`tty`, `columns` wide) or a pipe. */
export async function runCli(args: string[], options: CaptureOptions = {}) {
  const io = capturedIo(options);
  const code = await main(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
