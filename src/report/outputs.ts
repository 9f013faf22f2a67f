/**
 * The action's JSON outputs, for later workflow steps to read with
 * `fromJSON`. Field names are stable: workflows depend on them.
 */
import type { FindingKind } from '../core/finding-kinds.js';
import type { CategoryBudget, Evaluation, Severity } from '../core/types.js';
import { isThisRepositorysIssue, itemName } from '../core/item-name.js';

export interface FindingOutput {
  kind: FindingKind;
  severity: Severity;
  /** The issue's number in this repository; null for a budget-wide finding, and for a board item of another repository or a draft (see `name`). */
  item: number | null;
  /** How every view names the item: `#12`, `acme/api#5` (another repository's issue on the board), `draft: Title`; null for a budget-wide finding. */
  name: string | null;
  url: string | null;
  title: string | null;
  category: string | null;
  customer: string | null;
  message: string;
  fix: string;
  exempt: boolean;
}

export interface BudgetOutput {
  category: string;
  items: number;
  points: number;
  share: string;
  /** The max-share, "10%", or null when the category has none. */
  cap: string | null;
  /** The min-share, "60%", or null when the category has none. */
  floor: string | null;
  status: CategoryBudget['status'];
  /** share and cap are of the category; plannedShare and plannedCap, present when the category caps it, of all planned work. */
  customers: { customer: string; points: number; share: string; cap: string | null; plannedShare?: string; plannedCap?: string; over: boolean }[];
}

export function findingsOutput(evaluation: Evaluation): FindingOutput[] {
  return evaluation.findings.map((f) => ({
    kind: f.kind,
    severity: f.severity,
    item: f.item && isThisRepositorysIssue(f.item) ? f.item.number : null,
    name: f.item ? itemName(f.item) : null,
    url: f.item?.url ?? null,
    title: f.item?.title ?? null,
    category: f.category ?? null,
    customer: f.customer ?? null,
    message: f.message,
    fix: f.fix,
    exempt: f.exempt,
  }));
}

export function budgetsOutput(evaluation: Evaluation): BudgetOutput[] {
  return evaluation.budgets.map((b) => ({
    category: b.category,
    items: b.items,
    points: b.points,
    share: b.share,
    cap: b.maxShare?.text ?? null,
    floor: b.minShare?.text ?? null,
    status: b.status,
    customers: b.customers.map((c) => ({
      customer: c.customer,
      points: c.points,
      share: c.share,
      cap: c.cap ?? null,
      ...(c.plannedCap ? { plannedShare: c.plannedShare, plannedCap: c.plannedCap } : {}),
      over: c.over,
    })),
  }));
}
