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
// Every ASCII character that can start or end markdown formatting, a link, math (`$`) or an HTML
// entity. A backslash before ASCII punctuation always renders as the character alone (CommonMark).
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~#!$<>&]/g;
// At the start of a line, these make a list item or an ordered list: "- a", "+ a", "1. a", "1) a".
const LIST_MARKER = /^[-+=]/;
const ORDERED_MARKER = /^(\d+)([.)])/;
// An @ followed by a login character: a mention or team ping (`@alice`, `@acme/leads`) or, after
// a word, an e-mail address GitHub would make a mailto: link (`bob@evil.example`).
const AT_SIGN = /@(?=[\w-])/g;
// Issue and pull request references GitHub links and cross-references: `#123`, `acme/other#5`, `GH-7`.
const REFERENCE = /#(?=\d)|\b(GH-)(?=\d)/gi;
// Bare URLs that GitHub would turn into links, and `:name:` that it would turn into an emoji.
const AUTOLINK = /\b(https?|ftp|mailto|xmpp)(?=:)|\b(www)(?=\.)/gi;
const EMOJI_CODE = /:(?=[\w+-]+:)/g;
/**
 * What people quote that GitHub would act on, shown as a code span instead:
 * code links, pings and cross-references nothing, and copies exactly. URLs
 * (without the punctuation that ends a sentence), handles and team handles
 * that start a word, issue references, emoji codes.
 */
const URL_END = '[^\\s|\\x60<>"]*[^\\s|\\x60<>".,;:!?)\\]\']';
const QUOTABLE = new RegExp(
  [
    String.raw`\b(?:(?:https?|ftp)://|mailto:|www\.)` + URL_END,
    String.raw`(?<![\w@])@[\w-]+(?:/[\w.-]*[\w-])?`,
    String.raw`(?:\b[\w.-]+/[\w.-]+)?#\d+\b`,
    String.raw`\bGH-\d+\b`,
    // An emoji code that starts a word; `file.yml:5:26` is a location, left to the joiner below.
    String.raw`(?<![\w:]):[\w+-]+:`,
  ].join('|'),
  'gi',
);
/** Invisible, and breaks every pattern above: the text reads the same but links, pings and references nothing. */
const ZERO_WIDTH_JOINER = '\u200d';

/** Removes control and bidirectional-override characters and folds every run of whitespace into one space. */
export function plainText(text: string): string {
  return text.replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim();
}

/**
 * Cuts text to `max` characters (never inside a surrogate pair), marking the
 * cut with "…". A cut inside a quotation keeps its closing quote.
 */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
  const insideQuote = (head.match(/"/g)?.length ?? 0) % 2 === 1;
  return insideQuote ? `${chars.slice(0, Math.max(0, max - 2)).join('').trimEnd()}…"` : head;
}

/** Breaks mentions, team pings and e-mail links: `@alice` renders as "@alice" but notifies nobody. */
export function neutralizeMentions(text: string): string {
  return text.replace(AT_SIGN, `@${ZERO_WIDTH_JOINER}`);
}

/** Keeps URLs, issue references and emoji codes in issue text as text. */
function neutralizeLinks(text: string): string {
  return text
    .replace(AUTOLINK, (match) => `${match}${ZERO_WIDTH_JOINER}`)
    .replace(REFERENCE, (match) => `${match}${ZERO_WIDTH_JOINER}`)
    .replace(EMOJI_CODE, `:${ZERO_WIDTH_JOINER}`);
}

/**
 * The one rule for untrusted text (a title, a label, a customer name, an
 * answer, an engine message that quotes them) outside a code span: inline
 * markdown that renders as exactly that text, on one line, cut to `max`:
 * no HTML, formatting, links, mentions, e-mail links, issue references or
 * emoji, and safe in a table cell.
 */
export function escapeText(text: string, max = 120): string {
  const line = cut(plainText(text), max);
  let out = '';
  let at = 0;
  for (const match of line.matchAll(QUOTABLE)) {
    out += escapeProse(line.slice(at, match.index), at === 0) + codeSpan(match[0], { max: match[0].length, inTable: true });
    at = match.index + match[0].length;
  }
  return out + escapeProse(line.slice(at), at === 0);
}

/** Prose between the quoted tokens: markdown escaped, and an e-mail's @ (or anything left) broken with the joiner. */
function escapeProse(text: string, lineStart: boolean): string {
  let escaped = text.replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
  if (lineStart) escaped = escaped.replace(LIST_MARKER, '\\$&').replace(ORDERED_MARKER, '$1\\$2');
  return neutralizeLinks(neutralizeMentions(escaped));
}

/** Untrusted text in quotes, cut inside them so that a cut answer keeps its closing quote: “…”. */
export function quoted(text: string, max = 120): string {
  return `"${escapeText(text, max)}"`;
}

/**
 * The one rule for untrusted text inside a code span: verbatim (GitHub links,
 * pings and formats nothing in code), fenced with more backticks than any run
 * inside, padded when the text starts or ends with a backtick. In a table
 * cell a pipe still ends the cell, even in code, so it is escaped there
 * (GFM renders `\|` in a cell as `|`).
 */
export function codeSpan(text: string, options: { max?: number; inTable?: boolean } = {}): string {
  const line = cut(plainText(text), options.max ?? 100) || ' ';
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : '';
  const body = options.inTable ? line.replace(/\|/g, '\\|') : line;
  return `${fence}${pad}${body}${pad}${fence}`;
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
