/**
 * "Roadmap execution": one line per finished cycle and a trend sentence
 * (say/do, customer work added mid-cycle), then every figure in a folded
 * table. The words are built once here, with the milestone title passed
 * through the caller's escaping, so the job summary, the dashboard and the
 * terminal say the same thing.
 */
import type { CycleExecution, ExecutionReport, Tally } from '../core/execution.js';
import type { Evaluation } from '../core/types.js';
import { formatPercent } from '../core/share.js';
import { amount, formatNumber, plural } from '../core/wording.js';
import { escapeText } from './escape.js';
import { day } from './format.js';
import { openSection, type Section } from './section.js';

/** Cycles spelled out one per line, newest last; older ones are in the table only. */
export const MAX_CYCLE_LINES = 12;
/** Rows of the table: a year of weekly sprints; older ones are counted, so two years of them cannot crowd out the rest of the summary. */
const MAX_TABLE_ROWS = 52;

type Unit = Evaluation['unit'];
/** How a milestone title is made safe for the output at hand. */
type Name = (title: string) => string;

/** "25% (20% of points)": say/do in items, and in points when they differ. */
function sayDoText(cycle: CycleExecution, unit: Unit): string {
  if (!cycle.sayDo) return 'nothing committed';
  const items = formatPercent(cycle.sayDo.items);
  const points = formatPercent(cycle.sayDo.points);
  return unit === 'points' && points !== items ? `${items} (${points} of points)` : items;
}

function tallyText(tally: Tally, unit: Unit): string {
  return unit === 'points' ? `${plural(tally.items, 'item')} (${amount(tally.points, unit)})` : plural(tally.items, 'item');
}

function betsText(cycle: CycleExecution): string {
  const { bets } = cycle;
  if (bets.delivered === 0) return '';
  const parts = [
    [bets.hit, 'hit'],
    [bets.missed, 'missed'],
    [bets.walkedAway, 'walked away'],
    [bets.neverReviewed, 'never reviewed'],
  ].filter(([count]) => (count as number) > 0).map(([count, what]) => `${count} ${what}`);
  return `; ${plural(bets.delivered, 'bet')} delivered: ${parts.join(', ')}`;
}

/** One cycle in a sentence: what was committed, how much of it was kept, what came in, how everything ended. */
export function cycleLine(cycle: CycleExecution, unit: Unit, name: Name): string {
  const customer = cycle.added.items === 0 ? '' : cycle.addedCustomer.items === 0 ? ', none of it customer work' : `, ${amount(unit === 'points' ? cycle.addedCustomer.points : cycle.addedCustomer.items, unit)} of it customer work`;
  return (
    `${name(cycle.title)} (${day(cycle.start)} to ${day(lastDay(cycle))}): say/do ${sayDoText(cycle, unit)} of ${tallyText(cycle.committed, unit)} committed; ` +
    `${tallyText(cycle.added, unit)} added mid-cycle${customer}; ` +
    `${formatNumber(cycle.onTime.items)} on time, ${formatNumber(cycle.late.items)} late, ${formatNumber(cycle.carriedOver.items)} carried over, ${formatNumber(cycle.dropped.items)} dropped${betsText(cycle)}.`
  );
}

/** The due date: the day before the cycle's exclusive end. */
function lastDay(cycle: CycleExecution): string {
  return new Date(Date.parse(cycle.end) - 1).toISOString();
}

/** "Say/do went from 25% in Sprint 1 to 50% in Sprint 3; customer work added mid-cycle went from 50% to 0% of the points delivered on time." */
export function executionTrend(report: ExecutionReport, name: Name): string {
  const measured = report.cycles.filter((cycle) => cycle.sayDo);
  const [first, last] = [measured[0], measured.at(-1)];
  if (!first || !last) return report.cycles.length ? 'No cycle had work committed at its start.' : '';
  const sayDo =
    first === last
      ? `Say/do was ${formatPercent(first.sayDo!.items)} in ${name(first.title)}`
      : `Say/do went from ${formatPercent(first.sayDo!.items)} in ${name(first.title)} to ${formatPercent(last.sayDo!.items)} in ${name(last.title)}`;
  const delivered = report.cycles.filter((cycle) => cycle.customerAddedShare !== undefined);
  const [from, to] = [delivered[0], delivered.at(-1)];
  const customer =
    !from || !to
      ? ''
      : from === to
        ? `; customer work added mid-cycle was ${formatPercent(from.customerAddedShare!)} of the work delivered on time`
        : `; customer work added mid-cycle went from ${formatPercent(from.customerAddedShare!)} to ${formatPercent(to.customerAddedShare!)} of the work delivered on time`;
  return `${sayDo}${customer}.`;
}

