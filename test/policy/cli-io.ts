import type { CliIo } from '../../src/cli/io.js';

/** A command-line io that records what a command prints. */
export function capturedIo(overrides: Partial<CliIo> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: {},
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
