/**
 * Roadmap execution: for each finished cycle (a closed milestone with a due
 * date), what was committed at its start, what was added mid-cycle (and how
 * much of that was customer work), what was delivered on time or late,
 * carried over or dropped, and the say/do ratio. Pure: it replays each item's
 * milestone and closing history (`WorkItem.timeline`); the caller reads it.
 *
 * - A cycle starts when the milestone due before it ends; the first milestone
 *   starts at its first item's assignment (or its creation, with none).
 * - A cycle ends with the UTC day of its due date: work closed that day is on time.
 * - Committed: open and in the milestone when the cycle starts. Added: put in
 *   it (open) after the start and before the end.
 * - On time: closed as completed in the milestone by the end. Late: still open
 *   in it at the end, closed as completed in it afterwards. Carried over: open
 *   at the end, in it or moved to another milestone. Dropped: closed as not
 *   planned (or duplicate) in it, or taken out of every milestone.
 * - Say/do: the committed work delivered on time ÷ the committed work; work
 *   added mid-cycle never raises it.
 */
import type { Policy } from './policy.js';
import type { Milestone, TimelineEvent, WorkItem } from './types.js';
import { classify, isExcluded } from './classify.js';
import { isBet, outcomeOf } from './outcomes.js';
import { DAY_MS } from './rules/context.js';
import { windowStart } from './trend.js';

/** The longest window the policy allows (`execution.months`); a snapshot holds the cycles of all of it. */
export const MAX_EXECUTION_MONTHS = 24;

export type CycleResult = 'on-time' | 'late' | 'carried-over' | 'dropped';

/** Items and points (items again with `work.unit: issues`). */
export interface Tally {
  items: number;
  points: number;
}

export interface CycleItem {
  number: number;
  title: string;
  url: string;
  /** In the cycle at its start (else added mid-cycle). */
  committed: boolean;
  /** In a category that carries a customer budget. */
  customer: boolean;
  size: number;
  result: CycleResult;
}

export interface BetTally {
  delivered: number;
  hit: number;
  missed: number;
  walkedAway: number;
  neverReviewed: number;
}

export interface CycleExecution {
  title: string;
  /** ISO 8601 moments: the start, and the end (exclusive: the day after the due date, 00:00 UTC). */
  start: string;
  end: string;
  /** How the start was found. */
  startFrom: 'previous-milestone' | 'first-item' | 'milestone-created';
  committed: Tally;
  added: Tally;
  /** Added mid-cycle and customer-driven. */
  addedCustomer: Tally;
  onTime: Tally;
  late: Tally;
  carriedOver: Tally;
  dropped: Tally;
  /** Committed work delivered on time. */
  committedOnTime: Tally;
  /** Fractions; undefined when nothing was committed. */
  sayDo?: { items: number; points: number };
  /** Customer work added mid-cycle and delivered on time, as a fraction of the points delivered on time; undefined with nothing delivered. */
  customerAddedShare?: number;
  /** Bets delivered in the cycle (on time or late) and their outcomes. */
  bets: BetTally;
  items: CycleItem[];
}

export interface ExecutionReport {
  /** The first day of the window, ISO 8601. */
  since: string;
  months: number;
  /** Finished cycles in the window, oldest first. */
  cycles: CycleExecution[];
  /** Items whose history was cut short (more events than one read gives): their cycle numbers may be off. */
  partialHistories: number[];
}

export interface ExecutionOptions {
  policy: Policy;
  milestones: Milestone[];
  /** Items of the cycles, with their `timeline`; items without one count by their current milestone and state. */
  items: WorkItem[];
  now: Date | string;
  /** Categories whose work is customer-driven. */
  customerCategories: string[];
  partialHistories?: number[];
}

/** The execution report over the policy's window, or undefined when the policy turns it off. */
export function roadmapExecution(options: ExecutionOptions): ExecutionReport | undefined {
  const { policy } = options;
  if (policy.execution.cycles === 'off') return undefined;
  const since = Date.parse(windowStart(options.now, policy.execution.months));
  const cycles = cyclesInWindow(options.milestones, since, new Date(options.now).getTime());
  const histories = options.items.filter((item) => !isExcluded(policy, item)).map((item) => ({ item, events: historyOf(item) }));
  return {
    since: new Date(since).toISOString(),
    months: policy.execution.months,
    cycles: cycles.map((cycle) => cycleExecution(cycle, histories, options)),
    partialHistories: options.partialHistories ?? [],
  };
}

