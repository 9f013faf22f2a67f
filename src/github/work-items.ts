/**
 * GitHub's view of an issue → the engine's WorkItem, and the bot's own
 * comment among an issue's comments.
 */
import { workItemFromIssue } from '../core/snapshot.js';
import type { WorkItem } from '../core/types.js';
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../report/markers.js';

/** An issue node as the queries in queries.ts return it. */
export interface IssueNode {
  number: number;
  title: string;
  url: string;
  state: 'OPEN' | 'CLOSED';
  createdAt: string;
  updatedAt: string;
  closedAt?: string | null;
  viewerDidAuthor?: boolean;
  author?: { login: string } | null;
  milestone?: { title: string } | null;
  labels?: { nodes: ({ name: string } | null)[] | null } | null;
  body?: string | null;
}

export interface CommentNode {
  databaseId: number | null;
  viewerDidAuthor: boolean;
  body: string;
}

/** The bot's comment on an issue: the one to edit instead of posting another. */
export interface BotComment {
  id: number;
  body: string;
}

/** What we know about the bot's comment on an issue. */
export interface CommentLookup {
  comment: BotComment | null;
  /** False when the issue has comments we did not read, so "no comment" is not certain. */
  complete: boolean;
}

/** Pull requests never get here: the queries read `Repository.issues`, which holds issues only. */
export function toWorkItem(node: IssueNode): WorkItem {
  return workItemFromIssue({
    number: node.number,
    title: node.title,
    url: node.url,
    state: node.state,
    labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
    author: node.author ?? null,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    closedAt: node.closedAt ?? null,
    milestone: node.milestone ?? null,
    body: node.body ?? null,
  });
}

/**
 * The bot's comment: carries the hidden marker AND was written by this token's
 * identity. Anyone can paste the marker; only the author check stops them from
 * hijacking or hiding the bot's comment. The oldest wins if there are several.
 */
export function findBotComment(comments: readonly (CommentNode | null)[]): BotComment | null {
  for (const comment of comments) {
    if (comment?.viewerDidAuthor && comment.databaseId !== null && comment.body.includes(COMMENT_MARKER)) {
      return { id: comment.databaseId, body: comment.body };
    }
  }
  return null;
}

/** The dashboard issue is the bot's own report, not planned work. */
export function isDashboardIssue(node: IssueNode, dashboardTitle: string | undefined): boolean {
  if (!node.viewerDidAuthor) return false;
  return (node.body ?? '').includes(DASHBOARD_MARKER) || (dashboardTitle !== undefined && dashboardTitle !== '' && node.title === dashboardTitle);
}
