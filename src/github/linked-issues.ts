/**
 * The issues pull requests close, read in full: by their node ids, a hundred
 * to a request (GitHub's limit for `nodes(ids:)`), or one by number when a
 * description's keyword names them. Whatever their state, each comes with
 * everything the rules read, so the merge gate judges it like an issue event.
 */
import type { GitHubClient } from './client.js';
import { isGraphqlNotFound } from './errors.js';
import { answerBesideHiddenReferences } from './pull-request-read.js';
import { ISSUE_FIELDS } from './queries.js';
import type { RepoRef } from './read.js';
import { findBotComment, markEarlierComments, toWorkItem, type CommentNode, type IssueNode } from './work-items.js';
import type { LinkedIssueRead, LinkedIssuesRead, UnreadableIssue } from '../ports/reads.js';
export type { LinkedIssueRead, LinkedIssuesRead, UnreadableIssue };

/**
 * The bot comments on an issue soon after it is opened, so its comment is
 * among the first few; its id links the gate's comment to the fixes.
 */
const LINKED_ISSUE_FIELDS = /* GraphQL */ `
  fragment RoadmapLinkedIssue on Issue {
    ...RoadmapIssueFields
    body
    firstComments: comments(first: 10) { nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt } }
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
 * Every issue of `ids`, by number, with what could not be read set apart: an
 * id GitHub no longer resolves (NOT_FOUND: the issue was deleted since it was
 * linked) is `gone`; one it refuses, or answers with no issue, `unreadable`.
 */
export async function readLinkedIssues(client: GitHubClient, ids: readonly { number: number; id: string }[]): Promise<LinkedIssuesRead> {
  const result: LinkedIssuesRead = { read: new Map(), gone: [], unreadable: [] };
  // Many pull requests can close the same issue: it is read once.
  const unique = [...new Map(ids.map((entry) => [entry.id, entry])).values()];
  for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
    const batch = unique.slice(start, start + IDS_PER_REQUEST);
    const { nodes, errors } = await linkedIssuesPage(client, batch.map((entry) => entry.id));
    for (const [index, entry] of batch.entries()) {
      const node = nodes[index];
      const type = errors.get(index);
      if (node && typeof node.number === 'number') result.read.set(node.number, linkedRead(node, client.earlierIdentities));
      else if (type === 'NOT_FOUND') result.gone.push(entry.number);
      else result.unreadable.push({ number: entry.number, reason: type ?? (node ? 'not an issue' : 'no answer') });
    }
  }
  return result;
}

/** One `nodes` page, and the type of the error GitHub gave for each id it did not resolve (its path is `nodes.<index>`). */
async function linkedIssuesPage(client: GitHubClient, ids: string[]): Promise<{ nodes: (LinkedNode | null)[]; errors: Map<number, string> }> {
  try {
    const page = await client.graphql<{ nodes: (LinkedNode | null)[] }>(LINKED_ISSUES_QUERY, { ids });
    return { nodes: page.nodes, errors: new Map() };
  } catch (error) {
    const { page, hidden } = answerBesideHiddenReferences<{ nodes?: (LinkedNode | null)[] | null }>(error, (path) => (path[0] === 'nodes' && typeof path[1] === 'number' ? path[1] : undefined));
    if (!page.nodes) throw error;
    // The last error GitHub gave on a node names why it was not read.
    return { nodes: page.nodes, errors: new Map([...hidden].map(([index, types]) => [index, types.at(-1)!])) };
  }
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
      if (node) read.set(number, linkedRead(node, client.earlierIdentities));
      else notIssues.push(number);
    } catch (error) {
      if (!isGraphqlNotFound(error)) throw error;
      notIssues.push(number);
    }
  }
  return { read, notIssues };
}

/** The issue and the bot's comment on it, an earlier identity's (`previous-bot-logins`) recognised as the product's, as an issue event reads them. */
function linkedRead(node: LinkedNode, earlierIdentities: readonly string[] | undefined): LinkedIssueRead {
  const comments = markEarlierComments(node.firstComments?.nodes ?? [], earlierIdentities);
  const comment = findBotComment(comments);
  return { item: toWorkItem(node, comments), botCommentId: comment?.id ?? comment?.extras?.[0]?.id ?? null };
}
