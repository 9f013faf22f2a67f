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
