/**
 * Reads from GitHub, one function per question, the client passed in. All
 * reads are GraphQL pages of 100, so N issues cost about ceil(N/100) requests.
 */
import { GitHubReadError } from './errors.js';
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import type { GitHubClient } from './client.js';
import { AUDIT_ISSUES_QUERY, BUDGET_ITEMS_QUERY, FOCUS_ISSUE_QUERY, ISSUE_COMMENTS_QUERY, NEWEST_ISSUES_QUERY } from './queries.js';
import { budgetWorkItem, findBotComment, policyItem, isDashboardIssue, markEarlierComments, toWorkItem, type CommentLookup, type CommentNode, type IssueNode } from './work-items.js';
import type { BotComment } from '../plan/types.js';
import { readTimeline } from './timeline.js';
import type { MilestoneList } from './cycles.js';
import type { ManagedLabelNames, IssueRecord, IssuesRead, AuditReadOptions, FocusRead } from '../ports/reads.js';
import type { RepoRef } from '../ports/forge.js';
import { policyReads, readsBody, budgetNeedsBody } from '../core/body-reads.js';
export { policyReads, readsBody, budgetNeedsBody };
export type { ManagedLabelNames, IssueRecord, IssuesRead, AuditReadOptions, FocusRead, RepoRef };

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface CommentConnection {
  totalCount?: number;
  pageInfo?: PageInfo;
  nodes: (CommentNode | null)[] | null;
}

type AuditNode = IssueNode & { recentComments?: CommentConnection };

interface ManagedLabelFields {
  nonCompliantLabel?: { name: string } | null;
  overBudgetLabel?: { name: string } | null;
}

interface AuditPage {
  repository: (ManagedLabelFields & { milestones?: MilestoneList } & { issues: { totalCount: number; pageInfo: PageInfo; nodes: (AuditNode | null)[] } }) | null;
}

/** What the pages of an audit read add up to, before the follow-up reads. */
interface AuditCollected {
  records: IssueRecord[];
  dashboards: { number: number; body: string }[];
  /** Issues whose bot comment was not in the window and is needed, or whose timeline is: read after the pages. */
  pending: { index: number; node: AuditNode; window: (CommentNode | null)[]; comments: boolean; timeline: boolean }[];
}

/** Every issue in the given states, 100 per request. */
export async function readIssues(client: GitHubClient, repo: RepoRef, options: AuditReadOptions): Promise<IssuesRead> {
  const collected: AuditCollected = { records: [], dashboards: [], pending: [] };
  let existingLabels: Set<string> | undefined;
  let milestones: IssuesRead['milestones'];
  let after: string | null = null;
  let counted: number | undefined;
  let seen = 0;
  do {
    const repository = await readAuditPage(client, repo, options, after);
    if (after === null && options.labels) existingLabels = labelsFound(repository);
    if (after === null && repository.milestones) milestones = { nodes: (repository.milestones.nodes ?? []).filter((node) => node !== null), total: repository.milestones.totalCount };
    counted ??= repository.issues.totalCount;
    seen += repository.issues.nodes.length;
    collectAuditNodes(repository.issues.nodes, { ...options, earlierIdentities: client.earlierIdentities ?? [] }, collected);
    after = repository.issues.pageInfo.hasNextPage ? repository.issues.pageInfo.endCursor : null;
  } while (after);
  // After the pages: a follow-up request between pages would not change what is read, and keeps the page loop simple.
  const records = await completeBotComments(client, repo, collected);
  warnIfShort(client, options, seen, counted);
  const [dashboard = null, ...extras] = collected.dashboards.sort((a, b) => a.number - b.number);
  return { records, dashboard, extraDashboards: extras.map((extra) => extra.number), existingLabels, ...(milestones ? { milestones } : {}) };
}

async function readAuditPage(client: GitHubClient, repo: RepoRef, options: AuditReadOptions, after: string | null): Promise<NonNullable<AuditPage['repository']>> {
  const page: AuditPage = await client.graphql<AuditPage>(AUDIT_ISSUES_QUERY, {
    owner: repo.owner,
    name: repo.name,
    states: options.states,
    since: options.since ?? null,
    labels: options.label ? [options.label] : null,
    after,
    withBody: options.withBody,
    withComments: options.withComments,
    withMilestones: options.withMilestones === true && after === null,
    withAssignees: options.withAssignees ?? false,
    ...labelVariables(options.labels, after === null),
  });
  const repository = requireRepository(page.repository, repo);
  const earlier = client.earlierIdentities;
  if (!earlier?.length) return repository;
  const nodes = repository.issues.nodes.map((node) =>
    node?.recentComments ? { ...node, recentComments: { ...node.recentComments, nodes: markEarlierComments(node.recentComments.nodes ?? [], earlier) } } : node,
  );
  return { ...repository, issues: { ...repository.issues, nodes } };
}

