/**
 * How tall GitHub draws a report with its folds closed, estimated from the
 * blocks marked finds in it, without a browser: so a test can keep the job
 * summary within two screens. `scripts/measure-screens.mjs` measures the same
 * thing in headless Chromium; this estimate follows its assumptions (a
 * 562 px markdown column at a 900 px window, GitHub's markdown CSS at 14 px,
 * screens of 700 px) and was calibrated against it (see screens.test.ts).
 */
import { Lexer, type Token, type Tokens } from 'marked';

export const PANE = 562;
export const SCREEN = 700;
const LINE = 21;
const GAP = 16;
/** An h3's top margin beyond the 16 px gap every block leaves below it (24 px, collapsed with the 16). */
const H3 = 24 - GAP + 22 + GAP;
const H2 = 26 + 7 + GAP;
const LIST_INDENT = 28;
const ITEM_GAP = 3.5;
const CELL_PADDING = 26;
const ROW = 13 + LINE;
/** Average advance of a character, in px, at 14 px: prose, bold prose, and code at 85 % in a monospace font (with its padding shared out). */
const CHAR = { text: 6.6, strong: 7.2, code: 7.3 };
/** Lines break between words, so a line holds a little less than the column. */
const FILL = 0.92;

/** The report's estimated height in px, every `<details>` closed. */
export function estimateHeight(markdown: string): number {
  const tokens = new Lexer({ gfm: true }).lex(closeFolds(markdown));
  return Math.round(tokens.reduce((sum, token, index) => sum + blockHeight(token, index === 0), 0) - GAP);
}

export function estimateScreens(markdown: string): number {
  return estimateHeight(markdown) / SCREEN;
}

/** Each top-level fold becomes its summary line alone, as a closed `<details>` shows it. */
function closeFolds(markdown: string): string {
  let out = '';
  let depth = 0;
  for (const line of markdown.split('\n')) {
    if (depth === 0 && line.startsWith('<details>')) {
      const summary = /<summary>(.*?)<\/summary>/.exec(line)?.[1] ?? 'Details';
      out += `${summary.replace(/<\/?strong>/g, '**')}\n`;
    }
    const opened = (line.match(/<details>/g) ?? []).length;
    const closed = (line.match(/<\/details>/g) ?? []).length;
    const wasInside = depth > 0 || opened > 0;
    depth += opened - closed;
    if (!wasInside) out += `${line}\n`;
  }
  return out;
}

function blockHeight(token: Token, first: boolean): number {
  switch (token.type) {
    case 'heading':
      return token.depth <= 2 ? H2 : first ? H3 - (24 - GAP) : H3;
    case 'paragraph':
      return lines(token.tokens ?? [], PANE) * LINE + GAP;
    case 'list':
      return (token as Tokens.List).items.reduce((sum, item, index) => sum + (index ? ITEM_GAP : 0) + itemHeight(item), 0) + GAP;
    case 'table':
      return tableHeight(token as Tokens.Table) + GAP;
    case 'code':
      return token.text.split('\n').length * 17.5 + 32 + GAP;
    default:
      return 0;
  }
}

function itemHeight(item: Tokens.ListItem): number {
  return item.tokens.reduce((sum, token) => {
    if (token.type === 'list') return sum + (token as Tokens.List).items.reduce((s, nested) => s + ITEM_GAP + itemHeight(nested), 0);
    if (token.type === 'text' || token.type === 'paragraph') return sum + lines((token as Tokens.Text).tokens ?? [token], PANE - LIST_INDENT) * LINE;
    return sum;
  }, 0);
}

/** The width the inline tokens take on one line, in px. */
function inlineWidth(tokens: Token[], style: keyof typeof CHAR = 'text'): number {
  return tokens.reduce((sum, token) => {
    if (token.type === 'codespan') return sum + token.text.length * CHAR.code + 8;
    if (token.type === 'strong') return sum + inlineWidth(token.tokens ?? [], 'strong');
    if ('tokens' in token && token.tokens?.length) return sum + inlineWidth(token.tokens, style);
    if (token.type === 'br') return sum;
    return sum + decoded(token.raw).length * CHAR[style];
  }, 0);
}

function decoded(text: string): string {
  return text.replace(/&[a-z]+;|&#\d+;/g, 'x').replace(/\\(.)/g, '$1');
}

/** Lines a paragraph takes: hard line breaks start new lines. */
function lines(tokens: Token[], width: number): number {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === 'br') parts.push([]);
    else parts.at(-1)!.push(token);
  }
  return parts.reduce((sum, part) => sum + Math.max(1, Math.ceil(inlineWidth(part) / (width * FILL))), 0);
}

/**
 * A table as the browser lays it out automatically: each column as wide as
 * its widest cell when they fit; otherwise each gets its longest word plus a
 * share of what is left, and cells wrap to that width. A table wider than the
 * column scrolls sideways instead.
 */
function tableHeight(table: Tokens.Table): number {
  const rows = [table.header, ...table.rows];
  const widths = rows.map((row) => row.map((cell) => inlineWidth(cell.tokens)));
  const words = rows.map((row) => row.map((cell) => Math.max(0, ...cell.text.split(/\s+/).map((word) => decoded(word).length * CHAR.text))));
  const columns = table.header.map((_, c) => ({ max: Math.max(...widths.map((w) => w[c] ?? 0)), min: Math.max(...words.map((w) => w[c] ?? 0)) }));
  const room = PANE - columns.length * (CELL_PADDING + 1);
  const max = columns.reduce((sum, c) => sum + c.max, 0);
  const min = columns.reduce((sum, c) => sum + c.min, 0);
  const share = max <= room ? 1 : Math.max(0, (room - min) / Math.max(1, max - min));
  const allotted = columns.map((c) => c.min + (c.max - c.min) * share);
  return widths.reduce((sum, row) => sum + ROW + LINE * (Math.max(...row.map((w, c) => Math.ceil(w / Math.max(1, allotted[c]!) - 0.05))) - 1), 0);
}
