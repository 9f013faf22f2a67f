/**
 * The engine's vocabulary. Plain data only: everything here survives
 * JSON.stringify/parse unchanged, so a snapshot file (src/snapshot/) and
 * work read from GitHub (src/github/work-items.ts) are the same thing.
 */
import type { FindingKind } from './finding-kinds.js';
import type { Share } from './share.js';

/** A Projects v2 field value, as the engine needs it. */
export type FieldValue =
  | { type: 'number'; value: number }
  | { type: 'text'; value: string }
  | { type: 'single-select'; value: string }
  | { type: 'date'; value: string }
  | { type: 'iteration'; title: string; startDate: string; durationDays: number };

export interface ChecklistEntry {
  text: string;
  checked: boolean;
}

/** One issue of planned work, normalized from whatever GitHub gave. Pull requests are never work items. */
export interface WorkItem {
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
  labels: string[];
  author: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Why a closed issue was closed; absent when unknown. Work closed as not planned or as a duplicate was never delivered. */
  closedAs?: 'completed' | 'not-planned' | 'duplicate';
  /**
   * The last time a person touched the issue, when that is earlier than
   * `updatedAt` because Roadmap Guard's own comment or label was the latest
   * change. Staleness is measured from it, so the bot never resets the clock it reads.
   */
  activityAt?: string;
  /**
   * When Roadmap Guard warned, in its comment on the issue, that the item
   * will be archived. The grace period runs from it; a person's touch after
   * it cancels the warning.
   */
  archiveWarnedAt?: string;
  milestone: string | null;
  /** Who the issue is assigned to (logins); absent when they were not read. */
  assignees?: string[];
  /** Issue-form answers by heading; an empty answer (`_No response_`) is "". */
  form: Record<string, string>;
  checklist: ChecklistEntry[];
  /** Projects v2 field values by field name. */
  fields: Record<string, FieldValue>;
  /** Milestone membership and closing history, oldest first: read only for items of the cycles the execution report covers. */
  timeline?: TimelineEvent[];
}

/** One event of an issue's timeline that the execution report replays. */
export interface TimelineEvent {
  /** When it happened, ISO 8601. */
  at: string;
  event: 'milestoned' | 'demilestoned' | 'closed' | 'reopened';
  /** The milestone's title (milestoned, demilestoned). */
  milestone?: string;
  /** Why the issue was closed (closed), when GitHub says. */
  closedAs?: 'completed' | 'not-planned' | 'duplicate';
}

/** A repository milestone: with a due date and closed, a finished cycle of the execution report. */
export interface Milestone {
  title: string;
  state: 'open' | 'closed';
  /** ISO 8601; the cycle ends with the UTC day it falls on. */
  dueOn: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface SnapshotSource {
  kind: 'repository' | 'project' | 'example';
  /** owner/name for a repository, owner/number for a project. */
  name: string;
  /** The commit the policy was read at, where known. */
  commit?: string;
}

/** The plain JSON form of planned work at a moment: what `roadmap-guard snapshot` writes (src/cli/snapshot.ts) and `roadmap-guard simulate` reads. */
export interface Snapshot {
  version: 1;
  source: SnapshotSource;
  takenAt: string;
  items: WorkItem[];
  /** The repository's milestones, for the execution report; its items carry their `timeline`. */
  milestones?: Milestone[];
}

export type Severity = 'fail' | 'warn';

export interface Finding {
  kind: FindingKind;
  /** fail when `enforcement.fail-on` names the kind and the item is not exempt. */
  severity: Severity;
  /** The item the finding is about; absent for a budget-wide finding. */
  item?: { number: number; title: string; url: string };
  /** The category (budget findings) or the item's category. */
  category?: string;
  customer?: string;
  /**
   * One line of plain text, no trailing period: "Deal work takes 14% of planned capacity, above its 10% cap".
   * Not markdown: it quotes labels and answers as people typed them, so every report escapes all of it.
   */
  message: string;
  /** What to do, as a product manager reads it, plain text like `message`: `Fill in "Who will buy it?" with at least 3 words`. */
  fix: string;
  /** True when the item carries the exemption label: reported, never failing. */
  exempt: boolean;
  /** For business-case findings: the form heading concerned. */
  field?: string;
  /** For budget findings: the items that make up the category or customer, newest first. */
  contributors?: number[];
}

export interface ItemAssessment {
  number: number;
  category: string;
  customer: string | null;
  size: number;
  /** True when the size came from `work.size.default`. */
  sizeDefaulted: boolean;
  /** True when the item counts toward the budgets (in scope per `work`). */
  planned: boolean;
  exempt: boolean;
}

export interface CustomerBudget {
  customer: string;
  items: number;
  points: number;
  /** Share of its category. */
  share: string;
  /** The per-customer cap on the share of its category. */
  cap?: string;
  /** Share of all planned work: present when the category caps it (per-customer.max-share-of-planned-work). */
  plannedShare?: string;
  /** The per-customer cap on the share of all planned work. */
  plannedCap?: string;
  /** Over either cap. */
  over: boolean;
}

export interface CategoryBudget {
  category: string;
  items: number;
  points: number;
  /** Share of all planned work, "14.2%". */
  share: string;
  maxShare?: Share;
  minShare?: Share;
  status: 'ok' | 'over' | 'under' | 'uncapped';
  customers: CustomerBudget[];
}

/** A stale item the policy archives: warned now or earlier, closed as not planned once the grace period is over. */
export interface ArchiveDecision {
  number: number;
  /** The last time a person touched the item. */
  touchedAt: string;
  /** When the warning was given: recorded in the bot comment, or the moment evaluated when this run gives it. */
  warnedAt: string;
  /** The day the grace period ends: warnedAt plus grace-days. */
  archiveOn: string;
  /** The grace period is over: an audit closes the item now. */
  due: boolean;
}

export interface Evaluation {
  /** The moment evaluated, ISO 8601. */
  at: string;
  unit: 'points' | 'issues';
  totalPoints: number;
  totalItems: number;
  budgets: CategoryBudget[];
  items: ItemAssessment[];
  findings: Finding[];
  exemptions: { inUse: number; maxOpen?: number };
  /** Stale items to archive (`backlog.archive`), oldest touch first: the order max-writes spends writes in. */
  archive: ArchiveDecision[];
  /** True when no finding fails. */
  compliant: boolean;
}

/** One month of the trend: the deal-driven share of work delivered (closed) that month. */
export interface TrendPoint {
  /** "2026-07" */
  month: string;
  /** Points delivered in the month, all categories. */
  deliveredPoints: number;
  /** Points delivered in the month by category name. */
  byCategory: Record<string, number>;
}
