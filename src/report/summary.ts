/**
 * The job summary a lead opens from the workflow run, in the order a lead
 * acts: whether the check fails and why, what to act on first, the warnings,
 * where capacity goes, which customers take the deal budget, whether things
 * are getting better, and what the run itself did. Each section is one small
 * function, so a new one slots in without touching the others. What a lead
 * reads in a minute is open; the warnings and the sections after the budgets
 * are folded under a line that states their figure, so the page stays within
 * two screens at 900 px (`scripts/measure-screens.mjs` measures it). Issue
 * mode gets a short version about the one item.
 */
import { outcomesParts } from './outcomes.js';
import { executionParts } from './execution.js';
import { grantNote, unprovenNote } from './exemption-records.js';
import type { Finding } from '../core/types.js';
import { codeSpan, escapeText, truncateForGitHub } from './escape.js';
import { digest, type ArchiveRow, type BudgetRow, type FindingGroup, type ReportDigest } from './digest.js';
import { BAR_MARKS, budgetWord, day, itemLink, joinWords, KIND_TITLES, shareBar, STATUS_SHORT, tallyText, verdictCounts } from './format.js';
import { amount, capitalize, formatNumber, plural } from '../core/wording.js';
import { runProblemsSection } from './run-status.js';
import { actFirstSection, budgetsFirst } from './act-first.js';
import { trendChart } from './charts.js';
import { foldedSection, openSection, type Section } from './section.js';
import type { ReportInput, RunFacts } from './types.js';

/** Items listed per kind before "and N more": keeps a 5,000-item repository's page readable. */
export const MAX_PER_GROUP = 10;
/** Messages spelled out per item in a group before "and N more". */
export const MAX_MESSAGES_PER_ITEM = 3;
/** Reasons the check fails spelled out in the opening line; the rest are counted. */
const MAX_REASONS = 3;
/** Job summaries are limited to 1 MiB; the dashboard issue to 65,536 characters. Stay well inside both. */
const SUMMARY_LIMIT = 60_000;

export function renderMarkdownReport(input: ReportInput): string {
  const sections = input.mode === 'issue' && input.focusItem !== undefined ? issueReport(input, input.focusItem) : auditReport(input);
  return truncateForGitHub(sections.filter(Boolean).join('\n\n') + '\n', SUMMARY_LIMIT);
}

function auditReport(input: ReportInput): string[] {
  const facts = digest(input);
  const folded: (Section | undefined)[] = [
    customerSection(input, facts),
    exemptionsSection(input, facts),
    archiveSection(facts),
    outcomesParts(facts.verdict.outcomes, facts.nameOf),
    executionParts(input.execution, input.evaluation.unit),
    trendSection(input, facts),
    input.run ? runSection(input, input.run) : undefined,
  ];
  return [
    verdictSection(input, facts),
    actFirstSection(input, budgetsFirst(facts.failingGroups)),
    warningsSection(facts),
    budgetSection(input, facts),
    ...folded.map((section) => (section ? foldedSection(section) : '')),
  ];
}

/** One heading and one paragraph: does the check fail, and why, in words, then the verdict's counts as every view words them, and what was checked. */
function verdictSection(input: ReportInput, facts: ReportDigest): string {
  const { verdict } = facts;
  const reasons = budgetsFirst(facts.failingGroups).flatMap((g) => failureReasons(input, facts, g));
  const heading = `## Roadmap health: the check ${verdict.passes ? 'passes' : 'fails'}`;
  const shown = reasons.length > MAX_REASONS ? [...reasons.slice(0, MAX_REASONS - 1), `${reasons.length - MAX_REASONS + 1} more reasons below`] : reasons;
  const why = shown.length ? `**${capitalize(shown.join('; '))}.** ` : '';
  const counts = verdictCounts(verdict);
  const summary = counts.length ? counts.join(' ') : 'Every planned item meets the policy.';
  const [main, ...inherited] = input.policySources;
  const source = main ? `, checked against ${codeSpan(main)}${inherited.length ? ` (extends ${inherited.map((s) => codeSpan(s)).join(' → ')})` : ''}` : '';
  const commit = input.policyCommit ? ` at commit ${codeSpan(input.policyCommit.slice(0, 7))}` : '';
  const planned = `${amount(input.evaluation.totalPoints, input.evaluation.unit)} of planned work in ${plural(input.evaluation.totalItems, 'item')}`;
  const problems = runProblemsSection(input.run);
  // The counts and what was checked share a paragraph, a line break apart, to keep the opening short.
  return [heading, problems, `${why}${summary}\\\n${escapeText(input.sourceName, 100)}: ${planned}${source}${commit}.`].filter(Boolean).join('\n\n');
}

