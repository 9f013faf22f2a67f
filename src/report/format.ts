/**
 * Small wording and drawing helpers shared by every report, so a comment,
 * a job summary and a terminal say the same thing the same way. Numbers,
 * amounts and plurals are written by `core/wording.ts`, which the engine's
 * findings use too.
 */
import { FINDING_KIND_REGISTRY, FINDING_KINDS, type FindingKind } from '../core/finding-kinds.js';
import { itemName, itemPrefix, type NameableItem } from '../core/item-name.js';
import type { Share } from '../core/share.js';
import type { CategoryBudget, Evaluation } from '../core/types.js';
import type { Tally, Verdict } from '../core/verdict.js';
import { plural } from '../core/wording.js';
import { escapeText, safeUrl } from './escape.js';

/** How each finding kind is titled when findings are grouped (the registry's wording). */
export const KIND_TITLES: Record<FindingKind, string> = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, FINDING_KIND_REGISTRY[kind].title])) as Record<FindingKind, string>;

/** "a", "a and b", "a, b and c". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** `part / whole` as a fraction between 0 and 1, 0 when there is no whole. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

export function shareFraction(share: Share | undefined): number | undefined {
  return share ? share.numerator / share.denominator : undefined;
}

/** The cap of a budget as text: "≤ 10%", "≥ 60%", "≤ 10%, ≥ 2%" or "—". */
export function capText(budget: Pick<CategoryBudget, 'maxShare' | 'minShare'>): string {
  const parts = [budget.maxShare && `≤ ${budget.maxShare.text}`, budget.minShare && `≥ ${budget.minShare.text}`].filter(Boolean);
  return parts.length ? parts.join(', ') : '—';
}

export const STATUS_WORDS: Record<CategoryBudget['status'], string> = {
  ok: 'within budget',
  over: 'over budget',
  under: 'under minimum',
  uncapped: 'no cap',
};

/** A budget's status in a word, for a table's Status column beside its target: the terminal's and the markdown's. */
export const STATUS_SHORT: Record<CategoryBudget['status'], string> = { ok: 'ok', over: 'over', under: 'under', uncapped: '—' };

/** The marks {@link shareBar} draws, for a legend beside it. */
export const BAR_MARKS = { cap: '│', floor: '┆' } as const;

/**
 * A share drawn against its cap with block characters: `██│███░░░░`. Each cell
 * is 100% / width; the cap (max-share) and the floor (min-share), when there
 * are any, take the cell where they fall. With `halves`, a share that ends
 * halfway through a cell ends with `▌`, so a short bar keeps the resolution
 * of one twice as long: `█████▌┆░░░` is 55% against a 60% floor.
 */
export function shareBar(share: number, cap: number | undefined, width = 20, floor?: number, halves = false): string {
  const steps = halves ? 2 : 1;
  const filled = Math.min(width * steps, Math.round(share * width * steps));
  const cellOf = (mark: number | undefined) => (mark === undefined ? undefined : Math.min(width - 1, Math.round(mark * width)));
  const [capCell, floorCell] = [cellOf(cap), cellOf(floor)];
  let bar = '';
  for (let cell = 0; cell < width; cell += 1) {
    const fill = filled - cell * steps;
    bar += cell === capCell ? BAR_MARKS.cap : cell === floorCell ? BAR_MARKS.floor : fill >= steps ? '█' : fill > 0 ? '▌' : '░';
  }
  return bar;
}

/**
 * Findings counted in one way for every view: "3 items" when each item has
 * one, "9 findings on 3 items" when some have several, "1 category" for a
 * budget. `budget` names what a finding without an item is about.
 */
export function tallyText(tally: Tally, budget = 'budget'): string {
  const subjects = [tally.items > 0 ? plural(tally.items, 'item') : '', tally.budgets > 0 ? plural(tally.budgets, budget) : ''].filter(Boolean);
  if (subjects.length === 0) return 'none';
  const where = joinWords(subjects);
  return tally.findings === tally.items + tally.budgets ? where : `${plural(tally.findings, 'finding')} on ${where}`;
}

/**
 * The verdict's counts as one line of sentences, the same words in every
 * view: "Failing: 3 findings on 2 items and 1 budget. Warnings: 9 items.
 * Exempt: 1 item." A part with nothing to count is left out.
 */
export function verdictCounts(verdict: Pick<Verdict, 'failing' | 'warnings' | 'exempt'>): string[] {
  const parts: [string, Tally][] = [
    ['Failing', verdict.failing],
    ['Warnings', verdict.warnings],
    ['Exempt', verdict.exempt],
  ];
  return parts.filter(([, tally]) => tally.findings > 0).map(([name, tally]) => `${name}: ${tallyText(tally)}.`);
}

/** What a finding without an item is about, by kind: "1 category", "2 customers". */
export function budgetWord(kind: FindingKind): string {
  if (kind === 'customer-over-share') return 'customer';
  if (kind === 'exemptions-over-limit') return 'limit';
  return kind === 'over-budget' || kind === 'under-min-share' ? 'category' : 'budget';
}

/** A linked item reference for markdown: "[#12](url) Title", the title escaped and cut; a draft, which has no link, "draft: Title". */
export function itemLink(item: { number: number; title: string; url: string }, titleMax = 80): string {
  const url = safeUrl(item.url);
  const prefix = itemPrefix(item);
  return `${url ? `[${prefix}](${url})` : prefix} ${escapeText(item.title, titleMax)}`;
}

/** The bot's own reference to an item, as an ordinary link: "[#12](url)", "[acme/api#5](url)"; as text when there is no link to trust. */
export function itemRef(item: NameableItem): string {
  const url = safeUrl(item.url);
  const label = markdownName(itemName(item));
  return url ? `[${label}](${url})` : label;
}

/** An item's name (`itemName`) in markdown: a reference as it is, a draft's title escaped. */
export function markdownName(name: string): string {
  return /^(?:[\w.-]+\/[\w.-]+)?#\d+$/.test(name) ? name : escapeText(name, 80);
}

/** YYYY-MM-DD of an ISO timestamp (UTC). */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Budget status by category name. */
export function budgetFor(evaluation: Evaluation, category: string): CategoryBudget | undefined {
  return evaluation.budgets.find((b) => b.category === category);
}
