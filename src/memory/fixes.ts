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

/** A lone surrogate (a policy may spell one, `"\uD800"` in YAML) as U+FFFD: `encodeURIComponent` throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function fixesMarker(state: FixesState): string {
  const encode = (key: string) => encodeURIComponent(Array.from(key.replace(LONE_SURROGATE, '\uFFFD')).slice(0, MAX_KEY_LENGTH).join(''));
  const field = (name: string, keys: string[]) => (keys.length ? [`${name}=${keys.slice(0, MAX_KEYS).map(encode).join(',')}`] : []);
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
