/**
 * The lead's report for a terminal (`demo`, `simulate`): the same figures as
 * the job summary, as aligned plain text. Lines fit the terminal's width when
 * one is given and are never cut when there is none (output to a pipe or a
 * file). Colour only when asked for; issue text is stripped of escape sequences.
 */
import { itemName, itemPrefix } from '../core/item-name.js';
import type { Finding } from '../core/types.js';
import { terminalText } from './escape.js';
import { digest, type FindingGroup, type ReportDigest } from './digest.js';
import { budgetWord, day, KIND_TITLES, shareBar, STATUS_SHORT, tallyText, verdictCounts } from './format.js';
import { amount, formatNumber, plural } from '../core/wording.js';
import { formatPercent } from '../core/share.js';
import { listItems } from '../core/rules/context.js';
import { MAX_MESSAGES_PER_ITEM, MAX_PER_GROUP } from './summary.js';
import { budgetsFirst, entriesByFix, fixParts, MAX_FIXES, MAX_LINKED } from './act-first.js';
import type { ReportInput } from './types.js';
import { cycleLine, executionGaps, executionTrend, MAX_CYCLE_LINES } from './execution.js';

const BAR_WIDTH = 16;
/** The narrowest width lines are fitted to, however narrow the terminal says it is. */
const MIN_WIDTH = 40;

type Paint = (text: string, style: keyof typeof STYLES) => string;
const STYLES = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33' } as const;

/** How the report is laid out: colour, and the terminal's width when there is one. */
interface Layout {
  paint: Paint;
  /** Issue and policy text as plain terminal text, cut to the room left after `used` columns only when there is a width. */
  fit: (text: string, used: number) => string;
  /** A table column's width: its usual width on a terminal, wide enough for every name when nothing is cut. */
  column: (usual: number, names: readonly string[]) => number;
  /** Text for a table cell `columnWidth` wide, cut only when there is a width. */
  cell: (text: string, columnWidth: number) => string;
  /** Text that must be read whole (a fix): one line when there is no width, else broken between words, each line `indent` in, the next ones two more. */
  wrap: (text: string, indent: number) => string;
}

export interface TerminalOptions {
  color: boolean;
  /** The terminal's columns; leave out when the output is not a terminal, and nothing is cut. */
  width?: number;
}

export function renderTerminal(input: ReportInput, options: TerminalOptions): string {
  const paint: Paint = options.color ? (text, style) => `\u001b[${STYLES[style]}m${text}\u001b[0m` : (text) => text;
  const width = options.width === undefined ? undefined : Math.max(MIN_WIDTH, options.width);
  const layout: Layout = {
    paint,
    fit: (text, used) => terminalText(text, width === undefined ? Number.POSITIVE_INFINITY : width - used),
    column: (usual, names) => (width === undefined ? Math.max(usual, ...names.map((name) => Array.from(terminalText(name, Number.POSITIVE_INFINITY)).length)) : usual),
    cell: (text, columnWidth) => terminalText(text, width === undefined ? Number.POSITIVE_INFINITY : columnWidth),
    wrap: (text, indent) => wrapWords(terminalText(text, 1_000), indent, width),
  };
  const facts = digest(input);
  const sections =
    input.mode === 'issue' && input.focusItem !== undefined
      ? [header(input, facts, layout, width), itemSection(input, input.focusItem, layout), budgets(input, facts, layout, input.focusItem)]
      : [
          header(input, facts, layout, width),
          actFirst(facts, layout),
          warnings(facts, layout),
          budgets(input, facts, layout),
          customers(facts, layout),
          backlog(input, facts, layout),
          outcomes(facts, layout),
          trend(input, facts, layout),
          execution(input, layout),
          run(input, layout),
        ];
  return sections.filter(Boolean).join('\n\n') + '\n';
}

/** The verdict in the markdown report's words: whether the check fails, what is over budget, and the counts. */
function header(input: ReportInput, facts: ReportDigest, { paint, fit }: Layout, width: number | undefined): string {
  const { verdict } = facts;
  const title = paint(`Roadmap health: the check ${verdict.passes ? 'passes' : 'fails'}`, verdict.passes ? 'green' : 'red');
  const over = [
    ...verdict.overBudget.map((c) => `${c} work`),
    ...verdict.overShare.map((c) => `${c} (customer share)`),
  ];
  const counts = verdictCounts(verdict);
  const [main, ...inherited] = input.policySources;
  const lines = [
    paint(title, 'bold'),
    ...(over.length ? [paint(fit(`Over budget: ${over.join('; ')}`, 0), 'red')] : []),
    ...countLines(counts, width).map((line) => (line.startsWith('Failing:') ? paint(line, 'red') : line)),
    paint(fit(`${input.sourceName} on ${day(input.evaluation.at)} · ${amount(input.evaluation.totalPoints, input.evaluation.unit)} planned in ${plural(input.evaluation.totalItems, 'item')}`, 0), 'dim'),
  ];
  if (main) lines.push(paint(fit(`Policy: ${[main, ...inherited].join(' → ')}${input.policyCommit ? ` at ${input.policyCommit.slice(0, 7)}` : ''}`, 0), 'dim'));
  return lines.join('\n');
}

