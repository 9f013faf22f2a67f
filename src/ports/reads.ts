/**
 * What the forge gives the product, as read: issues and their comments,
 * boards, pull requests, timelines, milestones. The shapes every forge
 * answers in; `github/` fills them from GitHub's API, tests from memory.
 */
import type { FieldValue, Milestone, WorkItem } from '../core/types.js';
import type { BodyReads } from '../core/body-reads.js';
import type { BotComment } from '../plan/types.js';

/** The label names the bot manages (from `enforcement.labels`). */
export interface ManagedLabelNames {
  nonCompliant?: string;
  overBudget?: string;
}

/** One issue as read: the work item and what is known of the bot's comment on it. */
export interface IssueRecord {
  item: WorkItem;
  comments: CommentLookup;
}

export interface IssuesRead {
  records: IssueRecord[];
  /** The bot's dashboard issue, when one was among the issues read: the oldest, if runs that raced made several. */
  dashboard: { number: number; body: string } | null;
  /** Newer dashboard issues of the bot's: duplicates to close. */
  extraDashboards: number[];
  /** Which managed labels exist in the repository (undefined when not asked). */
  existingLabels: Set<string> | undefined;
  /** The repository's milestones, latest due first, when asked (`withMilestones`): at most 100 of `total`. */
  milestones?: { nodes: MilestoneNode[]; total: number };
}

export interface AuditReadOptions {
  states: ('OPEN' | 'CLOSED')[];
  /** Only issues updated since then (closed issues for the trend). */
  since?: string;
  /** Only issues carrying this label. */
  label?: string;
  withBody: boolean;
  /** Read the comment window so the bot's comment is found without another request. */
  withComments: boolean;
  /** Read who each issue is assigned to (the policy's `business-case.require-assignee`). */
  withAssignees?: boolean;
  labels?: ManagedLabelNames;
  dashboardTitle?: string;
  /**
   * Whether the issue's work item needs the bot's comment when the window did
   * not show it (the warning date and the bot's own writes live there): its
   * comments are then read in follow-up requests, for that issue only.
   */
  needsBotComment?: (node: IssueNode, window: readonly (CommentNode | null)[]) => boolean;
  /**
   * Whether who touched the issue last must be read from its timeline: what
   * the page shows (creation, body edit, people's comments) says the issue is
   * stale while `updatedAt` says something changed since, which may be the
   * bot's own write or a person's label.
   */
  needsTimeline?: (node: IssueNode, window: readonly (CommentNode | null)[]) => boolean;
  /** Read the milestones with the first page, for the execution report. */
  withMilestones?: boolean;
  /** Keep of each body only what the policy reads (`policyReads`), dropping the rest as its page arrives; the whole form when not given. */
  reads?: BodyReads;
}

export interface FocusRead {
  record: IssueRecord;
  existingLabels: Set<string> | undefined;
  /** The issue is the bot's own dashboard. */
  isDashboard: boolean;
}

/** An issue node as the forge reads it (on GitHub, as the queries in `github/queries.ts` return it). */
export interface IssueNode {
  number: number;
  title: string;
  url: string;
  state: 'OPEN' | 'CLOSED';
  createdAt: string;
  updatedAt: string;
  lastEditedAt?: string | null;
  closedAt?: string | null;
  stateReason?: string | null;
  viewerDidAuthor?: boolean;
  author?: { login: string; __typename?: string } | null;
  milestone?: { title: string } | null;
  labels?: { nodes: ({ name: string } | null)[] | null } | null;
  /** Present when the query asked for them. */
  assignees?: { nodes: ({ login: string } | null)[] | null } | null;
  body?: string | null;
}

export interface CommentNode {
  /** GitHub's `BigInt` id as a decimal string; may be beyond 2^53, so never a number. */
  fullDatabaseId: string | null;
  viewerDidAuthor: boolean;
  author?: { login: string; __typename?: string } | null;
  /**
   * Written by a login the product acted as before this token (see
   * `markEarlierComments`): the product's own writing, which this token
   * cannot edit, adopted into its comment and then removed.
   */
  byEarlierIdentity?: boolean;
  body: string;
  createdAt?: string;
  updatedAt?: string;
}

/** What we know about the bot's comment on an issue. */
export interface CommentLookup {
  comment: BotComment | null;
  /** False when the issue has comments we did not read, so "no comment" is not certain. */
  complete: boolean;
}

