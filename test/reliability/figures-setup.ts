/**
 * Writes docs/reliability.md from the figures the reliability suites report,
 * when all of them ran (a full `npm test`): the table is the suites' own
 * account, never typed by hand. The suites assert the zeros; this only
 * records them.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES_DIR, type SuiteFigures } from './figures.js';

const SUITES = ['faults', 'races', 'bad-input', 'secrets', 'trust'];
const OUTPUT = join(import.meta.dirname, '..', '..', 'docs', 'reliability.md');

export function setup(): void {
  rmSync(FIGURES_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  const files = SUITES.map((suite) => join(FIGURES_DIR, `${suite}.json`));
  if (!files.every((file) => existsSync(file))) return;
  const rows = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as SuiteFigures);
  const total = rows.reduce((sum, row) => ({ ...sum, ...Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? ((sum as unknown as Record<string, number>)[key] ?? 0) + value : 'all'])) }), {} as SuiteFigures);
  const line = (row: SuiteFigures) =>
    `| ${row.suite} | ${row.faultsInjected} | ${row.runsSurvived} of ${row.runs} | ${row.writesLost} | ${row.duplicateComments} | ${row.badInputs} | ${row.crashes} | ${row.secretsEchoed} | ${row.grantsLost ?? 0} | ${row.exemptionsWithoutApprover ?? 0} | ${row.archivedDespiteTouch ?? 0} | ${row.neverArchivedByOwnWrites ?? 0} |`;
  writeFileSync(
    OUTPUT,
    [
      '# Reliability figures',
      '',
      '<!-- Written by the reliability suites (test/reliability/) at the end of every full `npm test`; do not edit by hand. -->',
      '',
      "What the suites in `test/reliability/` did to the action, run in process against the local fake GitHub, and what it survived. Faults are injected during an audit and an issue event; races are bursts of runs started together; bad inputs are policies, issue texts and event payloads; every artifact of every run is searched for the two distinctive token values. After each fault or race, further runs must converge on what fault-free runs leave. The trust suite plays an attacker and a busy GitHub against the bot's memory: grants made by runs that raced, exemption labels put on by people and bots who are not approvers, and stale items touched by people or only by the bot's own writes around its archive warning.",
      '',
      "| suite | faults or races injected | runs survived | writes lost (must be 0) | duplicate comments (must be 0) | bad inputs tried | crashes (must be 0) | secrets echoed (must be 0) | grants lost (must be 0) | exemptions applied without an approver (must be 0) | items archived despite a person's touch (must be 0) | items never archived because of the bot's own writes (must be 0) |",
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(line),
      line({ ...total, suite: '**all**' }),
      '',
    ].join('\n'),
  );
}
