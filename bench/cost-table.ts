/**
 * The README's cost table: every cost target beside the figure `npm run
 * bench` measured for it (bench/results.json), and whether it is met.
 * `npm run readme` writes it into README.md.
 */
import { type BenchResults, type ScenarioId, type ScenarioResult, SCENARIO_NAMES, resultsMarkdown } from './results.js';
import { CYCLES } from './generate.js';
import { BOARD, BOARD_ITEMS } from './board.js';

const LARGE = 10_000;

interface Target {
  what: string;
  target: string;
  measured: string;
  /** Null when the figure was not measured. */
  met: boolean | null;
  /** A memory target: missing it fails `npm run bench` (memory, unlike time, does not depend on the machine's load). */
  memory?: true;
}

function find(results: BenchResults, scenario: ScenarioId, issues: number | null): ScenarioResult | undefined {
  return results.scenarios.find((row) => row.scenario === scenario && row.issues === issues);
}

function reads(row: ScenarioResult): number {
  return (row.graphql ?? 0) + (row.restRead ?? 0);
}

function requests(row: ScenarioResult): number {
  return reads(row) + (row.writes ?? 0);
}

function points(row: ScenarioResult): string {
  return row.points === null ? 'points not reported' : `${row.points} points`;
}

/** Requests over their target fail it; otherwise the points decide, and unreported points leave it unjudged. */
function requestsAndPoints(requestsMet: boolean, row: ScenarioResult, mostPoints: number): boolean | null {
  if (!requestsMet) return false;
  return row.points === null ? null : row.points <= mostPoints;
}

const MISSING: Omit<Target, 'what' | 'target'> = { measured: 'not measured', met: null };

function issueEventTargets(results: BenchResults): Target[] {
  const unchanged = find(results, 'issue-unchanged', LARGE);
  const changed = find(results, 'issue-new-finding', LARGE);
  const gate = find(results, 'merge-gate', LARGE);
  const preview = find(results, 'policy-preview', LARGE);
  return [
    {
      what: 'Issue event, nothing changed, 10,000 open issues',
      target: '≤ 5 requests, ≤ 5 GraphQL points',
      ...(unchanged
        ? { measured: `${requests(unchanged)} requests, ${points(unchanged)}`, met: requestsAndPoints(requests(unchanged) <= 5, unchanged, 5) }
        : MISSING),
    },
    {
      what: 'Issue event, one new finding, 10,000 open issues',
      target: '≤ 5 reads + ≤ 2 writes',
      ...(changed ? { measured: `${reads(changed)} reads + ${changed.writes ?? 0} writes`, met: reads(changed) <= 5 && (changed.writes ?? 0) <= 2 } : MISSING),
    },
    {
      what: 'Merge gate at 10,000 open issues (a pull request closing one issue, with the saved state)',
      target: '≤ 5 requests, ≤ 5 GraphQL points',
      ...(gate ? { measured: `${requests(gate)} requests, ${points(gate)}`, met: requestsAndPoints(requests(gate) <= 5, gate, 5) } : MISSING),
    },
    {
      what: 'Policy preview at 10,000 open issues (a pull request loosening a budget, with the saved state)',
      target: '≤ 5 reads + its status and comment',
      ...(preview ? { measured: `${reads(preview)} reads + ${preview.writes ?? 0} writes, ${points(preview)}`, met: reads(preview) <= 5 && (preview.writes ?? 0) <= 2 } : MISSING),
    },
  ];
}

function auditTargets(results: BenchResults, sizes: number[]): Target[] {
  return sizes.flatMap((issues) => {
    const steady = find(results, 'audit-steady', issues);
    // A page per 100 issues, the policy file, the closed issues still labelled (two labels), and the open pull requests whose merge gate status follows the issues.
    const most = Math.ceil(issues / 100) + 4;
    const size = issues.toLocaleString('en-US');
    if (!steady) return [];
    return [
      {
        what: `Audit, ${size} open issues`,
        target: `≤ ${most} requests, ≤ ${2 * most} points`,
        measured: `${requests(steady)} requests, ${points(steady)}`,
        met: requestsAndPoints(requests(steady) <= most, steady, 2 * most),
      },
      { what: `Audit steady state, ${size} open issues`, target: '0 writes', measured: `${steady.writes ?? 0} writes`, met: steady.writes === 0 },
    ];
  });
}

/**
 * The execution report adds to an audit's reads, per milestone read (the finished ones in the
 * window and the one after them), a request per 50 of its issues. The open
 * milestone after them holds none in the benchmark: one request still.
 */
function executionTargets(results: BenchResults, sizes: number[]): Target[] {
  return sizes.flatMap((issues) => {
    const row = find(results, 'audit-execution', issues);
    if (!row) return [];
    // The audit's own reads (see auditTargets), then the milestones'.
    const most = Math.ceil(issues / 100) + 4 + CYCLES.count * Math.ceil(CYCLES.itemsEach / 50) + 1;
    return [
      {
        what: `Audit with the execution report, ${issues.toLocaleString('en-US')} open issues, ${CYCLES.count} finished milestones of ${CYCLES.itemsEach} issues`,
        target: `≤ ${most} requests`,
        measured: `${requests(row)} requests, ${points(row)}`,
        met: requests(row) <= most,
      },
    ];
  });
}

