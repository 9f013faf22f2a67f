/**
 * The rows and lists every lead-facing report shows, laid out once from the
 * run's verdict (core/verdict.ts) so that the job summary, the dashboard and
 * the terminal report cannot disagree. Rendering lives in summary.ts and
 * terminal.ts; nothing here or there counts findings on its own.
 */
import { itemNamer } from '../core/item-name.js';
import { FINDING_KINDS, type FindingKind } from '../core/finding-kinds.js';
import type { ArchiveDecision, CategoryBudget, CustomerBudget, Finding } from '../core/types.js';
import { isFailing, isWarning, judgeRun, type KindTally, type Tally, type Verdict } from '../core/verdict.js';
import { capText, KIND_TITLES, ratio, shareFraction } from './format.js';
import { formatPercent } from '../core/share.js';
import { fromScaled, toScaled } from '../core/rules/budgets.js';
import type { ReportInput } from './types.js';

export interface BudgetRow {
  category: string;
  items: number;
  points: number;
  /** Share of planned work as a fraction, for bars. */
  share: number;
  shareText: string;
  /** The max-share as a fraction, for the bar's cap mark. */
  cap?: number;
  /** The min-share as a fraction, for the bar's floor mark. */
  floor?: number;
  capText: string;
  status: CategoryBudget['status'];
}

export interface CustomerRow {
  category: string;
  customer: string;
  items: number;
  points: number;
  share: number;
  shareText: string;
  capText: string;
  over: boolean;
}

/** Customers listed per category, in every table and chart, before the rest are summed up in one row. */
export const MAX_CUSTOMERS = 10;

/** A category's customers, largest first: the first few, then the rest in one row, so the shares add up to the whole. */
export interface CustomerTable {
  category: string;
  shown: CustomerRow[];
  other?: { customers: number; items: number; points: number; shareText: string };
}

export interface FindingGroup {
  kind: FindingKind;
  title: string;
  /** The findings counted, from the verdict: the numbers every view prints for the group. */
  tally: Tally;
  /** Of them, on exempt items. */
  exempt: Tally;
  /** Failing first, then warnings, then exempt; within each, the engine's order. */
  findings: Finding[];
  /** The same findings with one entry per item (budget-wide findings stand alone), so a list shows each item once. */
  entries: Finding[][];
}

export interface ArchiveRow {
  item: { number: number; title: string; url: string };
  decision: ArchiveDecision;
}

export interface TrendRow {
  month: string;
  delivered: number;
  dealDriven: number;
  /** Customer-driven share of delivered points, a fraction, for bars. */
  share: number;
  /** The same share as every view writes it; undefined when nothing was delivered. */
  shareText?: string;
}

export interface ReportDigest {
  /** The run's verdict: pass or fail, and every count the views print. */
  verdict: Verdict;
  budgets: BudgetRow[];
  customers: CustomerRow[];
  customerTables: CustomerTable[];
  groups: FindingGroup[];
  /** What fails the check, by kind: what a lead acts on first. */
  failingGroups: FindingGroup[];
  /** Open warnings (not failing, not exempt), by kind. */
  warningGroups: FindingGroup[];
  /** The items that carry the exemption label. */
  exemptItems: number[];
  /** An item's name by its key ("#12", "acme/api#5", "draft: Title"), for lists built from keys. */
  nameOf: (key: number) => string;
  overdueBets?: number;
  staleBacklog?: { count: number; maxAgeDays: number };
  exemptions?: { label: string; inUse: number; maxOpen?: number };
  /** With `backlog.archive`: what this run archived (unknown without run facts), and what is still to be archived, oldest first. */
  archive?: { graceDays: number; archived?: ArchiveRow[]; pending: ArchiveRow[] };
  trend?: {
    rows: TrendRow[];
    /** The customer-driven share of work planned now: a fraction for bars, and as the budget table writes it. */
    plannedShare: number;
    plannedShareText: string;
    plannedPoints: number;
    /** The cap, when one category carries it: a fraction for bars, and as the policy writes it. */
    cap?: number;
    capText?: string;
    categories: string[];
    extraRequests: number;
  };
}

