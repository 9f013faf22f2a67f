import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { parseSnapshot } from '../../src/snapshot/file.js';
import { dealItem, examplePolicy, NOW, policy, workItem } from './fixtures.js';

describe('evaluate', () => {
  it('fails only the kinds enforcement.fail-on names', () => {
    const strict = examplePolicy({ enforcement: { 'fail-on': ['missing-field'] } });
    const item = dealItem({ labels: ['deal', 'one-off', 'size/S'], form: {} });
    const severities = new Set(evaluate(strict, [item], NOW).findings.map((f) => `${f.kind}:${f.severity}`));
    expect(severities).toContain('missing-field:fail');
    expect(severities).toContain('forbidden-label:warn');
  });

  it('is compliant exactly when no finding fails', () => {
    const relaxed = examplePolicy({ enforcement: { 'fail-on': [] } });
    const evaluation = evaluate(relaxed, [dealItem({ labels: ['deal', 'one-off'] })], NOW);
    expect(evaluation.findings.length).toBeGreaterThan(0);
    expect(evaluation.compliant).toBe(true);
    expect(evaluate(examplePolicy(), [dealItem({ labels: ['deal', 'one-off'] })], NOW).compliant).toBe(false);
  });

  it('lists capacity-wide findings first, then by item number and kind', () => {
    const items = [dealItem({ number: 9, labels: ['deal', 'one-off'], form: {} }), dealItem({ number: 2, form: {} })];
    const order = evaluate(examplePolicy(), items, NOW).findings.map((f) => `${f.item?.number ?? '-'} ${f.kind}`);
    expect(order[0]).toBe('- over-budget');
    const itemOrder = order.filter((o) => !o.startsWith('-'));
    expect(itemOrder).toEqual([...itemOrder].sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0])));
    expect(itemOrder.indexOf('9 missing-field')).toBeLessThan(itemOrder.indexOf('9 forbidden-label'));
  });

  it('keeps business-case findings in the policy’s field order', () => {
    const fields = evaluate(examplePolicy(), [dealItem({ form: {} })], NOW)
      .findings.filter((f) => f.kind === 'missing-field')
      .map((f) => f.field);
    expect(fields).toEqual(['Who will buy it?', 'How will we market it?', 'New customers or expansion?', 'Would we build this without this customer?', 'Success metric', 'Investment cap', 'Review by']);
  });

  it('evaluates one copy of an issue listed twice: the most recently updated', () => {
    const older = workItem({ number: 1, labels: ['one-off'], updatedAt: '2026-10-01T00:00:00Z' });
    const newer = workItem({ number: 1, labels: [], updatedAt: '2026-10-02T00:00:00Z' });
    const forbidden = policy({ 'forbidden-labels': ['one-off'] });
    expect(evaluate(forbidden, [older, newer], NOW).findings).toEqual([]);
    expect(evaluate(forbidden, [newer, older], NOW).findings).toEqual([]);
    expect(evaluate(forbidden, [older, newer], NOW).items).toHaveLength(1);
  });

  it('records the moment evaluated and refuses one that is not a date', () => {
    expect(evaluate(policy(), [], new Date(NOW)).at).toBe('2026-11-03T09:00:00.000Z');
    expect(() => evaluate(policy(), [], 'soon')).toThrow(RangeError);
  });

  it('finds nothing under an empty policy', () => {
    const evaluation = evaluate(policy(), [dealItem({ labels: ['one-off', 'customer:acme'] })], NOW);
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.budgets).toMatchObject([{ category: 'other', share: '100%', status: 'uncapped' }]);
  });
});

describe('the example roadmap', () => {
  const snapshot = parseSnapshot(readFileSync(new URL('../../examples/acme-snapshot.json', import.meta.url), 'utf8'), 'examples/acme-snapshot.json');
  const evaluation = evaluate(examplePolicy(), snapshot.items, snapshot.takenAt);

  it('is about 60 issues with open, closed, planned and excluded work', () => {
    expect(snapshot.items.length).toBeGreaterThanOrEqual(55);
    expect(snapshot.items.filter((i) => i.state === 'closed').length).toBeGreaterThanOrEqual(15);
    expect(evaluation.totalItems).toBe(24);
  });

  it('adds up by hand: 100 planned points, deal 25 (over its 10% cap), strategic 55, other 20', () => {
    expect(evaluation.totalPoints).toBe(100);
    expect(evaluation.budgets.map((b) => [b.category, b.items, b.points, b.share, b.status])).toEqual([
      ['deal', 8, 25, '25%', 'over'],
      ['bet', 0, 0, '0%', 'uncapped'],
      ['strategic', 12, 55, '55%', 'under'],
      ['other', 4, 20, '20%', 'uncapped'],
    ]);
  });

  it('has one customer dominating deal work: acme with 15 of 25 points', () => {
    expect(evaluation.budgets[0]?.customers.map((c) => [c.customer, c.points, c.share, c.over])).toEqual([
      ['acme', 15, '60%', true],
      ['globex', 4, '16%', false],
      ['Hooli', 3, '12%', false],
      ['initech', 3, '12%', false],
    ]);
  });

  it('shows every kind of finding the policy can produce on items, and fails', () => {
    const kinds = new Set(evaluation.findings.map((f) => f.kind));
    for (const kind of ['over-budget', 'customer-over-share', 'under-min-share', 'missing-field', 'invalid-field', 'not-without-customer', 'unchecked-review', 'forbidden-label', 'bet-overdue', 'stale-backlog', 'missing-size']) {
      expect(kinds).toContain(kind);
    }
    expect(evaluation.findings.filter((f) => f.severity === 'fail').map((f) => `${f.kind} ${f.item?.number ?? ''}`)).toEqual([
      'over-budget ',
      'forbidden-label 42',
      'forbidden-label 57',
    ]);
    expect(evaluation.findings.filter((f) => f.exempt).map((f) => f.item?.number)).toEqual([35, 50]);
    expect(evaluation.exemptions).toEqual({ inUse: 2, maxOpen: 2 });
    expect(evaluation.compliant).toBe(false);
  });
});

describe('customers written two ways', () => {
  it('count as one customer, named as their first item spells it', () => {
    const example = examplePolicy();
    const items = [
      workItem({ number: 1, labels: ['deal', 'customer:acme', 'size/L'] }),
      workItem({ number: 2, labels: ['deal', 'size/L'], form: { Customer: 'ACME ' } }),
      workItem({ number: 3, labels: ['deal', 'customer:globex', 'size/S'] }),
    ];
    const deal = evaluate(example, items, NOW).budgets.find((b) => b.category === 'deal')!;
    expect(deal.customers.map((c) => [c.customer, c.points])).toEqual([
      ['acme', 16],
      ['globex', 1],
    ]);
  });
});
