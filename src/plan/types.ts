/**
 * A write as plain data, and what a plan is made from. Planning (this folder)
 * is pure; `github/apply.ts` sends the writes, within dry-run and `max-writes`.
 */
import type { Evaluation, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import type { Conversation } from '../memory/conversation.js';

/** `after` of a deletion that waits for the comment the same plan posts on the issue. */
export const NEW_COMMENT = 'new';

export type PlannedWrite =
  | { kind: 'create-comment'; issue: number; body: string; description: string; onPullRequest?: true }
  | { kind: 'update-comment'; issue: number; commentId: string; body: string; description: string; onPullRequest?: true }
  /**
   * `after`: the comment whose edit, planned earlier in the same plan, must
   * have been made first (it takes over what this one remembers); NEW_COMMENT
   * for the comment the plan posts on the same issue.
   */
  | { kind: 'delete-comment'; issue: number; commentId: string; after?: string; description: string }
  | { kind: 'add-labels'; issue: number; labels: string[]; description: string }
  | { kind: 'remove-label'; issue: number; label: string; description: string }
  | { kind: 'create-label'; issue: null; name: string; color: string; labelDescription: string; description: string }
  | { kind: 'create-issue'; issue: null; title: string; body: string; description: string }
  | { kind: 'update-issue'; issue: number; body: string; description: string }
  | { kind: 'close-duplicate-dashboard'; issue: number; body: string; description: string }
  | { kind: 'close-issue'; issue: number; stateReason: 'not_planned'; description: string }
  | { kind: 'add-reaction'; issue: number; commentId: number; content: '+1' | 'confused'; description: string }
  /** The merge gate's commit status on a pull request's head commit; `issue` is the pull request. */
  | { kind: 'set-status'; issue: number; sha: string; state: 'success' | 'failure'; statusDescription: string; targetUrl?: string; description: string };

export interface PlanInput {
  evaluation: Evaluation;
  /** The items whose comment and labels this run keeps in sync. */
  items: WorkItem[];
  /** The bot's comment per item: null when it has none. An item missing here is never commented (we could not rule out a duplicate). */
  existingComments: ReadonlyMap<number, BotComment | null>;
  /** The managed labels that exist in the repository. */
  existingLabels: ReadonlySet<string>;
  policy: Policy;
  mode: 'issue' | 'audit';
  /** Issue mode: the item whose event is evaluated. */
  focusItem?: number;
  /** The full comment for an item, rendered on demand; given the bot's comment as it stands, if any. */
  renderedComments: (item: number, previousBody?: string) => string;
  /** The moment for resolved notes; defaults to the evaluation's. */
  at?: string;
  /** The reply to a command and the audit trail an item's comment carries, if any. */
  conversationFor?: (item: number) => Conversation | undefined;
}

/** The bot's comment on an issue, as read (github/work-items.ts finds it): the one to edit instead of posting another. */
export interface BotComment {
  /** The comment's database id, digits only, exactly as GitHub gave it; null when GitHub gave none usable. */
  id: string | null;
  body: string;
  /**
   * Later comments of the bot's with the marker on the same issue: duplicates
   * left by runs that raced, to remove once the kept comment holds what they
   * remember (see memory/remembered.ts).
   */
  extras?: { id: string; body: string }[];
  /**
   * The bot has no comment of its own here, only ones written by a login it
   * acted as before (listed in `extras`, `body` the oldest's): it posts its
   * own comment, which takes over their record, then removes them.
   */
  adopting?: true;
}
