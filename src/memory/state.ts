/**
 * What the bot remembers about an issue between runs, kept hidden in its own
 * comment because it has nowhere else to keep it: the last time a person
 * touched the issue as the bot last saw it (its own later writes hide that
 * moment from `updatedAt`), when it warned that the item will be archived,
 * and when it archived it. Only read from a comment the bot wrote.
 */
export interface CommentState {
  touched?: string;
  warned?: string;
  archived?: string;
}

export const STATE_KEYS = ['touched', 'warned', 'archived'] as const;
const STATE_MARKER = /<!-- roadmap-guard:state((?: [a-z]+=[^\s>]+)*) -->/g;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** `<!-- roadmap-guard:state touched=… warned=… -->`, or '' when there is nothing to remember. */
export function stateMarker(state: CommentState): string {
  const fields = STATE_KEYS.flatMap((key) => (state[key] && MOMENT.test(state[key]) ? [`${key}=${state[key]}`] : []));
  return fields.length ? `<!-- roadmap-guard:state ${fields.join(' ')} -->` : '';
}

/** The state recorded in a comment of the bot's; the last marker wins, and anything that is not a moment is ignored. */
export function readCommentState(body: string): CommentState {
  const last = [...body.matchAll(STATE_MARKER)].at(-1)?.[1] ?? '';
  const state: CommentState = {};
  for (const field of last.trim().split(' ')) {
    const [key, value = ''] = field.split('=');
    if ((STATE_KEYS as readonly string[]).includes(key ?? '') && MOMENT.test(value)) state[key as (typeof STATE_KEYS)[number]] = value;
  }
  return state;
}
