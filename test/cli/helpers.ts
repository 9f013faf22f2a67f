import { main } from '../../src/cli/main.js';

/** Runs the command line with captured output, as a terminal (`tty`) or a pipe. */
export async function runCli(args: string[], options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
