/**
 * Budgets: how planned capacity splits across categories and, within a
 * category, across customers — compared exactly against the policy's shares.
 * Sizes may be decimals, so points are summed as integer thousandths: no
 * floating-point drift decides whether 10 of 100 points is within a 10% cap.
 */
import type { CategoryRule, Policy } from '../policy.js';
import { OTHER_CATEGORY } from '../classify.js';
import { itemName } from '../item-name.js';
import { belowShare, exceedsShare, formatPercent, type Share } from '../share.js';
import type { CategoryBudget, CustomerBudget, WorkItem } from '../types.js';
import { amount, capitalize, formatNumber } from '../wording.js';
import { type AssessedItem, type DraftFinding, type RuleContext, listItems, newestFirst } from './context.js';

const SCALE = 1000;

export interface BudgetResult {
  budgets: CategoryBudget[];
  findings: DraftFinding[];
  /** Planned points (or items with `unit: issues`). */
  totalPoints: number;
  totalItems: number;
}

/** Points as integer thousandths, so sums and shares round the same wherever they are taken. */
export function toScaled(size: number): number {
  return Math.round(size * SCALE);
}

export function fromScaled(scaled: number): number {
  return scaled / SCALE;
}

export function budgetsRule(context: RuleContext): BudgetResult {
  const { policy } = context;
  const planned = context.items.filter(({ assessment }) => assessment.planned);
  const total = sumScaled(planned);
  const rules: (CategoryRule | undefined)[] = [...policy.categories];
  if (planned.some(({ assessment }) => assessment.category === OTHER_CATEGORY)) rules.push(undefined);

  const budgets: CategoryBudget[] = [];
  const findings: DraftFinding[] = [];
  for (const rule of rules) {
    const category = categoryBudget(policy, rule, planned, total);
    budgets.push(category.budget);
    findings.push(...category.findings);
  }
  return { budgets, findings, totalPoints: fromScaled(total), totalItems: planned.length };
}

/** One category's share against its cap and floor, its customers' shares, and the findings of both. */
function categoryBudget(
  policy: Policy,
  rule: CategoryRule | undefined,
  planned: AssessedItem[],
  total: number,
): { budget: CategoryBudget; findings: DraftFinding[] } {
  const name = rule?.name ?? OTHER_CATEGORY;
  const members = planned.filter(({ assessment }) => assessment.category === name);
  const points = sumScaled(members);
  const customers = customerBudgets({ policy, rule, members, categoryPoints: points, total });
  const { maxShare, minShare } = rule ?? {};
  const over = maxShare !== undefined && exceedsShare(points, total, maxShare);
  const under = minShare !== undefined && belowShare(points, total, minShare);
  const budget: CategoryBudget = {
    category: name,
    items: members.length,
    points: fromScaled(points),
    share: formatPercent(points, total),
    ...(maxShare ? { maxShare } : {}),
    ...(minShare ? { minShare } : {}),
    status: budgetStatus(over, under, !!(maxShare || minShare)),
    customers: customers.budgets,
  };
  const facts = { policy, name, points, total, contributors: contributorsOf(members) };
  return {
    budget,
    findings: [
      ...customers.findings,
      ...(over ? [overBudget({ ...facts, cap: maxShare })] : []),
      ...(under ? [underMinShare({ ...facts, floor: minShare })] : []),
    ],
  };
}

function budgetStatus(over: boolean, under: boolean, limited: boolean): CategoryBudget['status'] {
  if (over) return 'over';
  if (under) return 'under';
  return limited ? 'ok' : 'uncapped';
}

interface CustomerFacts {
  policy: Policy;
  rule: CategoryRule | undefined;
  members: AssessedItem[];
  /** Scaled points of the category, and of all planned work. */
  categoryPoints: number;
  total: number;
}

/**
 * Each customer's share of a category (and of all planned work, when that is
 * capped), largest first, and a finding for each customer over either cap.
 */
function customerBudgets({ policy, rule, members, categoryPoints, total }: CustomerFacts): { budgets: CustomerBudget[]; findings: DraftFinding[] } {
  const findings: DraftFinding[] = [];
  const cap = rule?.perCustomerMaxShare;
  const plannedCap = rule?.perCustomerMaxPlannedShare;
  const budgets = [...byCustomer(members).entries()].map(([customer, items]) => {
    const points = sumScaled(items);
    const overCategory = cap !== undefined && exceedsShare(points, categoryPoints, cap);
    const overPlanned = plannedCap !== undefined && exceedsShare(points, total, plannedCap);
    if (rule && (overCategory || overPlanned)) {
      const facts = { policy, name: rule.name, customer, points, contributors: contributorsOf(items) };
      // One finding per customer: the cap that asks the most of it.
      const byCategory = overCategory ? customerOverShare({ ...facts, total: categoryPoints, cap: cap! }) : undefined;
      const byPlanned = overPlanned ? customerOverPlannedShare({ ...facts, total, cap: plannedCap! }) : undefined;
      findings.push(byCategory && byPlanned ? (byCategory.excess >= byPlanned.excess ? byCategory : byPlanned).finding : (byCategory ?? byPlanned)!.finding);
    }
    return {
      customer,
      items: items.length,
      points: fromScaled(points),
      share: formatPercent(points, categoryPoints),
      ...(cap ? { cap: cap.text } : {}),
      ...(plannedCap ? { plannedShare: formatPercent(points, total), plannedCap: plannedCap.text } : {}),
      over: overCategory || overPlanned,
      scaled: points,
    };
  });
  const sorted = budgets
    .sort((a, b) => b.scaled - a.scaled || compareText(a.customer, b.customer))
    .map(({ scaled: _scaled, ...budget }) => budget);
  return { budgets: sorted, findings };
}

