/**
 * Hidden markers that let the bot find its own comment and dashboard issue
 * again (together with the author), so it edits them in place instead of
 * posting duplicates. HTML comments do not show in rendered markdown.
 */
export const COMMENT_MARKER = '<!-- roadmap-guard:item -->';
export const DASHBOARD_MARKER = '<!-- roadmap-guard:dashboard -->';
/** Second markers that tell the bot's two sticky comments on a pull request apart (each also carries COMMENT_MARKER). */
export const MERGE_GATE_MARKER = '<!-- roadmap-guard:merge-gate -->';
export const POLICY_PREVIEW_MARKER = '<!-- roadmap-guard:policy-preview -->';

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

const STATE_KEYS = ['touched', 'warned', 'archived'] as const;
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

/**
 * What the comment listed as still to fix and as fixed, by finding key, so the
 * next run can say what was fixed since: `<!-- roadmap-guard:fixes open=… fixed=… -->`.
 * Keys are URI-encoded (nothing in them can end the HTML comment) and bounded.
 */
export interface FixesState {
  open: string[];
  fixed: string[];
}

const FIXES_MARKER = /<!-- roadmap-guard:fixes((?: [a-z]+=[^\s>]*)*) -->/g;
const MAX_KEYS = 20;
const MAX_KEY_LENGTH = 120;

export function fixesMarker(state: FixesState): string {
  const field = (name: string, keys: string[]) => (keys.length ? [`${name}=${keys.slice(0, MAX_KEYS).map((k) => encodeURIComponent(Array.from(k).slice(0, MAX_KEY_LENGTH).join(''))).join(',')}`] : []);
  const fields = [...field('open', state.open), ...field('fixed', state.fixed)];
  return fields.length ? `<!-- roadmap-guard:fixes ${fields.join(' ')} -->` : '';
}

/** The keys recorded in a comment of the bot's; the last marker wins, and a key that does not decode is dropped. */
export function readFixes(body: string): FixesState {
  const last = [...body.matchAll(FIXES_MARKER)].at(-1)?.[1] ?? '';
  const state: FixesState = { open: [], fixed: [] };
  for (const field of last.trim().split(' ')) {
    const [name, value = ''] = field.split('=');
    if (name !== 'open' && name !== 'fixed') continue;
    state[name] = value
      .split(',')
      .slice(0, MAX_KEYS)
      .flatMap((part) => {
        try {
          const key = decodeURIComponent(part);
          return key && key.length <= MAX_KEY_LENGTH * 2 ? [key] : [];
        } catch {
          return [];
        }
      });
  }
  return state;
}
