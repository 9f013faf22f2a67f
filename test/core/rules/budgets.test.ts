import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { NOW, policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const capped = policy({
  work: { size: { field: 'Estimate' } },
  categories: {
    deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' }, 'per-customer': { 'max-share': '50%' } },
    strategic: { match: { labels: ['roadmap'] }, budget: { 'min-share': '60%' } },
  },
  customer: { labels: 'customer:*' },
  enforcement: { 'fail-on': ['over-budget'] },
});

/** Items of the given sizes, numbered from `first`, with labels. */
function sized(sizes: number[], labels: string[], first: number) {
  return sizes.map((size, index) => workItem({ number: first + index, labels, fields: { Estimate: { type: 'number', value: size } } }));
}

describe('budgets', () => {
  it('treats exactly the cap as within it: 10 of 100 points under a 10% cap', () => {
    const items = [...sized([10], ['deal'], 1), ...sized([90], ['roadmap'], 2)];
    const { budgets, findings } = evaluate(capped, items, NOW);
    expect(budgets[0]).toMatchObject({ category: 'deal', points: 10, share: '10%', status: 'ok' });
    expect(findings.filter((f) => f.kind === 'over-budget')).toEqual([]);
  });

  it('finds 11 of 100 points over a 10% cap', () => {
    const items = [...sized([11], ['deal'], 1), ...sized([89], ['roadmap'], 2)];
    expect(evaluate(capped, items, NOW).budgets[0]).toMatchObject({ share: '11%', status: 'over' });
  });

  it('compares decimal sizes exactly: 0.1 + 0.2 of 3 points is exactly 10%', () => {
    const items = [...sized([0.1, 0.2], ['deal'], 1), ...sized([2.7], ['roadmap'], 3)];
    expect(evaluate(capped, items, NOW).budgets[0]).toMatchObject({ points: 0.3, status: 'ok' });
    const over = [...sized([0.1, 0.201], ['deal'], 1), ...sized([2.7], ['roadmap'], 3)];
    expect(evaluate(capped, over, NOW).budgets[0]).toMatchObject({ status: 'over' });
  });

  it('names what is over, by how much, and the items behind it newest first', () => {
    const deals = [
      workItem({ number: 5, labels: ['deal'], createdAt: '2026-09-01T00:00:00Z', fields: { Estimate: { type: 'number', value: 10 } } }),
      workItem({ number: 3, labels: ['deal'], createdAt: '2026-10-01T00:00:00Z', fields: { Estimate: { type: 'number', value: 15 } } }),
    ];
    const [finding] = findingsOf(capped, [...deals, ...sized([75], ['roadmap'], 10)], 'over-budget');
    expect(finding).toMatchObject({
      severity: 'fail',
      category: 'deal',
      message: 'Deal work is 25% of planned work, above its 10% cap (25 of 100 points)',
      fix: 'Defer, descope or close at least 17 points of deal work — newest first: #3, #5',
      contributors: [3, 5],
    });
    expect(finding?.item).toBeUndefined();
  });

  it('warns when a category falls below its min-share, saying how much more would reach it', () => {
    const items = [...sized([40], ['other'], 1), ...sized([55], ['roadmap'], 2), ...sized([5], ['deal'], 3)];
    const [finding] = findingsOf(capped, items, 'under-min-share');
    expect(finding).toMatchObject({
      severity: 'warn',
      message: 'Strategic work is 55% of planned work, below its 60% floor (55 of 100 points)',
      fix: 'Add at least 13 points of strategic work to the plan, or take other work out of it',
    });
    expect(evaluate(capped, items, NOW).budgets.map((b) => [b.category, b.status])).toEqual([
      ['deal', 'ok'],
      ['strategic', 'under'],
      ['other', 'uncapped'],
    ]);
  });

  it('reports a customer over its share of the category', () => {
    const items = [
      ...sized([6, 1], ['deal', 'customer:acme'], 1),
      ...sized([3], ['deal', 'customer:globex'], 3),
      ...sized([90], ['roadmap'], 4),
    ];
    const { budgets } = evaluate(capped, items, NOW);
    expect(budgets[0]?.customers).toEqual([
      { customer: 'acme', items: 2, points: 7, share: '70%', cap: '50%', over: true },
      { customer: 'globex', items: 1, points: 3, share: '30%', cap: '50%', over: false },
    ]);
    const [finding] = findingsOf(capped, items, 'customer-over-share');
    expect(finding).toMatchObject({
      customer: 'acme',
      severity: 'warn',
      message: 'acme has 70% of deal work, above the 50% per-customer cap (7 of 10 points)',
      contributors: [2, 1],
    });
    expect(finding?.fix).toContain('at least 4 points');
  });

  it('caps a customer at a share of all planned work, whatever the category\'s own share', () => {
    // "No customer over 5% of capacity": 50% of deal work would be 5% of capacity only while deal work is exactly 10%.
    const ofCapacity = policy({
      work: { size: { field: 'Estimate' } },
      categories: { deal: { match: { labels: ['deal'] }, 'per-customer': { 'max-share-of-category': '50%', 'max-share-of-planned-work': '5%' } } },
      customer: { labels: 'customer:*' },
    });
    const items = [...sized([6], ['deal', 'customer:acme'], 1), ...sized([14], ['deal', 'customer:globex'], 2), ...sized([80], ['roadmap'], 3)];
    const { budgets } = evaluate(ofCapacity, items, NOW);
    expect(budgets[0]?.customers).toEqual([
      { customer: 'globex', items: 1, points: 14, share: '70%', cap: '50%', plannedShare: '14%', plannedCap: '5%', over: true },
      { customer: 'acme', items: 1, points: 6, share: '30%', cap: '50%', plannedShare: '6%', plannedCap: '5%', over: true },
    ]);
    const findings = findingsOf(ofCapacity, items, 'customer-over-share');
    // acme is within half of deal work but over 5% of all planned work; globex breaks both, and is told about the cap that asks more of it.
    expect(findings.map((f) => f.message)).toEqual([
      'acme has 6% of all planned work through deal work, above the 5% per-customer cap of all planned work (6 of 100 points)',
      'globex has 14% of all planned work through deal work, above the 5% per-customer cap of all planned work (14 of 100 points)',
    ]);
    expect(findings[0]?.fix).toContain('at least 2 points');
  });

  it('counts only planned items: closed and excluded work does not take capacity', () => {
    const scoped = policy({ ...{ work: { 'exclude-labels': ['bug'] } }, categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '50%' } } } });
    const items = [
      workItem({ number: 1, labels: ['deal'] }),
      workItem({ number: 2, labels: ['deal'], state: 'closed' }),
      workItem({ number: 3, labels: ['deal', 'bug'] }),
      workItem({ number: 4 }),
    ];
    const evaluation = evaluate(scoped, items, NOW);
    expect(evaluation).toMatchObject({ totalPoints: 2, totalItems: 2 });
    expect(evaluation.budgets[0]).toMatchObject({ items: 1, share: '50%', status: 'ok' });
  });

  it('counts items, not points, with unit: issues', () => {
    const issues = policy({ work: { unit: 'issues' }, categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } } } });
    const items = [...sized([8], ['deal'], 1), ...sized([1, 1, 1], ['x'], 2)];
    const [finding] = findingsOf(issues, items, 'over-budget');
    expect(finding?.message).toBe('Deal work is 25% of planned work, above its 10% cap (1 of 4 items)');
  });

  it('shows an "other" budget only when unmatched work is planned', () => {
    expect(evaluate(capped, sized([1], ['deal'], 1), NOW).budgets.map((b) => b.category)).toEqual(['deal', 'strategic']);
  });

  it('reports no shares when nothing is planned', () => {
    const evaluation = evaluate(capped, [], NOW);
    expect(evaluation.budgets.map((b) => [b.share, b.status])).toEqual([
      ['0%', 'ok'],
      ['0%', 'ok'],
    ]);
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.compliant).toBe(true);
  });
});
