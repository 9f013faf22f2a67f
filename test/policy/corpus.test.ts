import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturedIo } from '../cli/helpers.js';

// Each broken policy in corpus/ sits beside a `.expected` file holding exactly what
// `roadmap-guard validate` must print on stderr for it, with paths as seen from the repository root.
const corpusDir = join(import.meta.dirname, 'corpus');
const cases = readdirSync(corpusDir).filter((name) => name.endsWith('.yml')).sort();

describe('roadmap-guard validate on the corpus of broken policies', () => {
  it('covers at least 30 broken policies, each with its expected messages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const expectations = readdirSync(corpusDir).filter((name) => name.endsWith('.expected'));
    expect(expectations.map((name) => name.replace(/\.expected$/, '.yml')).sort()).toEqual(cases);
  });

  it.each(cases)('%s', async (name) => {
    const path = relative(process.cwd(), join(corpusDir, name));
    const expected = readFileSync(join(corpusDir, name.replace(/\.yml$/, '.expected')), 'utf8').replaceAll(
      'test/policy/corpus/',
      `${relative(process.cwd(), corpusDir)}/`,
    );
    const io = capturedIo();

    const exitCode = await main(['validate', path], io);

    expect(io.err()).toBe(expected);
    expect(exitCode).toBe(2);
    expect(io.out()).toBe('');
  });
});
