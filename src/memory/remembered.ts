/**
 * What the bot remembers about an issue, read from all of its comments there:
 * the one it keeps and the copies that runs which raced left behind. Each
 * copy may hold a decision the kept one lacks (a grant recorded by the run
 * that posted it), so the trail is the union of all of them, the state the
 * most careful reading of all of them, and the reply the newest one. The
 * copies are removed only once the kept comment holds it all.
 */
import { readCommentState, STATE_KEYS, type CommentState } from './state.js';
import { readReply } from './reply.js';
import { mergeTrails, readTrail, type TrailEntry } from './trail.js';

/** The bot's comment on an issue as read (plan/types.ts's BotComment): the one it keeps and the copies after it. */
interface BotComments {
  body: string;
  extras?: readonly { body: string }[];
}

function bodies(comment: BotComments | null | undefined): string[] {
  return comment ? [comment.body, ...(comment.extras ?? []).map((extra) => extra.body)] : [];
}

/** Every decision recorded in any of the bot's comments on the issue. */
export function rememberedTrail(comment: BotComments | null | undefined): TrailEntry[] {
  return mergeTrails(bodies(comment).map(readTrail));
}

/** The latest reply: the newest comment's, else the kept one's. */
export function rememberedReply(comment: BotComments | null | undefined): string | undefined {
  return bodies(comment).map(readReply).filter((reply) => reply !== undefined).at(-1);
}

/**
 * The state across the comments: the latest touch and the latest warning (an
 * item is never archived before a date any warning gave), the latest archiving.
 */
export function rememberedState(comment: BotComments | null | undefined): CommentState {
  const states = bodies(comment).map(readCommentState);
  const latest = (key: keyof CommentState) => states.map((state) => state[key]).filter((moment): moment is string => !!moment).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
  const state: CommentState = {};
  for (const key of STATE_KEYS) {
    const moment = latest(key);
    if (moment) state[key] = moment;
  }
  return state;
}