/** What the report could not see, in words; empty when it saw everything. */
export function executionGaps(report: ExecutionReport): string {
  const partial = report.partialHistories;
  if (partial.length === 0) return '';
  const shown = partial.slice(0, 10).map((number) => `#${number}`).join(', ');
  return `Only the first 100 milestone and closing events of ${plural(partial.length, 'issue')} were read (${shown}${partial.length > 10 ? ', …' : ''}): their cycles' figures may be off.`;
}

const shareOrDash = (share: number | undefined) => (share === undefined ? '—' : formatPercent(share));

function tableRow(cycle: CycleExecution, unit: Unit): string {
  const cell = (tally: Tally) => (unit === 'points' ? `${formatNumber(tally.items)} (${formatNumber(tally.points)})` : formatNumber(tally.items));
  const { bets } = cycle;
  return [
    escapeText(cycle.title, 60),
    day(cycle.start),
    day(lastDay(cycle)),
    cell(cycle.committed),
    `${cell(cycle.added)} · ${cell(cycle.addedCustomer)}`,
    cell(cycle.onTime),
    cell(cycle.late),
    cell(cycle.carriedOver),
    cell(cycle.dropped),
    cycle.sayDo ? formatPercent(cycle.sayDo.items) : '—',
    cycle.sayDo && unit === 'points' ? formatPercent(cycle.sayDo.points) : '—',
    shareOrDash(cycle.customerAddedShare),
    `${bets.hit} / ${bets.missed} / ${bets.walkedAway} / ${bets.neverReviewed}`,
  ].join(' | ');
}

const TITLE = 'Roadmap execution';

/** The section under its heading, as the docs show it. */
export function executionSection(report: ExecutionReport | undefined, unit: Unit): string {
  const section = executionParts(report, unit);
  return section ? openSection(section) : '';
}

/** The latest cycle's say/do in a few words, for a folded section's one line. */
function latestSayDo(report: ExecutionReport): string {
  const latest = report.cycles.filter((cycle) => cycle.sayDo).at(-1);
  const cycles = plural(report.cycles.length, 'finished cycle');
  return latest ? `say/do ${formatPercent(latest.sayDo!.items)} in the latest of ${cycles}` : `${cycles}, none with work committed at its start`;
}

/** The section for the job summary and the dashboard: its figure (the latest say/do) and its body. */
export function executionParts(report: ExecutionReport | undefined, unit: Unit): Section | undefined {
  if (!report) return undefined;
  const window = `due since ${day(report.since)} (${plural(report.months, 'month')})`;
  if (report.cycles.length === 0) return { title: TITLE, line: 'no finished cycle yet', body: [`No milestone with a due date ${window} is closed yet: there is no finished cycle to report.`] };
  const name: Name = (title) => `**${escapeText(title, 60)}**`;
  const shown = report.cycles.slice(-MAX_CYCLE_LINES);
  const older = report.cycles.length - shown.length;
  const lines = shown.map((cycle) => `- ${cycleLine(cycle, unit, name)}`);
  if (older > 0) lines.unshift(`- …${plural(older, 'earlier cycle')} in the table below`);
  const amounts = unit === 'points' ? 'items (points)' : 'items';
  const table = [
    `| Cycle | Start | Due | Committed | Added · customer | On time | Late | Carried over | Dropped | Say/do | Say/do (points) | Customer work added | Bets hit / missed / walked away / never reviewed |`,
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...report.cycles.slice(-MAX_TABLE_ROWS).map((cycle) => `| ${tableRow(cycle, unit)} |`),
  ].join('\n');
  const left = report.cycles.length - MAX_TABLE_ROWS;
  const leftOut = left > 0 ? `\n\n…and ${plural(left, 'earlier cycle')}.` : '';
  const unseen = '\n\n_Counted from the issues each milestone holds now and their history (GitHub lists no more): an issue taken out of a milestone and left in none may be missing from its cycle._';
  const lead = `Finished cycles: the closed milestones ${window}. ${executionTrend(report, name)} Say/do is the committed work delivered on time; customer work added is the share of the work delivered on time that customers added mid-cycle.`;
  const gaps = executionGaps(report);
  return {
    title: TITLE,
    line: latestSayDo(report),
    body: [lead, lines.join('\n'), ...(gaps ? [`_${gaps}_`] : []), `<details><summary>Execution by cycle, in ${amounts}</summary>\n\n${table}${leftOut}${unseen}\n\n</details>`],
  };
}