const verdicts = new WeakMap<ReportInput, Verdict>();

/** The run's verdict, judged once per report input however many views render it. */
export function verdictOf(input: ReportInput): Verdict {
  let verdict = verdicts.get(input);
  if (!verdict) {
    verdict = judgeRun({
      policy: input.policy,
      evaluation: input.evaluation,
      ...(input.trend ? { trend: input.trend.points } : {}),
      ...(input.outcomes ? { outcomes: input.outcomes } : {}),
    });
    verdicts.set(input, verdict);
  }
  return verdict;
}

export function digest(input: ReportInput): ReportDigest {
  const { evaluation, policy } = input;
  const verdict = verdictOf(input);
  const open = evaluation.findings.filter((f) => !f.exempt);
  // With archiving on, its own section lists the items to archive, with their dates.
  const listed = (findings: Finding[]) => (policy.backlog.archive ? findings.filter((f) => f.kind !== 'archive-pending') : findings);
  const groups = (findings: Finding[], tallyOf: (kind: KindTally) => Tally) => groupFindings(findings, verdict.kinds, tallyOf);
  return {
    verdict,
    budgets: evaluation.budgets.map((b) => ({
      category: b.category,
      items: b.items,
      points: b.points,
      share: ratio(b.points, evaluation.totalPoints),
      shareText: b.share,
      cap: shareFraction(b.maxShare),
      floor: shareFraction(b.minShare),
      capText: capText(b),
      status: b.status,
    })),
    customers: evaluation.budgets.flatMap(customerRows),
    customerTables: customerTables(input),
    groups: groups(listed(evaluation.findings), (k) => k.open),
    failingGroups: groups(listed(evaluation.findings).filter(isFailing), (k) => k.failing),
    warningGroups: groups(listed(evaluation.findings).filter(isWarning), (k) => k.warnings),
    exemptItems: evaluation.items.filter((a) => a.exempt).map((a) => a.number),
    nameOf: itemNamer(input.items),
    overdueBets: policy.bets.reviewField ? (verdict.kinds.find((k) => k.kind === 'bet-overdue')?.open.findings ?? 0) : undefined,
    // Items to be archived are stale too.
    staleBacklog: policy.backlog.maxAgeDays ? { count: itemsWith(open, ['stale-backlog', 'archive-pending']), maxAgeDays: policy.backlog.maxAgeDays } : undefined,
    exemptions: policy.exemptions
      ? { label: policy.exemptions.label, inUse: evaluation.exemptions.inUse, maxOpen: evaluation.exemptions.maxOpen ?? policy.exemptions.maxOpen }
      : undefined,
    archive: archiveOf(input),
    trend: trendOf(input, verdict),
  };
}

function customerTables(input: ReportInput): CustomerTable[] {
  return input.evaluation.budgets
    .filter((b) => b.customers.length > 0)
    .map((budget) => {
      const rows = customerRows(budget);
      const sorted = [...rows].sort((a, b) => b.points - a.points || a.customer.localeCompare(b.customer));
      const rest = sorted.slice(MAX_CUSTOMERS);
      if (rest.length === 0) return { category: budget.category, shown: sorted };
      const points = rest.reduce((total, c) => total + toScaled(c.points), 0);
      const other = {
        customers: rest.length,
        items: rest.reduce((total, c) => total + c.items, 0),
        points: fromScaled(points),
        shareText: formatPercent(points, toScaled(budget.points)),
      };
      return { category: budget.category, shown: sorted.slice(0, MAX_CUSTOMERS), other };
    });
}

