/**
 * What a relayed board item's content is, asked of GitHub in one request: a
 * relay names the content as `owner/repo#n` (which may be a pull request, or
 * an issue deleted since) or, forwarding GitHub's own `projects_v2_item`
 * payload, by its node id (`content_node_id`). Only an issue of this
 * repository is checked; anything else is left out with a notice, as for a
 * draft.
 */
import type { GitHubClient } from './client.js';
import { isGraphqlNotFound } from './errors.js';
import { RELAYED_BY_NODE_QUERY, RELAYED_BY_NUMBER_QUERY } from './queries.js';
import type { RelayedTarget, RelayedContent } from '../ports/reads.js';
export type { RelayedTarget, RelayedContent };

interface Found {
  __typename?: string;
  number?: number;
  repository?: { nameWithOwner?: string };
}

export async function resolveRelayedContent(client: GitHubClient, repo: { owner: string; name: string }, target: RelayedTarget): Promise<RelayedContent> {
  const found = 'number' in target ? await byNumber(client, repo, target.number) : await byNode(client, target.nodeId);
  const what = 'number' in target ? `#${target.number}` : 'the item';
  if (!found) return { leftOut: `${what} no longer exists (deleted or transferred)` };
  if (found.__typename === 'PullRequest') return { leftOut: `${what} is a pull request, not planned work` };
  if (found.__typename !== 'Issue' || typeof found.number !== 'number') return { leftOut: `${what} is not an issue` };
  const owner = found.repository?.nameWithOwner;
  if (owner && owner.toLowerCase() !== `${repo.owner}/${repo.name}`.toLowerCase()) {
    return { leftOut: `${what} is ${owner}#${found.number}, an issue of another repository: this workflow can write only to its own; the board's audit counts it` };
  }
  return { issueNumber: found.number };
}

async function byNumber(client: GitHubClient, repo: { owner: string; name: string }, number: number): Promise<Found | null> {
  const data = await orNotFound(client.graphql<{ repository: { issueOrPullRequest: Found | null } | null }>(RELAYED_BY_NUMBER_QUERY, { owner: repo.owner, name: repo.name, number }));
  return data?.repository?.issueOrPullRequest ?? null;
}

async function byNode(client: GitHubClient, id: string): Promise<Found | null> {
  const data = await orNotFound(client.graphql<{ node: Found | null }>(RELAYED_BY_NODE_QUERY, { id }));
  return data?.node ?? null;
}

/** GitHub answers a missing number or node with a NOT_FOUND error beside `null`: that is an answer, not a failure. */
async function orNotFound<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (isGraphqlNotFound(error)) return null;
    throw error;
  }
}
