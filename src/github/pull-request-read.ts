/**
 * Reads a pull request for the merge gate and the policy preview: the issues
 * it will close, its base and description, the merge gate's status on its
 * head commit, its changed files, and the bot's own comments on it. One
 * GraphQL request in the common case; more only for more than 100 closing
 * references, long comment threads or more than 100 changed files.
 */
import { GitHubReadError, graphqlPartialAnswer } from './errors.js';
import type { GitHubClient } from './client.js';
import type { RepoRef } from './read.js';
import { findBotComment, markEarlierComments, type CommentNode } from './work-items.js';
import { MERGE_GATE_CONTEXT, headGateStatus, type HeadCommitNode } from './commit-status.js';
import type { BotComment } from '../plan/types.js';
import type { ClosingReferences, PullRequestRead } from '../ports/reads.js';
export type { ClosingReferences, PullRequestRead };

/**
 * `closingIssuesReferences` holds the issues a pull request will close, from
 * closing keywords ("Closes #12") and from links made in the sidebar
 * (GitHub's GraphQL reference, PullRequest.closingIssuesReferences). Every
 * page is read: a reference left unread would be a change left unchecked.
 */
export const PULL_REQUEST_QUERY = /* GraphQL */ `
  query RoadmapPullRequest(
    $owner: String!
    $name: String!
    $number: Int!
    $statusContext: String!
    $referencesAfter: String
    $commentsAfter: String
    $filesAfter: String
    $withReferences: Boolean!
    $withComments: Boolean!
    $withFiles: Boolean!
  ) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { name }
      pullRequest(number: $number) {
        number
        title
        url
        isDraft
        body
        baseRefName
        headRefOid
        commits(last: 1) { nodes { commit { oid status { context(name: $statusContext) { state description } } } } }
        closingIssuesReferences(first: 100, after: $referencesAfter) @include(if: $withReferences) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { id number repository { nameWithOwner } }
        }
        comments(first: 100, after: $commentsAfter) @include(if: $withComments) {
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt }
        }
        files(first: 100, after: $filesAfter) @include(if: $withFiles) {
          pageInfo { hasNextPage endCursor }
          nodes { path }
        }
      }
    }
  }
`;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A closing reference as GitHub lists it: the issue's node id, number and repository. */
export interface ReferenceNode {
  id: string;
  number: number;
  repository: { nameWithOwner: string };
}

export interface ReferenceConnection {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: (ReferenceNode | null)[] | null;
}

interface PullRequestPage {
  repository: {
    defaultBranchRef: { name: string } | null;
    pullRequest: (HeadCommitNode & {
      number: number;
      title: string;
      url: string;
      isDraft: boolean;
      body: string | null;
      baseRefName: string;
      closingIssuesReferences?: ReferenceConnection | null;
      comments?: { pageInfo: PageInfo; nodes: (CommentNode | null)[] | null };
      files?: { pageInfo: PageInfo; nodes: ({ path: string } | null)[] | null } | null;
    }) | null;
  } | null;
}

/** The most pages of changed files read: GitHub's API lists no more than 3,000 files of a pull request. */
const MAX_FILE_PAGES = 30;

type PullRequestNode = NonNullable<NonNullable<PullRequestPage['repository']>['pullRequest']>;
type PullRequestVariables = { owner: string; name: string; number: number; statusContext: string };
const NO_PAGES = { referencesAfter: null, commentsAfter: null, filesAfter: null, withReferences: false, withComments: false, withFiles: false };

export async function readPullRequest(client: GitHubClient, repo: RepoRef, number: number): Promise<PullRequestRead> {
  const variables = { owner: repo.owner, name: repo.name, number, statusContext: MERGE_GATE_CONTEXT };
  const { page: first, hidden } = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, withReferences: true, withComments: true, withFiles: true }).then(
    (page) => ({ page, hidden: new Map<number, string[]>() }),
    (error: unknown) => answerBesideHiddenReferences<PullRequestPage>(error, (path) => (path[0] === 'repository' && path[1] === 'pullRequest' && path[2] === 'closingIssuesReferences' ? 0 : undefined)),
  );
  const pr = first.repository?.pullRequest;
  if (!pr) throw new GitHubReadError(`Pull request #${number} was not found in ${repo.owner}/${repo.name}, or the token cannot read it.`);
  const references = await readEveryReference(pr.closingIssuesReferences ?? null, referencePages(client, repo, number));
  const comments = await readAllComments(client, variables, pr);
  const files = await readChangedFiles(client, variables, pr);
  return {
    number: pr.number,
    title: pr.title,
    url: pr.url,
    isDraft: pr.isDraft,
    body: pr.body ?? '',
    baseRef: pr.baseRefName,
    defaultBranch: first.repository?.defaultBranchRef?.name,
    headSha: pr.headRefOid,
    gateStatus: headGateStatus(pr),
    ...splitReferences(references, repo),
    hiddenReferences: hidden.get(0) ?? [],
    files,
    comments: markEarlierComments(comments, client.earlierIdentities).filter((comment): comment is CommentNode => comment !== null),
  };
}

/**
 * The answer GitHub gave beside its errors when each error is on a closing
 * reference it would not show this token (FORBIDDEN: an issue of a repository
 * the token cannot read): `referenceOf` places an error's path (the pull
 * request's key, or undefined for any other error, which fails the read).
 * Each key gets the types of the errors on its references.
 */
