import { vi } from 'vitest';

/**
 * Captures what the action writes to standard output: its log and workflow
 * commands (`::error …`, `::warning …`). Tests read them here; none reaches
 * the test runner's output, where GitHub Actions would turn them into
 * annotations on this project's own CI runs.
 */
export function captureActionLog(): { text: () => string; commands: (name: 'error' | 'warning' | 'notice') => string[]; restore: () => void } {
  let captured = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  return {
    text: () => captured,
    commands: (name) => captured.split(/\r?\n/).filter((line) => line.startsWith(`::${name}`)),
    restore: () => spy.mockRestore(),
  };
}
