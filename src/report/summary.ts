/**
 * The job summary a lead opens from the workflow run: where capacity goes,
 * which customers take the deal budget, what needs attention, whether things
 * are getting better, and what the run itself did. Issue mode gets a short
 * version about the one item.
 */
import type { Finding } from '../core/types.js';
import { escapeText, mermaidLabel, safeMarkdown, truncateForGitHub } from './escape.js';
import { digest, percent, type ArchiveRow, type BudgetRow, type CustomerRow, type ReportDigest } from './digest.js';
import { amount, code, day, itemLink, joinWords, KIND_TITLES, plural, shareBar, STATUS_WORDS } from './format.js';
import type { ReportInput, RunFacts } from './types.js';

/** Findings listed per kind before "and N more": keeps a 5,000-item repository's page readable. */
export const MAX_PER_GROUP = 10;
const MAX_CUSTOMERS = 20;
/** Messages spelled out per item in a group before "and N more". */
export const MAX_MESSAGES_PER_ITEM = 3;
const MAX_PIE_SLICES = 8;
/** Job summaries are limited to 1 MiB; the dashboard issue to 65,536 characters. Stay well inside both. */
const SUMMARY_LIMIT = 60_000;

export function renderMarkdownReport(input: ReportInput): string {
  const sections = input.mode === 'issue' && input.focusItem !== undefined ? issueReport(input, input.focusItem) : auditReport(input);
  return truncateForGitHub(sections.filter(Boolean).join('\n\n') + '\n', SUMMARY_LIMIT);
}

function auditReport(input: ReportInput): string[] {
  const facts = digest(input);
  return [
    `## ${headline(facts)}`,
    overview(input, facts),
    budgetSection(input, facts),
    customerSection(input, facts),
    attentionSection(facts),
    betsAndBacklog(facts),
    archiveSection(facts),
    trendSection(input, facts),
    input.run ? runSection(input, input.run) : '',
  ];
}

function headline(facts: ReportDigest): string {
  const parts: string[] = [];
  if (facts.itemsNeedingAttention > 0) parts.push(`${plural(facts.itemsNeedingAttention, 'item needs', 'items need')} attention`);
  if (facts.overBudget.length > 0) parts.push(`${joinWords(facts.overBudget.map((n) => escapeText(n, 40)))} work over budget`);
  if (facts.overShare.length > 0) {
    const names = joinWords(facts.overShare.slice(0, 3).map((n) => escapeText(n, 40)));
    parts.push(facts.overShare.length === 1 ? `${names} over its customer share` : `${names}${facts.overShare.length > 3 ? ' and others' : ''} over their customer share`);
  }
  if (parts.length === 0) return facts.compliant && facts.warnings === 0 ? 'Roadmap health: compliant' : `Roadmap health: compliant, ${plural(facts.warnings, 'warning')}`;
  return `Roadmap health: ${parts.join(' · ')}`;
}

function overview(input: ReportInput, facts: ReportDigest): string {
  const verdict = facts.compliant
    ? '**The check passes.**'
    : `**The check fails:** ${plural(facts.failing, 'finding fails', 'findings fail')} (${joinWords(input.policy.enforcement.failOn.map(code))} fail the check).`;
  const counts = `${plural(facts.warnings, 'warning')}, ${facts.exempt} exempt.`;
  const [main, ...inherited] = input.policySources;
  const source = main ? ` against ${code(main)}${inherited.length ? ` (extends ${inherited.map(code).join(' → ')})` : ''}` : '';
  const commit = input.policyCommit ? ` at commit ${code(input.policyCommit.slice(0, 7))}` : '';
  const planned = `${amount(input.evaluation.totalPoints, input.evaluation.unit)} of planned work in ${plural(input.evaluation.totalItems, 'item')}`;
  return `${verdict} ${counts}\n\n${escapeText(input.sourceName, 100)}: ${planned}, checked${source}${commit}.`;
}

/** "Points" or "Issues", as the policy's `work.unit` counts capacity. */
function unitName(input: ReportInput): string {
  return input.evaluation.unit === 'issues' ? 'Issues' : 'Points';
}

