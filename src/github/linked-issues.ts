/**
 * The issues pull requests close, read in full: by their node ids, a hundred
 * to a request (GitHub's limit for `nodes(ids:)`), or one by number when a
 * description's keyword names them. Whatever their state, each comes with
 * everything the rules read, so the merge gate judges it like an issue event.
 */
import type { GitHubClient } from './client.js';
import { isGraphqlNotFound } from './errors.js';
import { ISSUE_FIELDS } from './queries.js';
import type { RepoRef } from './read.js';
import { findBotComment, toWorkItem, type CommentNode, type IssueNode } from './work-items.js';
import type { LinkedIssueRead } from '../ports/reads.js';
export type { LinkedIssueRead };

/**
 * The bot comments on an issue soon after it is opened, so its comment is
 * among the first few; its id links the gate's comment to the fixes.
 */
const LINKED_ISSUE_FIELDS = /* GraphQL */ `
  fragment RoadmapLinkedIssue on Issue {
    ...RoadmapIssueFields
    body
    firstComments: comments(first: 10) { nodes { fullDatabaseId viewerDidAuthor body createdAt updatedAt } }
  }
  ${ISSUE_FIELDS}
`;

export const LINKED_ISSUES_QUERY = /* GraphQL */ `
  query RoadmapLinkedIssues($ids: [ID!]!, $withAssignees: Boolean = true) {
    nodes(ids: $ids) { ... on Issue { ...RoadmapLinkedIssue } }
  }
  ${LINKED_ISSUE_FIELDS}
`;

export const ISSUE_BY_NUMBER_QUERY = /* GraphQL */ `
  query RoadmapIssueByNumber($owner: String!, $name: String!, $number: Int!, $withAssignees: Boolean = true) {
    repository(owner: $owner, name: $name) { issue(number: $number) { ...RoadmapLinkedIssue } }
  }
  ${LINKED_ISSUE_FIELDS}
`;

/** GitHub answers at most 100 ids per `nodes` query. */
const IDS_PER_REQUEST = 100;

type LinkedNode = IssueNode & { firstComments?: { nodes: (CommentNode | null)[] | null } | null };

/**
 * Every issue of `ids`, by number. An id GitHub no longer resolves (the issue
 * was deleted or transferred since it was linked) fails the read: the gate
 * cannot vouch for an issue it could not see.
 */
export async function readLinkedIssues(client: GitHubClient, ids: readonly { number: number; id: string }[]): Promise<Map<number, LinkedIssueRead>> {
  const read = new Map<number, LinkedIssueRead>();
  // Many pull requests can close the same issue: it is read once.
  const unique = [...new Map(ids.map((entry) => [entry.id, entry])).values()];
  for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
    const batch = unique.slice(start, start + IDS_PER_REQUEST);
    const page = await client.graphql<{ nodes: (LinkedNode | null)[] }>(LINKED_ISSUES_QUERY, { ids: batch.map((entry) => entry.id) });
    for (const [index, node] of page.nodes.entries()) {
      if (!node || typeof node.number !== 'number') throw new Error(`Issue #${batch[index]!.number} could not be read (deleted or transferred since it was linked): the merge gate cannot check it.`);
      read.set(node.number, linkedRead(node));
    }
  }
  return read;
}

/**
 * Issues named by number in a description. A number that is no issue of the
 * repository (a pull request, a typo) is not a link GitHub would make either:
 * it is left out, and named in `notIssues`.
 */
export async function readIssuesByNumber(client: GitHubClient, repo: RepoRef, numbers: readonly number[]): Promise<{ read: Map<number, LinkedIssueRead>; notIssues: number[] }> {
  const read = new Map<number, LinkedIssueRead>();
  const notIssues: number[] = [];
  for (const number of numbers) {
    try {
      const page = await client.graphql<{ repository: { issue: LinkedNode | null } | null }>(ISSUE_BY_NUMBER_QUERY, { owner: repo.owner, name: repo.name, number });
      const node = page.repository?.issue;
      if (node) read.set(number, linkedRead(node));
      else notIssues.push(number);
    } catch (error) {
      if (!isGraphqlNotFound(error)) throw error;
      notIssues.push(number);
    }
  }
  return { read, notIssues };
}

function linkedRead(node: LinkedNode): LinkedIssueRead {
  const comments = node.firstComments?.nodes ?? [];
  return { item: toWorkItem(node, comments), botCommentId: findBotComment(comments)?.id ?? null };
}