export function answerBesideHiddenReferences<T>(error: unknown, referenceOf: (path: readonly (string | number)[]) => number | undefined): { page: T; hidden: Map<number, string[]> } {
  const partial = graphqlPartialAnswer<T>(error);
  const located = partial?.errors.map((entry) => ({ key: referenceOf(entry.path ?? []), type: entry.type ?? 'ERROR' }));
  if (!partial || !located?.every((entry) => entry.key !== undefined)) throw error;
  const hidden = new Map<number, string[]>();
  for (const { key, type } of located) hidden.set(key!, [...(hidden.get(key!) ?? []), type]);
  return { page: partial.data, hidden };
}

/** The pages of a pull request's closing references after the first, through its own query. */
export function referencePages(client: GitHubClient, repo: RepoRef, number: number): (after: string) => Promise<ReferenceConnection | null> {
  return async (referencesAfter) => {
    const variables = { owner: repo.owner, name: repo.name, number, statusContext: MERGE_GATE_CONTEXT };
    const page = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, referencesAfter, withReferences: true });
    return page.repository?.pullRequest?.closingIssuesReferences ?? null;
  };
}

/**
 * The references of a connection, page after page. GitHub's count is the
 * check: a reference missing from the pages (a null node, pages that end
 * early) could be the one that fails, so the read fails instead of passing
 * what it did not see.
 */
export async function readEveryReference(first: ReferenceConnection | null, nextPage: (after: string) => Promise<ReferenceConnection | null>): Promise<ReferenceNode[]> {
  const references: ReferenceNode[] = [];
  // GitHub answers null for an issue the token cannot see: one of another, private repository, never this one's.
  let hidden = 0;
  let connection = first;
  let pages = 0;
  while (connection) {
    for (const node of connection.nodes ?? []) {
      if (node) references.push(node);
      else hidden += 1;
    }
    pages += 1;
    const after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    connection = after && pages < MAX_REFERENCE_PAGES ? await nextPage(after) : null;
  }
  const counted = first?.totalCount ?? 0;
  if (references.length + hidden < counted) {
    throw new GitHubReadError(`GitHub counts ${counted} issues the pull request closes but listed ${references.length}: the merge gate checks every one, so it cannot pass what it could not read. Run it again.`);
  }
  return references;
}

/** A pull request can link thousands of issues by keywords; 50 pages is 5,000, beyond any real change. */
const MAX_REFERENCE_PAGES = 50;

/** The issues the pull request closes, in this repository and elsewhere. */
export function splitReferences(references: readonly ReferenceNode[], repo: RepoRef): ClosingReferences {
  const here = `${repo.owner}/${repo.name}`.toLowerCase();
  const ours = references.filter((node) => node.repository.nameWithOwner.toLowerCase() === here);
  return {
    closes: ours.map((node) => ({ number: node.number, id: node.id })),
    closesElsewhere: references.filter((node) => node.repository.nameWithOwner.toLowerCase() !== here).map((node) => `${node.repository.nameWithOwner}#${node.number}`),
  };
}

/** Every comment: the first page's, then the next pages. */
async function readAllComments(client: GitHubClient, variables: PullRequestVariables, pr: PullRequestNode): Promise<(CommentNode | null)[]> {
  const comments = [...(pr.comments?.nodes ?? [])];
  let commentsAfter = nextCursor(pr.comments?.pageInfo);
  while (commentsAfter) {
    const page = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, commentsAfter, withComments: true });
    comments.push(...(page.repository?.pullRequest?.comments?.nodes ?? []));
    commentsAfter = nextCursor(page.repository?.pullRequest?.comments?.pageInfo);
  }
  return comments;
}

/** The changed files' paths, up to GitHub's own limit. */
async function readChangedFiles(client: GitHubClient, variables: PullRequestVariables, pr: PullRequestNode): Promise<string[]> {
  const files = pathsOf(pr.files);
  let filesAfter = nextCursor(pr.files?.pageInfo);
  for (let pages = 1; filesAfter && pages < MAX_FILE_PAGES; pages += 1) {
    const page = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, filesAfter, withFiles: true });
    const more = page.repository?.pullRequest?.files;
    files.push(...pathsOf(more));
    filesAfter = nextCursor(more?.pageInfo);
  }
  return files;
}

function pathsOf(files: PullRequestNode['files']): string[] {
  return (files?.nodes ?? []).flatMap((node) => (node ? [node.path] : []));
}

function nextCursor(pageInfo: PageInfo | undefined): string | null {
  return pageInfo?.hasNextPage ? pageInfo.endCursor : null;
}

/**
 * The bot's sticky comment of one kind on a pull request (the merge gate's or
 * the policy preview's): its own, carrying the item marker and `marker`. One
 * an earlier identity wrote (`previous-bot-logins`) is adopted in place: the
 * token edits it, as anyone with write access may edit a comment (GraphQL
 * schema, `CommentCannotUpdateReason.INSUFFICIENT_ACCESS`: "You must be the
 * author or have write access to this repository to update this comment"),
 * so the pull request keeps one comment.
 */
export function findStickyComment(comments: readonly CommentNode[], marker: string): BotComment | null {
  const found = findBotComment(comments.filter((comment) => comment.body.includes(marker)));
  if (!found?.adopting) return found;
  const [oldest, ...rest] = found.extras ?? [];
  return oldest ? { id: oldest.id, body: oldest.body, ...(rest.length ? { extras: rest } : {}) } : null;
}
