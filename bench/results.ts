/**
 * What `npm run bench` measures and writes to bench/results.json, and the
 * table it prints. Figures a scenario cannot have (requests of the engine
 * alone, points before the action reports them) are null, shown as "n/a".
 */

export type ScenarioId = 'cold-start' | 'engine' | 'audit-first' | 'audit-catch-up' | 'audit-steady' | 'issue-unchanged' | 'issue-new-finding' | 'merge-gate' | 'policy-preview' | 'audit-execution' | 'board-audit' | 'board-issue-event';

export const SCENARIO_NAMES: Record<ScenarioId, string> = {
  'cold-start': 'cold start (unsupported event)',
  engine: 'engine only (evaluate)',
  'audit-first': 'audit, first run (max-writes 50)',
  'audit-catch-up': 'audit, the rest of the writes',
  'audit-steady': 'audit, steady state',
  'issue-unchanged': 'issue event, nothing changed',
  'issue-new-finding': 'issue event, one new finding',
  'merge-gate': 'merge gate, a pull request closing a deal',
  'policy-preview': 'policy preview, a pull request loosening a budget',
  'audit-execution': 'audit with the execution report (5 milestones of 60 issues)',
  'board-audit': "audit of an organization's board (50 repositories)",
  'board-issue-event': "issue event with an organization's board (the board the audit saved)",
};

export interface ScenarioResult {
  /** Open issues in the repository; null when the scenario does not depend on it (cold start). */
  issues: number | null;
  scenario: ScenarioId;
  graphql: number | null;
  restRead: number | null;
  writes: number | null;
  /** GraphQL points, as the action's `requests` output reports them. */
  points: number | null;
  wallMs: number;
  /** The action's process timed by itself, from its start to its exit; null for the engine. */
  processMs: number | null;
  /** User plus system CPU time of the action's process (of the benchmark's own for the engine). */
  cpuMs: number | null;
  peakRssMb: number | null;
  /** How the action's process ended (1 when the check fails, as an over-budget audit does); null for the engine. */
  exitCode: number | null;
}

export interface BenchResults {
  /** Where the figures come from. */
  machine: { node: string; cpus: number; cpuModel: string; platform: string; loadAverage: { start: number; end: number } };
  latencyMs: number;
  /** Bytes of every dist/*.js the action can load (dist/cli/ excluded). */
  bundleBytes: number;
  /** How long the whole benchmark took, in seconds. */
  totalSeconds: number;
  scenarios: ScenarioResult[];
}

/** `n/a` for a figure the scenario cannot have. */
function figure(value: number | null, unit = ''): string {
  return value === null ? 'n/a' : `${value.toLocaleString('en-US')}${unit}`;
}

const HEADER = ['open issues', 'scenario', 'GraphQL', 'REST reads', 'writes', 'points', 'wall', 'CPU', 'peak RSS', 'exit'];

/** One row of text per scenario, in the order of HEADER. */
function resultRows(results: BenchResults): string[][] {
  return results.scenarios.map((row) => [
    row.issues === null ? '-' : row.issues.toLocaleString('en-US'),
    SCENARIO_NAMES[row.scenario],
    figure(row.graphql),
    figure(row.restRead),
    figure(row.writes),
    figure(row.points),
    `${row.wallMs.toLocaleString('en-US')} ms`,
    figure(row.cpuMs, ' ms'),
    figure(row.peakRssMb, ' MB'),
    figure(row.exitCode),
  ]);
}

/** The results as an aligned text table, one line per scenario. */
export function resultsTable(results: BenchResults): string {
  const rows = resultRows(results);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(HEADER), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The results as a markdown table, one row per scenario. */
export function resultsMarkdown(results: BenchResults): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = HEADER.map((_title, column) => (column === 1 ? '---' : '---:'));
  return [line(HEADER), line(align), ...resultRows(results).map(line)].join('\n');
}