/** One page's issues as records; the dashboard issues aside; and the issues whose bot comment must still be read. */
function collectAuditNodes(nodes: (AuditNode | null)[], options: AuditReadOptions & { earlierIdentities: readonly string[] }, collected: AuditCollected): void {
  const { records, dashboards, pending } = collected;
  for (const node of nodes) {
    if (!node) continue;
    if (isDashboardIssue(node, options.dashboardTitle, options.earlierIdentities)) {
      dashboards.push({ number: node.number, body: node.body ?? '' });
      continue;
    }
    const window = node.recentComments?.nodes ?? [];
    const item = toWorkItem(node, window);
    const record = { item: options.reads ? policyItem(item, options.reads) : item, comments: options.withComments ? commentWindow(node) : { comment: null, complete: false } };
    records.push(record);
    const comments = needsComments(record, node, window, options);
    const timeline = options.withComments && (options.needsTimeline?.(node, window) ?? false);
    // The body is in the record already, as the form and checklist read from it.
    if (comments || timeline) pending.push({ index: records.length - 1, node: { ...node, body: null }, window, comments, timeline });
  }
}

/** The window did not settle where the bot's comment is, and the issue's work item needs it. */
function needsComments(record: IssueRecord, node: AuditNode, window: (CommentNode | null)[], options: AuditReadOptions): boolean {
  return !record.comments.complete && options.withComments && (options.needsBotComment?.(node, window) ?? false);
}

/** The bot's comment and the timeline of each pending issue, as needed, read in follow-up requests for that issue only. */
async function completeBotComments(client: GitHubClient, repo: RepoRef, collected: AuditCollected): Promise<IssueRecord[]> {
  const records = collected.records;
  for (const pending of collected.pending) {
    const { index, node, window } = pending;
    const read = pending.comments ? await readCommentsToBot(client, repo, node.number) : undefined;
    const timeline = pending.timeline ? await readTimeline(client, repo, node.number) : undefined;
    const { item: before, comments } = records[index]!;
    const item = toWorkItem(node, [...window, ...(read?.nodes ?? [])], timeline);
    records[index] = { item: { ...item, form: before.form, checklist: before.checklist }, comments: read ? { comment: read.comment, complete: true } : comments };
  }
  return records;
}

/**
 * Pages that end before the count (a page that came back empty, or issues
 * closed or deleted between pages, which shift the later pages): say so; the
 * run acts on what it read, and the next run reads the rest.
 */
function warnIfShort(client: GitHubClient, options: AuditReadOptions, seen: number, counted: number | undefined): void {
  if (typeof counted === 'number' && seen < counted) {
    client.warn?.(
      `GitHub's pages of ${options.states.join(' and ').toLowerCase()} issues ended after ${seen} of the ${counted} it counted: this run acted on those it read; the next run reads the rest.`,
    );
  }
}

interface FocusPage {
  repository: (ManagedLabelFields & { issue: (IssueNode & { comments: CommentConnection }) | null }) | null;
}

/** The event's issue with its body, reading its comments until the bot's comment turns up. */
export async function readFocusIssue(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  labels?: ManagedLabelNames,
  dashboardTitle?: string,
): Promise<FocusRead> {
  let commentsAfter: string | null = null;
  let item: WorkItem | undefined;
  let existingLabels: Set<string> | undefined;
  let comment: BotComment | null;
  let isDashboard = false;
  do {
    const page: FocusPage = await client.graphql<FocusPage>(FOCUS_ISSUE_QUERY, {
      owner: repo.owner,
      name: repo.name,
      number,
      commentsAfter,
      ...labelVariables(labels, commentsAfter === null),
    });
    const repository = requireRepository(page.repository, repo);
    if (!repository.issue) throw new GitHubReadError(`Issue #${number} was not found in ${repo.owner}/${repo.name} (it may be a pull request or deleted).`);
    const nodes = markEarlierComments(repository.issue.comments.nodes ?? [], client.earlierIdentities);
    if (commentsAfter === null) {
      item = toWorkItem(repository.issue, nodes);
      isDashboard = isDashboardIssue(repository.issue, dashboardTitle, client.earlierIdentities);
      if (labels) existingLabels = labelsFound(repository);
    }
    comment = findBotComment(nodes);
    const pageInfo = repository.issue.comments.pageInfo;
    commentsAfter = !comment && pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  } while (commentsAfter);
  return { record: { item: item!, comments: { comment, complete: true } }, existingLabels, isDashboard };
}

