/**
 * "Act on these first": what fails the check, as a list a lead can work
 * through. Every item the bot names is a link (exempt ones marked), items
 * that need the same fix share one line that states it once, and what does
 * not fit links to a GitHub search that shows it.
 */
import { itemNamer } from '../core/item-name.js';
import { LISTED_ITEMS, listItems } from '../core/rules/context.js';
import type { Finding } from '../core/types.js';
import { formatNumber, plural } from '../core/wording.js';
import type { FindingGroup } from './digest.js';
import { escapeText, safeUrl } from './escape.js';
import { budgetWord, itemLink, itemRef, tallyText } from './format.js';
import type { ReportInput } from './types.js';

/** Lines per kind: one per fix (or per budget) before "and N more". */
export const MAX_FIXES = 5;
/** Items linked on a line that shares a fix. */
export const MAX_LINKED = 10;
/** Messages spelled out per item before "and N more". */
const MAX_MESSAGES = 3;

type Item = { number: number; title: string; url: string };

/** What a line needs beyond its findings: titles and links, who is exempt, where to search for the rest. */
interface Lookup {
  items: Map<number, Item>;
  nameOf: (key: number) => string;
  exempt: Set<number>;
  search: (query: string) => string | undefined;
  /** The search for every open item the bot labels as failing (about items) or over budget, when the policy names the label. */
  labelled: (aboutItems: boolean) => string | undefined;
}

export function actFirstSection(input: ReportInput, groups: FindingGroup[]): string {
  if (groups.length === 0) return '';
  const lookup = lookupOf(input);
  return ['### Act on these first', ...groups.map((g) => `**${g.title} · ${tallyText(g.tally, budgetWord(g.kind))}**\n\n${groupLines(g, lookup)}`)].join('\n\n');
}

/** Budget findings first: they are what a lead decides on; item findings are for their authors. */
export function budgetsFirst(groups: FindingGroup[]): FindingGroup[] {
  const aboutItems = (g: FindingGroup) => (g.entries.some((e) => e[0]!.item) ? 1 : 0);
  return [...groups].sort((a, b) => aboutItems(a) - aboutItems(b));
}

function lookupOf(input: ReportInput): Lookup {
  const items = new Map(input.items.map((i) => [i.number, i]));
  const exempt = new Set(input.evaluation.items.filter((a) => a.exempt).map((a) => a.number));
  const base = repositoryOf(input.items);
  const search = (query: string) => (base ? safeUrl(`${base}/issues?q=${encodeURIComponent(`is:open ${query}`)}`) : undefined);
  const { nonCompliant, overBudget } = input.policy.enforcement.labels;
  const labelled = (aboutItems: boolean) => {
    const label = aboutItems ? nonCompliant : overBudget;
    return label ? search(`label:"${label.replace(/"/g, '')}" sort:created-desc`) : undefined;
  };
  return { items, nameOf: itemNamer(input.items), exempt, search, labelled };
}

