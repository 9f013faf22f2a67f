/**
 * Every finding kind, and everything the product says and does per kind, in
 * one table: adding a kind is one entry here plus its rule in `rules/`, and
 * the compiler asks for every field below. Reports, the plan of writes, the
 * policy schema and the docs (`docs/findings.md`, written by `npm run readme`)
 * read this table; none keeps a list of its own.
 *
 * Finding kinds are stable identifiers: users name them in `enforcement.fail-on`,
 * workflows read them from the `findings` output, comments group by them.
 * Never rename one; add new kinds at the end (the table's order is the order
 * of every report).
 */

/**
 * Who a finding of the kind concerns, which decides where it shows:
 * - `item`: the item's own content; it earns the item a comment and the
 *   non-compliant label.
 * - `budget`: a budget every item counted toward the cap shares (its category
 *   over budget, its customer over their share); it appears in each such
 *   item's comment and in its issue event's findings.
 * - `roadmap`: the roadmap as a whole, or a fact no one item's author can
 *   settle alone (a category under its floor, too many exemptions, work
 *   without a size); reported by audits, the summary and the dashboard.
 */
export type FindingLevel = 'item' | 'budget' | 'roadmap';

/** The rows of `/roadmap why`'s rule table, in its order. */
export const WHY_RULES = [
  'Business case',
  'One-off labels',
  'Capacity budget',
  'Customer share',
  'Bet review date',
  'Bet outcome',
  'Backlog age',
  'Size estimate',
  'Exceptions',
  'Owner',
] as const;

export type WhyRule = (typeof WHY_RULES)[number];

export interface FindingKindEntry {
  level: FindingLevel;
  /** How findings of the kind are titled when grouped, in every report. */
  title: string;
  /** The row of `/roadmap why` whose result the kind decides. */
  rule: WhyRule;
  /** The line of the comment's "fixed since the last check" list once the finding is gone, for kinds not named by an answer, review or label. */
  fixedPhrase?: string;
  /** What the kind means, for `docs/findings.md` (markdown). */
  meaning: string;
}

const REGISTRY = {
  'missing-field': {
    level: 'item',
    title: 'Missing business-case answers',
    rule: 'Business case',
    meaning: 'A required business-case question is unanswered.',
  },
  'invalid-field': {
    level: 'item',
    title: 'Business-case answers in the wrong form',
    rule: 'Business case',
    meaning: 'An answer is shorter than `min-words`, is not one of `one-of`, or is not a date where `type: date` asks for one.',
  },
  'unchecked-review': {
    level: 'item',
    title: 'Reviews not ticked',
    rule: 'Business case',
    meaning: 'A `checklist` item is not ticked.',
  },
  'not-without-customer': {
    level: 'item',
    title: 'Built only for one customer',
    rule: 'Business case',
    fixedPhrase: 'It no longer depends on a single customer',
    meaning: 'An answer is in `fail-on`: the request would not be built without this customer.',
  },
  'forbidden-label': {
    level: 'item',
    title: 'One-off labels',
    rule: 'One-off labels',
    meaning: 'The item carries a forbidden label and is not exempt.',
  },
  'over-budget': {
    level: 'budget',
    title: 'Categories over budget',
    rule: 'Capacity budget',
    meaning: 'A category is above its `max-share` of planned work.',
  },
  'customer-over-share': {
    level: 'budget',
    title: 'Customers over their share',
    rule: 'Customer share',
    meaning: "One customer is above its per-customer cap: `max-share-of-category` of a category's work, or `max-share-of-planned-work` of all planned work.",
  },
  'under-min-share': {
    level: 'roadmap',
    title: 'Categories under their minimum',
    rule: 'Capacity budget',
    meaning: 'A category is below its `min-share`.',
  },
  'bet-overdue': {
    level: 'item',
    title: 'Bets past their review date',
    rule: 'Bet review date',
    fixedPhrase: 'The review date is settled',
    meaning: 'An open item is past its `bets.review-field` date.',
  },
  'stale-backlog': {
    level: 'item',
    title: 'Stale backlog',
    rule: 'Backlog age',
    fixedPhrase: 'The issue was updated',
    meaning: 'An open item has not been updated for `backlog.max-age-days`.',
  },
  'missing-size': {
    level: 'roadmap',
    title: 'Items without a size',
    rule: 'Size estimate',
    fixedPhrase: 'The issue has a size estimate',
    meaning: 'Planned work has no size. It counts as `work.size.default`, or as 1 if there is no default.',
  },
  'exemptions-over-limit': {
    level: 'roadmap',
    title: 'Too many exemptions',
    rule: 'Exceptions',
    meaning: 'More exemptions are open than `exemptions.max-open` allows.',
  },
  'archive-pending': {
    level: 'item',
    title: 'Stale backlog to be archived',
    rule: 'Backlog age',
    fixedPhrase: 'The issue was updated, so it will not be archived',
    meaning:
      'With `backlog.archive`: a stale item is in its grace period and will be closed as not planned on the date given, unless someone touches it. It replaces `stale-backlog` for items that will be archived.',
  },
  'outcome-missing': {
    level: 'item',
    title: 'Bets without an outcome',
    rule: 'Bet outcome',
    fixedPhrase: 'The outcome of the bet is recorded',
    meaning:
      'With `bets.outcome-due-days`: a bet in a `bets.applies-to` category was delivered (closed as completed), or its review date passed, more than that many days ago, and nobody recorded how it turned out with `/roadmap outcome`. See [Bets and outcomes](bets.md).',
  },
  'missing-owner': {
    level: 'item',
    title: 'Deal requests without an owner',
    rule: 'Owner',
    fixedPhrase: 'The request has an owner',
    meaning:
      'With `business-case.require-assignee`: an open request of a category that has a business case (through `business-case.applies-to`, or its own `business-case`, the categories the business-case findings judge) has no assignee, so nobody answers for it. Judged on the issues whose assignees were read: all of them when the policy turns it on, except in a snapshot written before snapshots recorded assignees.',
  },
} as const satisfies Record<string, FindingKindEntry>;

export type FindingKind = keyof typeof REGISTRY;

/** Each kind's entry: its level, its wording and its docs. */
export const FINDING_KIND_REGISTRY: Readonly<Record<FindingKind, FindingKindEntry>> = REGISTRY;

/** Every kind, in the registry's order: the order of every report. */
export const FINDING_KINDS = Object.keys(REGISTRY) as FindingKind[];

/** Kinds about one item's own content: they earn the item a comment and the non-compliant label. */
export const ITEM_LEVEL_KINDS: readonly FindingKind[] = kindsAt('item');

/** The kinds that fail the check unless `enforcement.fail-on` says otherwise, in the order the policy's default lists them. */
export const DEFAULT_FAIL_ON: readonly FindingKind[] = ['over-budget', 'forbidden-label'];

function kindsAt(level: FindingLevel): FindingKind[] {
  return FINDING_KINDS.filter((kind) => REGISTRY[kind].level === level);
}

/** A finding about a budget every item counted toward the cap shares (level `budget`). */
export function isBudgetFinding(finding: { kind: FindingKind }): boolean {
  return REGISTRY[finding.kind].level === 'budget';
}

/** Whether a text read back (from a comment, a policy) names a finding kind. */
export function isFindingKind(text: string): text is FindingKind {
  return Object.hasOwn(REGISTRY, text);
}
