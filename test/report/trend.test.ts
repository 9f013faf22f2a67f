import { describe, expect, it } from 'vitest';
import { deliveredTrend } from '../../src/core/trend.js';
import { examplePolicy, workItem } from './fixtures.js';

const closed = (overrides: Parameters<typeof workItem>[0]) => workItem({ state: 'closed', ...overrides });

describe('deliveredTrend', () => {
  const policy = examplePolicy();
  const now = '2026-11-03T09:00:00Z';

  it('lists the last N calendar months up to now, oldest first, even when empty', () => {
    expect(deliveredTrend(policy, [], now, 3).map((p) => p.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(deliveredTrend(policy, [], '2026-02-10T00:00:00Z', 3).map((p) => p.month)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('adds up delivered points by close month and category', () => {
    const items = [
      closed({ number: 1, labels: ['deal', 'customer:globex', 'size/L'], closedAt: '2026-10-02T00:00:00Z' }),
      closed({ number: 2, labels: ['roadmap', 'size/M'], closedAt: '2026-10-31T23:59:59Z' }),
      closed({ number: 3, labels: ['roadmap', 'size/S'], closedAt: '2026-11-01T00:00:00Z' }),
      closed({ number: 4, labels: ['size/S'], closedAt: '2026-09-15T00:00:00Z' }),
    ];
    expect(deliveredTrend(policy, items, now, 3)).toEqual([
      { month: '2026-09', deliveredPoints: 1, byCategory: { other: 1 } },
      { month: '2026-10', deliveredPoints: 11, byCategory: { deal: 8, strategic: 3 } },
      { month: '2026-11', deliveredPoints: 1, byCategory: { strategic: 1 } },
    ]);
  });

  it('leaves out open items, excluded labels and months outside the window', () => {
    const items = [
      workItem({ number: 1, labels: ['deal', 'size/L'] }),
      closed({ number: 2, labels: ['bug', 'size/L'], closedAt: '2026-10-02T00:00:00Z' }),
      closed({ number: 3, labels: ['size/L'], closedAt: '2026-07-31T00:00:00Z' }),
      closed({ number: 4, labels: ['size/L'], closedAt: '2026-12-01T00:00:00Z' }),
    ];
    expect(deliveredTrend(policy, items, now, 3).every((p) => p.deliveredPoints === 0)).toBe(true);
  });

  it('counts issues, not points, when the policy says so', () => {
    const byIssue = examplePolicy({ work: { unit: 'issues' } });
    const items = [closed({ number: 1, labels: ['deal', 'size/L'], closedAt: '2026-11-02T00:00:00Z' })];
    expect(deliveredTrend(byIssue, items, now, 1)).toEqual([{ month: '2026-11', deliveredPoints: 1, byCategory: { deal: 1 } }]);
  });

  it('gives no months for 0', () => {
    expect(deliveredTrend(policy, [], now, 0)).toEqual([]);
  });

  it('does not count work closed as not planned or as a duplicate as delivered', () => {
    const items = [
      closed({ number: 1, labels: ['roadmap', 'size/L'], closedAt: '2026-10-02T00:00:00Z', closedAs: 'not-planned' }),
      closed({ number: 2, labels: ['roadmap', 'size/L'], closedAt: '2026-10-03T00:00:00Z', closedAs: 'duplicate' }),
      closed({ number: 3, labels: ['roadmap', 'size/S'], closedAt: '2026-10-04T00:00:00Z', closedAs: 'completed' }),
    ];
    expect(deliveredTrend(policy, items, now, 1)).toEqual([{ month: '2026-11', deliveredPoints: 0, byCategory: {} }]);
    expect(deliveredTrend(policy, items, now, 2)[0]).toEqual({ month: '2026-10', deliveredPoints: 1, byCategory: { strategic: 1 } });
  });

  it('files a close time with an offset under its UTC month', () => {
    const items = [closed({ number: 1, labels: ['roadmap', 'size/S'], closedAt: '2026-10-31T22:00:00-05:00' })];
    expect(deliveredTrend(policy, items, now, 2).map((p) => p.deliveredPoints)).toEqual([0, 1]);
  });
});
