/**
 * The forge and the runner in memory: a repository as a few Maps (issues with
 * their comments, pull requests, labels, policy files) and every write the
 * run applied, in order; a runner that records its log, annotations, job
 * summary and outputs. The action's orchestration runs against them with no
 * HTTP at all. GitHub's shapes come from the same conversions the GitHub
 * forge uses (`github/work-items.ts`), so an issue body reads as it would
 * there; what GitHub itself does (pages, quotas, timelines) is not modelled:
 * the end-to-end tests against the fake GitHub cover it.
 */
import { policyReads } from '../../src/core/body-reads.js';
import { findStickyComment } from '../../src/github/pull-request-read.js';
import { budgetWorkItem, findBotComment, isDashboardIssue, policyItem, toWorkItem } from '../../src/github/work-items.js';
import type { PlannedWrite } from '../../src/plan/types.js';
import { oneLine } from '../../src/ports/describe.js';
import { BoardAccessError, getErrorMessage } from '../../src/ports/errors.js';
import type { ApplyOptions, ApplyResult, Forge, RepoRef } from '../../src/ports/forge.js';
import type { CommentNode, GateStatus, IssueNode, IssueRecord, LinkedIssueRead, PullRequestRead } from '../../src/ports/reads.js';
import type { Runner } from '../../src/ports/runner.js';

export interface MemoryComment {
  id: string;
  body: string;
  /** Written by the product (this token's identity). */
  byProduct: boolean;
  author: string;
}

export interface MemoryIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'OPEN' | 'CLOSED';
  createdAt: string;
  updatedAt: string;
  comments: MemoryComment[];
  byProduct?: boolean;
}

export interface MemoryPullRequest {
  number: number;
  title: string;
  body: string;
  baseRef: string;
  headSha: string;
  /** The issues it closes, by number. */
  closes: number[];
  files: string[];
  comments: MemoryComment[];
  status: GateStatus | null;
}

export interface MemoryRepository {
  repo: RepoRef;
  /** Policy files by path, on the default branch. */
  files: Map<string, string>;
  issues: Map<number, MemoryIssue>;
  pullRequests: Map<number, MemoryPullRequest>;
  labels: Set<string>;
  /** Every write applied, in order. */
  made: PlannedWrite[];
  /** A write the forge refuses, and why: the run stops there, as at a permission GitHub refuses. */
  refuse?: (write: PlannedWrite) => string | undefined;
}

const T0 = '2026-02-01T09:00:00Z';

export function memoryRepository(repo: RepoRef, files: Record<string, string>): MemoryRepository {
  return { repo, files: new Map(Object.entries(files)), issues: new Map(), pullRequests: new Map(), labels: new Set(), made: [] };
}

/** An issue opened by a person; `labels` and `body` as given. */
export function addIssue(memory: MemoryRepository, issue: Partial<MemoryIssue> & Pick<MemoryIssue, 'number'>): MemoryIssue {
  const full: MemoryIssue = { title: `Issue ${issue.number}`, body: '', labels: [], state: 'OPEN', createdAt: T0, updatedAt: T0, comments: [], ...issue };
  memory.issues.set(full.number, full);
  return full;
}

function url(memory: MemoryRepository, kind: 'issues' | 'pull', number: number): string {
  return `https://github.com/${memory.repo.owner}/${memory.repo.name}/${kind}/${number}`;
}

function issueNode(memory: MemoryRepository, issue: MemoryIssue): IssueNode {
  return {
    number: issue.number,
    title: issue.title,
    url: url(memory, 'issues', issue.number),
    state: issue.state,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    viewerDidAuthor: issue.byProduct ?? false,
    author: { login: issue.byProduct ? 'roadmap-guard' : 'pm-paula', __typename: issue.byProduct ? 'Bot' : 'User' },
    labels: { nodes: issue.labels.map((name) => ({ name })) },
    assignees: { nodes: [] },
    body: issue.body,
  };
}

function commentNodes(comments: readonly MemoryComment[]): CommentNode[] {
  return comments.map((comment) => ({ fullDatabaseId: comment.id, viewerDidAuthor: comment.byProduct, author: { login: comment.author }, body: comment.body, createdAt: T0, updatedAt: T0 }));
}

function record(memory: MemoryRepository, issue: MemoryIssue): IssueRecord {
  const comments = commentNodes(issue.comments);
  return { item: toWorkItem(issueNode(memory, issue), comments), comments: { comment: findBotComment(comments), complete: true } };
}

function linkedRead(memory: MemoryRepository, issue: MemoryIssue): LinkedIssueRead {
  const { item, comments } = record(memory, issue);
  return { item, botCommentId: comments.comment?.id ?? null };
}