/** Why a group fails the check, in the words a lead would use: "deal work is 25% of planned capacity against a 10% cap". */
function failureReasons(input: ReportInput, facts: ReportDigest, group: FindingGroup): string[] {
  const budgetOf = (f: Finding) => facts.budgets.find((b) => b.category === f.category);
  const work = (f: Finding) => `${escapeText(f.category ?? '', 40)} work`;
  switch (group.kind) {
    case 'over-budget':
      return group.findings.map((f) => `${work(f)} is ${budgetOf(f)?.shareText ?? '?'} of planned capacity against a ${budgetCap(input, f, 'max')} cap`);
    case 'under-min-share':
      return group.findings.map((f) => `${work(f)} is ${budgetOf(f)?.shareText ?? '?'} of planned capacity against a ${budgetCap(input, f, 'min')} floor`);
    case 'customer-over-share':
      return group.findings.map((f) => {
        const row = facts.customers.find((c) => c.category === f.category && c.customer === f.customer);
        return `${escapeText(f.customer ?? '', 40)} has ${row?.shareText ?? '?'} of ${work(f)} against a ${row?.capText.replace('≤ ', '') ?? '?'} cap`;
      });
    case 'exemptions-over-limit':
      return [`${plural(facts.exemptions?.inUse ?? 0, 'exemption')} in use against a limit of ${facts.exemptions?.maxOpen ?? '?'}`];
    default:
      return [`${lowerFirst(group.title)} on ${tallyText(group.tally, budgetWord(group.kind))}`];
  }
}


function budgetCap(input: ReportInput, finding: Finding, which: 'max' | 'min'): string {
  const budget = input.evaluation.budgets.find((b) => b.category === finding.category);
  return (which === 'max' ? budget?.maxShare?.text : budget?.minShare?.text) ?? '?';
}

/** Every warning in one fold under the verdict's count of them; inside, each kind under its own count, as "Act on these first" lists what fails. */
function warningsSection(facts: ReportDigest): string {
  if (facts.warningGroups.length === 0) return '';
  const groups = facts.warningGroups.map((g) => `**${groupHeading(g)}**\n\n${groupList(g, { withFix: false })}`);
  return foldedSection({ title: 'Warnings', line: `${tallyText(facts.verdict.warnings)}, of ${plural(groups.length, 'kind')}`, body: groups });
}

/** "One-off labels · 2 items", "Missing business-case answers · 9 findings on 3 items": the verdict's count of the kind. */
function groupHeading(group: FindingGroup): string {
  return `${group.title} · ${tallyText(group.tally, budgetWord(group.kind))}`;
}

/** One line per item (or category, or customer) of a kind, the first few, then how many more. */
function groupList(group: FindingGroup, options: { withFix: boolean }): string {
  const lines = group.entries.slice(0, MAX_PER_GROUP).map((entry) => entryLine(entry, options));
  const more = group.entries.length - MAX_PER_GROUP;
  if (more > 0) lines.push(`- …and ${formatNumber(more)} more`);
  return lines.join('\n');
}