function budgetTable(input: ReportInput, budgets: ReportDigest['budgets']): string {
  return [`| Category | Items | ${unitName(input)} | Share | Cap | Status | Share vs cap |`, '|---|--:|--:|--:|--:|---|---|', ...budgets.map(budgetRow)].join('\n');
}

function budgetSection(input: ReportInput, facts: ReportDigest): string {
  if (facts.budgets.length === 0) return '';
  const pie = pieChart(
    `Planned capacity by category (${unitName(input).toLowerCase()})`,
    facts.budgets.map((b) => ({ label: b.category, value: b.points })),
  );
  return [
    '### Capacity budgets',
    budgetTable(input, facts.budgets),
    '_The bar spans 0–100% of planned capacity; `│` marks the cap._',
    pie,
  ].filter(Boolean).join('\n\n');
}

function budgetRow(b: BudgetRow): string {
  const status = b.status === 'over' || b.status === 'under' ? `**${STATUS_WORDS[b.status]}**` : STATUS_WORDS[b.status];
  return `| ${escapeText(b.category, 40)} | ${b.items} | ${round(b.points)} | ${b.shareText} | ${b.capText} | ${status} | \`${shareBar(b.share, b.cap)}\` |`;
}

function customerSection(input: ReportInput, facts: ReportDigest): string {
  if (facts.customers.length === 0) return '';
  const byCategory = new Map<string, CustomerRow[]>();
  for (const row of facts.customers) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row]);
  const parts = ['### Customers'];
  for (const [category, rows] of byCategory) {
    const name = escapeText(category, 40);
    const sorted = [...rows].sort((a, b) => b.points - a.points || a.customer.localeCompare(b.customer));
    const shown = sorted.slice(0, MAX_CUSTOMERS).map(
      (c) => `| ${escapeText(c.customer, 60)} | ${c.items} | ${round(c.points)} | ${c.shareText} | ${c.capText} | ${c.over ? '**over its share**' : 'ok'} |`,
    );
    const more = sorted.length - MAX_CUSTOMERS;
    parts.push(
      [`| Customer | Items | ${unitName(input)} | Share of ${name} | Cap | Status |`, '|---|--:|--:|--:|--:|---|', ...shown].join('\n') +
        (more > 0 ? `\n\n…and ${plural(more, 'more customer')}.` : ''),
    );
    parts.push(pieChart(`${category} pipeline by customer`, sorted.map((c) => ({ label: c.customer, value: c.points }))));
  }
  return parts.filter(Boolean).join('\n\n');
}

/** A mermaid pie; labels are sanitized because customer names come from issue labels. */
function pieChart(title: string, slices: { label: string; value: number }[]): string {
  const positive = slices.filter((s) => s.value > 0);
  if (positive.length === 0) return '';
  const top = positive.slice(0, MAX_PIE_SLICES);
  const rest = positive.slice(MAX_PIE_SLICES).reduce((sum, s) => sum + s.value, 0);
  const lines = top.map((s) => `    "${mermaidLabel(s.label)}" : ${round(s.value)}`);
  if (rest > 0) lines.push(`    "${plural(positive.length - MAX_PIE_SLICES, 'other')}" : ${round(rest)}`);
  return ['```mermaid', `pie showData title ${mermaidLabel(title, 80)}`, ...lines, '```'].join('\n');
}

