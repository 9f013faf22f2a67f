/**
 * The lead's report for a terminal (`demo`, `simulate`): the same figures as
 * the job summary, as aligned plain text that reads in 80 columns. Colour
 * only when asked for; issue text is stripped of escape sequences.
 */
import type { Finding } from '../core/types.js';
import { terminalText } from './escape.js';
import { digest, percent, type ReportDigest } from './digest.js';
import { amount, day, KIND_TITLES, plural, shareBar } from './format.js';
import { MAX_MESSAGES_PER_ITEM, MAX_PER_GROUP } from './summary.js';
import type { ReportInput } from './types.js';

const WIDTH = 80;
const BAR_WIDTH = 16;
const MAX_CUSTOMERS = 10;

type Paint = (text: string, style: keyof typeof STYLES) => string;
const STYLES = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33' } as const;

export function renderTerminal(input: ReportInput, options: { color: boolean }): string {
  const paint: Paint = options.color ? (text, style) => `\u001b[${STYLES[style]}m${text}\u001b[0m` : (text) => text;
  const facts = digest(input);
  const sections =
    input.mode === 'issue' && input.focusItem !== undefined
      ? [header(input, facts, paint), itemSection(input, input.focusItem, paint), budgets(input, facts, paint, input.focusItem)]
      : [header(input, facts, paint), budgets(input, facts, paint), customers(facts, paint), attention(facts, paint), backlog(facts, paint), trend(input, facts, paint), run(input, paint)];
  return sections.filter(Boolean).join('\n\n') + '\n';
}

function header(input: ReportInput, facts: ReportDigest, paint: Paint): string {
  const attention = facts.itemsNeedingAttention > 0 ? `${plural(facts.itemsNeedingAttention, 'item needs', 'items need')} attention` : 'compliant';
  const title = `Roadmap health: ${attention}`;
  const over = [
    ...facts.overBudget.map((c) => `${c} work`),
    ...facts.overShare.map((c) => `${c} (customer share)`),
  ];
  const verdict = facts.compliant
    ? paint('The check passes.', 'green')
    : paint(`The check fails: ${plural(facts.failing, 'finding fails', 'findings fail')}.`, 'red');
  const [main, ...inherited] = input.policySources;
  const lines = [
    paint(terminalText(title, WIDTH), 'bold'),
    ...(over.length ? [paint(terminalText(`Over budget: ${over.join('; ')}`, WIDTH), 'red')] : []),
    `${verdict} ${plural(facts.warnings, 'warning')}, ${facts.exempt} exempt.`,
    paint(
      terminalText(`${input.sourceName} on ${day(input.evaluation.at)} · ${amount(input.evaluation.totalPoints, input.evaluation.unit)} planned in ${plural(input.evaluation.totalItems, 'item')}`, WIDTH),
      'dim',
    ),
  ];
  if (main) lines.push(paint(terminalText(`Policy: ${[main, ...inherited].join(' → ')}${input.policyCommit ? ` at ${input.policyCommit.slice(0, 7)}` : ''}`, WIDTH), 'dim'));
  return lines.join('\n');
}

const STATUS_SHORT = { ok: 'ok', over: 'over', under: 'under', uncapped: '—' } as const;
const STATUS_STYLE = { ok: 'green', over: 'red', under: 'yellow', uncapped: 'dim' } as const;

function budgets(input: ReportInput, facts: ReportDigest, paint: Paint, only?: number): string {
  const category = only === undefined ? undefined : input.evaluation.items.find((a) => a.number === only)?.category;
  const rows = facts.budgets.filter((b) => category === undefined || b.category === category);
  if (rows.length === 0) return '';
  const unit = input.evaluation.unit === 'issues' ? 'Issues' : 'Points';
  const lines = [
    paint('Capacity budgets', 'bold'),
    paint(`  ${pad('Category', 14)} ${lpad('Items', 5)} ${lpad(unit, 6)} ${lpad('Share', 6)} ${lpad('Cap', 9)}  ${pad('Status', 6)}  Share vs cap`, 'dim'),
    ...rows.map((b) => {
      const status = paint(pad(STATUS_SHORT[b.status], 6), STATUS_STYLE[b.status]);
      const bar = shareBar(b.share, b.cap, BAR_WIDTH);
      return `  ${pad(terminalText(b.category, 14), 14)} ${lpad(String(b.items), 5)} ${lpad(num(b.points), 6)} ${lpad(b.shareText, 6)} ${lpad(b.capText, 9)}  ${status}  ${b.status === 'over' ? paint(bar, 'red') : bar}`;
    }),
  ];
  return lines.join('\n');
}

