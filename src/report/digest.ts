/**
 * The figures every lead-facing report shows, computed once from the
 * evaluation so that the job summary, the dashboard and the terminal report
 * cannot disagree. Rendering lives in summary.ts and terminal.ts.
 */
import { FINDING_KINDS, ITEM_LEVEL_KINDS, type FindingKind } from '../core/finding-kinds.js';
import type { ArchiveDecision, CategoryBudget, CustomerBudget, Finding } from '../core/types.js';
import { capText, dealCategories, KIND_TITLES, ratio, shareFraction } from './format.js';
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

export interface FindingGroup {
  kind: FindingKind;
  title: string;
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
  /** Deal-driven share of delivered points, a fraction. */
  share: number;
}

export interface ReportDigest {
  /** Items with at least one finding that is not exempt. */
  itemsNeedingAttention: number;
  failing: number;
  warnings: number;
  exempt: number;
  compliant: boolean;
  /** Categories over their max-share. */
  overBudget: string[];
  /** Customers over their per-customer share, by name (a customer over in two categories is named once). */
  overShare: string[];
  budgets: BudgetRow[];
  customers: CustomerRow[];
  groups: FindingGroup[];
  /** What fails the check, by kind: what a lead acts on first. */
  failingGroups: FindingGroup[];
  /** Open warnings (not failing, not exempt), by kind. */
  warningGroups: FindingGroup[];
  /** Items with an open warning. */
  itemsWithWarnings: number;
  /** The items that carry the exemption label. */
  exemptItems: number[];
  overdueBets?: number;
  staleBacklog?: { count: number; maxAgeDays: number };
  exemptions?: { label: string; inUse: number; maxOpen?: number };
  /** With `backlog.archive`: what this run archived (unknown without run facts), and what is still to be archived, oldest first. */
  archive?: { graceDays: number; archived?: ArchiveRow[]; pending: ArchiveRow[] };
  trend?: { rows: TrendRow[]; plannedShare: number; cap?: number; categories: string[]; extraRequests: number };
}

export function digest(input: ReportInput): ReportDigest {
  const { evaluation, policy } = input;
  const open = evaluation.findings.filter((f) => !f.exempt);
  const count = (kind: FindingKind) => evaluation.findings.filter((f) => f.kind === kind && !f.exempt).length;
  // With archiving on, its own section lists the items to archive, with their dates.
  const listed = (findings: Finding[]) => (policy.backlog.archive ? findings.filter((f) => f.kind !== 'archive-pending') : findings);
  return {
    itemsNeedingAttention: new Set(open.filter((f) => f.item && ITEM_LEVEL_KINDS.includes(f.kind)).map((f) => f.item!.number)).size,
    failing: open.filter((f) => f.severity === 'fail').length,
    warnings: open.filter((f) => f.severity === 'warn').length,
    exempt: evaluation.findings.length - open.length,
    compliant: evaluation.compliant,
    overBudget: evaluation.budgets.filter((b) => b.status === 'over').map((b) => b.category),
    overShare: [...new Set(evaluation.budgets.flatMap((b) => b.customers.filter((c) => c.over).map((c) => c.customer)))],
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
    customers: evaluation.budgets.flatMap((b) =>
      b.customers.map((c) => ({
        category: b.category,
        customer: c.customer,
        items: c.items,
        points: c.points,
        share: ratio(c.points, b.points),
        ...customerLimits(b.category, c),
        over: c.over,
      })),
    ),
    groups: groupFindings(listed(evaluation.findings)),
    failingGroups: groupFindings(listed(open).filter((f) => f.severity === 'fail')),
    warningGroups: groupFindings(listed(open).filter((f) => f.severity === 'warn')),
    itemsWithWarnings: new Set(open.filter((f) => f.severity === 'warn' && f.item).map((f) => f.item!.number)).size,
    exemptItems: evaluation.items.filter((a) => a.exempt).map((a) => a.number),
    overdueBets: policy.bets.reviewField ? count('bet-overdue') : undefined,
    // Items to be archived are stale too.
    staleBacklog: policy.backlog.maxAgeDays ? { count: itemsWith(open, ['stale-backlog', 'archive-pending']), maxAgeDays: policy.backlog.maxAgeDays } : undefined,
    exemptions: policy.exemptions
      ? { label: policy.exemptions.label, inUse: evaluation.exemptions.inUse, maxOpen: evaluation.exemptions.maxOpen ?? policy.exemptions.maxOpen }
      : undefined,
    archive: archiveOf(input),
    trend: trendOf(input),
  };
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

function groupFindings(findings: Finding[]): FindingGroup[] {
  const rank = (f: Finding) => (f.exempt ? 2 : f.severity === 'fail' ? 0 : 1);
  return FINDING_KINDS.map((kind) => {
    const ofKind = findings
      .map((f, index) => ({ f, index }))
      .filter(({ f }) => f.kind === kind)
      .sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index)
      .map(({ f }) => f);
    return { kind, title: KIND_TITLES[kind], findings: ofKind, entries: byItem(ofKind) };
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

function trendOf(input: ReportInput): ReportDigest['trend'] {
  if (!input.trend) return undefined;
  const categories = dealCategories(input.policy);
  const dealPoints = (byCategory: Record<string, number>) => categories.reduce((sum, c) => sum + (byCategory[c] ?? 0), 0);
  const planned = input.evaluation.budgets.filter((b) => categories.includes(b.category)).reduce((sum, b) => sum + b.points, 0);
  const caps = input.policy.categories.filter((c) => categories.includes(c.name) && c.maxShare).map((c) => shareFraction(c.maxShare)!);
  return {
    rows: input.trend.points.map((p) => ({
      month: p.month,
      delivered: p.deliveredPoints,
      dealDriven: dealPoints(p.byCategory),
      share: ratio(dealPoints(p.byCategory), p.deliveredPoints),
    })),
    plannedShare: ratio(planned, input.evaluation.totalPoints),
    // One cap line only makes sense when there is one deal-driven category.
    cap: caps.length === 1 ? caps[0] : undefined,
    categories,
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
