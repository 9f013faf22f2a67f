import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { betOutcomes } from '../../src/core/outcomes.js';
import { NOW, businessCase, examplePolicy, workItem } from './fixtures.js';

const policy = examplePolicy({ bets: { 'review-field': 'Review by', 'outcome-due-days': 30 } });
const bet = (number: number, overrides: Parameters<typeof workItem>[0] = {}) =>
  workItem({ number, labels: ['deal', 'customer:acme', 'size/M'], ...businessCase(), ...overrides });
const closed = (number: number, closedAt: string, labels: string[] = [], closedAs: 'completed' | 'not-planned' = 'completed') =>
  bet(number, { state: 'closed', closedAt, closedAs, labels: ['deal', 'size/M', ...labels] });

describe('outcome-missing', () => {
  it('flags a bet delivered more than outcome-due-days ago without an outcome, and an open bet that long past its review date', () => {
    const items = [
      bet(1, { ...businessCase({ 'Review by': '2026-09-01' }) }),
      bet(2, { ...businessCase({ 'Review by': '2026-10-20' }) }),
    ];
    const closedItems = [
      closed(3, '2026-08-01T00:00:00Z'),
      closed(4, '2026-08-01T00:00:00Z', ['roadmap: outcome missed']),
      closed(5, '2026-10-25T00:00:00Z'),
      closed(6, '2026-05-01T00:00:00Z', [], 'not-planned'),
    ];
    const missing = evaluate(policy, items, NOW, closedItems).findings.filter((f) => f.kind === 'outcome-missing');
    expect(missing.map((f) => [f.item?.number, f.severity])).toEqual([
      [1, 'warn'],
      [3, 'warn'],
    ]);
    expect(missing[1]?.message).toBe('No outcome recorded 94 days after it was delivered (due within 30)');
  });

  it('leaves out work that exclude-labels keeps off the roadmap', () => {
    const closedBug = closed(3, '2026-08-01T00:00:00Z', ['bug']);
    expect(evaluate(policy, [], NOW, [closedBug]).findings).toEqual([]);
    expect(betOutcomes(policy, [closedBug], NOW, 12).bets).toBe(0);
  });

  it('is not raised without outcome-due-days', () => {
    expect(evaluate(examplePolicy(), [], NOW, [closed(3, '2025-01-01T00:00:00Z')]).findings).toEqual([]);
  });
});

describe('betOutcomes', () => {
  it('counts bets closed in the window by outcome; a walk-away closed as not planned counts, a plain not-planned does not', () => {
    const items = [
      closed(1, '2026-02-01T00:00:00Z', ['roadmap: outcome hit']),
      closed(2, '2026-03-01T00:00:00Z', ['Roadmap: Outcome Missed']),
      closed(3, '2026-04-01T00:00:00Z', ['roadmap: outcome walked away'], 'not-planned'),
      closed(4, '2026-05-01T00:00:00Z'),
      closed(5, '2026-06-01T00:00:00Z', [], 'not-planned'),
      closed(6, '2025-06-01T00:00:00Z', ['roadmap: outcome hit']),
      workItem({ number: 7, state: 'closed', closedAt: '2026-06-01T00:00:00Z', labels: ['roadmap'] }),
    ];
    expect(betOutcomes(policy, items, NOW, 12)).toEqual({
      since: '2025-12-01T00:00:00.000Z',
      months: 12,
      bets: 4,
      recorded: 3,
      hit: 1,
      missed: 1,
      walkedAway: 1,
      neverReviewed: [4],
    });
  });
});
