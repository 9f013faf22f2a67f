/**
 * The forge: everything the product asks of the place its issues live
 * (GitHub, through `github/forge.ts`; memory, in tests). Reads give the
 * shapes of `ports/reads.ts`; writes are applied from a plan made as data;
 * the state store keeps what an audit saves for the next issue events.
 * Orchestration (`action/`, `saved-state/`, `cli/`) holds a `Forge` and
 * never a client, so it runs in memory as it runs against GitHub.
 */
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import type { BodyReads } from '../core/body-reads.js';
import type { Membership } from '../commands/approvers.js';
import type { PlannedWrite, BotComment } from '../plan/types.js';
import type { WriteFailureCause } from '../report/types.js';
import type { PolicyFileReader } from '../policy/load.js';
import type {
  ActionsCache,
  AuditReadOptions,
  BoardRead,
  BoardRef,
  BudgetChanges,
  CommentLookup,
  CommentNode,
  CycleRead,
  FocusRead,
  IssueNode,
  IssueOnBoard,
  IssuesRead,
  LinkedIssueRead,
  LinkedIssuesRead,
  ManagedLabelNames,
  MilestoneNode,
  OpenPullRequest,
  PullRequestRead,
  RelayedContent,
  RelayedTarget,
  Timeline,
} from './reads.js';

/** How a run connects: the token, where warnings go, and the logins the product acted as before this token. */
export interface ConnectOptions {
  token: string;
  warn: (message: string) => void;
  earlierIdentities?: readonly string[];
  /** Where the forge's APIs are (GitHub Enterprise Server); the forge's own default otherwise. */
  apiUrl?: string;
  graphqlUrl?: string;
}

/** Connects to the forge; asynchronous so the client loads only for runs that call it. */
export type ConnectForge = (options: ConnectOptions) => Promise<Forge>;

/** Where the policy reader reads: the checkout first, then the repository at a commit. */
export interface PolicyReaderOptions {
  repo: RepoRef;
  /** The checked-out repository, when the workflow ran actions/checkout. */
  workspace?: string;
  /** The commit the workspace holds. */
  sha?: string;
  /** Read the repository's own files at this commit through the forge instead of the default branch. */
  atCommit?: string;
  /** Told where each file came from, for the log. */
  onRead?: (description: string) => void;
}

/** Where a saved state is kept between runs (the Actions cache), or why this run has none. */
export type StateStoreAvailability = { available: true; cache: ActionsCache } | { available: false; reason: string };

/** The forge's view of an issue node: its budget item, and whether it is the product's dashboard. */
export interface IssueShapes {
  budgetWorkItem(node: IssueNode): WorkItem;
  isDashboardIssue(node: IssueNode, dashboardTitle: string | undefined, earlierIdentities?: readonly string[]): boolean;
  /** The item with only what the policy reads of its body. */
  policyItem(item: WorkItem, reads: BodyReads): WorkItem;
}

export interface Forge extends IssueShapes {
  /** The logins the product acted as before this token (`previous-bot-logins`). */
  readonly earlierIdentities: readonly string[];
  /** The requests made so far, by kind. */
  counts(): RequestCounts;
  /** One line that says what failed, in the forge's own words. */
  describeFailure(error: unknown): string;

  // Issues.
  readIssues(repo: RepoRef, options: AuditReadOptions): Promise<IssuesRead>;
  readFocusIssue(repo: RepoRef, number: number, labels?: ManagedLabelNames, dashboardTitle?: string): Promise<FocusRead>;
  readBudgetItems(repo: RepoRef, policy: Policy, options?: { dashboardTitle?: string | undefined; onSkipped?: (number: number) => void }): Promise<WorkItem[]>;
  readBotComment(repo: RepoRef, number: number): Promise<CommentLookup>;
  readTimeline(repo: RepoRef, issue: number, options?: { withRecord?: boolean }): Promise<Timeline>;
  readExecution(repo: RepoRef, options: { policy: Policy; milestones: { nodes: MilestoneNode[]; total: number }; now: Date; withBody: boolean }): Promise<CycleRead>;
  readBudgetChanges(repo: RepoRef, options: { since: string; withBody: boolean }): Promise<BudgetChanges>;
  /** Runs a read and says when it started by the forge's clock. */
  timedRead<T>(read: () => Promise<T>): Promise<{ value: T; startedAt: string }>;
  resolveRelayedContent(repo: RepoRef, target: RelayedTarget): Promise<RelayedContent>;
  readBoard(board: BoardRef, fieldNames: readonly string[], options?: { withAssignees?: boolean; reads?: BodyReads }): Promise<BoardRead>;
  /** Whether one issue is on the board whose node id is `board.id`, and its values of `fieldNames` there: one request, whatever the board's size. */
  readIssueOnBoard(repo: RepoRef, issueNumber: number, board: { id: string; fieldNames: readonly string[] }): Promise<IssueOnBoard>;

  // Pull requests.
  readPullRequest(repo: RepoRef, number: number): Promise<PullRequestRead>;
  readOpenPullRequests(repo: RepoRef): Promise<OpenPullRequest[]>;
  readLinkedIssues(ids: readonly { number: number; id: string }[]): Promise<LinkedIssuesRead>;
  readIssuesByNumber(repo: RepoRef, numbers: readonly number[]): Promise<{ read: Map<number, LinkedIssueRead>; notIssues: number[] }>;
  findStickyComment(comments: readonly CommentNode[], marker: string): BotComment | null;

  // People.
  teamMembership(org: string, teamSlug: string, login: string): Promise<Membership>;

  // The policy.
  policyReader(options: PolicyReaderOptions): PolicyFileReader;
  /** Reads only policies in other repositories (an `extends` target). */
  extendsReader(): PolicyFileReader;

  // Writes and state.
  applyWrites(repo: RepoRef, plan: PlannedWrite[], options: ApplyOptions): Promise<ApplyResult>;
  stateStore(env: NodeJS.ProcessEnv): StateStoreAvailability;
}

export interface RepoRef {
  owner: string;
  name: string;
}

export interface RequestCounts {
  graphql: number;
  /** GraphQL points GitHub charged, as each query's `rateLimit { cost }` reported them (see `github/query-cost.ts`). */
  graphqlPoints: number;
  restRead: number;
  write: number;
  /** `x-ratelimit-remaining` of the last response that carried it. */
  rateLimitRemaining?: number;
  /** Seconds the run spent waiting on rate limits before retrying. */
  waitedSeconds?: number;
}

export interface ApplyOptions {
  dryRun: boolean;
  maxWrites: number;
  log: { info(message: string): void; warning(message: string): void };
}

export interface ApplyResult {
  made: PlannedWrite[];
  skippedByDryRun: PlannedWrite[];
  /** Left for the next run because `max-writes` was reached. */
  deferred: PlannedWrite[];
  failed: { write: PlannedWrite; reason: string; cause: WriteFailureCause }[];
  /** Not tried because an earlier write stopped the run (permissions, rate limit). */
  notAttempted: PlannedWrite[];
  /** What stopped the run early, when something did. */
  stoppedBy?: Error;
}

/** The status's context: the exact name a ruleset or branch protection rule requires. */
export const MERGE_GATE_CONTEXT = 'roadmap-guard/merge-gate';

/**
 * GitHub refuses a status description over 140 characters with a 422
 * ("description is too long (maximum is 140 characters)", as quoted in public
 * reports such as zalando/zappr#378 and sclorg/testing-farm-as-github-action#187).
 */
export const STATUS_DESCRIPTION_LIMIT = 140;
