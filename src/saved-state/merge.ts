/**
 * The state and the changes since it, put together the way a full budget
 * read would have seen them: a closed issue leaves, an open one comes in or
 * replaces its entry, in the budget read's order (oldest first).
 */
import type { WorkItem } from '../core/types.js';
import type { BodyReads } from '../core/body-reads.js';
import type { IssueShapes } from '../ports/forge.js';
import type { IssueNode } from '../ports/reads.js';
import type { SavedState } from './format.js';

export interface MergedState {
  items: WorkItem[];
  skipped: number[];
}

export function mergeChanges(
  state: SavedState,
  changed: readonly IssueNode[],
  dashboard: { dashboardTitle: string | undefined; earlierIdentities: readonly string[] },
  reads: BodyReads,
  shapes: IssueShapes,
): MergedState {
  const items = new Map(state.items.map((item) => [item.number, item]));
  const skipped = new Set(state.skipped);
  for (const node of changed) {
    items.delete(node.number);
    skipped.delete(node.number);
    if (node.state !== 'OPEN') continue;
    // The budget read's own rule (read.ts), so both count the dashboard alike.
    if (shapes.isDashboardIssue(node, dashboard.dashboardTitle, dashboard.earlierIdentities)) skipped.add(node.number);
    else items.set(node.number, shapes.policyItem(shapes.budgetWorkItem(node), reads));
  }
  return { items: inReadOrder([...items.values()]), skipped: [...skipped] };
}

/**
 * An audit's open issues as the budget read gives them: the fields its narrow
 * query reads, and of the body only what the policy reads. An audit reads
 * more (authors, milestones, the bot's comment); budgets and the policy
 * preview need none of it.
 */
export function stateItems(items: readonly WorkItem[], reads: BodyReads, shapes: Pick<IssueShapes, 'policyItem'>): WorkItem[] {
  return inReadOrder(
    items.map((item) => ({
      number: item.number,
      title: item.title,
      url: item.url,
      state: item.state,
      labels: item.labels,
      author: null,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      closedAt: null,
      milestone: null,
      form: item.form,
      checklist: item.checklist,
      fields: {},
    })).map((item) => shapes.policyItem(item, reads)),
  );
}

/** Oldest first, as the budget read's pages come (`orderBy: CREATED_AT ASC`). */
function inReadOrder(items: WorkItem[]): WorkItem[] {
  return items.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number - b.number);
}