function requireIssue(memory: MemoryRepository, number: number): MemoryIssue {
  const issue = memory.issues.get(number);
  if (!issue) throw new Error(`Issue #${number} was not found in ${memory.repo.owner}/${memory.repo.name} (it may be a pull request or deleted).`);
  return issue;
}

/** The repository as a forge. */
export function memoryForge(memory: MemoryRepository): Forge {
  let reads = 0;
  const read = <T>(value: T): Promise<T> => ((reads += 1), Promise.resolve(value));
  const open = () => [...memory.issues.values()].filter((issue) => issue.state === 'OPEN');
  const existing = (labels: Record<string, string | undefined> | undefined) =>
    labels ? new Set(Object.values(labels).filter((name): name is string => !!name && memory.labels.has(name))) : undefined;
  return {
    earlierIdentities: [],
    counts: () => ({ graphql: reads, graphqlPoints: reads, restRead: 0, write: memory.made.length }),
    describeFailure: (error) => oneLine(getErrorMessage(error)),
    budgetWorkItem,
    isDashboardIssue,
    policyItem,
    readIssues(_repo, options) {
      const chosen = [...memory.issues.values()].filter(
        (issue) => options.states.includes(issue.state) && (!options.label || issue.labels.includes(options.label)) && (!options.since || issue.updatedAt >= options.since),
      );
      const dashboards = chosen.filter((issue) => isDashboardIssue(issueNode(memory, issue), options.dashboardTitle));
      const records = chosen.filter((issue) => !dashboards.includes(issue)).map((issue) => record(memory, issue));
      const [dashboard, ...extras] = dashboards;
      return read({
        records: options.reads ? records.map((r) => ({ ...r, item: policyItem(r.item, options.reads!) })) : records,
        dashboard: dashboard ? { number: dashboard.number, body: dashboard.body } : null,
        extraDashboards: extras.map((extra) => extra.number),
        existingLabels: existing(options.labels as Record<string, string | undefined> | undefined),
        ...(options.withMilestones ? { milestones: { nodes: [], total: 0 } } : {}),
      });
    },
    readFocusIssue(_repo, number, labels, dashboardTitle) {
      const issue = requireIssue(memory, number);
      return read({ record: record(memory, issue), existingLabels: existing(labels as Record<string, string | undefined> | undefined), isDashboard: isDashboardIssue(issueNode(memory, issue), dashboardTitle) });
    },
    readBudgetItems(_repo, policy, options = {}) {
      const items = open().flatMap((issue) => {
        const node = issueNode(memory, issue);
        if (!isDashboardIssue(node, options.dashboardTitle)) return [policyItem(budgetWorkItem(node), policyReads(policy))];
        options.onSkipped?.(issue.number);
        return [];
      });
      return read(items);
    },
    readBotComment: (_repo, number) => read({ comment: findBotComment(commentNodes(requireIssue(memory, number).comments)), complete: true }),
    readTimeline: () => read({ events: [], isProduct: (login) => login === 'roadmap-guard' }),
    readExecution: () => read({ milestones: [], items: [], partialHistories: [], requests: 0 }),
    readBudgetChanges: (_repo, options) =>
      read({ nodes: [...memory.issues.values()].filter((issue) => issue.updatedAt >= options.since).map((issue) => issueNode(memory, issue)), openCount: open().length }),
    timedRead: async (run) => ({ value: await run(), startedAt: new Date().toISOString() }),
    resolveRelayedContent: (_repo, target) => read('number' in target && memory.issues.has(target.number) ? { issueNumber: target.number } : { leftOut: 'not an issue of this repository' }),
    readBoard: (board) => Promise.reject(new BoardAccessError(board, 'not-found', 'no board in memory')),
    readIssueOnBoard: () => Promise.reject(new Error('no board in memory')),
    readPullRequest: (_repo, number) => read(pullRequestRead(memory, number)),
    readOpenPullRequests: () => read([...memory.pullRequests.keys()].map((number) => pullRequestRead(memory, number))),
    readLinkedIssues: (ids) =>
      read({
        read: new Map(ids.filter(({ number }) => memory.issues.has(number)).map(({ number }) => [number, linkedRead(memory, requireIssue(memory, number))])),
        // An issue deleted since it was linked, as GitHub answers NOT_FOUND for it.
        gone: ids.filter(({ number }) => !memory.issues.has(number)).map(({ number }) => number),
        unreadable: [],
      }),
    readIssuesByNumber: (_repo, numbers) =>
      read({
        read: new Map(numbers.filter((n) => memory.issues.has(n)).map((n) => [n, linkedRead(memory, memory.issues.get(n)!)])),
        notIssues: numbers.filter((n) => !memory.issues.has(n)),
      }),
    findStickyComment,
    teamMembership: () => read('unreadable' as const),
    policyReader: (options) => async (ref) => {
      const text = ref.repo === null ? memory.files.get(ref.path) : undefined;
      if (text !== undefined) options.onRead?.(`${ref.path} from memory`);
      return text === undefined ? null : { text, commit: options.atCommit ?? 'c0ffee0' };
    },
    extendsReader: () => async () => null,
    applyWrites: (_repo, plan, options) => Promise.resolve(applyInMemory(memory, plan, options)),
    stateStore: () => ({ available: false, reason: 'there is no Actions cache in memory' }),
  };
}