/** The counts on one line, or one to a line when the terminal is too narrow for them: never cut. What fails leads, so it can be painted red. */
function countLines(counts: string[], width: number | undefined): string[] {
  if (counts.length === 0) return ['Every planned item meets the policy.'];
  const line = counts.join(' ');
  return width === undefined || Array.from(line).length <= width ? [line] : counts;
}

const STATUS_STYLE = { ok: 'green', over: 'red', under: 'yellow', uncapped: 'dim' } as const;

function budgets(input: ReportInput, facts: ReportDigest, { paint, cell, column }: Layout, only?: number): string {
  const category = only === undefined ? undefined : input.evaluation.items.find((a) => a.number === only)?.category;
  const rows = facts.budgets.filter((b) => category === undefined || b.category === category);
  if (rows.length === 0) return '';
  const unit = input.evaluation.unit === 'issues' ? 'Issues' : 'Points';
  const name = column(14, rows.map((b) => b.category));
  const lines = [
    paint('Capacity budgets', 'bold'),
    paint(`  ${pad('Category', name)} ${lpad('Items', 5)} ${lpad(unit, 6)} ${lpad('Share', 6)} ${lpad('Target', 9)}  ${pad('Status', 6)}  Share vs target`, 'dim'),
    ...rows.map((b) => {
      const status = paint(pad(STATUS_SHORT[b.status], 6), STATUS_STYLE[b.status]);
      const bar = shareBar(b.share, b.cap, BAR_WIDTH, b.floor);
      return `  ${pad(cell(b.category, name), name)} ${lpad(formatNumber(b.items), 5)} ${lpad(formatNumber(b.points), 6)} ${lpad(b.shareText, 6)} ${lpad(b.capText, 9)}  ${status}  ${b.status === 'over' ? paint(bar, 'red') : bar}`;
    }),
  ];
  return lines.join('\n');
}