/** A page per 100 items, and a few reads beside (the policy file, the repository's own issues' comments and labels). */
function boardTargets(results: BenchResults): Target[] {
  const row = find(results, 'board-audit', BOARD_ITEMS);
  const most = Math.ceil(BOARD_ITEMS / 100) + 5;
  const what = `Audit of an organization's board, ${BOARD_ITEMS.toLocaleString('en-US')} items across ${BOARD.repositories} repositories`;
  if (!row) return [...boardEventTargets(results), { what, target: `≤ ${most} requests, ≤ 2 points a page, peak RSS < 700 MB`, ...MISSING }];
  const wallMost = 60_000 + requests(row) * results.latencyMs;
  return [
    ...boardEventTargets(results),
    {
      what,
      target: `≤ ${most} requests, ≤ 2 points a page`,
      measured: `${requests(row)} requests, ${points(row)}`,
      met: requestsAndPoints(requests(row) <= most, row, 2 * (row.graphql ?? 0)),
    },
    { what: `${what}: memory`, target: '< 700 MB', memory: true, measured: `${row.peakRssMb ?? 'n/a'} MB`, met: row.peakRssMb === null ? null : row.peakRssMb < 700 },
    { what: `${what}: wall`, target: '< 60 s + 1 × requests × latency', measured: `${row.wallMs.toLocaleString('en-US')} ms (limit ${wallMost.toLocaleString('en-US')} ms)`, met: row.wallMs < wallMost },
  ];
}

/** An issue event reads its issue's place on the board and takes the rest from the board the audit saved: the same few requests at any board size; it holds the board as the audit does. */
function boardEventTargets(results: BenchResults): Target[] {
  const row = find(results, 'board-issue-event', BOARD_ITEMS);
  const what = `Issue event with an organization's board of ${BOARD_ITEMS.toLocaleString('en-US')} items (the board the audit saved, the event's issue read fresh)`;
  if (!row) return [{ what, target: '≤ 5 requests, ≤ 5 points', ...MISSING }];
  return [
    { what, target: '≤ 5 requests, ≤ 5 points', measured: `${requests(row)} requests, ${points(row)}`, met: requestsAndPoints(requests(row) <= 5, row, 5) },
    { what: `${what}: memory`, target: '< 700 MB', memory: true, measured: `${row.peakRssMb ?? 'n/a'} MB`, met: row.peakRssMb === null ? null : row.peakRssMb < 700 },
  ];
}

function runTargets(results: BenchResults): Target[] {
  const audit = find(results, 'audit-steady', LARGE);
  const engine = find(results, 'engine', LARGE);
  const boardEngine = find(results, 'engine', BOARD_ITEMS);
  const coldStart = find(results, 'cold-start', null);
  // A board of 50,000 items has a target of its own.
  const peak = results.scenarios.filter((row) => !row.scenario.startsWith('board-')).reduce<ScenarioResult | undefined>((most, row) => ((row.peakRssMb ?? 0) > (most?.peakRssMb ?? 0) ? row : most), undefined);
  const ms = (row: ScenarioResult) => `${row.wallMs.toLocaleString('en-US')} ms${row.cpuMs === null ? '' : ` (CPU ${row.cpuMs.toLocaleString('en-US')} ms)`}`;
  return [
    { what: `Audit, 10,000 open issues, ${results.latencyMs} ms a request, no writes`, target: '< 20 s wall', ...(audit ? { measured: ms(audit), met: audit.wallMs < 20_000 } : MISSING) },
    { what: 'Peak memory of any run', target: '< 250 MB', memory: true, ...(peak ? { measured: `${peak.peakRssMb} MB (${SCENARIO_NAMES[peak.scenario]}${peak.issues === null ? '' : `, ${peak.issues.toLocaleString('en-US')} open issues`})`, met: (peak.peakRssMb ?? 0) < 250 } : MISSING) },
    { what: 'Engine over 10,000 items', target: '< 300 ms', ...(engine ? { measured: ms(engine), met: engine.wallMs < 300 } : MISSING) },
    { what: "Engine over 50,000 items (a Projects v2 board's most)", target: '< 1 s', ...(boardEngine ? { measured: ms(boardEngine), met: boardEngine.wallMs < 1_000 } : MISSING) },
    { what: 'Cold start (load, then exit on an event it ignores; from process start to exit)', target: '< 300 ms', ...(coldStart ? { measured: ms(coldStart), met: coldStart.wallMs < 300 } : MISSING) },
    { what: 'Bundle (every dist/*.js the action loads)', target: '< 2 MB', measured: `${(results.bundleBytes / 1_000_000).toFixed(2)} MB`, met: results.bundleBytes < 2_000_000 },
  ];
}

function costTargets(results: BenchResults): Target[] {
  const sizes = [...new Set(results.scenarios.flatMap((row) => (row.scenario === 'audit-steady' && row.issues !== null ? [row.issues] : [])))];
  return [...issueEventTargets(results), ...auditTargets(results, sizes), ...executionTargets(results, sizes), ...boardTargets(results), ...runTargets(results)];
}

/** The memory targets the results miss, one line each: `npm run bench` fails on them. */
export function missedMemoryTargets(results: BenchResults): string[] {
  return costTargets(results)
    .filter((row) => row.memory && row.met === false)
    .map((row) => `${row.what}: ${row.measured}, target ${row.target}`);
}

/** The targets table, then every measured run, as markdown. */
export function costTable(results: BenchResults): string {
  const targets = costTargets(results);
  const verdict = (met: boolean | null) => (met === null ? 'not judged: a figure is missing' : met ? 'met' : '**not met**');
  const { machine } = results;
  return [
    '| what | target | measured | |',
    '|---|---|---|---|',
    ...targets.map((row) => `| ${row.what} | ${row.target} | ${row.measured} | ${verdict(row.met)} |`),
    '',
    `Every run, measured on ${machine.cpus} cores (${machine.cpuModel}, load average ${machine.loadAverage.start} at the start and ${machine.loadAverage.end} at the end), Node ${machine.node}, the fake GitHub answering ${results.latencyMs} ms after each request:`,
    '',
    resultsMarkdown(results),
  ].join('\n');
}
