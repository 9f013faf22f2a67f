/** What every rule reads, and what it returns before severity is decided. */
import type { Policy } from '../policy.js';
import type { Finding, ItemAssessment, WorkItem } from '../types.js';

export interface AssessedItem {
  item: WorkItem;
  assessment: ItemAssessment;
}

export interface RuleContext {
  policy: Policy;
  /** The moment evaluated, in milliseconds since the epoch. */
  now: number;
  /** Every item, sorted by number. */
  items: AssessedItem[];
}

/** A finding before `evaluate` decides its severity and exemption. */
export type DraftFinding = Omit<Finding, 'severity' | 'exempt'>;

function itemRef(item: WorkItem): NonNullable<Finding['item']> {
  return { number: item.number, title: item.title, url: item.url };
}

/** The fields every finding about one item carries. */
export function aboutItem({ item, assessment }: AssessedItem): Pick<DraftFinding, 'item' | 'category' | 'customer'> {
  return {
    item: itemRef(item),
    category: assessment.category,
    ...(assessment.customer === null ? {} : { customer: assessment.customer }),
  };
}

export const DAY_MS = 86_400_000;

/** Timestamps already parsed: a sort compares each item about log2(N) times. Bounded, since dates come from payloads. */
const parsedTimes = new Map<string, number>();

function timeOf(timestamp: string): number {
  let time = parsedTimes.get(timestamp);
  if (time === undefined) {
    time = Date.parse(timestamp);
    if (parsedTimes.size >= 50_000) parsedTimes.clear();
    parsedTimes.set(timestamp, time);
  }
  return time;
}

/** Newest first, by creation, then by number: the order readers scan contributors in. */
export function newestFirst(a: WorkItem, b: WorkItem): number {
  const byCreation = timeOf(b.createdAt) - timeOf(a.createdAt);
  return Number.isNaN(byCreation) || byCreation === 0 ? b.number - a.number : byCreation;
}

/** Items a fix names before "and N more". */
export const LISTED_ITEMS = 5;

/** "#12, acme/api#5, #4" with at most `limit` shown, then "and 3 more": the items' names (`itemName`), in order. */
export function listItems(names: string[], limit = LISTED_ITEMS): string {
  const shown = names.slice(0, limit);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
