/**
 * evaluate(policy, items, now): the whole engine. Pure — no I/O, no clock, no
 * randomness — so the same input always gives the same evaluation, whatever
 * order the items come in.
 */
import type { Policy } from './policy.js';
import { classify, isPlanned, normalizeAnswer } from './classify.js';
import { FINDING_KINDS } from './finding-kinds.js';
import { archiveDecisions, backlogRule } from './rules/backlog.js';
import { betsRule } from './rules/bets.js';
import { budgetsRule } from './rules/budgets.js';
import { businessCaseRule } from './rules/business-case.js';
import type { AssessedItem, DraftFinding, RuleContext } from './rules/context.js';
import { countExemptions, exemptionsRule } from './rules/exemptions.js';
import { forbiddenLabelsRule } from './rules/forbidden-labels.js';
import { ownerRule } from './rules/owner.js';
import { sizeRule } from './rules/size.js';
import { outcomeMissingRule } from './outcomes.js';
import type { Evaluation, Finding, WorkItem } from './types.js';

/**
 * `closed` are closed items read for the report (the trend, bet outcomes):
 * only the outcome rule looks at them, so they never count toward budgets.
 */
export function evaluate(policy: Policy, items: WorkItem[], now: Date | string, closed: WorkItem[] = []): Evaluation {
  const at = new Date(now);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a valid moment to evaluate at: ${String(now)}`);

  // 1. Classify every item, in a fixed order so input order never matters.
  const context: RuleContext = { policy, now: at.getTime(), items: oneSpellingPerCustomer(uniqueByNumber(items).map((item) => assess(policy, item, at))) };

  // 2. Measure planned capacity against the budgets.
  const budgets = budgetsRule(context);

  // 3. Decide which stale items are archived, apply every rule, then decide which findings fail.
  const archive = archiveDecisions(context);
  const drafts = [
    ...budgets.findings,
    ...exemptionsRule(context),
    ...businessCaseRule(context),
    ...forbiddenLabelsRule(context),
    ...betsRule(context),
    ...backlogRule(context, archive),
    ...sizeRule(context),
    ...ownerRule(context),
    // Items evaluated win over closed copies of the same issue.
    ...outcomeMissingRule(policy, [...closed, ...context.items.map(({ item }) => item)], context.now),
  ];
  const exemptItems = new Set(context.items.filter(({ assessment }) => assessment.exempt).map(({ item }) => item.number));
  const findings = drafts.map((draft) => withSeverity(policy, draft, exemptItems)).sort(compareFindings);

  return {
    at: at.toISOString(),
    unit: policy.work.unit,
    totalPoints: budgets.totalPoints,
    totalItems: budgets.totalItems,
    budgets: budgets.budgets,
    items: context.items.map(({ assessment }) => assessment),
    findings,
    exemptions: {
      inUse: countExemptions(context),
      ...(policy.exemptions?.maxOpen === undefined ? {} : { maxOpen: policy.exemptions.maxOpen }),
    },
    archive,
    compliant: findings.every((finding) => finding.severity !== 'fail'),
  };
}

function assess(policy: Policy, item: WorkItem, at: Date): AssessedItem {
  const exemptLabel = policy.exemptions?.label.toLowerCase();
  return {
    item,
    assessment: {
      number: item.number,
      ...classify(policy, item),
      planned: isPlanned(policy, item, at),
      exempt: exemptLabel !== undefined && item.labels.some((label) => label.trim().toLowerCase() === exemptLabel),
    },
  };
}

/**
 * "Acme" from a form field and "acme" from a label are one customer: each is
 * named as its lowest-numbered item spells it, so a customer cannot slip past
 * its per-customer cap by being written two ways.
 */
function oneSpellingPerCustomer(items: AssessedItem[]): AssessedItem[] {
  const spelling = new Map<string, string>();
  for (const { assessment } of items) {
    if (assessment.customer !== null && !spelling.has(normalizeAnswer(assessment.customer))) spelling.set(normalizeAnswer(assessment.customer), assessment.customer);
  }
  return items.map((assessed) => {
    const customer = assessed.assessment.customer;
    return customer === null ? assessed : { ...assessed, assessment: { ...assessed.assessment, customer: spelling.get(normalizeAnswer(customer))! } };
  });
}

/** Items sorted by number; of two copies of one issue, the most recently updated wins. */
function uniqueByNumber(items: WorkItem[]): WorkItem[] {
  const byNumber = new Map<number, WorkItem>();
  for (const item of items) {
    const seen = byNumber.get(item.number);
    if (!seen || isNewerCopy(item, seen)) byNumber.set(item.number, item);
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

function isNewerCopy(candidate: WorkItem, seen: WorkItem): boolean {
  const candidateTime = Date.parse(candidate.updatedAt);
  const seenTime = Date.parse(seen.updatedAt);
  if (candidateTime !== seenTime) return candidateTime > seenTime;
  return JSON.stringify(candidate) > JSON.stringify(seen);
}

function withSeverity(policy: Policy, draft: DraftFinding, exemptItems: Set<number>): Finding {
  const exempt = draft.item !== undefined && exemptItems.has(draft.item.number);
  const fails = policy.enforcement.failOn.includes(draft.kind) && !exempt;
  return { ...draft, severity: fails ? 'fail' : 'warn', exempt };
}

/**
 * Capacity-wide findings first, then item by item, each in the order kinds are
 * documented. Ties keep the rules' own order (policy order), which is already
 * deterministic because items were sorted first; Array#sort is stable.
 */
function compareFindings(a: Finding, b: Finding): number {
  return (a.item?.number ?? 0) - (b.item?.number ?? 0) || FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind);
}
