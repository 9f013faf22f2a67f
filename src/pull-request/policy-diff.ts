/**
 * What a policy change would do, pure: the same planned work evaluated under
 * the base branch's policy and under the pull request's, compared budget by
 * budget, item by item and field by field. Like a plan before an apply.
 */
import { normalizeHeading } from '../core/issue-form.js';
import type { CategoryBudget, Evaluation, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { capText, STATUS_WORDS } from '../report/format.js';

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

export interface PolicyDiff {
  /** Every category on either side, changed or not, so the reader sees the whole split. */
  categories: BudgetChange[];
  /** Customers whose share, cap or status changes. */
  customers: BudgetChange[];
  startFailing: ItemRef[];
  stopFailing: ItemRef[];
  fieldsAdded: FieldChange[];
  fieldsRemoved: FieldChange[];
  /** How many open items were judged. */
  itemsJudged: number;
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
  const failingBefore = failingItems(before.evaluation);
  const failingAfter = failingItems(after.evaluation);
  const refs = new Map(input.items.map((item) => [item.number, { number: item.number, title: item.title, url: item.url }]));
  const ref = (number: number): ItemRef => refs.get(number) ?? { number, title: '', url: '' };
  const startFailing = [...failingAfter].filter((n) => !failingBefore.has(n)).sort((a, b) => a - b).map(ref);
  const stopFailing = [...failingBefore].filter((n) => !failingAfter.has(n)).sort((a, b) => a - b).map(ref);
  const fieldsAdded = fieldsOnlyIn(after.policy, before.policy).map((heading) => ({ heading, missing: missingCount(after.evaluation, heading) }));
  const fieldsRemoved = fieldsOnlyIn(before.policy, after.policy).map((heading) => ({ heading, missing: missingCount(before.evaluation, heading) }));
  const changed =
    categories.some((c) => !sameSide(c.before, c.after)) || customers.length > 0 || startFailing.length > 0 || stopFailing.length > 0 || fieldsAdded.length > 0 || fieldsRemoved.length > 0;
  return { categories, customers, startFailing, stopFailing, fieldsAdded, fieldsRemoved, itemsJudged: input.items.length, changed };
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

/** Items with a failing finding of their own. */
function failingItems(evaluation: Evaluation): Set<number> {
  return new Set(evaluation.findings.filter((f) => f.item && f.severity === 'fail').map((f) => f.item!.number));
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
