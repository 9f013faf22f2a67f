/**
 * Plans the write for one of the bot's sticky comments on a pull request:
 * created only when there is something to say, edited in place when its text
 * changed, left alone when only the stamp would change.
 */
import { sameText } from '../plan/planned-writes.js';
import type { BotComment, PlannedWrite } from '../plan/types.js';

export interface StickyCommentInput {
  pullRequest: number;
  existing: BotComment | null;
  body: string;
  /** A new comment may be posted; otherwise only an existing one is kept current. */
  mayCreate: boolean;
  /** What the comment is, for the log: "the merge gate's comment". */
  what: string;
}

export function planStickyComment(input: StickyCommentInput): PlannedWrite[] {
  const { existing, pullRequest } = input;
  if (existing === null) {
    if (!input.mayCreate) return [];
    return [{ kind: 'create-comment', issue: pullRequest, body: input.body, onPullRequest: true, description: `post ${input.what} on pull request #${pullRequest}` }];
  }
  // A comment without a usable id cannot be edited, and posting another would duplicate it.
  if (existing.id === null || sameText(existing.body, input.body)) return [];
  return [
    { kind: 'update-comment', issue: pullRequest, commentId: existing.id, body: input.body, onPullRequest: true, description: `update ${input.what} on pull request #${pullRequest}` },
  ];
}
