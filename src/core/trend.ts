/**
 * The trend a lead reads to see whether the roadmap is escaping the feature
 * factory: points delivered (closed) per calendar month, by category. Pure:
 * the caller passes `now` and the items, closed ones included.
 */
import type { Policy } from './policy.js';
import { classify, isExcluded } from './classify.js';
import type { TrendPoint, WorkItem } from './types.js';

/** The last `months` calendar months (UTC) up to and including the month of `now`, oldest first. */
export function deliveredTrend(policy: Policy, items: WorkItem[], now: Date | string, months: number): TrendPoint[] {
  const keys = monthKeys(new Date(now), months);
  const points = new Map<string, TrendPoint>(keys.map((month) => [month, { month, deliveredPoints: 0, byCategory: categoryTotals() }]));
  for (const item of items) {
    if (!wasDelivered(item) || isExcluded(policy, item)) continue;
    const month = utcMonth(item.closedAt!);
    const point = month === undefined ? undefined : points.get(month);
    if (!point) continue;
    const { category, size } = classify(policy, item);
    point.deliveredPoints += size;
    point.byCategory[category] = (point.byCategory[category] ?? 0) + size;
  }
  return keys.map((month) => points.get(month)!);
}

/** The first day (UTC) of the oldest of the last `months` calendar months up to `now`: closed work updated since then is what the trend and the bets' outcomes read. */
export function windowStart(now: Date | string, months: number): string {
  const at = new Date(now);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - (Math.max(1, Math.floor(months)) - 1), 1)).toISOString();
}

/** Keyed by category names the policy chose: no prototype, so a category named `constructor` starts at 0 like any other. */
function categoryTotals(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

function monthKeys(now: Date, months: number): string[] {
  const keys: string[] = [];
  for (let back = Math.max(0, Math.floor(months)) - 1; back >= 0; back -= 1) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    keys.push(month.toISOString().slice(0, 7));
  }
  return keys;
}

/** Closed, and not as "not planned" or a duplicate: that work was never delivered. */
function wasDelivered(item: WorkItem): boolean {
  return item.state === 'closed' && !!item.closedAt && (item.closedAs === undefined || item.closedAs === 'completed');
}

/** "2026-07" for any ISO 8601 moment, offsets included. */
function utcMonth(moment: string): string | undefined {
  const time = Date.parse(moment);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 7);
}
