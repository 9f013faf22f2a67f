import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PolicyError } from '../../src/policy/errors.js';
import { loadPolicy } from '../../src/policy/load.js';

const TOP = '.github/roadmap-policy.yml';

/** Loads text as the repository's policy: the policy, or the problems as a PolicyError. */
async function outcome(text: string): Promise<'valid' | PolicyError> {
  try {
    await loadPolicy(TOP, async ({ repo }) => (repo === null ? { text } : null));
    return 'valid';
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
}

function expectLocatedProblems(error: PolicyError, text: string): void {
  const lines = text.split(/\r?\n|\r/).length;
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines);
    expect(problem.message).not.toMatch(/Invalid input|"code":|at .*\.(js|ts):\d+/);
  }
}

// Policies that are almost right: real keys, wrong values in random places.
const keys = ['version', 'work', 'include', 'unit', 'categories', 'deal', 'match', 'labels', 'budget', 'max-share', 'min-share', 'business-case', 'applies-to', 'fields', 'heading', 'enforcement', 'fail-on', 'extends'];
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(1, 0.1, -3, '10%', '150%', 'open', 'deal', 'over-budget', true, null, ''),
    fc.string({ maxLength: 8 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('loading any text as a policy', () => {
  it('never crashes: arbitrary text is either a valid policy or located problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 120 }), async (text) => {
        const result = await outcome(text);
        if (result !== 'valid') expectLocatedProblems(result, text);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every problem of near-miss policies in words, at a line of the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }), async (policy) => {
        const text = stringify({ version: 1, ...policy });
        const result = await outcome(text);
        if (result !== 'valid') expectLocatedProblems(result, text);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every problem when any value of the example policy is replaced by something else', async () => {
    const example = parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'roadmap-policy.yml'), 'utf8')) as unknown;
    const paths = pathsIn(example);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), value, async (path, replacement) => {
        const text = stringify(replaced(example, path, replacement));
        const result = await outcome(text);
        if (result !== 'valid') expectLocatedProblems(result, text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a file saved with a byte-order mark and Windows line endings', async () => {
    expect(await outcome('\uFEFFversion: 1\r\nwork:\r\n  unit: issues\r\n')).toBe('valid');
  });
});

/** Every key path in a parsed YAML value. */
function pathsIn(node: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof node !== 'object' || node === null) return [path];
  const entries = Array.isArray(node) ? node.map((child, index) => [index, child] as const) : Object.entries(node);
  return [path, ...entries.flatMap(([key, child]) => pathsIn(child, [...path, key]))];
}

/** A deep copy of `node` with the value at `path` replaced. */
function replaced(node: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  const copy = (Array.isArray(node) ? [...node] : { ...(node as object) }) as Record<string | number, unknown>;
  copy[key!] = replaced(copy[key!], rest, replacement);
  return copy;
}