function customerRows(b: CategoryBudget): CustomerRow[] {
  return b.customers.map((c) => ({
    category: b.category,
    customer: c.customer,
    items: c.items,
    points: c.points,
    share: ratio(c.points, b.points),
    ...customerLimits(b.category, c),
    over: c.over,
  }));
}

function archiveOf(input: ReportInput): ReportDigest['archive'] {
  const graceDays = input.policy.backlog.archive?.graceDays;
  if (graceDays === undefined) return undefined;
  const items = new Map(input.items.map((item) => [item.number, item]));
  const archived = new Set(input.run?.archived ?? []);
  const rows = input.evaluation.archive.map((decision) => ({ item: items.get(decision.number) ?? { number: decision.number, title: '', url: '' }, decision }));
  const pending = rows.filter((row) => !archived.has(row.item.number));
  return input.run ? { graceDays, archived: rows.filter((row) => archived.has(row.item.number)), pending } : { graceDays, pending };
}

function itemsWith(findings: Finding[], kinds: FindingKind[]): number {
  return new Set(findings.filter((f) => f.item && kinds.includes(f.kind)).map((f) => f.item!.number)).size;
}

const NONE: Tally = { findings: 0, items: 0, budgets: 0 };

function groupFindings(findings: Finding[], kinds: KindTally[], tallyOf: (kind: KindTally) => Tally): FindingGroup[] {
  const rank = (f: Finding) => (f.exempt ? 2 : f.severity === 'fail' ? 0 : 1);
  return FINDING_KINDS.map((kind) => {
    const counted = kinds.find((k) => k.kind === kind);
    const ofKind = findings
      .map((f, index) => ({ f, index }))
      .filter(({ f }) => f.kind === kind)
      .sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index)
      .map(({ f }) => f);
    return { kind, title: KIND_TITLES[kind], tally: counted ? tallyOf(counted) : NONE, exempt: counted?.exempt ?? NONE, findings: ofKind, entries: byItem(ofKind) };
  }).filter((g) => g.findings.length > 0);
}

function byItem(findings: Finding[]): Finding[][] {
  const entries: Finding[][] = [];
  const forItem = new Map<number, Finding[]>();
  for (const f of findings) {
    const existing = f.item ? forItem.get(f.item.number) : undefined;
    if (existing) {
      existing.push(f);
      continue;
    }
    const entry = [f];
    entries.push(entry);
    if (f.item) forItem.set(f.item.number, entry);
  }
  return entries;
}

function trendOf(input: ReportInput, verdict: Verdict): ReportDigest['trend'] {
  if (!input.trend || !verdict.trend) return undefined;
  const { customerDriven } = verdict;
  return {
    rows: verdict.trend.map((month) => ({
      month: month.month,
      delivered: month.delivered,
      dealDriven: month.customerDriven,
      share: ratio(month.customerDriven, month.delivered),
      ...(month.share === undefined ? {} : { shareText: month.share }),
    })),
    plannedShare: ratio(customerDriven.points, verdict.planned.points),
    plannedShareText: customerDriven.share,
    plannedPoints: customerDriven.points,
    ...(customerDriven.cap ? { cap: shareFraction(customerDriven.cap), capText: customerDriven.cap.text } : {}),
    categories: customerDriven.categories,
    extraRequests: input.trend.extraRequests,
  };
}

/**
 * A customer's share and caps, each saying what it is a share of once both
 * kinds are in play: "≤ 50% of deal" is not "≤ 5% of all planned work".
 */
function customerLimits(category: string, c: CustomerBudget): Pick<CustomerRow, 'shareText' | 'capText'> {
  if (!c.plannedCap) return { shareText: c.share, capText: c.cap ? `≤ ${c.cap}` : '—' };
  const caps = [...(c.cap ? [`≤ ${c.cap} of ${category}`] : []), `≤ ${c.plannedCap} of all planned work`];
  return { shareText: `${c.share} (${c.plannedShare ?? '?'} of all planned work)`, capText: caps.join(', ') };
}
