/**
 * A repository with three finished cycles (milestones Sprint 1–3) and the
 * next one open, for the execution report: items committed before the start
 * and added after it, closed on time, on the due date, late, as not planned,
 * as a duplicate, reopened, moved to the next milestone, and deal work added
 * mid-cycle. EXPECTED is the hand count; the
 * engine, the action and `simulate` must all give exactly it.
 */
import type { Milestone, Snapshot, TimelineEvent, WorkItem } from '../src/core/types.js';
import { workItem } from './fixtures.js';

/** Audits run at this moment: every sprint but the fourth is over. */
export const EXECUTION_NOW = '2026-11-20T12:00:00Z';

export const EXECUTION_MILESTONES: Milestone[] = [
  { title: 'Sprint 1', state: 'closed', dueOn: '2026-07-31T07:00:00Z', closedAt: '2026-08-01T09:00:00Z', createdAt: '2026-06-20T09:00:00Z' },
  { title: 'Sprint 2', state: 'closed', dueOn: '2026-08-31T07:00:00Z', closedAt: '2026-09-01T09:00:00Z', createdAt: '2026-06-20T09:00:00Z' },
  { title: 'Sprint 3', state: 'closed', dueOn: '2026-09-30T07:00:00Z', closedAt: '2026-10-01T09:00:00Z', createdAt: '2026-06-20T09:00:00Z' },
  { title: 'Sprint 4', state: 'open', dueOn: '2026-11-30T08:00:00Z', closedAt: null, createdAt: '2026-06-20T09:00:00Z' },
];

const into = (milestone: string, at: string): TimelineEvent => ({ at, event: 'milestoned', milestone });
const outOf = (milestone: string, at: string): TimelineEvent => ({ at, event: 'demilestoned', milestone });
const closed = (at: string, closedAs: TimelineEvent['closedAs'] = 'completed'): TimelineEvent => ({ at, event: 'closed', closedAs });
const reopened = (at: string): TimelineEvent => ({ at, event: 'reopened' });
/** Moving an issue to another milestone records both events at the same second. */
const moved = (from: string, to: string, at: string): TimelineEvent[] => [outOf(from, at), into(to, at)];

interface FixtureItem {
  number: number;
  title: string;
  labels: string[];
  timeline: TimelineEvent[];
}

const S1 = 'Sprint 1';
const S2 = 'Sprint 2';
const S3 = 'Sprint 3';
const S4 = 'Sprint 4';
const FIRST = '2026-07-01T09:00:00Z';

const ITEMS: FixtureItem[] = [
  // Sprint 1 starts with its first assignment (no milestone is due before it).
  { number: 1, title: 'Saved views', labels: ['roadmap', 'size/M'], timeline: [into(S1, FIRST), closed('2026-07-20T10:00:00Z')] },
  { number: 2, title: 'Query builder', labels: ['roadmap', 'size/L'], timeline: [into(S1, FIRST), closed('2026-08-05T10:00:00Z')] },
  { number: 3, title: 'Theme editor', labels: ['roadmap', 'size/S'], timeline: [into(S1, FIRST), closed('2026-07-15T10:00:00Z', 'not-planned')] },
  { number: 4, title: 'Acme: SSO audit export', labels: ['deal', 'customer:acme', 'size/M', 'roadmap: outcome hit'], timeline: [into(S1, '2026-07-10T10:00:00Z'), closed('2026-07-25T10:00:00Z')] },
  { number: 5, title: 'Bulk edit', labels: ['roadmap', 'size/M'], timeline: [into(S1, FIRST), ...moved(S1, S2, '2026-07-31T16:00:00Z'), closed('2026-08-20T10:00:00Z')] },
  // Sprint 2 starts when Sprint 1 ends: 2026-08-01 00:00 UTC.
  { number: 6, title: 'Alert rules', labels: ['roadmap', 'size/L'], timeline: [into(S2, '2026-07-25T10:00:00Z'), closed('2026-08-31T18:00:00Z')] },
  { number: 7, title: 'Globex: report footer', labels: ['deal', 'customer:globex', 'size/S'], timeline: [into(S2, '2026-08-10T10:00:00Z'), closed('2026-08-28T10:00:00Z')] },
  { number: 8, title: 'Initech: custom export', labels: ['deal', 'customer:initech', 'size/M'], timeline: [into(S2, '2026-08-12T10:00:00Z'), closed('2026-09-06T10:00:00Z', 'not-planned')] },
  { number: 9, title: 'Audit log', labels: ['roadmap', 'size/M'], timeline: [into(S2, '2026-07-28T10:00:00Z'), ...moved(S2, S3, '2026-08-15T10:00:00Z'), closed('2026-09-20T10:00:00Z')] },
  // Sprint 3 starts 2026-09-01 00:00 UTC and ends with 2026-09-30.
  { number: 10, title: 'Usage charts', labels: ['roadmap', 'size/M'], timeline: [into(S3, '2026-08-30T10:00:00Z'), closed('2026-09-30T23:30:00Z')] },
  { number: 11, title: 'Dashboard folders', labels: ['roadmap', 'size/S'], timeline: [into(S3, '2026-08-30T10:00:00Z'), closed('2026-09-10T10:00:00Z'), reopened('2026-09-12T10:00:00Z'), closed('2026-10-03T10:00:00Z')] },
  { number: 12, title: 'Fix: chart tooltip', labels: ['bug'], timeline: [into(S3, '2026-08-30T10:00:00Z'), closed('2026-09-04T10:00:00Z')] },
  { number: 13, title: 'Export to PDF', labels: ['roadmap', 'size/S'], timeline: [into(S3, '2026-08-30T10:00:00Z'), closed('2026-09-05T10:00:00Z', 'duplicate')] },
  { number: 14, title: 'Retention policies', labels: ['roadmap', 'size/M'], timeline: [into(S3, '2026-09-15T10:00:00Z'), ...moved(S3, S4, '2026-10-02T10:00:00Z')] },
  { number: 15, title: 'Keyboard shortcuts', labels: ['roadmap', 'size/S'], timeline: [into(S3, '2026-08-29T10:00:00Z'), closed('2026-08-31T10:00:00Z')] },
];