function pullRequestRead(memory: MemoryRepository, number: number): PullRequestRead {
  const pr = memory.pullRequests.get(number);
  if (!pr) throw new Error(`Pull request #${number} was not found`);
  return {
    number,
    title: pr.title,
    url: url(memory, 'pull', number),
    isDraft: false,
    body: pr.body,
    baseRef: pr.baseRef,
    defaultBranch: 'main',
    headSha: pr.headSha,
    gateStatus: pr.status,
    files: pr.files,
    comments: commentNodes(pr.comments),
    closes: pr.closes.map((n) => ({ number: n, id: `I_${n}` })),
    closesElsewhere: [],
    hiddenReferences: [],
  };
}

/** A plan applied in order: nothing in a dry run, `maxWrites` at most, and a refused write stops the rest. */
function applyInMemory(memory: MemoryRepository, plan: PlannedWrite[], options: ApplyOptions): ApplyResult {
  if (options.dryRun) return { made: [], skippedByDryRun: [...plan], deferred: [], failed: [], notAttempted: [] };
  const allowed = plan.slice(0, Math.max(0, options.maxWrites));
  const result: ApplyResult = { made: [], skippedByDryRun: [], deferred: plan.slice(allowed.length), failed: [], notAttempted: [] };
  for (const [index, write] of allowed.entries()) {
    const refused = memory.refuse?.(write);
    if (refused) {
      result.failed.push({ write, reason: refused, cause: { status: 403, permission: 'issues' } });
      result.stoppedBy = new Error(refused);
      result.notAttempted = allowed.slice(index + 1);
      break;
    }
    applyWrite(memory, write);
    memory.made.push(write);
    result.made.push(write);
  }
  return result;
}

function applyWrite(memory: MemoryRepository, write: PlannedWrite): void {
  const target = (number: number) => memory.issues.get(number) ?? memory.pullRequests.get(number);
  const commentsOf = (number: number) => target(number)?.comments ?? [];
  if (write.kind === 'create-comment') commentsOf(write.issue).push({ id: String(4_000_000_000 + memory.made.length), body: write.body, byProduct: true, author: 'roadmap-guard' });
  if (write.kind === 'update-comment') for (const comment of commentsOf(write.issue)) if (comment.id === write.commentId) comment.body = write.body;
  if (write.kind === 'add-labels') requireIssue(memory, write.issue).labels.push(...write.labels);
  if (write.kind === 'remove-label') {
    const issue = requireIssue(memory, write.issue);
    issue.labels = issue.labels.filter((label) => label.toLowerCase() !== write.label.toLowerCase());
  }
  if (write.kind === 'create-label') memory.labels.add(write.name);
  if (write.kind === 'set-status') memory.pullRequests.get(write.issue)!.status = { state: write.state, description: write.statusDescription };
}

/** What a runner in memory recorded. */
export interface MemoryRunner extends Runner {
  log: string[];
  annotations: { level: 'notice' | 'warning' | 'error'; message: string }[];
  summary: string;
  outputs: Record<string, string>;
  files: Map<string, string>;
  /** Why the step failed, when it did. */
  failed?: string;
}

/** A runner with these inputs (by their action.yml names). */
export function memoryRunner(inputs: Record<string, string>): MemoryRunner {
  const runner: MemoryRunner = {
    log: [],
    annotations: [],
    summary: '',
    outputs: {},
    files: new Map(),
    annotationsPerStep: 10,
    getInput: (name) => (inputs[name] ?? '').trim(),
    info: (message) => void runner.log.push(message),
    notice: (message) => void runner.annotations.push({ level: 'notice', message }),
    warning: (message) => void runner.annotations.push({ level: 'warning', message }),
    error: (message) => void runner.annotations.push({ level: 'error', message }),
    setFailed: (message) => {
      runner.failed = message;
    },
    setSecret: () => {},
    setOutput: (name, value) => {
      runner.outputs[name] = value;
    },
    startStep: () => {},
    annotationsLeftOut: () => ({ error: 0, warning: 0 }),
    appendSummary: async (markdown) => ((runner.summary += markdown), true),
    writeRunFile: (name, text) => (runner.files.set(name, text), `memory/${name}`),
  };
  return runner;
}
