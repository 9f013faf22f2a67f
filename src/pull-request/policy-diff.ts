/**
 * What a policy change would do, pure: the same open issues evaluated under
 * the base branch's policy and under the pull request's, compared budget by
 * budget, field by field, and issue by issue as the merge gate judges them
 * (judgeIssues, the gate's own function): which pull requests would start or
 * stop being blocked, and why. Like a plan before an apply.
 */
import { FINDING_KINDS, type FindingKind } from '../core/finding-kinds.js';
import { normalizeHeading } from '../core/issue-form.js';
import type { CategoryBudget, Evaluation, Finding, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { capText, STATUS_WORDS } from '../report/format.js';
import { judgeIssues, type IssueJudgement } from './gate.js';

/** One budget (a category's, or a customer's within a category) on one side of the change; absent when it does not exist there. */
export interface BudgetSide {
  share: string;
  cap: string;
  status: string;
}

export interface BudgetChange {
  category: string;
  /** Set for a customer's share of its category. */
  customer?: string;
  before?: BudgetSide;
  after?: BudgetSide;
}

export interface ItemRef {
  number: number;
  title: string;
  url: string;
}

export interface FieldChange {
  heading: string;
  /** Open planned items that miss the field: after the change for an added field, before it for a removed one. */
  missing: number;
}

/** An open issue the merge gate would judge differently: what blocks a pull request closing it under each policy (nothing, when it may merge). */
export interface BlockingChange {
  item: ItemRef;
  before: Finding[];
  after: Finding[];
  /** Exempt under that policy: never blocks. */
  exemptBefore: boolean;
  exemptAfter: boolean;
}

/** A finding kind that `enforcement.fail-on` adds or drops. */
export interface FailOnChange {
  kind: FindingKind;
  before: boolean;
  after: boolean;
}

/** Planned work under one policy: the base every budget share is a share of. */
export interface PlannedBase {
  items: number;
  points: number;
}

export interface PolicyDiff {
  /** Every category on either side, changed or not, so the reader sees the whole split. */
  categories: BudgetChange[];
  /** Customers whose share, cap or status changes. */
  customers: BudgetChange[];
  /** Open issues a pull request closing which would start being blocked from merging. */
  startBlocking: BlockingChange[];
  /** Open issues a pull request closing which would no longer be blocked. */
  stopBlocking: BlockingChange[];
  /** Open issues blocked under both policies, by different kinds of finding. */
  blockedDifferently: BlockingChange[];
  failOn: FailOnChange[];
  fieldsAdded: FieldChange[];
  fieldsRemoved: FieldChange[];
  /** How many open issues were judged. */
  itemsJudged: number;
  /** Planned work under each policy: what the budget shares are shares of. */
  planned: { before: PlannedBase; after: PlannedBase };
  unit: Evaluation['unit'];
  /** False when the change alters nothing the reports show. */
  changed: boolean;
}

export interface PolicyDiffInput {
  items: WorkItem[];
  before: { policy: Policy; evaluation: Evaluation };
  after: { policy: Policy; evaluation: Evaluation };
}

export function diffPolicies(input: PolicyDiffInput): PolicyDiff {
  const { before, after } = input;
  const categories = categoryChanges(before.evaluation, after.evaluation);
  const customers = customerChanges(before.evaluation, after.evaluation);
  const blocking = blockingChanges(input);
  const failOn = FINDING_KINDS.map((kind) => ({ kind, before: before.policy.enforcement.failOn.includes(kind), after: after.policy.enforcement.failOn.includes(kind) })).filter((c) => c.before !== c.after);
  const fieldsAdded = fieldsOnlyIn(after.policy, before.policy).map((heading) => ({ heading, missing: missingCount(after.evaluation, heading) }));
  const fieldsRemoved = fieldsOnlyIn(before.policy, after.policy).map((heading) => ({ heading, missing: missingCount(before.evaluation, heading) }));
  const changed =
    categories.some((c) => !sameSide(c.before, c.after)) ||
    customers.length > 0 ||
    Object.values(blocking).some((list) => list.length > 0) ||
    failOn.length > 0 ||
    fieldsAdded.length > 0 ||
    fieldsRemoved.length > 0;
  const base = (evaluation: Evaluation): PlannedBase => ({ items: evaluation.totalItems, points: evaluation.totalPoints });
  return {
    categories,
    customers,
    ...blocking,
    failOn,
    fieldsAdded,
    fieldsRemoved,
    itemsJudged: input.items.length,
    planned: { before: base(before.evaluation), after: base(after.evaluation) },
    unit: after.evaluation.unit,
    changed,
  };
}

/** Every open issue judged by the merge gate under both policies, sorted by what changes for a pull request closing it. */
function blockingChanges(input: PolicyDiffInput): Pick<PolicyDiff, 'startBlocking' | 'stopBlocking' | 'blockedDifferently'> {
  const numbers = [...new Set(input.items.map((item) => item.number))].sort((a, b) => a - b);
  const [was, will] = [judgeIssues(input.before.evaluation, numbers), judgeIssues(input.after.evaluation, numbers)];
  const refs = new Map(input.items.map((item) => [item.number, { number: item.number, title: item.title, url: item.url }]));
  const lists: Pick<PolicyDiff, 'startBlocking' | 'stopBlocking' | 'blockedDifferently'> = { startBlocking: [], stopBlocking: [], blockedDifferently: [] };
  numbers.forEach((number, index) => {
    const [from, to] = [was[index]!, will[index]!];
    const change = { item: refs.get(number)!, before: from.blockers, after: to.blockers, exemptBefore: from.status === 'exempt', exemptAfter: to.status === 'exempt' };
    const [blocked, blocks] = [from.status === 'blocks', to.status === 'blocks'];
    if (!blocked && blocks) lists.startBlocking.push(change);
    else if (blocked && !blocks) lists.stopBlocking.push(change);
    else if (blocked && blocks && blockingKinds(from).join() !== blockingKinds(to).join()) lists.blockedDifferently.push(change);
  });
  return lists;
}

/** The kinds of finding that block, in the order kinds are documented. */
export function blockingKinds(judgement: Pick<IssueJudgement, 'blockers'>): FindingKind[] {
  return FINDING_KINDS.filter((kind) => judgement.blockers.some((f) => f.kind === kind));
}

function categorySide(budget: CategoryBudget | undefined): BudgetSide | undefined {
  return budget && { share: budget.share, cap: capText(budget), status: STATUS_WORDS[budget.status] };
}

function categoryChanges(before: Evaluation, after: Evaluation): BudgetChange[] {
  const names = unique([...before.budgets, ...after.budgets].map((b) => b.category));
  return names.map((category) => {
    const sides = { before: categorySide(before.budgets.find((b) => b.category === category)), after: categorySide(after.budgets.find((b) => b.category === category)) };
    return { category, ...withoutEmpty(sides) };
  });
}

function customerSides(evaluation: Evaluation): Map<string, BudgetChange & { side: BudgetSide }> {
  const sides = new Map<string, BudgetChange & { side: BudgetSide }>();
  for (const budget of evaluation.budgets) {
    for (const customer of budget.customers) {
      const caps = [customer.cap && `≤ ${customer.cap}`, customer.plannedCap && `≤ ${customer.plannedCap} of all planned work`].filter(Boolean).join(', ');
      const side = { share: customer.share, cap: caps || '—', status: customer.over ? 'over its share' : caps ? 'within its share' : 'no cap' };
      sides.set(`${budget.category}\u0000${customer.customer}`, { category: budget.category, customer: customer.customer, side });
    }
  }
  return sides;
}

function customerChanges(before: Evaluation, after: Evaluation): BudgetChange[] {
  const was = customerSides(before);
  const will = customerSides(after);
  const keys = unique([...was.keys(), ...will.keys()]);
  return keys.flatMap((key) => {
    const [from, to] = [was.get(key), will.get(key)];
    const known = (from ?? to)!;
    if (sameSide(from?.side, to?.side)) return [];
    return [{ category: known.category, ...(known.customer ? { customer: known.customer } : {}), ...withoutEmpty({ before: from?.side, after: to?.side }) }];
  });
}

/** Business-case headings `policy` asks for that `other` does not. */
function fieldsOnlyIn(policy: Policy, other: Policy): string[] {
  const known = new Set(other.businessCase.fields.map((f) => normalizeHeading(f.heading)));
  return policy.businessCase.fields.map((f) => f.heading).filter((heading) => !known.has(normalizeHeading(heading)));
}

function missingCount(evaluation: Evaluation, heading: string): number {
  const key = normalizeHeading(heading);
  const items = evaluation.findings.filter((f) => f.kind === 'missing-field' && f.item && f.field !== undefined && normalizeHeading(f.field) === key).map((f) => f.item!.number);
  return new Set(items).size;
}

function sameSide(a: BudgetSide | undefined, b: BudgetSide | undefined): boolean {
  return a?.share === b?.share && a?.cap === b?.cap && a?.status === b?.status;
}

function withoutEmpty(sides: { before: BudgetSide | undefined; after: BudgetSide | undefined }): Pick<BudgetChange, 'before' | 'after'> {
  return { ...(sides.before ? { before: sides.before } : {}), ...(sides.after ? { after: sides.after } : {}) };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
