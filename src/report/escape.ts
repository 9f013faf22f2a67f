/**
 * Issue text is written by anyone who can open an issue. Before it goes into
 * a comment, a job summary or a dashboard it must not become HTML, a link,
 * a ping to a person or a team, or break the table it sits in.
 */

/** GitHub rejects comment and issue bodies longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

// C0 and C1 control characters, including ESC (terminal colour injection), except tab and newlines.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidirectional overrides can make text read differently from what it is.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~#!]/g;
// An @ that GitHub would turn into a mention: start of text or after a non-word character, followed by a login character.
const MENTION = /(^|[^\w])@(?=[\w-])/g;
// Bare URLs that GitHub would turn into links.
const AUTOLINK = /\b(https?|ftp)(?=:\/\/)|\b(www)(?=\.)/gi;
const ZERO_WIDTH_JOINER = '\u200d';

/** Removes control and bidirectional-override characters and folds every run of whitespace into one space. */
export function plainText(text: string): string {
  return text.replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim();
}

/** Cuts text to `max` characters (never inside a surrogate pair), marking the cut with "…". */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** Breaks mentions and team pings: `@alice` renders as "@alice" but notifies nobody. */
export function neutralizeMentions(text: string): string {
  return text.replace(MENTION, `$1@${ZERO_WIDTH_JOINER}`);
}

/** Keeps a URL in issue text as text: GitHub autolinks `https://…` and `www.…`. */
function neutralizeAutolinks(text: string): string {
  return text.replace(AUTOLINK, (match) => `${match}${ZERO_WIDTH_JOINER}`);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Untrusted text (a title, a label, a customer name, an answer) as inline
 * markdown that renders as exactly that text: one line, no HTML, no
 * formatting, no links, no mentions, safe in a table cell.
 */
export function escapeText(text: string, max = 120): string {
  const line = cut(plainText(text), max);
  return neutralizeAutolinks(neutralizeMentions(escapeHtml(line).replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)));
}

/**
 * Markdown we wrote ourselves around untrusted fragments (the engine's
 * messages and fixes, which quote labels and answers): bold and code-span
 * backticks are kept, while HTML, links and images (quoted answers may hold
 * them), mentions, control characters and line breaks are neutralized
 * everywhere, code spans included. A quoted answer can hold stray backticks
 * that pair up differently in GitHub's renderer than in any split we could
 * make here, so nothing is trusted to be inside a code span; the cost is a
 * visible `&lt;` or `\[` in the rare label or answer that holds one. In a
 * table cell, pipes are escaped too.
 */
export function safeMarkdown(markdown: string, options: { inTable?: boolean; max?: number } = {}): string {
  const line = cut(plainText(markdown), options.max ?? 500);
  const safe = neutralizeAutolinks(neutralizeMentions(escapeHtml(line).replace(/[[\]]/g, '\\$&')));
  return options.inTable ? safe.replace(/(?<!\\)\|/g, '\\|') : safe;
}

/** A link target we trust: only http(s), with characters that would end a markdown link encoded. */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>"'\\|`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A label for a mermaid chart: letters, digits and a little punctuation; nothing mermaid or HTML could interpret. */
export function mermaidLabel(text: string, max = 40): string {
  const kept = plainText(text).replace(/[^\p{L}\p{N} _.,:/()+-]/gu, '').replace(/\s+/g, ' ').trim();
  return cut(kept, max) || 'unnamed';
}

/** Untrusted text for a terminal: no escape sequences, one line, cut to fit. */
export function terminalText(text: string, max: number): string {
  return cut(plainText(text), max);
}

/**
 * Cuts markdown that is longer than GitHub accepts at a line boundary, closes
 * a code fence left open, and says that it was cut.
 */
export function truncateForGitHub(markdown: string, limit = GITHUB_BODY_LIMIT): string {
  if (markdown.length <= limit) return markdown;
  const note = '\n\n_This report was cut to fit GitHub’s size limit; the full report is in the workflow run’s job summary._\n';
  const fence = '\n```';
  let head = markdown.slice(0, Math.max(0, limit - note.length - fence.length));
  const lastLine = head.lastIndexOf('\n');
  if (lastLine > 0) head = head.slice(0, lastLine);
  // Never end between the two halves of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const openFence = (head.match(/^```/gm)?.length ?? 0) % 2 === 1;
  return `${head}${openFence ? fence : ''}${note}`;
}