/** A milestone as the audit's first page gives it. */
export interface MilestoneNode {
  number: number;
  title: string;
  state: 'OPEN' | 'CLOSED';
  dueOn: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface MilestoneList {
  totalCount: number;
  nodes: (MilestoneNode | null)[] | null;
}

/** What the execution report is computed from, as read. */
export interface CycleRead {
  milestones: Milestone[];
  items: WorkItem[];
  /** Issues with more events than one read gives. */
  partialHistories: number[];
  /** GraphQL requests the cycles' issues took. */
  requests: number;
}

export interface BoardRef {
  owner: string;
  number: number;
}

/** One item of the board, as planned work. */
export interface BoardItem {
  /** The issue's repository as `owner/name`; null for a draft issue. */
  repository: string | null;
  item: WorkItem;
  /** The comments read with the issue (for the bot's own comment). */
  comments: (CommentNode | null)[];
}

export interface BoardRead {
  title: string;
  /** The board's node id: the saved board state is matched to an issue's board items by it. */
  id?: string;
  /** Who read the board (the token's `viewer`): what it sees decides what the read holds. */
  reader?: string;
  /** Every field name the board has, as GitHub spells it. */
  fieldNames: string[];
  items: BoardItem[];
  /** Items whose content GitHub would not give (deleted, or not visible to the token). */
  redacted: number;
  /**
   * Items whose issue is in a repository the token may not read: GitHub gives
   * the rest of the page and, for each of these, `content: null` with an
   * error of type FORBIDDEN (a fine-grained token limited to some repositories).
   */
  forbidden: number;
  /** Pull requests on the board: not planned work for Roadmap Guard. */
  pullRequests: number;
}

/** Where an issue stands on one board, as `project-token` sees it now. */
export interface IssueOnBoard {
  /** The token's `viewer`. */
  reader: string;
  /** The issue's field values on the board; null when the issue is not on it. */
  fields: Record<string, FieldValue> | null;
}

export interface LinkedIssueRead {
  item: WorkItem;
  /** The id of the bot's comment on the issue, where the fixes are spelled out; null when it has none among the first comments. */
  botCommentId: string | null;
}

export interface UnreadableIssue {
  number: number;
  reason: string;
}

export interface LinkedIssuesRead {
  /** The issues read, by number. */
  read: Map<number, LinkedIssueRead>;
  /** Issues deleted since they were linked (GitHub answers NOT_FOUND): a deleted issue cannot be closed, so the pull request closes them no more. */
  gone: number[];
  /** Issues GitHub would not show: the merge gate cannot vouch for them. */
  unreadable: UnreadableIssue[];
}

/** The issues a pull request closes, as GitHub links them. */
export interface ClosingReferences {
  /** The issues of this repository: number and node id (to read them in one request). */
  closes: { number: number; id: string }[];
  /** Closing references to issues of other repositories (`owner/name#12`): not this repository's planned work. */
  closesElsewhere: string[];
}

/** An open pull request, as audits and issue events read them to keep the merge gate's status current. */
export interface OpenPullRequest extends ClosingReferences {
  number: number;
  /** The description, as typed: hostile input. */
  body: string;
  /** The branch it merges into, and the repository's default branch (GitHub links closing keywords only there). */
  baseRef: string;
  defaultBranch: string | undefined;
  /** The head commit, and the merge gate's status on it, if it has one. */
  headSha: string;
  gateStatus: GateStatus | null;
  /** Closing references GitHub would not show, by its error's type (FORBIDDEN: an issue of a repository the token cannot read). */
  hiddenReferences: string[];
}

/** The pull request of a pull-request run: what the gate and the preview read of it. */
export interface PullRequestRead extends OpenPullRequest {
  title: string;
  url: string;
  isDraft: boolean;
  /** Paths the pull request changes (GitHub lists at most 3,000). */
  files: string[];
  /** The pull request's comments, oldest first, to find the bot's own among them; an earlier identity's are marked (`byEarlierIdentity`). */
  comments: CommentNode[];
}

export type GateState = 'success' | 'failure';

export interface GateStatus {
  state: GateState | 'pending' | 'error';
  description: string;
}

export interface TimelineEvent {
  type: 'comment' | 'labeled' | 'unlabeled' | 'other';
  /** ISO 8601: when it happened (for a comment, its last edit). */
  at: string;
  /** Who acted; null for a deleted account. */
  actor: { login: string; isBot: boolean } | null;
  /** The product itself acted (this token's identity, or one it used before). */
  byProduct: boolean;
  label?: string;
  /** A comment read with the command facts: its text as posted, and what the product reacted to it. */
  command?: CommandFacts;
}

/** A comment as evidence of a command the product answered. */
export interface CommandFacts {
  /** ISO 8601: when the comment was posted. */
  postedAt: string;
  body: string;
  /** Edited since it was posted: what the product answered is no longer its text. */
  edited: boolean;
  /** The reactions the product made on it (GitHub's `ReactionContent`: THUMBS_UP, CONFUSED, …). */
  productReactions: string[];
  /** Reactions whose list of who reacted was cut off before showing an identity the product acted as before: whether it reacted so cannot be told. */
  unsureReactions: string[];
}

export interface Timeline {
  events: TimelineEvent[];
  /** True for a login the product acts as (this token's identity, or one it acted as before). */
  isProduct: (login: string) => boolean;
  /** GitHub counts more events than the last 100 read: what happened before them cannot be told. */
  cutOff?: boolean;
}

export type RelayedTarget = { number: number } | { nodeId: string };

/** The issue to check, or why there is none (a pull request, a deleted issue, another repository's issue). */
export type RelayedContent = { issueNumber: number } | { leftOut: string };

export interface BudgetChanges {
  /** Issues updated at or after `since`, open and closed, narrowly; an issue seen twice (edited during the read) is kept in its latest form. */
  nodes: IssueNode[];
  /** GitHub's count of open issues, as of the last page. */
  openCount: number;
}

export interface CacheEntry {
  key: string;
  data: Buffer;
}

export interface ActionsCache {
  /** The newest entry whose key starts with `prefix` (for this version); null when there is none. */
  restore(prefix: string, version: string, maxBytes: number): Promise<CacheEntry | null>;
  /** Stores `data` under `key`, which must be new. */
  save(key: string, version: string, data: Buffer): Promise<void>;
  /** Requests sent to the cache so far: the service's and the blob store's. */
  requests(): number;
}
