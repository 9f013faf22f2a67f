/**
 * Label globs as the policy writes them: `*` matches any run of characters,
 * `?` exactly one, and case never matters (GitHub treats label names
 * case-insensitively too).
 *
 * Globs are matched by a two-pointer scan, not a regular expression: a
 * backtracking regex takes exponential time on `*a*a*a*a*b` against a long
 * label, and globs are typed by policy authors (and by a fork's checkout in
 * a policy preview). The scan only ever returns to the latest `*`, so a match
 * costs at most glob length × label length steps.
 */

/** Where each wildcard matched in the name, as [start, end) indexes into its characters. */
type Spans = Array<[number, number]>;

function sameChar(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

/**
 * The wildcard spans of the first match found by the scan (each `*` as short
 * as it can be, left to right); undefined when the glob does not match.
 * Characters are code points, so `?` matches one emoji as it did with a `u` regex.
 */
function matchSpans(glob: readonly string[], name: readonly string[]): Spans | undefined {
  const spans: Spans = [];
  let g = 0;
  let n = 0;
  // The latest `*` seen: its index in the glob, its span's slot and how many spans existed before it.
  let star: { g: number; span: number } | undefined;
  while (n < name.length) {
    const token = glob[g];
    if (token === '*') {
      star = { g, span: spans.length };
      spans.push([n, n]);
      g++;
    } else if (token !== undefined && (token === '?' || sameChar(token, name[n] ?? ''))) {
      if (token === '?') spans.push([n, n + 1]);
      g++;
      n++;
    } else if (star) {
      // Give the latest `*` one more character and retry everything after it.
      const span = spans[star.span] as [number, number];
      span[1]++;
      spans.length = star.span + 1;
      g = star.g + 1;
      n = span[1];
    } else {
      return undefined;
    }
  }
  while (glob[g] === '*') {
    spans.push([n, n]);
    g++;
  }
  return g === glob.length ? spans : undefined;
}

function characters(text: string): string[] {
  return [...text.trim()];
}

/**
 * Answers already worked out, by glob and label. A roadmap has a few dozen
 * distinct labels and the policy a few globs, but every item asks again:
 * at 10,000 items, matching was most of the engine's time. Bounded, since
 * labels come from users.
 */
const MAX_ANSWERS = 10_000;
/** Glob → label → answer: two lookups of strings whose hashes are already known, cheaper than building one key. */
type Answers<T> = Map<string, Map<string, T>>;
const matches: Answers<boolean> = new Map();
const captures: Answers<string | undefined> = new Map();
let remembering = 0;

function remembered<T>(answers: Answers<T>, glob: string, name: string, work: () => T): T {
  let byName = answers.get(glob);
  if (byName?.has(name)) return byName.get(name) as T;
  const answer = work();
  if (remembering >= MAX_ANSWERS) {
    matches.clear();
    captures.clear();
    remembering = 0;
    byName = undefined;
  }
  if (!byName) answers.set(glob, (byName = new Map()));
  byName.set(name, answer);
  remembering += 1;
  return answer;
}

export function matchesGlob(glob: string, name: string): boolean {
  return remembered(matches, glob, name, () => matchSpans(characters(glob), characters(name)) !== undefined);
}

/**
 * The text the wildcards matched (`customer:*` on `customer:acme` → "acme"); undefined when the glob does not match.
 * Matched from the end, so the first `*` takes as much as it can (`*:*` on `a:b:c` → "a:b" + "c"),
 * as the regular expression this replaced did.
 */
export function globCapture(glob: string, name: string): string | undefined {
  return remembered(captures, glob, name, () => capture(glob, name));
}

function capture(glob: string, name: string): string | undefined {
  const chars = characters(name);
  const reversed = matchSpans(characters(glob).reverse(), [...chars].reverse());
  if (!reversed) return undefined;
  if (reversed.length === 0) return chars.join('');
  return reversed
    .map(([start, end]) => chars.slice(chars.length - end, chars.length - start).join(''))
    .reverse()
    .join('');
}

export function anyLabelMatches(globs: readonly string[], labels: readonly string[]): boolean {
  return globs.some((glob) => labels.some((label) => matchesGlob(glob, label)));
}
