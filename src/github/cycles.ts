/**
 * What the execution report reads: the milestones (they come with the
 * audit's first page, see `readIssues`' `withMilestones`), then the issues of
 * the cycles in the window, each with its milestone and closing history, 50
 * a request. Read only for the cycles the report covers, and the milestone
 * after the newest of them, where carried-over work goes.
 */
import { GitHubReadError } from './errors.js';
import type { Policy } from '../core/policy.js';
import type { Milestone, TimelineEvent, WorkItem } from '../core/types.js';
import { cyclesInWindow } from '../core/execution.js';
import { windowStart } from '../core/trend.js';
import type { GitHubClient } from './client.js';
import { CYCLE_ITEMS_QUERY } from './queries.js';
import { toWorkItem, type IssueNode } from './work-items.js';
import type { MilestoneNode, MilestoneList, CycleRead } from '../ports/reads.js';
export type { MilestoneNode, MilestoneList, CycleRead };

/** owner/name (read.ts's RepoRef; not imported, so the two modules do not import each other). */
interface RepoRef {
  owner: string;
  name: string;
}

type TimelineNode =
  | { __typename: 'MilestonedEvent' | 'DemilestonedEvent'; createdAt: string; milestoneTitle: string }
  | { __typename: 'ClosedEvent'; createdAt: string; stateReason: string | null }
  | { __typename: 'ReopenedEvent'; createdAt: string };

type CycleIssueNode = IssueNode & { timelineItems: { totalCount: number; nodes: (TimelineNode | null)[] | null } };

interface CycleItemsPage {
  repository: { milestone: { issues: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (CycleIssueNode | null)[] } } | null } | null;
}

export function toMilestone(node: MilestoneNode): Milestone {
  return { title: node.title, state: node.state === 'CLOSED' ? 'closed' : 'open', dueOn: node.dueOn, closedAt: node.closedAt, createdAt: node.createdAt };
}

/** The milestones whose issues the report needs: the cycles in the window, and the one due next after the newest of them. */
export function milestonesToRead(nodes: MilestoneNode[], policy: Policy, now: Date): MilestoneNode[] {
  const cycles = cyclesInWindow(nodes.map(toMilestone), Date.parse(windowStart(now, policy.execution.months)), now.getTime());
  const newest = cycles.at(-1);
  if (!newest) return [];
  const titles = new Set(cycles.map((cycle) => cycle.title));
  const next = nodes
    .filter((node) => node.dueOn !== null && Date.parse(node.dueOn) >= newest.end && !titles.has(node.title))
    .sort((a, b) => Date.parse(a.dueOn!) - Date.parse(b.dueOn!))[0];
  return nodes.filter((node) => titles.has(node.title) || node === next);
}

/**
 * Everything the report needs, from the milestones the audit's first page
 * gave: none when no cycle is in the window. More than 100 milestones: the
 * 100 due latest are used, and the log says so.
 */
export async function readExecution(client: GitHubClient, repo: RepoRef, options: { policy: Policy; milestones: { nodes: MilestoneNode[]; total: number }; now: Date; withBody: boolean }): Promise<CycleRead> {
  const { nodes, total } = options.milestones;
  if (total > nodes.length) client.warn?.(`The execution report read the ${nodes.length} milestones due latest of ${total}; cycles due earlier are left out.`);
  return readCycles(client, repo, { milestones: nodes, read: milestonesToRead(nodes, options.policy, options.now), withBody: options.withBody });
}

/** The issues of the given milestones with their histories; an issue found in two milestones is read once. */
export async function readCycles(client: GitHubClient, repo: RepoRef, options: { milestones: MilestoneNode[]; read: MilestoneNode[]; withBody: boolean }): Promise<CycleRead> {
  const before = client.counts().graphql;
  const items = new Map<number, WorkItem>();
  const partial = new Set<number>();
  for (const milestone of options.read) {
    let after: string | null = null;
    do {
      const page: CycleItemsPage = await client.graphql<CycleItemsPage>(CYCLE_ITEMS_QUERY, { owner: repo.owner, name: repo.name, number: milestone.number, after, withBody: options.withBody });
      const issues = page.repository?.milestone?.issues;
      if (!issues) throw new GitHubReadError(`Milestone "${milestone.title}" of ${repo.owner}/${repo.name} could not be read (deleted during the run?); the execution report needs its issues.`);
      for (const node of issues.nodes) {
        if (!node || items.has(node.number)) continue;
        const item = toWorkItem(node);
        items.set(node.number, { ...item, timeline: timelineOf(node, item) });
        if (node.timelineItems.totalCount > (node.timelineItems.nodes?.length ?? 0)) partial.add(node.number);
      }
      after = issues.pageInfo.hasNextPage ? issues.pageInfo.endCursor : null;
    } while (after);
  }
  return {
    milestones: options.milestones.map(toMilestone),
    items: [...items.values()],
    partialHistories: [...partial].sort((a, b) => a - b),
    requests: client.counts().graphql - before,
  };
}

const CLOSED_AS: Record<string, TimelineEvent['closedAs']> = { COMPLETED: 'completed', NOT_PLANNED: 'not-planned', DUPLICATE: 'duplicate' };

/**
 * The issue's events, oldest first. A close event's own `stateReason` is
 * not always the issue's: it has no `enableDuplicate` argument, and it has
 * been seen to say COMPLETED for an issue closed as not planned
 * (pwntester/octo.nvim#790). So the last close of an issue closed now takes
 * the issue's reason (`stateReason(enableDuplicate: true)`, in `closedAs`).
 */
function timelineOf(node: CycleIssueNode, item: WorkItem): TimelineEvent[] {
  const events = eventsOf(node);
  const last = events.findLastIndex((event) => event.event === 'closed');
  if (item.state !== 'closed' || last === -1) return events;
  events[last] = { at: events[last]!.at, event: 'closed', ...(item.closedAs ? { closedAs: item.closedAs } : {}) };
  return events;
}

function eventsOf(node: CycleIssueNode): TimelineEvent[] {
  return (node.timelineItems.nodes ?? []).flatMap((event): TimelineEvent[] => {
    if (!event) return [];
    switch (event.__typename) {
      case 'MilestonedEvent':
        return [{ at: event.createdAt, event: 'milestoned', milestone: event.milestoneTitle }];
      case 'DemilestonedEvent':
        return [{ at: event.createdAt, event: 'demilestoned', milestone: event.milestoneTitle }];
      case 'ClosedEvent': {
        const closedAs = event.stateReason ? CLOSED_AS[event.stateReason] : undefined;
        return [{ at: event.createdAt, event: 'closed', ...(closedAs ? { closedAs } : {}) }];
      }
      case 'ReopenedEvent':
        return [{ at: event.createdAt, event: 'reopened' }];
    }
  });
}