interface BudgetPage {
  repository: { issues: { totalCount: number; pageInfo: PageInfo; nodes: (IssueNode | null)[] } } | null;
}

/**
 * What issue mode needs to compute budgets: every open issue, narrowly, with
 * of its body only what the policy reads (`policyReads`), so a policy
 * preview can judge them too. The one place that knows how budgets are
 * read, so a cheaper source (a saved state) can replace it without touching
 * callers.
 */
export async function readBudgetItems(
  client: GitHubClient,
  repo: RepoRef,
  policy: Policy,
  /** `onSkipped` hears of each open issue read that is not planned work (the dashboard), so a saved state can count it. */
  options: { dashboardTitle?: string; onSkipped?: (number: number) => void } = {},
): Promise<WorkItem[]> {
  const reads = policyReads(policy);
  const withBody = readsBody(reads);
  const items: WorkItem[] = [];
  let after: string | null = null;
  do {
    const page: BudgetPage = await client.graphql<BudgetPage>(BUDGET_ITEMS_QUERY, { owner: repo.owner, name: repo.name, after, withBody });
    const repository = requireRepository(page.repository, repo);
    for (const node of repository.issues.nodes) {
      if (node && isDashboardIssue(node, options.dashboardTitle, client.earlierIdentities)) options.onSkipped?.(node.number);
      else if (node) items.push(policyItem(budgetWorkItem(node), reads));
    }
    after = repository.issues.pageInfo.hasNextPage ? repository.issues.pageInfo.endCursor : null;
  } while (after);
  return items;
}


interface CommentsPage {
  repository: { issue: { comments: CommentConnection } | null } | null;
}

/** Reads an issue's comments page by page until the bot's comment is found: for issues with more comments than the window shows. */
export async function readBotComment(client: GitHubClient, repo: RepoRef, number: number): Promise<CommentLookup> {
  return { comment: (await readCommentsToBot(client, repo, number)).comment, complete: true };
}

/** The comments of an issue up to and with the bot's (all of them when it has none), and the bot's comment. */
async function readCommentsToBot(client: GitHubClient, repo: RepoRef, number: number): Promise<{ comment: BotComment | null; nodes: CommentNode[] }> {
  const nodes: CommentNode[] = [];
  let after: string | null = null;
  do {
    const page: CommentsPage = await client.graphql<CommentsPage>(ISSUE_COMMENTS_QUERY, { owner: repo.owner, name: repo.name, number, after });
    const comments = page.repository?.issue?.comments;
    if (!comments) break;
    const marked = markEarlierComments(comments.nodes ?? [], client.earlierIdentities);
    nodes.push(...marked.filter((node): node is CommentNode => node !== null));
    const comment = findBotComment(marked);
    if (comment) return { comment, nodes };
    after = comments.pageInfo?.hasNextPage ? comments.pageInfo.endCursor : null;
  } while (after);
  return { comment: null, nodes };
}

interface NewestIssuesPage {
  repository: { issues: { nodes: (Pick<IssueNode, 'number' | 'title' | 'viewerDidAuthor' | 'body'> | null)[] } } | null;
}

/** True when the bot's dashboard issue is among the newest open issues. */
export async function dashboardExists(client: GitHubClient, repo: RepoRef, title: string): Promise<boolean> {
  const page = await client.graphql<NewestIssuesPage>(NEWEST_ISSUES_QUERY, { owner: repo.owner, name: repo.name });
  return (page.repository?.issues.nodes ?? []).some((node) => !!node && isDashboardIssue(node, title));
}

/** The bot's comment among the last comments; complete when those are all the comments there are. */
function commentWindow(node: AuditNode): CommentLookup {
  const recent = node.recentComments?.nodes ?? [];
  const comment = findBotComment(recent);
  return { comment, complete: comment !== null || (node.recentComments?.totalCount ?? recent.length) <= recent.length };
}

function labelVariables(labels: ManagedLabelNames | undefined, firstPage: boolean) {
  return {
    withLabels: firstPage && labels !== undefined,
    nonCompliantLabel: labels?.nonCompliant ?? '',
    overBudgetLabel: labels?.overBudget ?? '',
  };
}

function labelsFound(repository: ManagedLabelFields): Set<string> {
  return new Set([repository.nonCompliantLabel?.name, repository.overBudgetLabel?.name].filter((name): name is string => !!name));
}

function requireRepository<T>(repository: T | null, repo: RepoRef): T {
  if (!repository) throw new GitHubReadError(`Repository ${repo.owner}/${repo.name} was not found, or the token cannot read it.`);
  return repository;
}
