import { main } from '../../src/cli/main.js';

/** Runs the command line with captured output, as a terminal (`tty`, `columns` wide) or a pipe. */
export async function runCli(args: string[], options: { tty?: boolean; columns?: number; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false, ...(options.columns ? { columns: options.columns } : {}) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