/** https://github.com/owner/repo, from the items' own links; undefined when they disagree or there are none. */
function repositoryOf(items: Item[]): string | undefined {
  const bases = new Set(items.map((i) => /^(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\/(issues|pull)\/\d+$/.exec(i.url)?.[1]).filter(Boolean));
  return bases.size === 1 ? [...bases][0] : undefined;
}

/** Budget findings one per line; item findings grouped by the fix they need, largest group first. */
function groupLines(group: FindingGroup, lookup: Lookup): string {
  const byFix = entriesByFix(group);
  const shown = byFix.slice(0, MAX_FIXES).map((entries) => (entries[0]![0]!.item ? fixLine(entries, lookup) : budgetLine(entries[0]!, lookup)));
  const rest = byFix.slice(MAX_FIXES).flat();
  if (rest.length > 0) shown.push(`- …and ${restText(rest, group, lookup)}`);
  return shown.join('\n');
}

/** A kind's entries (one per item, or per budget) gathered by the fix they need, the fix most items need first; each budget stands alone. */
export function entriesByFix(group: FindingGroup): Finding[][][] {
  const byFix = new Map<string, Finding[][]>();
  for (const entry of group.entries) {
    const key = entry[0]!.item ? entry[0]!.fix : `budget:${byFix.size}`;
    byFix.set(key, [...(byFix.get(key) ?? []), entry]);
  }
  return [...byFix.values()].sort((a, b) => b.length - a.length);
}

/** "12 more items with 3 other fixes", linked to the search for them when there is one. */
function restText(rest: Finding[][], group: FindingGroup, lookup: Lookup): string {
  const items = rest.filter((e) => e[0]!.item).length;
  const text = items > 0 ? `${formatNumber(items)} more ${items === 1 ? 'item' : 'items'} with other fixes` : `${formatNumber(rest.length)} more`;
  const url = lookup.labelled(group.entries.some((e) => e[0]!.item));
  return url ? `[${text}](${url})` : text;
}

/** One item: its link, what is wrong, and the fix. Several items with one fix: the fix once, then the items. */
function fixLine(entries: Finding[][], lookup: Lookup): string {
  const first = entries[0]![0]!;
  if (entries.length === 1) return `- ${ref(first.item!, lookup, 70)} — ${messages(entries[0]!)} → ${escapeText(first.fix, 200)}`;
  const linked = entries.slice(0, MAX_LINKED).map((e) => ref(e[0]!.item!, lookup));
  const rest = entries.length - linked.length;
  const url = lookup.labelled(true);
  const more = rest > 0 ? ` and ${url ? `[${formatNumber(rest)} more](${url})` : `${formatNumber(rest)} more`}` : '';
  return `- ${escapeText(first.fix, 200)} — ${plural(entries.length, 'item')}: ${linked.join(', ')}${more}`;
}

function messages(findings: Finding[]): string {
  const shown = findings.slice(0, MAX_MESSAGES).map((f) => escapeText(f.message, 200));
  const rest = findings.length - MAX_MESSAGES;
  return shown.join('; ') + (rest > 0 ? `; and ${rest} more` : '');
}

/** A budget: what is over or under, and the fix with the items it names linked. */
function budgetLine(findings: Finding[], lookup: Lookup): string {
  const [finding] = findings;
  return `- ${escapeText(finding!.message, 200)} → ${budgetFix(finding!, lookup)}`;
}

/**
 * The engine's fix ends with the items to look at, newest first, as plain
 * "#57, #52 and 3 more": here each is a link, an exempt one says so, and the
 * rest link to a search for the category's open items.
 */
function budgetFix(finding: Finding, lookup: Lookup): string {
  const parts = fixParts(finding, lookup.nameOf);
  if (!parts) return escapeText(finding.fix, 200);
  const shown = parts.shown.map((n) => ref(lookup.items.get(n) ?? { number: n, title: '', url: '' }, lookup));
  if (parts.rest === 0) return `${escapeText(parts.head, 200)} ${shown.join(', ')}`;
  const url = lookup.labelled(false);
  const more = `${formatNumber(parts.rest)} more`;
  return `${escapeText(parts.head, 200)} ${shown.join(', ')} and ${url ? `[${more}](${url})` : more}`;
}

/** A budget fix split into its words and the items it names (as the engine lists them: the first LISTED_ITEMS, then a count); undefined when it names none. */
export function fixParts(finding: Finding, nameOf: (key: number) => string): { head: string; shown: number[]; rest: number } | undefined {
  const contributors = finding.contributors ?? [];
  const plain = listItems(contributors.map(nameOf));
  if (contributors.length === 0 || !finding.fix.endsWith(plain)) return undefined;
  const shown = contributors.slice(0, LISTED_ITEMS);
  return { head: finding.fix.slice(0, -plain.length).trimEnd(), shown, rest: contributors.length - shown.length };
}

/** "[#50](url) (exempt)": a link without the title, for lists of items. */
function ref(item: Item, lookup: Lookup, titleMax?: number): string {
  const link = titleMax === undefined ? itemRef(item) : itemLink(item, titleMax);
  return lookup.exempt.has(item.number) ? `${link} _(exempt)_` : link;
}
