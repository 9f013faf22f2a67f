/**
 * The bot's last word on an issue: the short note that replaces its comment
 * once the issue meets the policy, and the note that says it archived the
 * item. Each opens a line with its lead (report/comment.ts writes them), which
 * is how the next run tells them apart from a full comment.
 */
import { COMMENT_MARKER } from './markers.js';

export const RESOLVED_LEAD = '**Resolved:**';
export const ARCHIVED_LEAD = '**Archived:**';

/** True when a comment of ours is the resolved note, whatever the title or the date it names. */
export function isResolvedComment(body: string): boolean {
  return body.includes(COMMENT_MARKER) && body.split('\n').some((line) => line.startsWith(RESOLVED_LEAD));
}

/** True when a comment of ours says the item was archived. */
export function isArchiveNote(body: string): boolean {
  return body.includes(COMMENT_MARKER) && body.split('\n').some((line) => line.startsWith(ARCHIVED_LEAD));
}

/** The comment has said its last word (resolved or archived): only new findings make it speak again. */
export function isSettledComment(body: string): boolean {
  return isResolvedComment(body) || isArchiveNote(body);
}
