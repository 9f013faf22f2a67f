/**
 * Workflows cannot be triggered by `projects_v2_item` (an organization or
 * GitHub App webhook only), so a relay forwards it as `repository_dispatch`,
 * in one of two forms:
 * - GitHub's own webhook payload as the `client_payload`, verbatim (a plain
 *   forwarder such as `relay/forward-project-item.mjs`): the item is
 *   `projects_v2_item.node_id`, its content `content_node_id` and `content_type`;
 * - a short one, `{ event: "projects_v2_item", item: <node id>,
 *   content: "owner/repo#n" }`, with `content: null` for a draft issue.
 * Anyone with write access can send a dispatch, so the payload is hostile
 * input: every part is checked for shape and size, and nothing of it is
 * echoed beyond a short, plain excerpt.
 */
import { cut, plainText } from '../report/escape.js';
import type { RelayedTarget } from '../ports/reads.js';

const RELAYED_EVENT = 'projects_v2_item';

/** What a relayed board item holds, as the relay says. */
export type RelayedItemContent =
  | { kind: 'issue'; owner: string; name: string; number: number }
  | { kind: 'issue-node'; nodeId: string }
  | { kind: 'draft' }
  | { kind: 'pull-request' }
  /** GitHub's `deleted` action: the item left the board. */
  | { kind: 'removed' };

/** The board item a relayed dispatch is about. */
export interface RelayedItem {
  /** The item's node id, when the relay sent one. */
  item?: string;
  content: RelayedItemContent;
}

// GitHub logins: up to 39 letters, digits and hyphens; repository names: up to 100 of letters, digits, `.`, `_`, `-`.
const CONTENT = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})#([1-9]\d{0,9})$/;
const NODE_ID = /^[A-Za-z0-9_=-]{1,100}$/;
/** `content_type` of GitHub's payload (webhook docs, "projects_v2_item"), and what each holds. */
const CONTENT_TYPES: Record<string, 'issue-node' | 'draft' | 'pull-request'> = { Issue: 'issue-node', DraftIssue: 'draft', PullRequest: 'pull-request' };

/** The relayed item, undefined when the dispatch is not a relayed project event; throws on a malformed one. */
export function relayedProjectItem(payload: Record<string, unknown>): RelayedItem | undefined {
  const client = payload.client_payload;
  if (typeof client !== 'object' || client === null) return undefined;
  const { event, projects_v2_item: webhookItem } = client as { event?: unknown; projects_v2_item?: unknown };
  if (typeof webhookItem === 'object' && webhookItem !== null) return forwardedItem(client as Record<string, unknown>, webhookItem as Record<string, unknown>);
  if (event !== RELAYED_EVENT) return undefined;
  return shortItem(client as Record<string, unknown>);
}

/** GitHub's webhook payload, forwarded as it came. */
function forwardedItem(client: Record<string, unknown>, node: Record<string, unknown>): RelayedItem {
  const item = nodeIdOf(node.node_id, 'projects_v2_item.node_id', 'a project item node id such as "PVTI_lADOAB..."');
  if (client.action === 'deleted') return { item, content: { kind: 'removed' } };
  const kind = typeof node.content_type === 'string' && Object.hasOwn(CONTENT_TYPES, node.content_type) ? CONTENT_TYPES[node.content_type] : undefined;
  if (!kind) throw malformed('projects_v2_item.content_type', node.content_type, 'Issue, DraftIssue or PullRequest');
  if (kind !== 'issue-node') return { item, content: { kind } };
  return { item, content: { kind, nodeId: nodeIdOf(node.content_node_id, 'projects_v2_item.content_node_id', 'an issue node id such as "I_kwDOAB..."') } };
}

/** The short form: `content` must be there, `owner/repo#n` or null for a draft. */
function shortItem(client: Record<string, unknown>): RelayedItem {
  const relayed: RelayedItem = { content: { kind: 'draft' } };
  if (client.item !== undefined && client.item !== null) relayed.item = nodeIdOf(client.item, 'item', 'a project item node id such as "PVTI_lADOAB..."');
  if (!Object.hasOwn(client, 'content')) throw new Error(`The relayed ${RELAYED_EVENT} dispatch has no client_payload.content: give "owner/repo#number" of the issue on the board, or null for a draft issue.`);
  if (client.content !== null) relayed.content = contentOf(client.content);
  return relayed;
}

function nodeIdOf(value: unknown, key: string, expected: string): string {
  if (typeof value !== 'string' || !NODE_ID.test(value)) throw malformed(key, value, expected);
  return value;
}

function contentOf(content: unknown): RelayedItemContent {
  const match = typeof content === 'string' ? CONTENT.exec(content) : null;
  const number = Number(match?.[3]);
  if (!match || !Number.isSafeInteger(number) || number > 2 ** 31 - 1) throw malformed('content', content, '"owner/repo#number" of the issue on the board, or null for a draft issue');
  return { kind: 'issue', owner: match[1]!, name: match[2]!, number };
}

function malformed(key: string, value: unknown, expected: string): Error {
  const shown = typeof value === 'string' ? `"${cut(plainText(value), 60)}"` : value === null ? 'null' : typeof value;
  return new Error(`The relayed ${RELAYED_EVENT} dispatch has an invalid client_payload.${key}: expected ${expected}, got ${shown}.`);
}

const LEFT_OUT: Record<'draft' | 'pull-request' | 'removed', string> = {
  draft: 'a draft issue: a draft gets no comment or label; the next audit counts it',
  'pull-request': 'a pull request, which is not planned work: it is left out',
  removed: 'an item removed from the board: the next audit no longer counts it',
};

/**
 * Where a relayed project event leads: what GitHub must say the content is
 * (an issue of this repository is checked like an issue event; a pull request
 * or a deleted issue is left out), or nothing to do here.
 */
export function routeRelayedItem(relayed: RelayedItem, repo: { owner: string; name: string } | undefined): { target: RelayedTarget } | { notice: string } {
  const content = relayed.content;
  if (content.kind === 'issue-node') return { target: { nodeId: content.nodeId } };
  if (content.kind !== 'issue') return { notice: `The relayed ${RELAYED_EVENT} event is about ${LEFT_OUT[content.kind]}.` };
  const here = !repo || (content.owner.toLowerCase() === repo.owner.toLowerCase() && content.name.toLowerCase() === repo.name.toLowerCase());
  if (here) return { target: { number: content.number } };
  return {
    notice: `The relayed ${RELAYED_EVENT} event is about ${content.owner}/${content.name}#${content.number}, an issue of another repository: this workflow can write only to its own repository; the board's audit counts it.`,
  };
}

/** The notice for content GitHub says is not an issue of this repository. */
export function relayedLeftOut(reason: string): string {
  return `The relayed ${RELAYED_EVENT} event's content is left out: ${reason}.`;
}