/** Where each item stands now, as its timeline leaves it. */
function current(timeline: TimelineEvent[]): Pick<WorkItem, 'state' | 'closedAt' | 'closedAs' | 'milestone' | 'updatedAt'> {
  let milestone: string | null = null;
  let state: WorkItem['state'] = 'open';
  let closedAt: string | null = null;
  let closedAs: WorkItem['closedAs'];
  for (const event of timeline) {
    if (event.event === 'milestoned') milestone = event.milestone ?? null;
    if (event.event === 'demilestoned' && milestone === event.milestone) milestone = null;
    if (event.event === 'closed') [state, closedAt, closedAs] = ['closed', event.at, event.closedAs];
    if (event.event === 'reopened') [state, closedAt, closedAs] = ['open', null, undefined];
  }
  return { state, closedAt, ...(closedAs ? { closedAs } : {}), milestone, updatedAt: timeline.at(-1)!.at };
}

/** The fixture's issues as work items with their timelines. */
export function executionItems(repo = 'acme/app'): WorkItem[] {
  return ITEMS.map((item) =>
    workItem({
      number: item.number,
      title: item.title,
      url: `https://github.com/${repo}/issues/${item.number}`,
      labels: item.labels,
      createdAt: '2026-06-25T10:00:00Z',
      timeline: item.timeline,
      ...current(item.timeline),
    }),
  );
}

export function executionSnapshot(): Snapshot {
  return { version: 1, source: { kind: 'repository', name: 'acme/app' }, takenAt: EXECUTION_NOW, items: executionItems(), milestones: EXECUTION_MILESTONES };
}

/** The hand count: [items, points] per figure, sizes S 1, M 3, L 8 (the example policy). */
export const EXPECTED = {
  'Sprint 1': {
    committed: [4, 15], added: [1, 3], addedCustomer: [1, 3], onTime: [2, 6], late: [1, 8], carriedOver: [1, 3], dropped: [1, 1],
    committedOnTime: [1, 3], sayDo: { items: 1 / 4, points: 3 / 15 }, customerAddedShare: 3 / 6,
    bets: { delivered: 1, hit: 1, missed: 0, walkedAway: 0, neverReviewed: 0 },
  },
  'Sprint 2': {
    committed: [3, 14], added: [2, 4], addedCustomer: [2, 4], onTime: [3, 12], late: [0, 0], carriedOver: [1, 3], dropped: [1, 3],
    committedOnTime: [2, 11], sayDo: { items: 2 / 3, points: 11 / 14 }, customerAddedShare: 1 / 12,
    bets: { delivered: 1, hit: 0, missed: 0, walkedAway: 0, neverReviewed: 1 },
  },
  'Sprint 3': {
    committed: [4, 8], added: [1, 3], addedCustomer: [0, 0], onTime: [2, 6], late: [1, 1], carriedOver: [1, 3], dropped: [1, 1],
    committedOnTime: [2, 6], sayDo: { items: 2 / 4, points: 6 / 8 }, customerAddedShare: 0,
    bets: { delivered: 0, hit: 0, missed: 0, walkedAway: 0, neverReviewed: 0 },
  },
} as const;
