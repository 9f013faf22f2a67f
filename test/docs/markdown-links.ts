/**
 * The relative links of the project's markdown, and the anchors GitHub gives
 * its headings, so a test can check that every link a reader clicks on
 * github.com lands somewhere.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { marked, type Token } from 'marked';

/**
 * The anchor GitHub gives a heading. github.com renders headings with the
 * same rule as the `github-slugger` package (its README: "generate a slug just
 * like GitHub does for markdown headings"): lower case; every character that
 * is not a letter, a mark, a digit, `_`, `-` or a space dropped; each space
 * made a `-`. A repeated slug gets `-1`, `-2`, … in order of appearance.
 */
export function githubSlug(headingText: string): string {
  return headingText
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading's anchor in a markdown text, duplicates numbered as GitHub numbers them. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const token of marked.lexer(markdown)) {
    if (token.type !== 'heading') continue;
    const slug = githubSlug(plainText(token.tokens ?? []));
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  // Anchors written by hand: <a id="…"> or <a name="…">.
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  return anchors;
}

/** The text a heading shows, which is what its anchor is made from: code spans' text, links' text, no markup. */
function plainText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'html') return '';
      if ('tokens' in token && token.tokens) return plainText(token.tokens);
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
}

/** Every link and image target in a markdown text, outside code blocks and code spans. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const token = value as { type?: string; href?: string };
    if ((token.type === 'link' || token.type === 'image') && token.href) targets.push(token.href);
    for (const child of Object.values(value)) if (typeof child === 'object') visit(child);
  };
  visit(marked.lexer(markdown));
  return targets;
}

/** A link that leaves the repository: a scheme (`https:`, `mailto:`) or a protocol-relative `//host`. */
function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/**
 * The broken relative links of one markdown file, as `file: target (why)`:
 * a path that does not exist in the repository, or an `#anchor` that no
 * heading of the target markdown file has.
 */
export function brokenLinks(root: string, file: string): string[] {
  const markdown = readFileSync(join(root, file), 'utf8');
  const problems: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (path: string) => anchorsOf.get(path) ?? anchorsOf.set(path, headingAnchors(readFileSync(path, 'utf8'))).get(path)!;
  for (const target of linkTargets(markdown)) {
    if (isExternal(target)) continue;
    const [path = '', anchor] = target.split('#', 2);
    const resolved = path ? resolve(root, dirname(file), decodeURIComponent(path)) : join(root, file);
    const inRepository = relative(root, resolved);
    if (inRepository.startsWith('..')) {
      problems.push(`${file}: ${target} (leads outside the repository)`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${file}: ${target} (no such file)`);
      continue;
    }
    if (anchor === undefined || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) continue;
    if (!anchors(resolved).has(anchor)) problems.push(`${file}: ${target} (no heading #${anchor} in ${inRepository})`);
  }
  return problems;
}
