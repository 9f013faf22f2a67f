/** Label globs on their worst case: many stars against a long label that almost matches. */
import { expect, test } from 'vitest';
import { matchesGlob } from '../src/core/glob.js';

// The pattern from the report: a backtracking regex took 17 s per match on it.
const STARS = `${'*a'.repeat(9)}*b`;
// GitHub caps label names at 50 characters.
/**
 * Answers are remembered by glob and label, so every run asks about another
 * label of the same shape: 45 a's and five digits, never the same one twice
 * within the 10,000 answers kept.
 */
let asked = 0;
function freshLabel(): string {
  asked = (asked + 1) % 100_000;
  return `${'a'.repeat(45)}${String(asked).padStart(5, '0')}`;
}
// A glob is a policy string with no cap of its own, so try a long one too.
const LONG_GLOB = `${'*a'.repeat(100)}*b`;

test('*a*a*a*a*a*a*a*a*a*b against a 50-character label', async ({ bench }) => {
  const result = await bench('nine stars', () => {
    matchesGlob(STARS, freshLabel());
  }).run();
  // Microseconds per match; a millisecond leaves room for slow CI machines.
  expect(result.latency.mean).toBeLessThan(1);
});

test('a 201-character glob of stars against a 50-character label', async ({ bench }) => {
  const result = await bench('a hundred stars', () => {
    matchesGlob(LONG_GLOB, freshLabel());
  }).run();
  expect(result.latency.mean).toBeLessThan(5);
});
