/**
 * Label globs as the policy writes them: `*` matches any run of characters,
 * `?` exactly one, and case never matters (GitHub treats label names
 * case-insensitively too).
 */
const compiled = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let regexp = compiled.get(glob);
  if (!regexp) {
    const source = [...glob]
      .map((char) => (char === '*' ? '(.*)' : char === '?' ? '(.)' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regexp = new RegExp(`^${source}$`, 'isu');
    compiled.set(glob, regexp);
  }
  return regexp;
}

export function matchesGlob(glob: string, name: string): boolean {
  return toRegExp(glob.trim()).test(name.trim());
}

/** The text the wildcards matched (`customer:*` on `customer:acme` → "acme"); undefined when the glob does not match. */
export function globCapture(glob: string, name: string): string | undefined {
  const match = toRegExp(glob.trim()).exec(name.trim());
  if (!match) return undefined;
  return match.length > 1 ? match.slice(1).join('') : match[0];
}

export function anyLabelMatches(globs: readonly string[], labels: readonly string[]): boolean {
  return globs.some((glob) => labels.some((label) => matchesGlob(glob, label)));
}
