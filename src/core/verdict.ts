/**
 * The run's verdict, judged once: whether the check passes and why, the
 * findings counted by kind (in findings, and in the items or budgets they
 * concern), the customer-driven share of planned and delivered work, and how
 * the bets turned out. The terminal, the markdown report, the JSON, the job
 * summary and the dashboard render it; none of them counts anything itself,
 * so they cannot disagree. Pure.
 */
import { FINDING_KINDS, type FindingKind } from './finding-kinds.js';
import type { BetOutcomes } from './outcomes.js';
import type { Policy } from './policy.js';
import { fromScaled, toScaled } from './rules/budgets.js';
import { formatPercent, type Share } from './share.js';
import type { Evaluation, Finding, TrendPoint } from './types.js';

/** Findings counted two ways: one by one, and by what they are about. */
export interface Tally {
  findings: number;
  /** Distinct items the findings are about. */
  items: number;
  /** Findings about the roadmap as a whole: a category's or a customer's budget, the exemption limit. Each is its own subject. */
  budgets: number;
}

export interface KindTally {
  kind: FindingKind;
  /** Findings not on exempt items: those that fail and those that warn. */
  open: Tally;
  /** Findings that fail the check. */
  failing: Tally;
  /** Findings that warn. */
  warnings: Tally;
  /** Findings on exempt items: reported, never failing. */
  exempt: Tally;
}

/** One month of delivered work: all of it, and the customer-driven part. */
export interface TrendMonth {
  month: string;
  delivered: number;
  customerDriven: number;
  /** The customer-driven share of what was delivered, "12.5%"; undefined when nothing was. */
  share?: string;
}

export interface CustomerDrivenShare {
  /** The categories that carry a customer budget: a `max-share` or a `per-customer` cap, in policy order. */
  categories: string[];
  /** Their planned points (or items with `unit: issues`), and their share of all planned work, rounded as the budget table rounds. */
  points: number;
  share: string;
  /** The cap, when there is exactly one such category with a max-share. */
  cap?: Share;
}

export interface Verdict {
  at: string;
  unit: Evaluation['unit'];
  /** True when no finding fails the check. */
  passes: boolean;
  failing: Tally;
  warnings: Tally;
  exempt: Tally;
  /** Every kind with at least one finding, in the order kinds are documented. */
  kinds: KindTally[];
  /** Categories over their max-share. */
  overBudget: string[];
  /** Customers over their per-customer share, each named once. */
  overShare: string[];
  planned: { items: number; points: number };
  customerDriven: CustomerDrivenShare;
  /** Delivered work by month, oldest first, when the run reads a trend. */
  trend?: TrendMonth[];
  /** How the bets delivered in the window turned out, when the run judges outcomes. */
  outcomes?: BetOutcomes;
}

export interface VerdictInput {
  policy: Policy;
  evaluation: Evaluation;
  trend?: TrendPoint[];
  outcomes?: BetOutcomes;
}

export function judgeRun(input: VerdictInput): Verdict {
  const { evaluation, policy } = input;
  const kinds = tallyByKind(evaluation.findings);
  const failing = tally(evaluation.findings.filter(isFailing));
  const customerDriven = customerDrivenShare(policy, evaluation);
  return {
    at: evaluation.at,
    unit: evaluation.unit,
    passes: failing.findings === 0,
    failing,
    warnings: tally(evaluation.findings.filter(isWarning)),
    exempt: tally(evaluation.findings.filter((f) => f.exempt)),
    kinds,
    overBudget: evaluation.budgets.filter((b) => b.status === 'over').map((b) => b.category),
    overShare: [...new Set(evaluation.budgets.flatMap((b) => b.customers.filter((c) => c.over).map((c) => c.customer)))],
    planned: { items: evaluation.totalItems, points: evaluation.totalPoints },
    customerDriven,
    ...(input.trend ? { trend: input.trend.map((point) => trendMonth(point, customerDriven.categories)) } : {}),
    ...(input.outcomes ? { outcomes: input.outcomes } : {}),
  };
}

export function isFailing(finding: Finding): boolean {
  return !finding.exempt && finding.severity === 'fail';
}

export function isWarning(finding: Finding): boolean {
  return !finding.exempt && finding.severity === 'warn';
}

/** Counts findings, and the distinct items and budgets they concern. */
export function tally(findings: readonly Finding[]): Tally {
  const items = new Set<number>();
  let budgets = 0;
  for (const finding of findings) {
    if (finding.item) items.add(finding.item.number);
    else budgets += 1;
  }
  return { findings: findings.length, items: items.size, budgets };
}

function tallyByKind(findings: readonly Finding[]): KindTally[] {
  return FINDING_KINDS.flatMap((kind) => {
    const ofKind = findings.filter((f) => f.kind === kind);
    if (ofKind.length === 0) return [];
    return [{ kind, open: tally(ofKind.filter((f) => !f.exempt)), failing: tally(ofKind.filter(isFailing)), warnings: tally(ofKind.filter(isWarning)), exempt: tally(ofKind.filter((f) => f.exempt)) }];
  });
}

/**
 * The categories whose work is customer-specific: those with a cap on their
 * share or on any one customer's share. The trend measures them, because
 * "less customer-specific work over time" is the sign of escaping the
 * sales-led trap; what else needs a business case does not change that.
 */
export function customerDrivenCategories(policy: Policy): string[] {
  return policy.categories.filter((c) => c.maxShare || c.perCustomerMaxShare || c.perCustomerMaxPlannedShare).map((c) => c.name);
}


function customerDrivenShare(policy: Policy, evaluation: Evaluation): CustomerDrivenShare {
  const categories = customerDrivenCategories(policy);
  const budgets = evaluation.budgets.filter((b) => categories.includes(b.category));
  const points = budgets.reduce((sum, b) => sum + toScaled(b.points), 0);
  const caps = policy.categories.filter((c) => categories.includes(c.name) && c.maxShare).map((c) => c.maxShare!);
  return {
    categories,
    points: fromScaled(points),
    share: formatPercent(points, toScaled(evaluation.totalPoints)),
    // One cap line only makes sense when one category carries it.
    ...(caps.length === 1 && categories.length === 1 ? { cap: caps[0]! } : {}),
  };
}

function trendMonth(point: TrendPoint, categories: string[]): TrendMonth {
  const customerDriven = categories.reduce((sum, c) => sum + toScaled(point.byCategory[c] ?? 0), 0);
  const delivered = toScaled(point.deliveredPoints);
  return {
    month: point.month,
    delivered: fromScaled(delivered),
    customerDriven: fromScaled(customerDriven),
    ...(delivered > 0 ? { share: formatPercent(customerDriven, delivered) } : {}),
  };
}
