/**
 * Every chart in every golden report parses with mermaid 10.6.0, the oldest
 * release that knows `xychart-beta` (10.5.0 answers "No diagram type
 * detected"): GitHub does not document the version it renders with, so a
 * chart that parses here parses on any renderer that draws our trend at all.
 * Parsing needs no DOM, but mermaid registers DOMPurify hooks on import,
 * which needs one; DOMPurify is stubbed to a no-op for that.
 */
import { readdirSync, readFileSync } from 'node:fs';
import DOMPurify from 'dompurify';
import { beforeAll, describe, expect, it } from 'vitest';

type Mermaid = { parse(text: string): Promise<unknown> };
let mermaid: Mermaid;

beforeAll(async () => {
  const purify = DOMPurify as unknown as Record<string, unknown>;
  for (const hook of ['addHook', 'removeHook', 'removeHooks', 'removeAllHooks']) purify[hook] = () => undefined;
  purify.sanitize = (text: string) => text;
  mermaid = ((await import('mermaid')) as unknown as { default: Mermaid }).default;
}, 60_000);

const folder = new URL('./__golden__/', import.meta.url);
const charts = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .flatMap((name) => [...readFileSync(new URL(name, folder), 'utf8').matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m, index): [string, string] => [`${name} chart ${index + 1}`, m[1]!]));

describe('mermaid charts in the golden reports', () => {
  it('there are trend charts to check, and no pie: it would repeat the tables', () => {
    expect(charts.some(([, text]) => /^xychart-beta$/m.test(text))).toBe(true);
    expect(charts.filter(([, text]) => /^pie /m.test(text))).toEqual([]);
  });

  it.each(charts)('%s parses', async (_name, text) => {
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  it('a broken chart does not parse: the check can fail', async () => {
    await expect(mermaid.parse('pie title Broken\n    "a" 3\n')).rejects.toThrow();
    await expect(mermaid.parse('xychart-beta\n    x-axis ["a"\n    bar [1]\n')).rejects.toThrow();
  });
});
