import { describe, expect, it } from 'vitest';
import { policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const bets = policy({ bets: { 'review-field': 'Review by' } });

describe('bets', () => {
  it('flags an open item past its review date, with the days since', () => {
    const [finding] = findingsOf(bets, [workItem({ form: { 'Review by': '2026-10-15' } })], 'bet-overdue', '2026-11-03T09:00:00Z');
    expect(finding).toMatchObject({
      severity: 'warn',
      field: 'Review by',
      message: 'Review date 2026-10-15 passed 19 days ago',
      fix: 'Decide whether to keep betting or walk away: set a new **Review by** date, or close the issue',
    });
  });

  it('leaves out work that exclude-labels keeps off the roadmap', () => {
    const scoped = policy({ bets: { 'review-field': 'Review by' }, work: { 'exclude-labels': ['chore'] } });
    const items = [workItem({ number: 1, labels: ['chore'], form: { 'Review by': '2026-10-15' } }), workItem({ number: 2, form: { 'Review by': '2026-10-15' } })];
    expect(findingsOf(scoped, items, 'bet-overdue', '2026-11-03T09:00:00Z').map((f) => f.item?.number)).toEqual([2]);
  });

  it('is not overdue on the review day itself', () => {
    expect(findingsOf(bets, [workItem({ form: { 'Review by': '2026-11-03' } })], 'bet-overdue', '2026-11-03T23:59:00Z')).toEqual([]);
    expect(findingsOf(bets, [workItem({ form: { 'Review by': '2026-11-02' } })], 'bet-overdue', '2026-11-03T00:00:00Z')).toHaveLength(1);
  });

  it('reads a project date field too', () => {
    const item = workItem({ fields: { 'Review by': { type: 'date', value: '2026-01-01' } } });
    expect(findingsOf(bets, [item], 'bet-overdue')).toHaveLength(1);
  });

  it('ignores closed items, items without a date and answers that are not dates', () => {
    const items = [
      workItem({ number: 1, state: 'closed', form: { 'Review by': '2026-01-01' } }),
      workItem({ number: 2 }),
      workItem({ number: 3, form: { 'Review by': 'next spring' } }),
    ];
    expect(findingsOf(bets, items, 'bet-overdue')).toEqual([]);
  });
});
