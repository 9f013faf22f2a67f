/**
 * Reads a pull request for the merge gate and the policy preview: the issues
 * it will close, its changed files, and the bot's own comments on it. One
 * GraphQL request in the common case; more only for long comment threads or
 * more than 100 changed files.
 */
import type { GitHubClient } from './client.js';
import type { RepoRef } from './read.js';
import { findBotComment, type CommentNode } from './work-items.js';
import type { BotComment } from '../plan/types.js';

/**
 * `closingIssuesReferences` holds the issues a pull request will close, from
 * closing keywords ("Closes #12") and from links made in the sidebar
 * (GitHub's GraphQL reference, PullRequest.closingIssuesReferences).
 */
export const PULL_REQUEST_QUERY = /* GraphQL */ `
  query RoadmapPullRequest(
    $owner: String!
    $name: String!
    $number: Int!
    $commentsAfter: String
    $filesAfter: String
    $withComments: Boolean!
    $withFiles: Boolean!
  ) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        number
        title
        url
        isDraft
        closingIssuesReferences(first: 50) {
          totalCount
          nodes { number repository { nameWithOwner } }
        }
        comments(first: 100, after: $commentsAfter) @include(if: $withComments) {
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body createdAt updatedAt }
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

interface PullRequestPage {
  repository: {
    pullRequest: {
      number: number;
      title: string;
      url: string;
      isDraft: boolean;
      closingIssuesReferences: { totalCount: number; nodes: ({ number: number; repository: { nameWithOwner: string } } | null)[] | null } | null;
      comments?: { pageInfo: PageInfo; nodes: (CommentNode | null)[] | null };
      files?: { pageInfo: PageInfo; nodes: ({ path: string } | null)[] | null } | null;
    } | null;
  } | null;
}

export interface PullRequestRead {
  number: number;
  title: string;
  url: string;
  isDraft: boolean;
  /** Numbers of the issues of this repository the pull request closes. */
  closes: number[];
  /** Closing references to issues of other repositories (`owner/name#12`): not this repository's planned work. */
  closesElsewhere: string[];
  /** How many closing references there are in all (only the first 50 are read). */
  closingTotal: number;
  /** Paths the pull request changes (GitHub lists at most 3,000). */
  files: string[];
  /** The pull request's comments, oldest first, to find the bot's own among them. */
  comments: CommentNode[];
}

/** The most pages of changed files read: GitHub's API lists no more than 3,000 files of a pull request. */
const MAX_FILE_PAGES = 30;

type PullRequestNode = NonNullable<NonNullable<PullRequestPage['repository']>['pullRequest']>;
type PullRequestVariables = { owner: string; name: string; number: number };

export async function readPullRequest(client: GitHubClient, repo: RepoRef, number: number): Promise<PullRequestRead> {
  const variables = { owner: repo.owner, name: repo.name, number };
  const first = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, commentsAfter: null, filesAfter: null, withComments: true, withFiles: true });
  const pr = first.repository?.pullRequest;
  if (!pr) throw new Error(`Pull request #${number} was not found in ${repo.owner}/${repo.name}, or the token cannot read it.`);
  const comments = await readAllComments(client, variables, pr);
  const files = await readChangedFiles(client, variables, pr);
  return {
    number: pr.number,
    title: pr.title,
    url: pr.url,
    isDraft: pr.isDraft,
    ...closingReferences(pr, repo),
    files,
    comments: comments.filter((comment): comment is CommentNode => comment !== null),
  };
}

/** The issues the pull request closes, in this repository and elsewhere. */
function closingReferences(pr: PullRequestNode, repo: RepoRef): Pick<PullRequestRead, 'closes' | 'closesElsewhere' | 'closingTotal'> {
  const here = `${repo.owner}/${repo.name}`.toLowerCase();
  const references = (pr.closingIssuesReferences?.nodes ?? []).filter((node): node is NonNullable<typeof node> => node !== null);
  return {
    closes: references.filter((node) => node.repository.nameWithOwner.toLowerCase() === here).map((node) => node.number),
    closesElsewhere: references.filter((node) => node.repository.nameWithOwner.toLowerCase() !== here).map((node) => `${node.repository.nameWithOwner}#${node.number}`),
    closingTotal: pr.closingIssuesReferences?.totalCount ?? references.length,
  };
}

/** Every comment: the first page's, then the next pages. */
async function readAllComments(client: GitHubClient, variables: PullRequestVariables, pr: PullRequestNode): Promise<(CommentNode | null)[]> {
  const comments = [...(pr.comments?.nodes ?? [])];
  let commentsAfter = nextCursor(pr.comments?.pageInfo);
  while (commentsAfter) {
    const page = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, commentsAfter, filesAfter: null, withComments: true, withFiles: false });
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
    const page = await client.graphql<PullRequestPage>(PULL_REQUEST_QUERY, { ...variables, commentsAfter: null, filesAfter, withComments: false, withFiles: true });
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
 * the policy preview's): its own, carrying the item marker and `marker`.
 */
export function findStickyComment(comments: readonly CommentNode[], marker: string): BotComment | null {
  return findBotComment(comments.filter((comment) => comment.body.includes(marker)));
}
