/**
 * Finding kinds are stable identifiers: users name them in `enforcement.fail-on`,
 * workflows read them from the `findings` output, comments group by them.
 * Never rename one; add new kinds at the end.
 */
export const FINDING_KINDS = [
  'missing-field',
  'invalid-field',
  'unchecked-review',
  'not-without-customer',
  'forbidden-label',
  'over-budget',
  'customer-over-share',
  'under-min-share',
  'bet-overdue',
  'stale-backlog',
  'missing-size',
  'exemptions-over-limit',
  'archive-pending',
  'outcome-missing',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** Kinds about one item's own content: they earn the item a comment and the non-compliant label. */
export const ITEM_LEVEL_KINDS: readonly FindingKind[] = [
  'missing-field',
  'invalid-field',
  'unchecked-review',
  'not-without-customer',
  'forbidden-label',
  'bet-overdue',
  'stale-backlog',
  'archive-pending',
  'outcome-missing',
];

/**
 * Budget kinds every item counted toward the cap shares: its category over
 * budget, its customer over their share. They appear in that item's comment
 * and in its issue event's findings. A category under its floor
 * (`under-min-share`) is the roadmap's concern, reported by audits, and no
 * one item's doing, so it is not among them.
 */
const BUDGET_KINDS: readonly FindingKind[] = ['over-budget', 'customer-over-share'];

export function isBudgetFinding(finding: { kind: FindingKind }): boolean {
  return BUDGET_KINDS.includes(finding.kind);
}
