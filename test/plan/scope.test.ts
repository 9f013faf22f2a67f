import { describe, expect, it } from 'vitest';
import { scopeToItem } from '../../src/plan/scope.js';
import { evaluate } from '../../src/core/evaluate.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { workItem } from '../fixtures.js';

const policy = parsePolicy({
  version: 1,
  categories: {
    deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } },
    strategic: { match: { labels: ['roadmap'] }, budget: { 'min-share': '60%' } },
  },
  'forbidden-labels': ['one-off'],
  enforcement: { 'fail-on': ['over-budget', 'under-min-share', 'forbidden-label'] },
});
const items = [
  workItem({ number: 1, labels: ['deal'] }),
  workItem({ number: 2, labels: ['roadmap'] }),
  workItem({ number: 3, labels: ['one-off'] }),
];
const evaluation = evaluate(policy, items, '2026-11-03T09:00:00Z');

describe('scopeToItem', () => {
  it("keeps the issue's own findings and its category's overage, nothing about other issues", () => {
    const scoped = scopeToItem(evaluation, 1);
    expect(scoped.findings.map((f) => f.kind)).toEqual(['over-budget']);
    expect(scoped.compliant).toBe(false);
  });

  it('does not hold a category below its floor against an issue that adds to it', () => {
    expect(evaluation.findings.map((f) => f.kind)).toContain('under-min-share');
    const scoped = scopeToItem(evaluation, 2);
    expect(scoped.findings).toEqual([]);
    expect(scoped.compliant).toBe(true);
  });
});
