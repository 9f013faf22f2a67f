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
/** The simulated quarter's figures (test/simulation/), in a table of their own. */
const SIMULATION = 'simulation';
const OUTPUT = join(import.meta.dirname, '..', '..', 'docs', 'reliability.md');
/** The totals of the simulated quarter's longer run, kept by `npm run simulate-quarter -- --record` (it takes too long for `npm test`). */
const LONGER_RUN = join(import.meta.dirname, '..', 'simulation', 'longer-run.json');

export function setup(): void {
  rmSync(FIGURES_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  const files = SUITES.map((suite) => join(FIGURES_DIR, `${suite}.json`));
  const simulationFile = join(FIGURES_DIR, `${SIMULATION}.json`);
  if (![...files, simulationFile].every((file) => existsSync(file))) return;
  const simulation = JSON.parse(readFileSync(simulationFile, 'utf8')) as SimulationFigures;
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
      ...simulationSection(simulation, existsSync(LONGER_RUN) ? (JSON.parse(readFileSync(LONGER_RUN, 'utf8')) as LongerRun) : undefined),
    ].join('\n'),
  );
}

interface SimulationFigures extends SuiteFigures {
  lives: number;
  steps: number;
  checks: number;
  violations: number;
}

interface LongerRun {
  command: string;
  /** Why the run lived fewer lives than its command asks for, when it did (it was stopped at a deadline). */
  stopped?: string;
  lives: number;
  steps: number;
  runs: number;
  checks: number;
  violations: number;
  seconds: number;
}

function simulationSection(figures: SimulationFigures, longer: LongerRun | undefined): string[] {
  return [
    '## A simulated quarter',
    '',
    "`test/simulation/` lives a repository's quarter through the action against the fake GitHub, from a seed: product managers opening and editing deal and feature requests through the issue form, engineers filing bugs, approvers and others typing `/roadmap` commands (valid, refused, quoted, unknown; two grants at once), a labeler bot, maintainers editing or deleting the bot's comment, pull requests closing issues into the default branch and another, from the repository and from a fork, a policy change merged by pull request, the weekly audit, and time passing (stale backlog, grace periods, expiries). GitHub behaves as it does: events come in bursts, late and newest first, as payloads of the moment they happened; runs of different concurrency groups overlap, and a pending run is replaced by a newer one of its group (the workflows' own `concurrency` expressions); writes fail or land and still answer 502, connections drop; the token's identity changes once (with `previous-bot-logins` naming the earlier one, as the README says); a maintainer may drop the workflow's concurrency block, after which every run starts at once.",
    '',
    "After each calm run (nothing else in flight, no fault armed) and when the quarter ends, invariants are checked: one bot comment per issue and one dashboard, no bot comment on excluded work, no recorded decision lost, every command answered, the exemption label only behind an approver's grant and within `max-open`, archiving only after a warning, the grace period and no touch, every stale item archived, one verdict in the exit code, outputs and summary, the merge gate's `roadmap-guard/merge-gate` status following its issues (read as branch protection reads it) and no pull request passing silently over the issues it names, budgets equal to a from-scratch evaluation, no token and no live hostile text in any artifact, and reads within the cost table. A failing life is shrunk to the fewest steps that still fail, printed as a script that replays.",
    '',
    `In \`npm test\`, one life with a fixed seed tours every actor, with every invariant but those \`test/simulation/known-defects.ts\` lists (a defect whose fix is pending; none now); the longer run checks them all: \`npm run simulate-quarter -- --lives 500 --jobs 2\` (\`--shrink --out found.json\` to shrink each failure, \`--replay found.json\` to replay, \`--record test/simulation/longer-run.json\` to keep its totals for the table below; with \`SIM_TRACE_DIR=<dir>\`, each violation also writes the life's script so far, its pull requests, statuses and last runs' logs, for a race that may run otherwise when its life is lived again alone). What the simulation found on 1.0.0 and since, how each was fixed, and what is still open, is in \`test/simulation/found-on-1.0.0.md\`; each shrunk script is replayed in \`npm test\` (\`test/simulation/replays.test.ts\`).`,
    '',
    '| run | lives simulated | steps | runs | invariant checks | violations (must be 0) |',
    '|---|---:|---:|---:|---:|---:|',
    `| \`npm test\` (fixed seed) | ${figures.lives} | ${figures.steps} | ${figures.runs} | ${figures.checks} | ${figures.violations} |`,
    ...(longer ? [`| \`${longer.command}\` (${Math.round(longer.seconds / 60)} min${longer.stopped ? `; ${longer.stopped}` : ''}) | ${longer.lives} | ${longer.steps} | ${longer.runs} | ${longer.checks} | ${longer.violations} |`] : []),
    '',
  ];
}