function customers(facts: ReportDigest, paint: Paint): string {
  if (facts.customers.length === 0) return '';
  const sorted = [...facts.customers].sort((a, b) => a.category.localeCompare(b.category) || b.points - a.points || a.customer.localeCompare(b.customer));
  const lines = [
    paint('Customers', 'bold'),
    paint(`  ${pad('Customer', 20)} ${pad('Category', 12)} ${lpad('Items', 5)} ${lpad('Points', 6)} ${lpad('Share', 6)} ${lpad('Cap', 7)}  Status`, 'dim'),
    ...sorted.slice(0, MAX_CUSTOMERS).map(
      (c) =>
        `  ${pad(terminalText(c.customer, 20), 20)} ${pad(terminalText(c.category, 12), 12)} ${lpad(String(c.items), 5)} ${lpad(num(c.points), 6)} ${lpad(c.shareText, 6)} ${lpad(c.capText, 7)}  ${c.over ? paint('over', 'red') : paint('ok', 'green')}`,
    ),
  ];
  if (sorted.length > MAX_CUSTOMERS) lines.push(`  …and ${plural(sorted.length - MAX_CUSTOMERS, 'more customer')}`);
  return lines.join('\n');
}

function attention(facts: ReportDigest, paint: Paint): string {
  if (facts.groups.length === 0) return `${paint('Needs attention', 'bold')}\n  Nothing: every planned item meets the policy.`;
  const parts = [paint('Needs attention', 'bold')];
  for (const group of facts.groups) {
    const lines = [`  ${paint(`${group.title} (${group.findings.length})`, 'bold')}`, ...group.entries.slice(0, MAX_PER_GROUP).map((e) => entryLines(e, paint))];
    const more = group.entries.length - MAX_PER_GROUP;
    if (more > 0) lines.push(`    …and ${more.toLocaleString('en-US')} more`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}

/** An item's findings of one kind: its number and title, then one message per line. */
function entryLines(findings: Finding[], paint: Paint): string {
  const first = findings[0]!;
  const exempt = findings.every((f) => f.exempt);
  const fails = !exempt && findings.some((f) => f.severity === 'fail' && !f.exempt);
  const tag = exempt ? paint(' (exempt)', 'dim') : fails ? paint(' fails', 'red') : '';
  const tagWidth = exempt ? 9 : fails ? 6 : 0;
  if (!first.item) return `    ${terminalText(plainMarkdown(first.message), WIDTH - 4 - tagWidth)}${tag}`;
  const ref = `#${first.item.number}`;
  return [
    `    ${ref} ${terminalText(first.item.title, WIDTH - 5 - ref.length - tagWidth)}${tag}`,
    ...findings.slice(0, MAX_MESSAGES_PER_ITEM).map((f) => `      ${paint(terminalText(plainMarkdown(f.message), WIDTH - 6), 'dim')}`),
    ...(findings.length > MAX_MESSAGES_PER_ITEM ? [`      …and ${findings.length - MAX_MESSAGES_PER_ITEM} more`] : []),
  ].join('\n');
}

function backlog(facts: ReportDigest, paint: Paint): string {
  const lines: string[] = [];
  if (facts.overdueBets !== undefined) lines.push(`  Overdue bets: ${facts.overdueBets === 0 ? 'none' : plural(facts.overdueBets, 'item')}`);
  if (facts.staleBacklog) lines.push(`  Stale backlog: ${facts.staleBacklog.count === 0 ? 'none' : `${plural(facts.staleBacklog.count, 'item')} not updated in ${facts.staleBacklog.maxAgeDays}+ days`}`);
  if (facts.archive) {
    const next = facts.archive.pending.map((row) => row.decision.archiveOn).sort()[0];
    lines.push(`  To be archived: ${facts.archive.pending.length === 0 ? 'none' : `${plural(facts.archive.pending.length, 'item')}, the first on ${next!.slice(0, 10)}`}`);
  }
  if (facts.exemptions) {
    const { label, inUse, maxOpen } = facts.exemptions;
    lines.push(`  ${terminalText(`Exemptions (${label}): ${inUse} in use${maxOpen === undefined ? '' : ` of at most ${maxOpen}`}`, WIDTH - 2)}`);
  }
  return lines.length ? `${paint('Bets, backlog and exemptions', 'bold')}\n${lines.join('\n')}` : '';
}

function trend(input: ReportInput, facts: ReportDigest, paint: Paint): string {
  const t = facts.trend;
  if (!t || t.rows.length === 0) return '';
  const names = terminalText(t.categories.join(', ') || 'deal-driven', 20);
  const row = (label: string, delivered: number, deal: number, share: number, known: boolean) =>
    `  ${pad(label, 11)} ${lpad(num(delivered), 9)} ${lpad(num(deal), 9)} ${lpad(known ? percent(share) : '—', 6)}  ${shareBar(share, t.cap, BAR_WIDTH)}`;
  return [
    paint(`Trend: ${names} share of delivered work`, 'bold'),
    paint(`  ${pad('Month', 11)} ${lpad('Delivered', 9)} ${lpad(Array.from(names).slice(0, 9).join(''), 9)} ${lpad('Share', 6)}`, 'dim'),
    ...t.rows.map((r) => row(r.month, r.delivered, r.dealDriven, r.share, r.delivered > 0)),
    row('planned now', input.evaluation.totalPoints, t.plannedShare * input.evaluation.totalPoints, t.plannedShare, true),
    ...(t.extraRequests > 0 ? [`  (${plural(t.extraRequests, 'extra API request')})`] : []),
  ].join('\n');
}

function run(input: ReportInput, paint: Paint): string {
  const r = input.run;
  if (!r) return '';
  return [
    paint('Run', 'bold'),
    `  Mode: ${input.mode} · ${plural(input.evaluation.items.length, 'item')} evaluated`,
    `  API requests: ${r.requests.graphql} GraphQL, ${r.requests.restRead} REST reads, ${r.requests.write} writes${r.rateLimitRemaining !== undefined ? ` · ${r.rateLimitRemaining} left` : ''}`,
    `  Writes: ${r.writes.made} made, ${r.writes.skippedByDryRun} skipped (dry run), ${r.writes.deferredByMaxWrites} deferred (max-writes), ${r.writes.failed.length} failed`,
  ].join('\n');
}

function itemSection(input: ReportInput, focusItem: number, paint: Paint): string {
  const item = input.items.find((i) => i.number === focusItem);
  const own = input.evaluation.findings.filter((f) => f.item?.number === focusItem);
  const lines = [paint(terminalText(`#${focusItem} ${item?.title ?? ''}`, WIDTH), 'bold')];
  if (own.length === 0) lines.push('  Meets the roadmap policy.');
  for (const f of own) {
    lines.push(`  ${terminalText(`${KIND_TITLES[f.kind]}: ${plainMarkdown(f.message)}`, WIDTH - 2)}`);
    lines.push(`    ${paint(terminalText(plainMarkdown(f.fix), WIDTH - 4), 'dim')}`);
  }
  return lines.join('\n');
}

/** Engine messages use **bold** for headings; a terminal shows the words. */
function plainMarkdown(text: string): string {
  return text.replace(/\*\*/g, '');
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function pad(text: string, width: number): string {
  const length = Array.from(text).length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

function lpad(text: string, width: number): string {
  const length = Array.from(text).length;
  return length >= width ? text : ' '.repeat(width - length) + text;
}