/** One line per item: its findings of this kind, the first few spelled out, and for what fails, what to do. */
function entryLine(findings: Finding[], options: { withFix: boolean }): string {
  const [first] = findings;
  const subject = first!.item ? `${itemLink(first!.item, 70)} — ` : '';
  const shown = findings.slice(0, MAX_MESSAGES_PER_ITEM).map((f) => escapeText(f.message, 200));
  const rest = findings.length - MAX_MESSAGES_PER_ITEM;
  const messages = shown.join('; ') + (rest > 0 ? `; and ${rest} more` : '');
  const fix = options.withFix ? ` → ${escapeText(first!.fix, 200)}` : '';
  return `- ${subject}${messages}${fix}`;
}

/** "Points" or "Issues", as the policy's `work.unit` counts capacity. */
function unitName(input: ReportInput): string {
  return input.evaluation.unit === 'issues' ? 'Issues' : 'Points';
}

function budgetTable(input: ReportInput, budgets: ReportDigest['budgets']): string {
  return [
    `| Category | Items | ${unitName(input)} | Share | Target | Status | Share vs target |`,
    '|---|--:|--:|--:|--:|---|---|',
    ...budgets.map(budgetRow),
  ].join('\n');
}

/**
 * The budget table fits GitHub's job summary column (562 px at a 900 px
 * window; `scripts/measure-screens.mjs`): a bar of 10 cells, 10% each (5% with a
 * half cell), and the
 * status in a word beside the target it is about, as the terminal's table
 * says it. With 20 cells and "within budget" it
 * scrolled sideways and hid the bars' right end.
 */
const MARKDOWN_BAR_WIDTH = 10;

const BAR_LEGEND = `_Bars span 0–100% of planned capacity, 10% a cell (\`▌\` 5%): \`${BAR_MARKS.cap}\` marks a cap (max-share), \`${BAR_MARKS.floor}\` a floor (min-share)._`;

function budgetSection(input: ReportInput, facts: ReportDigest): string {
  if (facts.budgets.length === 0) return '';
  return ['### Capacity budgets', budgetTable(input, facts.budgets), BAR_LEGEND].join('\n\n');
}

function budgetRow(b: BudgetRow): string {
  return `| ${escapeText(b.category, 40)} | ${formatNumber(b.items)} | ${formatNumber(b.points)} | ${b.shareText} | ${b.capText} | ${b.status === 'over' || b.status === 'under' ? `**${STATUS_SHORT[b.status]}**` : STATUS_SHORT[b.status]} | \`${shareBar(b.share, b.cap, MARKDOWN_BAR_WIDTH, b.floor, true)}\` |`;
}

function customerSection(input: ReportInput, facts: ReportDigest): Section | undefined {
  if (facts.customerTables.length === 0) return undefined;
  const tables = facts.customerTables.map(({ category, shown, other }) => {
    const rows = shown.map(
      (c) => `| ${escapeText(c.customer, 60)} | ${formatNumber(c.items)} | ${formatNumber(c.points)} | ${c.shareText} | ${c.capText} | ${c.over ? '**over its share**' : 'ok'} |`,
    );
    // The rest in one row, so the shares add up to the whole category.
    if (other) rows.push(`| _${plural(other.customers, 'other customer')}_ | ${formatNumber(other.items)} | ${formatNumber(other.points)} | ${other.shareText} | | |`);
    const header = `| Customer | Items | ${unitName(input)} | Share of ${escapeText(category, 40)} | Cap | Status |`;
    return [header, '|---|--:|--:|--:|--:|---|', ...rows].join('\n');
  });
  const customers = facts.customerTables.reduce((sum, { shown, other }) => sum + shown.length + (other?.customers ?? 0), 0);
  const over = facts.customerTables.reduce((sum, { shown }) => sum + shown.filter((c) => c.over).length, 0);
  return { title: 'Customers', line: `${plural(customers, 'customer')}, ${over === 0 ? 'none' : formatNumber(over)} over ${over === 1 ? 'its' : 'their'} share`, body: tables };
}

