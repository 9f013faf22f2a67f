/**
 * The fake GitHub's memory: repositories with their files, issues, labels and
 * comments, plus the identity behind each token. Plain data, changed only by
 * the REST handlers and the seeding helpers, read by the GraphQL resolvers.
 */
import type { FakeStatus } from './statuses.js';

export interface FakeLabel {
  id: number;
  nodeId: string;
  name: string;
  /** Six hex digits, no `#`, as GitHub stores it. */
  color: string;
  description: string | null;
  default: boolean;
}

export interface FakeComment {
  id: number;
  nodeId: string;
  issueNumber: number;
  author: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeIssue {
  number: number;
  nodeId: string;
  databaseId: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  /** Label names; the label records live on the repository. */
  labels: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** When a person last edited the title or body (GraphQL `lastEditedAt`); null or absent for one never edited. */
  lastEditedAt?: string | null;
  /** Milestone title. */
  milestone: string | null;
  /** Logins of the people assigned (GitHub allows up to 10). */
  assignees: string[];
  /** Pull requests share the issue numbering; GraphQL `issues` never lists them. */
  isPullRequest: boolean;
  /** Milestone, close and reopen events of the timeline, oldest first (label events live in the store). */
  timeline?: FakeIssueEvent[];
}

/**
 * A timeline event as GitHub's schema names it. GitHub keeps the milestone's
 * title in `MilestonedEvent.milestoneTitle` and `DemilestonedEvent.milestoneTitle`
 * (a `String!`, not a link to the milestone), and why an issue was closed in
 * `ClosedEvent.stateReason`.
 */
export interface FakeIssueEvent {
  type: 'MilestonedEvent' | 'DemilestonedEvent' | 'ClosedEvent' | 'ReopenedEvent';
  createdAt: string;
  actor: string;
  milestoneTitle?: string;
  stateReason?: 'completed' | 'not_planned' | 'duplicate';
}

/** A milestone: issues belong to it by title (`FakeIssue.milestone`), which GitHub keeps unique in a repository. */
export interface FakeMilestone {
  number: number;
  title: string;
  state: 'open' | 'closed';
  dueOn: string | null;
  closedAt: string | null;
  createdAt: string;
}

/**
 * What a pull request has beyond its issue record (title, author and comments
 * live on a FakeIssue with `isPullRequest: true`, as pull requests share the
 * issue numbering): its branches, the files it changes, the issues it closes.
 */
export interface FakePullRequest {
  number: number;
  isDraft: boolean;
  baseRef: string;
  baseSha: string;
  headSha: string;
  /** The commit GitHub tests the merge at (`refs/pull/N/merge`), what a `pull_request` run checks out. */
  mergeSha: string;
  /** `owner/name` of the head repository: another one for a fork. */
  headRepository: string;
  /** Paths changed. */
  files: string[];
  /**
   * Numbers of the issues of the same repository its description closes by
   * keyword ("Closes #12"): GitHub links them only when the base is the
   * default branch (GitHub docs, "Linking a pull request to an issue").
   */
  closes: number[];
  /** Issues linked by hand under Development in the sidebar: linked whatever the base. */
  linked: number[];
  /** Issues of other repositories it closes (`owner/name#12`), listed after this repository's. */
  closesElsewhere: string[];
}

export interface FakeRepository {
  owner: string;
  name: string;
  databaseId: number;
  nodeId: string;
  defaultBranch: string;
  headSha: string;
  private: boolean;
  /** Whether the repository is itself a fork of another (a webhook's `repository.fork`, "Whether the repository is a fork." in @octokit/webhooks-types). */
  fork: boolean;
  /** Path → text, served by the contents API at the default branch (and any `ref` not in `refs`). */
  files: Record<string, string>;
  /** Commit or branch → its files, for the contents API's `ref`: a pull request's base and merge commits. */
  refs: Record<string, Record<string, string>>;
  pullRequests: FakePullRequest[];
  issues: FakeIssue[];
  labels: FakeLabel[];
  comments: FakeComment[];
  /** Commit statuses, oldest first (statuses.ts). */
  statuses: FakeStatus[];
  milestones: FakeMilestone[];
}

export interface FakeUser {
  login: string;
  databaseId: number;
  nodeId: string;
  type: 'User' | 'Bot';
}

/** The clock every new record is stamped with: fixed, so runs are reproducible. */
export const DEFAULT_NOW = '2026-11-20T12:00:00Z';

/**
 * Where the fake's issue, comment and label ids start. GitHub's database ids
 * for these records passed 2^31 years ago (comment ids were past 3.1 billion
 * in 2025: public links read `#issuecomment-3110844786`), which is why the
 * GraphQL schema deprecated the 32-bit `databaseId` in favour of the
 * `BigInt` `fullDatabaseId` on Issue and IssueComment. Starting above 2^31
 * means any code that squeezes an id through a 32-bit type fails here first.
 */
export const FIRST_RECORD_ID = 3_400_000_000;
/** Users and repositories keep ids below 2^31, as on GitHub today (their `databaseId` is not deprecated). */
const FIRST_ACCOUNT_ID = 1000;

let nextRecordId = FIRST_RECORD_ID;
let nextAccountId = FIRST_ACCOUNT_ID;

/** An issue, comment or label id: unique across the whole fake and above 2^31, like GitHub's. */
export function newDatabaseId(): number {
  nextRecordId += 1;
  return nextRecordId;
}

/** Makes `id` the next issue, comment or label id; ids only move forward, so they stay unique. */
export function continueIdsAt(id: number): void {
  if (!Number.isSafeInteger(id) || id <= nextRecordId) throw new Error(`ids only move forward: ${id} is not above ${nextRecordId}`);
  nextRecordId = id - 1;
}

/** A user or repository id: unique, and small enough for GraphQL's 32-bit `Int`, like GitHub's. */
function newAccountId(): number {
  nextAccountId += 1;
  return nextAccountId;
}

/** A node id in GitHub's format: a type prefix and an opaque tail. */
export function newNodeId(prefix: string, databaseId: number): string {
  return `${prefix}_${Buffer.from(`fake:${databaseId}`).toString('base64url')}`;
}

export function repositoryKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

export function fakeRepository(overrides: Partial<FakeRepository> & { owner: string; name: string }): FakeRepository {
  const databaseId = overrides.databaseId ?? newAccountId();
  return {
    databaseId,
    nodeId: newNodeId('R', databaseId),
    defaultBranch: 'main',
    headSha: 'a'.repeat(40),
    private: false,
    fork: false,
    files: {},
    refs: {},
    pullRequests: [],
    issues: [],
    labels: [],
    comments: [],
    statuses: [],
    milestones: [],
    ...overrides,
  };
}

/** A seeded issue: every field defaulted, any of them overridable. */
export function fakeIssue(overrides: Partial<FakeIssue> & { number: number }): FakeIssue {
  const databaseId = overrides.databaseId ?? newDatabaseId();
  const state = overrides.state ?? 'open';
  const createdAt = overrides.createdAt ?? DEFAULT_NOW;
  return {
    nodeId: newNodeId('I', databaseId),
    databaseId,
    title: `Issue ${overrides.number}`,
    body: '',
    state,
    stateReason: state === 'closed' ? 'completed' : null,
    labels: [],
    author: 'octocat',
    createdAt,
    updatedAt: overrides.updatedAt ?? createdAt,
    closedAt: state === 'closed' ? (overrides.updatedAt ?? createdAt) : null,
    milestone: null,
    assignees: [],
    isPullRequest: false,
    ...overrides,
  };
}

export function fakeLabel(overrides: Partial<FakeLabel> & { name: string }): FakeLabel {
  const id = overrides.id ?? newDatabaseId();
  return { id, nodeId: newNodeId('LA', id), color: 'ededed', description: null, default: false, ...overrides };
}

export function fakeComment(overrides: Partial<FakeComment> & { issueNumber: number }): FakeComment {
  const id = overrides.id ?? newDatabaseId();
  const createdAt = overrides.createdAt ?? DEFAULT_NOW;
  return {
    id,
    nodeId: newNodeId('IC', id),
    author: 'octocat',
    body: '',
    createdAt,
    updatedAt: overrides.updatedAt ?? createdAt,
    ...overrides,
  };
}

export function fakeUser(login: string): FakeUser {
  const databaseId = newAccountId();
  const type = login.endsWith('[bot]') ? 'Bot' : 'User';
  return { login, databaseId, nodeId: newNodeId(type === 'Bot' ? 'BOT' : 'U', databaseId), type };
}
