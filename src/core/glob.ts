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

export function matchesGlob(glob: string, name: string): boolean {
  return matchSpans(characters(glob), characters(name)) !== undefined;
}

/**
 * The text the wildcards matched (`customer:*` on `customer:acme` → "acme"); undefined when the glob does not match.
 * Matched from the end, so the first `*` takes as much as it can (`*:*` on `a:b:c` → "a:b" + "c"),
 * as the regular expression this replaced did.
 */
export function globCapture(glob: string, name: string): string | undefined {
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