/** The exemption label's use against its limit, and which items carry it. */
function exemptionsSection(input: ReportInput, facts: ReportDigest): Section | undefined {
  if (!facts.exemptions) return undefined;
  const { label, inUse, maxOpen } = facts.exemptions;
  const limit = maxOpen === undefined ? '' : ` of at most ${maxOpen}${inUse > maxOpen ? ' — **over the limit**' : inUse === maxOpen ? ' — none left' : ''}`;
  const items = new Map(input.items.map((i) => [i.number, i]));
  const expiry = input.policy.exemptions?.expiresAfterDays;
  const carriers = facts.exemptItems
    .slice(0, MAX_PER_GROUP)
    .map((n) => `- ${itemLink(items.get(n) ?? { number: n, title: '', url: '' }, 70)}${grantNote(input.exemptionRecords, n, expiry)}`);
  if (facts.exemptItems.length > MAX_PER_GROUP) carriers.push(`- …and ${formatNumber(facts.exemptItems.length - MAX_PER_GROUP)} more`);
  const lead =
    inUse === 0
      ? `No open item carries ${codeSpan(label)}${maxOpen === undefined ? '' : ` (at most ${maxOpen} may)`}.`
      : `${codeSpan(label)} is on ${plural(inUse, 'open item')}${limit}. Their findings are reported, never failing.`;
  // The terminal's words: "2 in use of at most 2".
  const line = `${formatNumber(inUse)} in use${maxOpen === undefined ? '' : ` of at most ${maxOpen}${inUse > maxOpen ? ', over the limit' : ''}`}`;
  return { title: 'Exemptions', line, body: [lead, carriers.join('\n'), unprovenNote(input.exemptionRecords)].filter(Boolean) };
}

function archiveSection(facts: ReportDigest): Section | undefined {
  const archive = facts.archive;
  if (!archive) return undefined;
  const list = (rows: ArchiveRow[], line: (row: ArchiveRow) => string) => {
    const lines = rows.slice(0, MAX_PER_GROUP).map((row) => `- ${itemLink(row.item, 70)} — ${line(row)}`);
    if (rows.length > MAX_PER_GROUP) lines.push(`- …and ${formatNumber(rows.length - MAX_PER_GROUP)} more`);
    return lines.length ? lines.join('\n') : '- none';
  };
  const archived = archive.archived?.length ? `, ${formatNumber(archive.archived.length)} archived this run` : '';
  const body = [
    `Stale items are closed as not planned ${plural(archive.graceDays, 'day')} after a warning in their comment, unless someone touches them. Oldest first.`,
    // The dashboard and the CLI have no run to speak of.
    archive.archived
      ? `**Archived this run (${formatNumber(archive.archived.length)})**\n\n${list(archive.archived, (row) => `untouched since ${day(row.decision.touchedAt)}, warned on ${day(row.decision.warnedAt)}`)}`
      : '',
    `**Will be archived (${formatNumber(archive.pending.length)})**\n\n${list(archive.pending, (row) => (row.decision.due ? `due now (warned on ${day(row.decision.warnedAt)})` : `on ${day(row.decision.archiveOn)}`))}`,
  ].filter(Boolean);
  return { title: 'Backlog archiving', line: `${formatNumber(archive.pending.length)} to be archived${archived}`, body };
}

function trendSection(input: ReportInput, facts: ReportDigest): Section | undefined {
  const trend = facts.trend;
  if (!trend || trend.rows.length === 0) return undefined;
  const names = joinWords(trend.categories.map((c) => escapeText(c, 40))) || 'customer-driven';
  const delivered = trend.rows.filter((r) => r.shareText !== undefined);
  const [first, last] = [delivered[0], delivered.at(-1)];
  const change = first && last && first !== last ? `went from ${first.shareText} in ${first.month} to ${last.shareText} in ${last.month}` : first ? `was ${first.shareText} in ${first.month}` : 'has nothing delivered yet';
  const cap = trend.capText !== undefined ? ` against a ${trend.capText} cap` : '';
  const lead = `The ${names} share of delivered (closed) work ${change}; it is ${trend.plannedShareText} of work planned now${cap}. Falling means less customer-specific work.`;
  const unit = unitName(input).toLowerCase();
  const table = [
    `| Month | Delivered (${unit}) | ${names} | Share |`,
    '|---|--:|--:|--:|',
    ...trend.rows.map((r) => `| ${r.month} | ${formatNumber(r.delivered)} | ${formatNumber(r.dealDriven)} | ${r.shareText ?? '—'} |`),
    `| **planned now** | ${formatNumber(input.evaluation.totalPoints)} | ${formatNumber(trend.plannedPoints)} | ${trend.plannedShareText} |`,
  ].join('\n');
  const extra = trend.extraRequests > 0 ? `\n\n_Reading closed work for the trend took ${plural(trend.extraRequests, 'extra API request')}._` : '';
  const shares = first && last && first !== last ? `${first.shareText} → ${last.shareText}` : (first?.shareText ?? 'none');
  const line = `customer-driven share ${shares} delivered, ${trend.plannedShareText} planned now`;
  return { title: 'Trend', line, body: [lead, trendChart(trend), `${table}${extra}`] };
}