function attentionSection(facts: ReportDigest): string {
  if (facts.groups.length === 0) return '### Needs attention\n\nNothing: every planned item meets the policy.';
  const parts = ['### Needs attention'];
  for (const group of facts.groups) {
    const lines = group.entries.slice(0, MAX_PER_GROUP).map(entryLine);
    const more = group.entries.length - MAX_PER_GROUP;
    if (more > 0) lines.push(`- …and ${more.toLocaleString('en-US')} more`);
    parts.push(`#### ${group.title} (${group.findings.length.toLocaleString('en-US')})\n\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

/** One line per item: its findings of this kind, the first few spelled out. */
function entryLine(findings: Finding[]): string {
  const [first] = findings;
  const subject = first!.item ? `${itemLink(first!.item, 70)} — ` : '';
  const shown = findings.slice(0, MAX_MESSAGES_PER_ITEM).map((f) => safeMarkdown(f.message, { max: 200 }));
  const rest = findings.length - MAX_MESSAGES_PER_ITEM;
  const messages = shown.join('; ') + (rest > 0 ? `; and ${rest} more` : '');
  const tag = findings.every((f) => f.exempt) ? ' _(exempt)_' : findings.some((f) => f.severity === 'fail' && !f.exempt) ? ' · **fails the check**' : '';
  return `- ${subject}${messages}${tag}`;
}

function betsAndBacklog(facts: ReportDigest): string {
  const lines: string[] = [];
  if (facts.overdueBets !== undefined) {
    lines.push(`- **Overdue bets:** ${facts.overdueBets === 0 ? 'none' : `${plural(facts.overdueBets, 'item')} past the review date: decide to keep betting or walk away`}`);
  }
  if (facts.staleBacklog) {
    lines.push(`- **Stale backlog:** ${facts.staleBacklog.count === 0 ? 'none' : `${plural(facts.staleBacklog.count, 'open item')} not updated in over ${plural(facts.staleBacklog.maxAgeDays, 'day')}`}`);
  }
  if (facts.exemptions) {
    const { label, inUse, maxOpen } = facts.exemptions;
    const limit = maxOpen === undefined ? '' : ` of at most ${maxOpen}${inUse > maxOpen ? ' — **over the limit**' : ''}`;
    lines.push(`- **Exemptions** (${code(label)}): ${inUse} in use${limit}`);
  }
  return lines.length ? `### Bets, backlog and exemptions\n\n${lines.join('\n')}` : '';
}

function archiveSection(facts: ReportDigest): string {
  const archive = facts.archive;
  if (!archive) return '';
  const list = (rows: ArchiveRow[], line: (row: ArchiveRow) => string) => {
    const lines = rows.slice(0, MAX_PER_GROUP).map((row) => `- ${itemLink(row.item, 70)} — ${line(row)}`);
    if (rows.length > MAX_PER_GROUP) lines.push(`- …and ${(rows.length - MAX_PER_GROUP).toLocaleString('en-US')} more`);
    return lines.length ? lines.join('\n') : '- none';
  };
  return [
    '### Backlog archiving',
    `Stale items are closed as not planned ${plural(archive.graceDays, 'day')} after a warning in their comment, unless someone touches them. Oldest first.`,
    // The dashboard and the CLI have no run to speak of.
    archive.archived
      ? `**Archived this run (${archive.archived.length.toLocaleString('en-US')})**\n\n${list(archive.archived, (row) => `untouched since ${day(row.decision.touchedAt)}, warned on ${day(row.decision.warnedAt)}`)}`
      : '',
    `**Will be archived (${archive.pending.length.toLocaleString('en-US')})**\n\n${list(archive.pending, (row) => (row.decision.due ? `due now (warned on ${day(row.decision.warnedAt)})` : `on ${day(row.decision.archiveOn)}`))}`,
  ].filter(Boolean).join('\n\n');
}

function trendSection(input: ReportInput, facts: ReportDigest): string {
  const trend = facts.trend;
  if (!trend || trend.rows.length === 0) return '';
  const names = joinWords(trend.categories.map((c) => escapeText(c, 40))) || 'deal-driven';
  const months = trend.rows.map((r) => `"${r.month}"`).join(', ');
  const shares = trend.rows.map((r) => round(r.share * 100, 1)).join(', ');
  const chart = [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidLabel(`Share of delivered work that was ${trend.categories.join(', ') || 'deal-driven'}`, 80)}"`,
    `    x-axis [${months}, "planned now"]`,
    '    y-axis "Share, percent" 0 --> 100',
    `    bar [${shares}, ${round(trend.plannedShare * 100, 1)}]`,
    ...(trend.cap !== undefined ? [`    line [${trend.rows.map(() => round(trend.cap! * 100, 1)).concat(round(trend.cap * 100, 1)).join(', ')}]`] : []),
    '```',
  ].join('\n');
  const unit = input.evaluation.unit === 'issues' ? 'issues' : 'points';
  const table = [
    `| Month | Delivered (${unit}) | ${names} | Share |`,
    '|---|--:|--:|--:|',
    ...trend.rows.map((r) => `| ${r.month} | ${round(r.delivered)} | ${round(r.dealDriven)} | ${r.delivered > 0 ? percent(r.share) : '—'} |`),
    `| **planned now** | ${round(input.evaluation.totalPoints)} | ${round(trend.plannedShare * input.evaluation.totalPoints)} | ${percent(trend.plannedShare)} |`,
  ].join('\n');
  const cap = trend.cap !== undefined ? ` The line marks the ${percent(trend.cap)} cap.` : '';
  return [
    '### Trend',
    `The ${names} share of work delivered (closed) each month, and of work planned now: falling means less customer-specific work.${cap}`,
    chart,
    table,
    trend.extraRequests > 0 ? `_Reading closed work for the trend took ${plural(trend.extraRequests, 'extra API request')}._` : '',
  ].filter(Boolean).join('\n\n');
}

function runSection(input: ReportInput, run: RunFacts): string {
  const { requests, writes } = run;
  const lines = [
    `- **Mode:** ${input.mode} · **items evaluated:** ${input.evaluation.items.length.toLocaleString('en-US')}`,
    `- **API requests:** ${requests.graphql} GraphQL, ${requests.restRead} REST reads, ${requests.write} writes${run.rateLimitRemaining !== undefined ? ` · rate limit remaining: ${run.rateLimitRemaining.toLocaleString('en-US')}` : ''}`,
    `- **Writes:** ${writes.made} made, ${writes.skippedByDryRun} skipped by dry run, ${writes.deferredByMaxWrites} deferred by \`max-writes\`, ${writes.failed.length} failed`,
  ];
  if (writes.deferredByMaxWrites > 0) {
    lines.push(`- **${plural(writes.deferredByMaxWrites, 'write was', 'writes were')} left for the next run** because this run reached \`max-writes\`.`);
  }
  const failed = writes.failed.slice(0, MAX_PER_GROUP).map((w) => `  - ${escapeText(w.description, 120)}: ${escapeText(w.reason, 200)}`);
  if (writes.failed.length > MAX_PER_GROUP) failed.push(`  - …and ${writes.failed.length - MAX_PER_GROUP} more`);
  return `### Run\n\n${[...lines, ...(failed.length ? ['- **Failed writes:**', ...failed] : [])].join('\n')}`;
}

/** Issue mode: the item, its findings, and its category's budget. */
function issueReport(input: ReportInput, focusItem: number): string[] {
  const facts = digest(input);
  const item = input.items.find((i) => i.number === focusItem) ?? { number: focusItem, title: '', url: '' };
  const assessment = input.evaluation.items.find((a) => a.number === focusItem);
  const own = input.evaluation.findings.filter((f) => f.item?.number === focusItem);
  const budget = facts.budgets.find((b) => b.category === assessment?.category);
  const budgetFindings = input.evaluation.findings.filter((f) => !f.item && f.category === assessment?.category);
  const open = [...own, ...budgetFindings].filter((f) => !f.exempt);
  const state = open.length === 0 ? 'meets the roadmap policy' : `has ${plural(open.length, 'finding')}`;
  const lines = [...own, ...budgetFindings].map((f) => `- **${KIND_TITLES[f.kind]}:** ${safeMarkdown(f.message, { max: 200 })}${f.exempt ? ' _(exempt)_' : f.severity === 'fail' ? ' · **fails the check**' : ''}\n  ${safeMarkdown(f.fix, { max: 300 })}`);
  const category = assessment ? ` (${escapeText(assessment.category, 40)}, ${amount(assessment.size, input.evaluation.unit)})` : '';
  return [
    `## Roadmap Guard: #${focusItem} ${state}`,
    `${itemLink(item)}${category} · ${input.evaluation.compliant ? 'the check passes' : '**the check fails**'}`,
    lines.length ? `### Findings\n\n${lines.join('\n')}` : '',
    budget
      ? [`### ${escapeText(budget.category, 40)} budget`, budgetTable(input, [budget])].join('\n\n')
      : '',
    input.run ? runSection(input, input.run) : '',
  ];
}

function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
