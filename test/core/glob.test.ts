import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globCapture, matchesGlob } from '../../src/core/glob.js';

/** The backtracking regular expression globs used to compile to: the reference for what a match means. */
function referenceRegExp(glob: string): RegExp {
  const source = [...glob.trim()]
    .map((char) => (char === '*' ? '(.*)' : char === '?' ? '(.)' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'isu');
}

describe('label globs', () => {
  it('capture what the wildcards matched, the first * as much as it can', () => {
    expect(globCapture('customer:*', 'Customer:ACME')).toBe('ACME');
    expect(globCapture('*:*', 'a:b:c')).toBe('a:bc');
    expect(globCapture('size/?', 'size/M')).toBe('M');
    expect(globCapture('deal', 'Deal')).toBe('Deal');
    expect(globCapture('customer:*', 'vendor:acme')).toBeUndefined();
    expect(globCapture('?🙂*', 'x🙂yz')).toBe('xyz');
  });

  it('agree with a regular expression on every small glob and label', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '*', '?', ':', '🙂');
    const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text(6), text(8), (glob, rawName) => {
        const name = rawName.replace(/[*?]/g, 'b');
        const expected = referenceRegExp(glob).exec(name.trim());
        expect(matchesGlob(glob, name)).toBe(expected !== null);
        expect(globCapture(glob, name)).toBe(expected ? (expected.length > 1 ? expected.slice(1).join('') : expected[0]) : undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('match the worst case for a backtracking matcher in linear time', () => {
    // `*a*a*a*a*a*a*a*a*a*b` against 50 a's took 17 s per match with the regex.
    const glob = `${'*a'.repeat(9)}*b`;
    const label = 'a'.repeat(50);
    const started = performance.now();
    for (let i = 0; i < 100; i++) expect(matchesGlob(glob, label)).toBe(false);
    expect(globCapture(glob, label)).toBeUndefined();
    // 100 matches in well under a second even on a busy machine (the regex needed 17 s for one).
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