/** The members that name a customer, grouped by it, in the order they come. */
function byCustomer(members: AssessedItem[]): Map<string, AssessedItem[]> {
  const groups = new Map<string, AssessedItem[]>();
  for (const member of members) {
    const customer = member.assessment.customer;
    if (customer === null) continue;
    const group = groups.get(customer);
    if (group) group.push(member);
    else groups.set(customer, [member]);
  }
  return groups;
}

interface ShareFacts {
  policy: Policy;
  name: string;
  /** Scaled points of the category (or customer). */
  points: number;
  /** Scaled points it is a share of. */
  total: number;
  /** Its items, newest first. */
  contributors: WorkItem[];
}

/** "Deal work is 30% of planned work, above its 10% cap (12 of 40 points)". */
function categoryShare({ policy, name, points, total }: ShareFacts, limit: string): string {
  return `${workOf(name)} is ${formatPercent(points, total)} of planned work, ${limit} (${ofTotal(policy, points, total)})`;
}

function overBudget(facts: ShareFacts & { cap: Share }): DraftFinding {
  const { policy, name, points, total, contributors, cap } = facts;
  const excess = pointsToRemove(points, total, cap);
  return {
    kind: 'over-budget',
    category: name,
    message: categoryShare(facts, `above its ${cap.text} cap`),
    fix: `Defer, descope or close at least ${amount(excess, policy.work.unit)} of ${name} work — newest first: ${listItems(contributors.map(itemName))}`,
    contributors: keysOf(contributors),
  };
}

function underMinShare(facts: ShareFacts & { floor: Share }): DraftFinding {
  const { policy, name, points, total, contributors, floor } = facts;
  const missing = pointsToAdd(points, total, floor);
  return {
    kind: 'under-min-share',
    category: name,
    message: categoryShare(facts, `below its ${floor.text} floor`),
    fix:
      missing === undefined
        ? `Plan only ${name} work, or lower its min-share in the policy`
        : `Add at least ${amount(missing, policy.work.unit)} of ${name} work to the plan, or take other work out of it`,
    contributors: keysOf(contributors),
  };
}

type CustomerShareFacts = ShareFacts & { customer: string; cap: Share };

function customerOverShare(facts: CustomerShareFacts): { finding: DraftFinding; excess: number } {
  const { policy, name, customer, points, total, cap } = facts;
  const message = `${customer} has ${formatPercent(points, total)} of ${name} work, above the ${cap.text} per-customer cap (${ofTotal(policy, points, total)})`;
  return customerFinding(facts, message);
}

/** The cap on all planned work: "acme has 6% of all planned work (through deal work), above the 5% per-customer cap of all planned work". */
function customerOverPlannedShare(facts: CustomerShareFacts): { finding: DraftFinding; excess: number } {
  const { policy, name, customer, points, total, cap } = facts;
  const message = `${customer} has ${formatPercent(points, total)} of all planned work through ${name} work, above the ${cap.text} per-customer cap of all planned work (${ofTotal(policy, points, total)})`;
  return customerFinding(facts, message);
}

function customerFinding({ policy, name, customer, points, total, contributors, cap }: CustomerShareFacts, message: string): { finding: DraftFinding; excess: number } {
  const excess = pointsToRemove(points, total, cap);
  return {
    excess,
    finding: {
      kind: 'customer-over-share',
      category: name,
      customer,
      message,
      fix: `Defer or descope at least ${amount(excess, policy.work.unit)} of ${customer}'s requests so no customer dominates — newest first: ${listItems(contributors.map(itemName))}`,
      contributors: keysOf(contributors),
    },
  };
}

/** Whole points to take out so that `part / whole` is within the cap: x ≥ (part − cap·whole) / (1 − cap). */
function pointsToRemove(part: number, whole: number, cap: Share): number {
  const numerator = part * cap.denominator - cap.numerator * whole;
  return Math.ceil(numerator / ((cap.denominator - cap.numerator) * SCALE));
}

/** Whole points to add so that `part / whole` reaches the floor: y ≥ (floor·whole − part) / (1 − floor); undefined for a 100% floor. */
function pointsToAdd(part: number, whole: number, floor: Share): number | undefined {
  if (floor.numerator >= floor.denominator) return undefined;
  const numerator = floor.numerator * whole - part * floor.denominator;
  return Math.ceil(numerator / ((floor.denominator - floor.numerator) * SCALE));
}

function ofTotal(policy: Policy, part: number, whole: number): string {
  return `${formatNumber(fromScaled(part))} of ${amount(fromScaled(whole), policy.work.unit)}`;
}

function workOf(category: string): string {
  return `${capitalize(category)} work`;
}

function sumScaled(items: AssessedItem[]): number {
  return items.reduce((sum, { assessment }) => sum + toScaled(assessment.size), 0);
}

function contributorsOf(members: AssessedItem[]): WorkItem[] {
  return members.map(({ item }): WorkItem => item).sort(newestFirst);
}

function keysOf(items: WorkItem[]): number[] {
  return items.map((item) => item.number);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
