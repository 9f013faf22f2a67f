/**
 * Bets and how they turned out. A bet is an item in a `bets.applies-to`
 * category; its outcome is the label `/roadmap outcome` puts on it (hit,
 * missed, walked away). Pure: the figure a product lead takes to the
 * executive team — "of the 12 customer commitments we delivered this year,
 * 3 hit their metric" — and the `outcome-missing` finding for bets nobody
 * has judged in time.
 */
import type { Policy } from './policy.js';
import { classify, fieldTexts, isExcluded } from './classify.js';
import { parseFormDate } from './rules/business-case.js';
import { DAY_MS, type DraftFinding } from './rules/context.js';
import { windowStart } from './trend.js';
import type { WorkItem } from './types.js';

/** How a bet turned out, as `/roadmap outcome` records it: each has its label (enforcement.labels). */
export const OUTCOMES = ['hit', 'missed', 'walked-away'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface BetOutcomes {
  /** The first day of the window, ISO 8601. */
  since: string;
  months: number;
  /** Bets closed in the window: delivered (completed), or closed with an outcome recorded. */
  bets: number;
  recorded: number;
  hit: number;
  missed: number;
  walkedAway: number;
  /** Bets closed in the window with no outcome recorded. */
  neverReviewed: number[];
}

/** The outcome an item carries, by the labels the policy names for them. */
export function outcomeOf(policy: Policy, item: WorkItem): Outcome | undefined {
  const labels = item.labels.map((label) => label.trim().toLowerCase());
  return OUTCOMES.find((name) => labels.includes(policy.enforcement.labels.outcome[name].trim().toLowerCase()));
}

/** Work `work.exclude-labels` leaves off the roadmap is never a bet, whatever its category. */
export function isBet(policy: Policy, item: WorkItem): boolean {
  return policy.bets.appliesTo.includes(classify(policy, item).category) && !isExcluded(policy, item);
}

/** Bets closed over the last `months` calendar months (UTC) up to `now`, and how they turned out. */
export function betOutcomes(policy: Policy, items: WorkItem[], now: Date | string, months: number): BetOutcomes {
  const at = new Date(now);
  const since = windowStart(at, months);
  const closed = uniqueClosed(items).filter((item) => {
    const closedAt = Date.parse(item.closedAt ?? '');
    return closedAt >= Date.parse(since) && closedAt <= at.getTime() && isBet(policy, item) && (item.closedAs !== 'duplicate') && (item.closedAs !== 'not-planned' || outcomeOf(policy, item) !== undefined);
  });
  const outcomes = closed.map((item) => outcomeOf(policy, item));
  const count = (name: Outcome) => outcomes.filter((outcome) => outcome === name).length;
  return {
    since,
    months,
    bets: closed.length,
    recorded: outcomes.filter(Boolean).length,
    hit: count('hit'),
    missed: count('missed'),
    walkedAway: count('walked-away'),
    neverReviewed: closed.filter((_, index) => outcomes[index] === undefined).map((item) => item.number),
  };
}

/**
 * `outcome-missing`: a bet closed as completed, or past its review date,
 * more than `bets.outcome-due-days` ago, with no outcome recorded.
 */
export function outcomeMissingRule(policy: Policy, items: WorkItem[], now: number): DraftFinding[] {
  const dueDays = policy.bets.outcomeDueDays;
  if (dueDays === undefined) return [];
  return uniqueByNumber(items).flatMap((item): DraftFinding[] => {
    if (!isBet(policy, item) || outcomeOf(policy, item) !== undefined) return [];
    const start = judgedFrom(policy, item);
    if (start === undefined || now - start.at <= dueDays * DAY_MS) return [];
    const { category, customer } = classify(policy, item);
    return [
      {
        kind: 'outcome-missing',
        item: { number: item.number, title: item.title, url: item.url },
        category,
        ...(customer === null ? {} : { customer }),
        message: `No outcome recorded ${Math.floor((now - start.at) / DAY_MS)} days after ${start.what} (due within ${dueDays})`,
        fix: 'Say how the bet turned out: comment `/roadmap outcome hit|missed|walked-away <evidence>`',
      },
    ];
  });
}

/** Since when an outcome is expected: the bet's delivery, or its review date while it is open. */
function judgedFrom(policy: Policy, item: WorkItem): { at: number; what: string } | undefined {
  if (item.state === 'closed') {
    const closedAt = Date.parse(item.closedAt ?? '');
    return item.closedAs !== 'not-planned' && item.closedAs !== 'duplicate' && Number.isFinite(closedAt) ? { at: closedAt, what: 'it was delivered' } : undefined;
  }
  const field = policy.bets.reviewField;
  const reviewBy = field ? fieldTexts(item, field).map(parseFormDate).find((date) => date !== undefined) : undefined;
  return reviewBy === undefined ? undefined : { at: reviewBy, what: 'its review date' };
}

function uniqueClosed(items: WorkItem[]): WorkItem[] {
  return uniqueByNumber(items).filter((item) => item.state === 'closed');
}

function uniqueByNumber(items: WorkItem[]): WorkItem[] {
  return [...new Map(items.map((item) => [item.number, item])).values()].sort((a, b) => a.number - b.number);
}