function runSection(input: ReportInput, run: RunFacts): Section {
  const { requests, writes } = run;
  const remaining = run.rateLimitRemaining !== undefined ? ` · rate limit remaining: ${formatNumber(run.rateLimitRemaining)}` : '';
  const deferred = writes.deferredByMaxWrites > 0 ? `, ${formatNumber(writes.deferredByMaxWrites)} left for the next run (\`max-writes\` reached)` : '';
  const lines = [
    `- **Mode:** ${input.mode} · **items evaluated:** ${formatNumber(input.evaluation.items.length)}`,
    `- **API requests:** ${formatNumber(requests.graphql)} GraphQL (${plural(requests.graphqlPoints, 'point')}), ${formatNumber(requests.restRead)} REST reads, ${formatNumber(requests.write)} writes${remaining}`,
    `- **Writes:** ${formatNumber(writes.made)} made, ${formatNumber(writes.skippedByDryRun)} skipped by dry run${deferred}, ${formatNumber(writes.failed.length)} failed${writes.failed.length ? ' (listed at the top, with the fix)' : ''}`,
  ];
  const warnings = listed(run.policyWarnings ?? []);
  // Failed writes and what could not be checked open the report, with their fixes.
  const body = [...lines, ...(warnings.length ? ['- **Policy warnings** (the policy runs as 1.0 read it; `roadmap-guard validate` shows them all):', ...warnings] : [])].join('\n');
  const total = requests.graphql + requests.restRead + requests.write;
  const failed = writes.failed.length ? `, ${formatNumber(writes.failed.length)} failed` : '';
  return { title: 'Run', line: `${plural(total, 'API request')}, ${plural(writes.made, 'write')} made${failed}`, body: [body] };
}

function listed(lines: string[]): string[] {
  const shown = lines.slice(0, MAX_PER_GROUP).map((line) => `  - ${escapeText(line, 400)}`);
  return lines.length > MAX_PER_GROUP ? [...shown, `  - …and ${formatNumber(lines.length - MAX_PER_GROUP)} more`] : shown;
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
  const lines = [...own, ...budgetFindings].map(
    (f) => `- **${KIND_TITLES[f.kind]}:** ${escapeText(f.message, 200)}${f.exempt ? ' _(exempt)_' : f.severity === 'fail' ? ' · **fails the check**' : ''}\n  ${escapeText(f.fix, 300)}`,
  );
  const category = assessment ? ` (${escapeText(assessment.category, 40)}, ${amount(assessment.size, input.evaluation.unit)})` : '';
  return [
    `## Roadmap Guard: #${focusItem} ${state}`,
    runProblemsSection(input.run),
    `${itemLink(item)}${category} · ${facts.verdict.passes ? 'the check passes' : '**the check fails**'}`,
    lines.length ? `### Findings\n\n${lines.join('\n')}` : '',
    budget ? [`### ${escapeText(budget.category, 40)} budget`, budgetTable(input, [budget]), BAR_LEGEND].join('\n\n') : '',
    input.run ? openSection(runSection(input, input.run)) : '',
  ];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
