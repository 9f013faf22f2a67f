/**
 * Workflows cannot be triggered by `projects_v2_item` (an organization or
 * GitHub App webhook only), so a relay forwards it as `repository_dispatch`
 * with `client_payload: { event: "projects_v2_item", item: <node id>,
 * content: "owner/repo#n" }`. Anyone with write access can send a dispatch,
 * so the payload is hostile input: every part is checked for shape and size,
 * and nothing of it is echoed beyond a short, plain excerpt.
 */
import { cut, plainText } from '../report/escape.js';

const RELAYED_EVENT = 'projects_v2_item';

/** The board item a relayed dispatch is about. */
export interface RelayedItem {
  /** The item's node id, when the relay sent one. */
  item?: string;
  /** The issue behind the item; absent for a draft issue. */
  content?: { owner: string; name: string; number: number };
}

// GitHub logins: up to 39 letters, digits and hyphens; repository names: up to 100 of letters, digits, `.`, `_`, `-`.
const CONTENT = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})#([1-9]\d{0,9})$/;
const NODE_ID = /^[A-Za-z0-9_=-]{1,100}$/;

/** The relayed item, undefined when the dispatch is not a relayed project event; throws on a malformed one. */
export function relayedProjectItem(payload: Record<string, unknown>): RelayedItem | undefined {
  const client = payload.client_payload;
  if (typeof client !== 'object' || client === null || (client as { event?: unknown }).event !== RELAYED_EVENT) return undefined;
  const { item, content } = client as { item?: unknown; content?: unknown };
  const relayed: RelayedItem = {};
  if (item !== undefined && item !== null) relayed.item = nodeIdOf(item);
  if (content !== undefined && content !== null && content !== '') relayed.content = contentOf(content);
  return relayed;
}

function nodeIdOf(item: unknown): string {
  if (typeof item !== 'string' || !NODE_ID.test(item)) throw malformed('item', item, 'a project item node id such as "PVTI_lADOAB..."');
  return item;
}

function contentOf(content: unknown): NonNullable<RelayedItem['content']> {
  const match = typeof content === 'string' ? CONTENT.exec(content) : null;
  const number = Number(match?.[3]);
  if (!match || !Number.isSafeInteger(number) || number > 2 ** 31 - 1) throw malformed('content', content, '"owner/repo#number" of the issue on the board');
  return { owner: match[1]!, name: match[2]!, number };
}

function malformed(key: string, value: unknown, expected: string): Error {
  const shown = typeof value === 'string' ? `"${cut(plainText(value), 60)}"` : typeof value;
  return new Error(`The relayed ${RELAYED_EVENT} dispatch has an invalid client_payload.${key}: expected ${expected}, got ${shown}.`);
}

/** Where a relayed project event leads: the item's issue when it is in this repository, otherwise nothing to write here. */
export function routeRelayedItem(relayed: RelayedItem, repo: { owner: string; name: string } | undefined): { issueNumber: number } | { notice: string } {
  const content = relayed.content;
  if (!content) {
    return { notice: `The relayed ${RELAYED_EVENT} event is about a draft issue (no content): a draft gets no comment or label; the next audit counts it.` };
  }
  const here = !repo || (content.owner.toLowerCase() === repo.owner.toLowerCase() && content.name.toLowerCase() === repo.name.toLowerCase());
  if (here) return { issueNumber: content.number };
  return {
    notice: `The relayed ${RELAYED_EVENT} event is about ${content.owner}/${content.name}#${content.number}, an issue of another repository: this workflow can write only to its own repository; the board's audit counts it.`,
  };
}
