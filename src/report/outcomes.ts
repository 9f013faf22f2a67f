/**
 * "Bets and outcomes": of the bets delivered over the window, how many were
 * judged, and how they did. The figure a product lead takes to the
 * executive team, shown in the audit report and on the dashboard.
 */
import type { BetOutcomes } from '../core/outcomes.js';
import { listItems } from '../core/rules/context.js';
import { formatPercent } from '../core/share.js';
import { day } from './format.js';
import { plural } from '../core/wording.js';

export function outcomesSection(outcomes: BetOutcomes | undefined): string {
  if (!outcomes) return '';
  const window = `since ${day(outcomes.since)} (${plural(outcomes.months, 'month')})`;
  if (outcomes.bets === 0) return `### Bets and outcomes\n\nNo bets were delivered ${window}.`;
  const share = (count: number) => formatPercent(count, outcomes.bets);
  const never = outcomes.neverReviewed.length;
  const lead =
    `Of the **${plural(outcomes.bets, 'bet')}** delivered ${window}, **${outcomes.recorded}** ${outcomes.recorded === 1 ? 'has' : 'have'} a recorded outcome: ` +
    `**${outcomes.hit} hit** ${outcomes.hit === 1 ? 'its' : 'their'} metric (${share(outcomes.hit)}), ${outcomes.missed} missed, ${outcomes.walkedAway} walked away.` +
    (never ? ` ${never} (${share(never)}) ${never === 1 ? 'was' : 'were'} never reviewed: ${listItems(outcomes.neverReviewed)}.` : '');
  const rows = [
    ['Hit', outcomes.hit],
    ['Missed', outcomes.missed],
    ['Walked away', outcomes.walkedAway],
    ['Never reviewed', never],
  ].map(([name, count]) => `| ${name} | ${count} | ${share(count as number)} |`);
  // The sentence already gives every figure: the table is folded, so the section takes three lines.
  const table = ['| Outcome | Bets | Share |', '|---|---:|---:|', ...rows].join('\n');
  return [
    '### Bets and outcomes',
    lead,
    `<details><summary>Outcomes as a table</summary>\n\n${table}\n\n</details>`,
    '_Record one with `/roadmap outcome hit|missed|walked-away <evidence>` on the issue._',
  ].join('\n\n');
}
