/**
 * What each mode reads. Issue mode: the event's issue in full plus the
 * narrow budget read. Audit mode: every open issue with its comment window,
 * closed issues still carrying the bot's labels, and closed issues for the
 * trend when it is asked for.
 */
import type { WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import type { Forge, RepoRef } from '../ports/forge.js';
import type { AuditReadOptions, CommentLookup, CommentNode, CycleRead, IssueNode, IssueRecord, ManagedLabelNames } from '../ports/reads.js';
import { budgetNeedsBody, policyReads } from '../core/body-reads.js';
import type { BotComment } from '../plan/types.js';
import { DAY_MS } from '../core/rules/context.js';

export interface Gathered {
  /** The items the evaluation sees (planned work and candidates). */
  items: WorkItem[];
  /** Closed items read for the trend only. */
  closedItems: WorkItem[];
  /** The items whose comment and labels this run keeps in sync. */
  syncItems: WorkItem[];
  comments: Map<number, CommentLookup>;
  existingLabels: Set<string>;
  dashboard: { number: number; body: string } | null;
  /** Duplicate dashboard issues of the bot's, to close. */
  extraDashboards: number[];
  /** GraphQL requests spent on the trend's closed issues. */
  trendRequests: number;
  /** Audits with the execution report on: the milestones and the issues of the cycles in its window. */
  execution?: CycleRead;
  /** Issue mode with a board read from the saved board: when the rest of the board was read in full. */
  boardReadAt?: string;
  /** Issue mode: the event's issue is the bot's own dashboard (its edits fire issue events too). */
  focusIsDashboard?: boolean;
}

export interface GatherOptions {
  forge: Forge;
  repo: RepoRef;
  policy: Policy;
  dashboardTitle?: string;
}

/** `readBudget`: where the budget items come from (a saved state and the changes since); every open issue read narrowly by default. */
export async function gatherIssue(options: GatherOptions & { issueNumber: number; readBudget?: () => Promise<WorkItem[]> }): Promise<Gathered> {
  const { forge, repo, policy } = options;
  const focus = await forge.readFocusIssue(repo, options.issueNumber, managedLabels(policy), options.dashboardTitle);
  const budgetItems = await (options.readBudget?.() ?? forge.readBudgetItems(repo, policy, { dashboardTitle: options.dashboardTitle }));
  const focusItem = focus.record.item;
  // The budget read has every open issue narrowly; the focus issue replaces its narrow copy.
  const items = [...budgetItems.filter((item) => item.number !== focusItem.number), focusItem];
  return {
    items,
    closedItems: [],
    syncItems: [focusItem],
    comments: new Map([[focusItem.number, focus.record.comments]]),
    existingLabels: focus.existingLabels ?? new Set(),
    dashboard: null,
    extraDashboards: [],
    trendRequests: 0,
    focusIsDashboard: focus.isDashboard,
  };
}

export async function gatherAudit(options: GatherOptions & { trendSince?: string; now?: Date }): Promise<Gathered> {
  const { forge, repo, policy } = options;
  const mayBeArchived = archiveCandidate(policy, options.now ?? new Date());
  // Of thousands of bodies, only what the policy reads is kept.
  const reads = policyReads(policy);
  const open = await forge.readIssues(repo, {
    states: ['OPEN'],
    withBody: true,
    withComments: true,
    withAssignees: policy.businessCase.requireAssignee,
    reads,
    labels: managedLabels(policy),
    dashboardTitle: options.dashboardTitle,
    ...(mayBeArchived ? { needsBotComment: mayBeArchived } : {}),
    ...timelineNeeded(policy, options.now ?? new Date()),
    withMilestones: policy.execution.cycles !== 'off',
  });
  const execution = open.milestones
    ? await forge.readExecution(repo, { policy, milestones: open.milestones, now: options.now ?? new Date(), withBody: budgetNeedsBody(policy) })
    : undefined;
  let closedItems: WorkItem[] = [];
  let trendRequests = 0;
  if (options.trendSince) {
    const before = forge.counts().graphql;
    const closed = await forge.readIssues(repo, {
      states: ['CLOSED'],
      since: options.trendSince,
      withBody: budgetNeedsBody(policy),
      withComments: false,
      reads,
      dashboardTitle: options.dashboardTitle,
    });
    closedItems = closed.records.map((record) => record.item);
    trendRequests = forge.counts().graphql - before;
  }
  const items = open.records.map((record) => record.item);
  const leftBehind = await readClosedCarryingManagedLabels(options);
  return {
    items,
    closedItems,
    syncItems: [...items, ...leftBehind.map((record) => record.item)],
    comments: new Map([...open.records, ...leftBehind].map((record) => [record.item.number, record.comments])),
    existingLabels: open.existingLabels ?? new Set(),
    dashboard: open.dashboard,
    extraDashboards: open.extraDashboards,
    trendRequests,
    ...(execution ? { execution } : {}),
  };
}

/**
 * With `backlog.archive`, an issue no person touched for longer than
 * `max-age-days` (as far as its creation, last edit and the comments read
 * show) may be in its grace period: the warning's date is in the bot's
 * comment, and the bot's own writes bump `updatedAt`, so that comment must be
 * read even when the window (the last 13 comments) missed it.
 * Issues touched recently are not stale whatever the comment says: no extra read.
 */
function archiveCandidate(policy: Policy, now: Date): ((node: IssueNode, window: readonly (CommentNode | null)[]) => boolean) | undefined {
  const { maxAgeDays, archive } = policy.backlog;
  if (!archive || maxAgeDays === undefined) return undefined;
  return staleBy(now.getTime() - maxAgeDays * DAY_MS);
}

/**
 * With `backlog.max-age-days`, an issue stale by what the page shows (its
 * creation, last edit and people's comments) whose `updatedAt` is recent:
 * something changed since, the bot's own write or a person's label, and only
 * the timeline's actors tell which. An issue whose `updatedAt` is old is
 * stale whoever touched it last: no extra read.
 */
function timelineNeeded(policy: Policy, now: Date): Pick<AuditReadOptions, 'needsTimeline'> {
  const { maxAgeDays } = policy.backlog;
  if (maxAgeDays === undefined) return {};
  const staleBefore = now.getTime() - maxAgeDays * DAY_MS;
  const staleOnPage = staleBy(staleBefore);
  return { needsTimeline: (node, window) => Date.parse(node.updatedAt) >= staleBefore && staleOnPage(node, window) };
}

/** Stale by what a page of issues shows: creation, last body edit and the comments of people in the window. */
function staleBy(staleBefore: number): (node: IssueNode, window: readonly (CommentNode | null)[]) => boolean {
  return (node, window) => {
    const people = window.filter((comment): comment is CommentNode => !!comment && !comment.viewerDidAuthor && !comment.byEarlierIdentity).map((comment) => comment.updatedAt ?? comment.createdAt);
    const touches = [node.createdAt, node.lastEditedAt, ...people].map((moment) => (moment ? Date.parse(moment) : Number.NaN)).filter(Number.isFinite);
    return touches.length > 0 && Math.max(...touches) < staleBefore;
  };
}

/**
 * Closed issues that still carry a label the bot manages: closed while no run
 * saw it (a missed event, or closed before the workflow existed). An audit
 * resolves their comment and removes the labels, so nothing is left behind.
 * One read per managed label: GitHub does not document whether a filter on
 * several labels matches any or all of them, and one label is unambiguous.
 */
async function readClosedCarryingManagedLabels(options: GatherOptions): Promise<IssueRecord[]> {
  const records = new Map<number, IssueRecord>();
  for (const label of Object.values(managedLabels(options.policy) ?? {})) {
    const closed = await options.forge.readIssues(options.repo, {
      states: ['CLOSED'],
      label,
      withBody: false,
      withComments: true,
      dashboardTitle: options.dashboardTitle,
    });
    for (const record of closed.records) records.set(record.item.number, record);
  }
  return [...records.values()];
}

/**
 * Reads the rest of the comments of the few issues whose comment window did
 * not settle whether the bot has commented, when it matters: the issue is
 * about to get a comment (a duplicate must not be posted), or it carries a
 * label the bot manages (its comment may need resolving).
 */
export async function completeCommentLookups(
  options: Pick<GatherOptions, 'forge' | 'repo' | 'policy'> & { gathered: Gathered; matters: (item: WorkItem) => boolean },
): Promise<Map<number, BotComment | null>> {
  const known = new Map<number, BotComment | null>();
  const managed = Object.values(managedLabels(options.policy) ?? {}).map((label) => label.toLowerCase());
  for (const item of options.gathered.syncItems) {
    const lookup = options.gathered.comments.get(item.number);
    if (lookup?.complete) {
      known.set(item.number, lookup.comment);
      continue;
    }
    const carriesManagedLabel = item.labels.some((label) => managed.includes(label.toLowerCase()));
    if (options.matters(item) || carriesManagedLabel) {
      known.set(item.number, (await options.forge.readBotComment(options.repo, item.number)).comment);
    }
  }
  return known;
}

/** The labels the policy asks the bot to manage, if any. */
function managedLabels(policy: Policy): ManagedLabelNames | undefined {
  const { nonCompliant, overBudget } = policy.enforcement.labels;
  if (!nonCompliant && !overBudget) return undefined;
  return { ...(nonCompliant ? { nonCompliant } : {}), ...(overBudget ? { overBudget } : {}) };
}
