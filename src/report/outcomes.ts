/**
 * "Bets and outcomes": of the bets delivered over the window, how many were
 * judged, and how they did. The figure a product lead takes to the
 * executive team, shown in the audit report and on the dashboard.
 */
import type { BetOutcomes } from '../core/outcomes.js';
import { listItems } from '../core/rules/context.js';
import { formatPercent } from '../core/share.js';
import { day, markdownName } from './format.js';
import { plural } from '../core/wording.js';
import { openSection, type Section } from './section.js';

const TITLE = 'Bets and outcomes';

/** The section under its heading, as the docs show it. */
export function outcomesSection(outcomes: BetOutcomes | undefined, nameOf: (key: number) => string): string {
  const section = outcomesParts(outcomes, nameOf);
  return section ? openSection(section) : '';
}

/** The section's figure ("1 of 6 bets hit its metric, 3 never reviewed") and its body. */
export function outcomesParts(outcomes: BetOutcomes | undefined, nameOf: (key: number) => string): Section | undefined {
  if (!outcomes) return undefined;
  const window = `since ${day(outcomes.since)} (${plural(outcomes.months, 'month')})`;
  if (outcomes.bets === 0) return { title: TITLE, line: `no bets delivered ${window}`, body: [`No bets were delivered ${window}.`] };
  const share = (count: number) => formatPercent(count, outcomes.bets);
  const never = outcomes.neverReviewed.length;
  const lead =
    `Of the **${plural(outcomes.bets, 'bet')}** delivered ${window}, **${outcomes.recorded}** ${outcomes.recorded === 1 ? 'has' : 'have'} a recorded outcome: ` +
    `**${outcomes.hit} hit** ${outcomes.hit === 1 ? 'its' : 'their'} metric (${share(outcomes.hit)}), ${outcomes.missed} missed, ${outcomes.walkedAway} walked away.` +
    (never ? ` ${never} (${share(never)}) ${never === 1 ? 'was' : 'were'} never reviewed: ${listItems(outcomes.neverReviewed.map((key) => markdownName(nameOf(key))))}.` : '');
  const rows = [
    ['Hit', outcomes.hit],
    ['Missed', outcomes.missed],
    ['Walked away', outcomes.walkedAway],
    ['Never reviewed', never],
  ].map(([name, count]) => `| ${name} | ${count} | ${share(count as number)} |`);
  // The sentence already gives every figure: the table is folded, so the section takes three lines.
  const table = ['| Outcome | Bets | Share |', '|---|---:|---:|', ...rows].join('\n');
  const line = `${outcomes.hit} of ${plural(outcomes.bets, 'bet')} ${outcomes.hit === 1 ? 'hit its' : 'hit their'} metric${never ? `, ${never} never reviewed` : ''}`;
  return {
    title: TITLE,
    line,
    body: [
      lead,
      `<details><summary>Outcomes as a table</summary>\n\n${table}\n\n</details>`,
      '_Record one with `/roadmap outcome hit|missed|walked-away <evidence>` on the issue._',
    ],
  };
}
