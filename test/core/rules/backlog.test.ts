import { describe, expect, it } from 'vitest';
import { policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const backlog = policy({ backlog: { 'max-age-days': 365 } });
const NOW = '2026-11-03T09:00:00Z';

describe('backlog', () => {
  it('flags an open item not updated for longer than max-age-days', () => {
    const [finding] = findingsOf(backlog, [workItem({ updatedAt: '2025-08-04T10:00:00Z' })], 'stale-backlog', NOW);
    expect(finding).toMatchObject({
      severity: 'warn',
      message: 'Not updated for 455 days (the backlog limit is 365)',
      fix: 'Close it as not planned, or update it with why it still matters',
    });
  });

  it('leaves items updated within the limit, and closed items, alone', () => {
    const items = [
      workItem({ number: 1, updatedAt: '2025-11-03T09:00:00Z' }),
      workItem({ number: 2, state: 'closed', updatedAt: '2020-01-01T00:00:00Z' }),
    ];
    expect(findingsOf(backlog, items, 'stale-backlog', NOW)).toEqual([]);
  });

  it('leaves out work that exclude-labels keeps off the roadmap, as forbidden-label does', () => {
    const scoped = policy({ backlog: { 'max-age-days': 365 }, work: { 'exclude-labels': ['bug'] } });
    const items = [workItem({ number: 1, labels: ['bug'], updatedAt: '2020-01-01T00:00:00Z' }), workItem({ number: 2, updatedAt: '2020-01-01T00:00:00Z' })];
    expect(findingsOf(scoped, items, 'stale-backlog', NOW).map((f) => f.item?.number)).toEqual([2]);
  });

  it("measures from a person's last touch, so the bot's own comment does not reset the clock", () => {
    const touchedByBotOnly = workItem({ updatedAt: '2026-11-02T09:00:00Z', activityAt: '2025-08-04T10:00:00Z' });
    expect(findingsOf(backlog, [touchedByBotOnly], 'stale-backlog', NOW)).toHaveLength(1);
  });
});