interface CycleBounds {
  title: string;
  start: number;
  end: number;
  startFrom: CycleExecution['startFrom'];
  createdAt: number;
}

/** The end of a due date's UTC day: the cycle's exclusive end. */
export function cycleEnd(dueOn: string): number {
  const due = new Date(dueOn);
  return Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate() + 1);
}

/** Closed milestones with a due date in the window (and not after now), oldest first, each starting where the one due before it ends. */
export function cyclesInWindow(milestones: Milestone[], since: number, now: number): CycleBounds[] {
  const dated = milestones
    .filter((milestone) => milestone.dueOn !== null && Number.isFinite(Date.parse(milestone.dueOn)))
    .map((milestone) => ({ milestone, end: cycleEnd(milestone.dueOn!) }))
    .sort((a, b) => a.end - b.end || a.milestone.title.localeCompare(b.milestone.title));
  return dated.flatMap(({ milestone, end }, index) => {
    if (milestone.state !== 'closed' || Date.parse(milestone.dueOn!) < since || Date.parse(milestone.dueOn!) > now) return [];
    const previous = dated.slice(0, index).reverse().find((candidate) => candidate.end < end);
    return [
      {
        title: milestone.title,
        start: previous?.end ?? Number.NaN,
        end,
        startFrom: previous ? 'previous-milestone' : 'first-item',
        createdAt: Date.parse(milestone.createdAt),
      } satisfies CycleBounds,
    ];
  });
}

interface TimedEvent extends TimelineEvent {
  time: number;
}

interface History {
  item: WorkItem;
  events: TimedEvent[];
}

/** The item's events, oldest first; without a timeline, what its current milestone and state imply. */
function historyOf(item: WorkItem): TimedEvent[] {
  const events: TimelineEvent[] = item.timeline ?? [
    ...(item.milestone ? [{ at: item.createdAt, event: 'milestoned' as const, milestone: item.milestone }] : []),
    ...(item.state === 'closed' && item.closedAt ? [{ at: item.closedAt, event: 'closed' as const, ...(item.closedAs ? { closedAs: item.closedAs } : {}) }] : []),
  ];
  return events
    .map((event, index) => ({ ...event, time: Date.parse(event.at), index }))
    .filter((event) => Number.isFinite(event.time))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ index: _index, ...event }) => event);
}

interface ItemState {
  milestone: string | null;
  open: boolean;
  /** The milestone the item was in when it was last closed, and why. */
  closedIn: string | null;
  closedAs?: TimelineEvent['closedAs'];
}

const START: ItemState = { milestone: null, open: true, closedIn: null };

function apply(state: ItemState, event: TimelineEvent): ItemState {
  switch (event.event) {
    case 'milestoned':
      return { ...state, milestone: event.milestone ?? null };
    case 'demilestoned':
      // Moving between milestones records both events at the same second, in either order: only the one it is in is cleared.
      return state.milestone === event.milestone ? { ...state, milestone: null } : state;
    case 'closed':
      return { ...state, open: false, closedIn: state.milestone, ...(event.closedAs ? { closedAs: event.closedAs } : { closedAs: undefined }) };
    case 'reopened':
      return { ...state, open: true };
  }
}

function stateBefore(events: TimedEvent[], time: number): ItemState {
  return events.filter((event) => event.time < time).reduce(apply, START);
}

/** The states after each moment in [from, to) at which something happened, events of one moment applied together. */
function statesBetween(events: TimedEvent[], from: number, to: number): ItemState[] {
  let state = stateBefore(events, from);
  const states: ItemState[] = [];
  const moments = [...new Set(events.filter((event) => event.time >= from && event.time < to).map((event) => event.time))];
  for (const moment of moments) {
    state = events.filter((event) => event.time === moment).reduce(apply, state);
    states.push(state);
  }
  return states;
}

const inCycle = (state: ItemState, title: string) => state.open && state.milestone === title;