/** Each category's customers, largest first, the rest summed in one row so the shares add up to the whole. */
function customers(facts: ReportDigest, { paint, cell, column }: Layout): string {
  if (facts.customerTables.length === 0) return '';
  const shown = facts.customerTables.flatMap((t) => t.shown);
  const others = facts.customerTables.flatMap((t) => (t.other ? [{ category: t.category, ...t.other, name: plural(t.other.customers, 'other customer') }] : []));
  const name = column(20, [...shown.map((c) => c.customer), ...others.map((o) => o.name)]);
  const category = column(12, facts.customerTables.map((t) => t.category));
  const line = (customer: string, c: { category: string; items: number; points: number; shareText: string }, cap: string, status: string) =>
    `  ${pad(cell(customer, name), name)} ${pad(cell(c.category, category), category)} ${lpad(formatNumber(c.items), 5)} ${lpad(formatNumber(c.points), 6)} ${lpad(c.shareText, 6)} ${lpad(cap, 7)}  ${status}`;
  const lines = [
    paint('Customers', 'bold'),
    paint(`  ${pad('Customer', name)} ${pad('Category', category)} ${lpad('Items', 5)} ${lpad('Points', 6)} ${lpad('Share', 6)} ${lpad('Cap', 7)}  Status`, 'dim'),
    ...facts.customerTables.flatMap((t) => [
      ...t.shown.map((c) => line(c.customer, c, c.capText, c.over ? paint('over', 'red') : paint('ok', 'green'))),
      ...(t.other ? [line(plural(t.other.customers, 'other customer'), { category: t.category, ...t.other }, '', '')] : []),
    ]),
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** What fails the check, as the markdown's "Act on these first": items that need the same fix share it, and every fix is printed. */
function actFirst(facts: ReportDigest, layout: Layout): string {
  const { paint } = layout;
  if (facts.failingGroups.length === 0) return '';
  const named = { exempt: new Set(facts.exemptItems), nameOf: facts.nameOf };
  const groups = budgetsFirst(facts.failingGroups).map((group) => {
    const byFix = entriesByFix(group);
    const lines = [`  ${paint(`${group.title} (${withExempt(group)})`, 'bold')}`, ...byFix.slice(0, MAX_FIXES).map((entries) => fixLines(entries, named, layout))];
    const rest = byFix.slice(MAX_FIXES).flat().length;
    if (rest > 0) lines.push(`    …and ${formatNumber(rest)} more with other fixes`);
    return lines.join('\n');
  });
  return [paint('Act on these first', 'bold'), ...groups].join('\n');
}

/** One item (or budget): what is wrong, then the fix; several items with one fix: the fix once, then their numbers. */
function fixLines(entries: Finding[][], named: Named, layout: Layout): string {
  const first = entries[0]![0]!;
  const fix = layout.paint(layout.wrap(`→ ${fixText(first, named)}`, 6), 'dim');
  if (entries.length === 1) return `${entryLines(entries[0]!, layout)}\n${fix}`;
  const numbers = entries.slice(0, MAX_LINKED).map((e) => terminalText(itemName(e[0]!.item!), 80));
  const rest = entries.length - numbers.length;
  const list = `${plural(entries.length, 'item')}: ${numbers.join(', ')}${rest > 0 ? ` and ${formatNumber(rest)} more` : ''}`;
  return `${layout.wrap(`${plainMarkdown(first.fix)} — ${list}`, 4)}`;
}

/** Who is exempt, and how an item is named by its key. */
interface Named {
  exempt: Set<number>;
  nameOf: (key: number) => string;
}

/** A fix as the terminal prints it: the items a budget fix names, exempt ones marked as the markdown marks them. */
function fixText(finding: Finding, { exempt, nameOf }: Named): string {
  const parts = fixParts(finding, nameOf);
  if (!parts) return plainMarkdown(finding.fix);
  const shown = parts.shown.map((n) => (exempt.has(n) ? `${terminalText(nameOf(n), 80)} (exempt)` : terminalText(nameOf(n), 80)));
  return `${parts.head} ${shown.join(', ')}${parts.rest > 0 ? ` and ${formatNumber(parts.rest)} more` : ''}`;
}

/** Open warnings by kind, as the markdown's "Warnings". */
function warnings(facts: ReportDigest, layout: Layout): string {
  const { paint } = layout;
  if (facts.failingGroups.length === 0 && facts.warningGroups.length === 0) return `${paint('Warnings', 'bold')}\n  None: every planned item meets the policy.`;
  if (facts.warningGroups.length === 0) return '';
  const parts = [paint('Warnings', 'bold')];
  for (const group of facts.warningGroups) {
    const lines = [`  ${paint(`${group.title} (${withExempt(group)})`, 'bold')}`, ...group.entries.slice(0, MAX_PER_GROUP).map((e) => entryLines(e, layout))];
    const more = group.entries.length - MAX_PER_GROUP;
    if (more > 0) lines.push(`    …and ${formatNumber(more)} more`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n');
}

/**
 * "9 findings on 3 items" or "1 item, plus 1 exempt": the verdict's count of
 * the kind, worded as the markdown report words it.
 */
function withExempt(group: FindingGroup): string {
  const word = budgetWord(group.kind);
  const open = group.tally.findings > 0 ? tallyText(group.tally, word) : '';
  const exempt = group.exempt.findings > 0 ? `${tallyText(group.exempt, word)} exempt` : '';
  return open && exempt ? `${open}, plus ${exempt}` : open || exempt;
}

/**
 * An item's findings of one kind: its number and title, then one message per
 * line. Its verdict follows the title after a dash, so without colour it is
 * not read as part of the title.
 */
function entryLines(findings: Finding[], { paint, fit }: Layout): string {
  const first = findings[0]!;
  const exempt = findings.every((f) => f.exempt);
  const fails = !exempt && findings.some((f) => f.severity === 'fail' && !f.exempt);
  const verdict = exempt ? ' — exempt' : fails ? ' — fails' : '';
  const tag = exempt ? paint(verdict, 'dim') : fails ? paint(verdict, 'red') : '';
  if (!first.item) return `    ${fit(plainMarkdown(first.message), 4 + verdict.length)}${tag}`;
  const ref = itemPrefix(first.item);
  return [
    `    ${ref} ${fit(first.item.title, 5 + ref.length + verdict.length)}${tag}`,
    ...findings.slice(0, MAX_MESSAGES_PER_ITEM).map((f) => `      ${paint(fit(plainMarkdown(f.message), 6), 'dim')}`),
    ...(findings.length > MAX_MESSAGES_PER_ITEM ? [`      …and ${findings.length - MAX_MESSAGES_PER_ITEM} more`] : []),
  ].join('\n');
}

function backlog(input: ReportInput, facts: ReportDigest, { paint, fit }: Layout): string {
  const exempt = (kind: Finding['kind']) => {
    const count = input.evaluation.findings.filter((f) => f.kind === kind && f.exempt).length;
    return count > 0 ? `, plus ${count} exempt` : '';
  };
  const lines: string[] = [];
  if (facts.overdueBets !== undefined) {
    const group = facts.groups.find((g) => g.kind === 'bet-overdue');
    lines.push(`  Overdue bets: ${group ? withExempt(group) : 'none'}`);
  }
  if (facts.staleBacklog) {
    const { count, maxAgeDays } = facts.staleBacklog;
    lines.push(`  Stale backlog: ${count === 0 ? 'none' : `${plural(count, 'item')} not updated in ${maxAgeDays}+ days`}${exempt('stale-backlog')}`);
  }
  if (facts.archive) {
    const { pending } = facts.archive;
    const next = pending.map((row) => row.decision.archiveOn).sort()[0];
    lines.push(`  To be archived: ${pending.length === 0 ? 'none' : `${plural(pending.length, 'item')}, the first on ${next!.slice(0, 10)}`}`);
    // Named, oldest first, as the markdown's "Will be archived" names them.
    for (const row of pending.slice(0, MAX_PER_GROUP)) {
      const when = row.decision.due ? 'due now' : `on ${day(row.decision.archiveOn)}`;
      const ref = itemPrefix(row.item);
      lines.push(`    ${ref} ${fit(row.item.title, 7 + ref.length + when.length)} — ${when}`);
    }
    if (pending.length > MAX_PER_GROUP) lines.push(`    …and ${formatNumber(pending.length - MAX_PER_GROUP)} more`);
  }
  if (facts.exemptions) {
    const { label, inUse, maxOpen } = facts.exemptions;
    const carriers = facts.exemptItems.length ? `: ${listItems(facts.exemptItems.map(facts.nameOf), MAX_PER_GROUP)}` : '';
    lines.push(`  ${fit(`Exemptions (${label}): ${inUse} in use${maxOpen === undefined ? '' : ` of at most ${maxOpen}`}${carriers}`, 2)}`);
  }
  return lines.length ? `${paint('Bets, backlog and exemptions', 'bold')}\n${lines.join('\n')}` : '';
}
function trend(input: ReportInput, facts: ReportDigest, { paint, fit, column, cell }: Layout): string {
  const t = facts.trend;
  if (!t || t.rows.length === 0) return '';
  const names = fit(t.categories.join(', ') || 'customer-driven', 60);
  // The categories head their column: cut to it on a terminal, whole when piped.
  const dealWidth = column(9, [names]);
  const row = (label: string, delivered: number, deal: number, share: number, shareText: string | undefined) =>
    `  ${pad(label, 11)} ${lpad(formatNumber(delivered), 9)} ${lpad(formatNumber(deal), dealWidth)} ${lpad(shareText ?? '—', 6)}  ${shareBar(share, t.cap, BAR_WIDTH)}`;
  return [
    paint(`Trend: ${names} share of delivered work`, 'bold'),
    paint(`  ${pad('Month', 11)} ${lpad('Delivered', 9)} ${lpad(cell(names, dealWidth), dealWidth)} ${lpad('Share', 6)}`, 'dim'),
    ...t.rows.map((r) => row(r.month, r.delivered, r.dealDriven, r.share, r.shareText)),
    row('planned now', input.evaluation.totalPoints, t.plannedPoints, t.plannedShare, t.plannedShareText),
    ...(t.extraRequests > 0 ? [`  (${plural(t.extraRequests, 'extra API request')})`] : []),
  ].join('\n');
}

/** How the bets delivered over the window turned out, as the markdown report's "Bets and outcomes" says it. */
function outcomes(facts: ReportDigest, { paint, fit }: Layout): string {
  const o = facts.verdict.outcomes;
  if (!o) return '';
  const title = paint('Bets and outcomes', 'bold');
  const window = `since ${day(o.since)} (${plural(o.months, 'month')})`;
  if (o.bets === 0) return `${title}\n  No bets were delivered ${window}.`;
  const share = (count: number) => formatPercent(count, o.bets);
  const never = o.neverReviewed.length;
  const rows: [string, number][] = [
    ['Hit', o.hit],
    ['Missed', o.missed],
    ['Walked away', o.walkedAway],
    ['Never reviewed', never],
  ];
  return [
    title,
    `  ${fit(`${plural(o.bets, 'bet')} delivered ${window}, ${o.recorded} with a recorded outcome`, 2)}`,
    paint(`  ${pad('Outcome', 15)} ${lpad('Bets', 5)} ${lpad('Share', 6)}`, 'dim'),
    ...rows.map(([name, count]) => `  ${pad(name, 15)} ${lpad(formatNumber(count), 5)} ${lpad(share(count), 6)}`),
    ...(never ? [`  ${fit(`Never reviewed: ${listItems(o.neverReviewed.map(facts.nameOf))}`, 2)}`] : []),
  ].join('\n');
}

/** The execution report: the trend sentence, then each cycle's sentence broken at its clauses so it fits a terminal. */
function execution(input: ReportInput, { paint, fit }: Layout): string {
  const report = input.execution;
  if (!report) return '';
  const heading = paint(`Roadmap execution: cycles due since ${day(report.since)}`, 'bold');
  if (report.cycles.length === 0) return `${heading}\n  No milestone with a due date in the window is closed yet.`;
  const name = (title: string) => fit(title, 60);
  const cycles = report.cycles.slice(-MAX_CYCLE_LINES).flatMap((cycle) => {
    const line = cycleLine(cycle, input.evaluation.unit, name);
    const colon = line.indexOf('): ') + 1;
    return [`  ${fit(line.slice(0, colon), 2)}`, ...line.slice(colon + 2).split('; ').map((clause) => `    ${fit(clause, 4)}`)];
  });
  const gaps = executionGaps(report);
  return [heading, `  ${fit(executionTrend(report, name), 2)}`, ...cycles, ...(gaps ? [`  ${fit(gaps, 2)}`] : [])].join('\n');
}

function run(input: ReportInput, { paint }: Layout): string {
  const r = input.run;
  if (!r) return '';
  return [
    paint('Run', 'bold'),
    `  Mode: ${input.mode} · ${plural(input.evaluation.items.length, 'item')} evaluated`,
    `  API requests: ${formatNumber(r.requests.graphql)} GraphQL (${plural(r.requests.graphqlPoints, 'point')}), ${formatNumber(r.requests.restRead)} REST reads, ${formatNumber(r.requests.write)} writes${r.rateLimitRemaining !== undefined ? ` · ${formatNumber(r.rateLimitRemaining)} left` : ''}`,
    `  Writes: ${formatNumber(r.writes.made)} made, ${formatNumber(r.writes.skippedByDryRun)} skipped (dry run), ${formatNumber(r.writes.deferredByMaxWrites)} deferred (max-writes), ${formatNumber(r.writes.failed.length)} failed`,
  ].join('\n');
}

function itemSection(input: ReportInput, focusItem: number, { paint, fit }: Layout): string {
  const item = input.items.find((i) => i.number === focusItem);
  const own = input.evaluation.findings.filter((f) => f.item?.number === focusItem);
  const lines = [paint(fit(`#${focusItem} ${item?.title ?? ''}`, 0), 'bold')];
  if (own.length === 0) lines.push('  Meets the roadmap policy.');
  for (const f of own) {
    lines.push(`  ${fit(`${KIND_TITLES[f.kind]}: ${plainMarkdown(f.message)}`, 2)}`);
    lines.push(`    ${paint(fit(plainMarkdown(f.fix), 4), 'dim')}`);
  }
  return lines.join('\n');
}

/** Engine messages use **bold** for headings; a terminal shows the words. */
function plainMarkdown(text: string): string {
  return text.replace(/\*\*/g, '');
}

/** Words broken into lines that fit `width`, the first `indent` in, the next two more; one line when there is no width. */
function wrapWords(text: string, indent: number, width: number | undefined): string {
  const first = ' '.repeat(indent);
  if (width === undefined) return first + text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const room = width - (lines.length === 0 ? indent : indent + 2);
    if (line && Array.from(`${line} ${word}`).length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, index) => `${index === 0 ? first : `${first}  `}${terminalText(l, width - indent - (index === 0 ? 0 : 2))}`).join('\n');
}

function pad(text: string, width: number): string {
  const length = Array.from(text).length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

function lpad(text: string, width: number): string {
  const length = Array.from(text).length;
  return length >= width ? text : ' '.repeat(width - length) + text;
}
