import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { WARNINGS_HEADING } from '../../src/cli/validate.js';
import { PolicyError, formatProblem } from '../../src/policy/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { capturedIo } from '../cli/helpers.js';

// Each broken policy in corpus/ sits beside a `.expected` file holding exactly what
// `roadmap-guard validate` must print on stderr for it, with paths as seen from the repository root.
// An `.expected` file that starts with the warnings heading is a policy 1.0 accepted:
// within v1 it stays valid (exit 0, or 2 with --strict) and the action runs it with those warnings.
const corpusDir = join(import.meta.dirname, 'corpus');
const cases = readdirSync(corpusDir).filter((name) => name.endsWith('.yml')).sort();

function expectedFor(name: string): { text: string; warns: boolean } {
  const text = readFileSync(join(corpusDir, name.replace(/\.yml$/, '.expected')), 'utf8').replaceAll('test/policy/corpus/', `${relative(process.cwd(), corpusDir)}/`);
  return { text, warns: text.startsWith(`${WARNINGS_HEADING}\n`) };
}

/** The action's own loading path, reading the file from disk as the action reads the checkout. */
async function loadInAction(path: string) {
  return loadPolicy(path, async ({ repo, path: file }) => (repo === null ? { text: readFileSync(file, 'utf8') } : null));
}

describe('roadmap-guard validate on the corpus of broken policies', () => {
  it('covers at least 30 broken policies, each with its expected messages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const expectations = readdirSync(corpusDir).filter((name) => name.endsWith('.expected'));
    expect(expectations.map((name) => name.replace(/\.expected$/, '.yml')).sort()).toEqual(cases);
  });

  it.each(cases)('%s', async (name) => {
    const path = relative(process.cwd(), join(corpusDir, name));
    const expected = expectedFor(name);
    const io = capturedIo();

    const exitCode = await main(['validate', path], io);

    expect(io.err()).toBe(expected.text);
    expect(exitCode).toBe(expected.warns ? 0 : 2);
    expect(io.out()).toMatch(expected.warns ? /: OK — / : /^$/);
  });

  it.each(cases)('%s with --strict', async (name) => {
    const io = capturedIo();

    const exitCode = await main(['validate', '--strict', relative(process.cwd(), join(corpusDir, name))], io);

    expect(io.err()).toBe(expectedFor(name).text);
    expect(exitCode).toBe(2);
  });

  it('keeps what 1.0 refused refused, and warns only on the checks 1.0 did not have', () => {
    const warned = cases.filter((name) => expectedFor(name).warns).map((name) => name.slice(0, 2));
    // 52 (an applies-to naming no category) and 56 (unquoted globs, an alias YAML cannot resolve) were errors in 1.0 too.
    expect(warned).toEqual(['48', '49', '50', '51', '53', '54', '58']);
  });
});

describe('the action loads the corpus as validate checks it', () => {
  it.each(cases)('%s', async (name) => {
    const path = relative(process.cwd(), join(corpusDir, name));
    const expected = expectedFor(name);

    const loaded = await loadInAction(path).catch((error: unknown) => error);

    if (!expected.warns) {
      expect(loaded).toBeInstanceOf(PolicyError);
      expect(`${(loaded as PolicyError).message}\n`).toBe(expected.text);
      return;
    }
    expect(loaded).not.toBeInstanceOf(Error);
    const { warnings } = loaded as Awaited<ReturnType<typeof loadInAction>>;
    expect(`${[WARNINGS_HEADING, ...warnings.map(formatProblem)].join('\n')}\n`).toBe(expected.text);
  });

  it('reads a bare 1 as 100%, as 1.0 did', async () => {
    const { policy } = await loadInAction(relative(process.cwd(), join(corpusDir, '48-share-bare-one.yml')));
    const deal = policy.categories.find((category) => category.name === 'deal');

    expect(deal?.maxShare).toMatchObject({ numerator: 1, denominator: 1, text: '100%' });
    expect(deal?.perCustomerMaxShare).toMatchObject({ numerator: 1, denominator: 1, text: '100%' });
  });
});