/** How an item that was in the cycle left it. */
function resultOf(events: TimedEvent[], title: string, end: number): CycleResult {
  const atEnd = stateBefore(events, end);
  if (!atEnd.open) {
    if (atEnd.closedIn === title) return atEnd.closedAs === undefined || atEnd.closedAs === 'completed' ? 'on-time' : 'dropped';
    return atEnd.closedIn === null ? 'dropped' : 'carried-over';
  }
  if (atEnd.milestone !== title) return atEnd.milestone === null ? 'dropped' : 'carried-over';
  for (const state of statesBetween(events, end, Number.POSITIVE_INFINITY)) {
    if (!state.open) return state.closedIn === title && (state.closedAs === undefined || state.closedAs === 'completed') ? 'late' : 'dropped';
    if (state.milestone === null) return 'dropped';
    if (state.milestone !== title) return 'carried-over';
  }
  return 'carried-over';
}

function startOf(cycle: CycleBounds, histories: History[]): { start: number; startFrom: CycleExecution['startFrom'] } {
  if (Number.isFinite(cycle.start)) return { start: cycle.start, startFrom: cycle.startFrom };
  const assigned = histories.flatMap((history) => history.events.filter((event) => event.event === 'milestoned' && event.milestone === cycle.title).map((event) => event.time));
  if (assigned.length > 0) return { start: Math.min(...assigned), startFrom: 'first-item' };
  return { start: Number.isFinite(cycle.createdAt) ? cycle.createdAt : cycle.end - DAY_MS, startFrom: 'milestone-created' };
}

function cycleExecution(cycle: CycleBounds, histories: History[], options: ExecutionOptions): CycleExecution {
  const { policy } = options;
  const { start, startFrom } = startOf(cycle, histories);
  const items = histories.flatMap(({ item, events }): CycleItem[] => {
    // The first item's assignment is the start itself: it counts as committed.
    const committed = startFrom === 'first-item' ? inCycle(stateBefore(events, start + 1), cycle.title) : inCycle(stateBefore(events, start), cycle.title);
    const added = !committed && statesBetween(events, start, cycle.end).some((state) => inCycle(state, cycle.title));
    if (!committed && !added) return [];
    const { category, size } = classify(policy, item);
    return [
      {
        number: item.number,
        title: item.title,
        url: item.url,
        committed,
        customer: options.customerCategories.includes(category),
        size: policy.work.unit === 'issues' ? 1 : size,
        result: resultOf(events, cycle.title, cycle.end),
      },
    ];
  });
  const tally = (keep: (item: CycleItem) => boolean): Tally => {
    const kept = items.filter(keep);
    return { items: kept.length, points: kept.reduce((sum, item) => sum + item.size, 0) };
  };
  const committed = tally((item) => item.committed);
  const committedOnTime = tally((item) => item.committed && item.result === 'on-time');
  const onTime = tally((item) => item.result === 'on-time');
  const addedCustomerOnTime = tally((item) => !item.committed && item.customer && item.result === 'on-time');
  return {
    title: cycle.title,
    start: new Date(start).toISOString(),
    end: new Date(cycle.end).toISOString(),
    startFrom,
    committed,
    added: tally((item) => !item.committed),
    addedCustomer: tally((item) => !item.committed && item.customer),
    onTime,
    late: tally((item) => item.result === 'late'),
    carriedOver: tally((item) => item.result === 'carried-over'),
    dropped: tally((item) => item.result === 'dropped'),
    committedOnTime,
    ...(committed.items > 0 ? { sayDo: { items: committedOnTime.items / committed.items, points: fraction(committedOnTime.points, committed.points) } } : {}),
    ...(onTime.points > 0 ? { customerAddedShare: addedCustomerOnTime.points / onTime.points } : {}),
    bets: betTally(policy, items, histories),
    items,
  };
}

function fraction(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function betTally(policy: Policy, items: CycleItem[], histories: History[]): BetTally {
  const byNumber = new Map(histories.map((history) => [history.item.number, history.item]));
  const delivered = items.filter((item) => item.result === 'on-time' || item.result === 'late').map((item) => byNumber.get(item.number)!);
  const outcomes = delivered.filter((item) => isBet(policy, item)).map((item) => outcomeOf(policy, item));
  const count = (name: string | undefined) => outcomes.filter((outcome) => outcome === name).length;
  return { delivered: outcomes.length, hit: count('hit'), missed: count('missed'), walkedAway: count('walked-away'), neverReviewed: count(undefined) };
}
