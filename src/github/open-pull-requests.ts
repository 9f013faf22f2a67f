/**
 * The repository's open pull requests, for the merge gate's status to follow
 * the issues: each with the issues it closes, its base, its description and
 * the gate's status on its head commit. Fifty to a page, one point a page.
 */
import type { GitHubClient } from './client.js';
import { MERGE_GATE_CONTEXT, headGateStatus, type HeadCommitNode } from './commit-status.js';
import { answerBesideHiddenReferences, readEveryReference, referencePages, splitReferences, type ReferenceConnection } from './pull-request-read.js';
import { GitHubReadError } from './errors.js';
import type { RepoRef } from './read.js';
import type { OpenPullRequest } from '../ports/reads.js';
export type { OpenPullRequest };

export const OPEN_PULL_REQUESTS_QUERY = /* GraphQL */ `
  query RoadmapOpenPullRequests($owner: String!, $name: String!, $after: String, $statusContext: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { name }
      pullRequests(first: 50, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number
          body
          baseRefName
          headRefOid
          commits(last: 1) { nodes { commit { oid status { context(name: $statusContext) { state description } } } } }
          closingIssuesReferences(first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { id number repository { nameWithOwner } }
          }
        }
      }
    }
  }
`;

interface OpenPullRequestNode extends HeadCommitNode {
  number: number;
  body: string | null;
  baseRefName: string;
  closingIssuesReferences: ReferenceConnection | null;
}

interface OpenPullRequestsPage {
  repository: {
    defaultBranchRef: { name: string } | null;
    pullRequests: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (OpenPullRequestNode | null)[] | null };
  } | null;
}

export async function readOpenPullRequests(client: GitHubClient, repo: RepoRef): Promise<OpenPullRequest[]> {
  const pullRequests: OpenPullRequest[] = [];
  let after: string | null = null;
  do {
    const { page, hidden } = await openPullRequestsPage(client, repo, after);
    const repository = page.repository;
    if (!repository) throw new GitHubReadError(`Repository ${repo.owner}/${repo.name} was not found, or the token cannot read it.`);
    for (const [index, node] of (repository.pullRequests.nodes ?? []).entries()) {
      if (node) pullRequests.push(await openPullRequest(client, repo, node, { defaultBranch: repository.defaultBranchRef?.name, hidden: hidden.get(index) ?? [] }));
    }
    after = repository.pullRequests.pageInfo.hasNextPage ? repository.pullRequests.pageInfo.endCursor : null;
  } while (after);
  return pullRequests;
}

/**
 * One page, and the closing references GitHub would not show, by pull
 * request: GitHub answers the rest of the page beside a FORBIDDEN error on
 * each reference it refuses (`repository.pullRequests.nodes.<i>.closingIssuesReferences…`).
 * Any other error fails the read, as the pull requests themselves were not listed.
 */
async function openPullRequestsPage(client: GitHubClient, repo: RepoRef, after: string | null): Promise<{ page: OpenPullRequestsPage; hidden: Map<number, string[]> }> {
  const variables = { owner: repo.owner, name: repo.name, after, statusContext: MERGE_GATE_CONTEXT };
  try {
    return { page: await client.graphql<OpenPullRequestsPage>(OPEN_PULL_REQUESTS_QUERY, variables), hidden: new Map() };
  } catch (error) {
    const answered = answerBesideHiddenReferences<OpenPullRequestsPage>(error, referenceErrorIndex);
    if (!answered.page.repository?.pullRequests) throw error;
    return answered;
  }
}

/** The pull request's position in the page, for an error on one of its closing references. */
function referenceErrorIndex(path: readonly (string | number)[]): number | undefined {
  const [repository, pullRequests, nodes, index, references] = path;
  const onReference = repository === 'repository' && pullRequests === 'pullRequests' && nodes === 'nodes' && references === 'closingIssuesReferences';
  return onReference && typeof index === 'number' ? index : undefined;
}

async function openPullRequest(client: GitHubClient, repo: RepoRef, node: OpenPullRequestNode, read: { defaultBranch: string | undefined; hidden: string[] }): Promise<OpenPullRequest> {
  // Past a hundred references, the rest come page by page through the pull request's own query.
  const references = await readEveryReference(node.closingIssuesReferences, referencePages(client, repo, node.number));
  return {
    number: node.number,
    body: node.body ?? '',
    baseRef: node.baseRefName,
    defaultBranch: read.defaultBranch,
    headSha: node.headRefOid,
    gateStatus: headGateStatus(node),
    ...splitReferences(references, repo),
    hiddenReferences: read.hidden,
  };
}
