/**
 * `roadmap-guard simulate`: what-if. Evaluates any policy against any
 * snapshot and prints the lead's report; writes nothing anywhere.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildReportInput, outcomeMonths, snapshotExecution } from '../report/report-input.js';
import { parseSnapshot, SnapshotError } from '../snapshot/file.js';
import { reviewSnapshot } from '../snapshot/checks.js';
import { locateSnapshotProblems } from '../snapshot/problems.js';
import { extendsReader } from './extends.js';
import type { Snapshot } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { loadPolicy, type LoadedPolicy, type PolicyFileReader } from '../policy/load.js';
import { budgetsOutput, findingsOutput } from '../report/outputs.js';
import { renderMarkdownReport } from '../report/summary.js';
import { verdictOf } from '../report/digest.js';
import { renderTerminal } from '../report/terminal.js';
import type { ReportInput, RunMode } from '../report/types.js';
import { BadInput, type CliIo, type Command, EXIT, EXIT_CODES_HELP, parseStrictly, rejectArguments, reportBadInput } from './io.js';

const SIMULATE_USAGE = `Usage: roadmap-guard simulate --policy <file> --snapshot <file> [--at <date>] [--format text|markdown|json] [--extends-from <file>]

Evaluates a policy against a snapshot of planned work and prints the report.
Writes nothing: no comments, no labels, no files.

  --policy <file>     the policy file, e.g. .github/roadmap-policy.yml
  --snapshot <file>   a snapshot file (see snapshot.schema.json)
  --at <date>         evaluate at this moment instead of the snapshot's takenAt,
                      e.g. 2027-01-15 or 2027-01-15T09:00:00Z
  --format <format>   text (default), markdown or json
  --extends-from <file>  a local copy of the policy that --policy extends
  --help, -h          this text

A policy that extends another is read whole: from --extends-from, or from
GitHub with a token in GITHUB_TOKEN or GH_TOKEN.

${EXIT_CODES_HELP}`;

const FORMATS = ['text', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const simulateCommand: Command = async (args, io) => {
  try {
    const options = parseOptions(args);
    if (options === 'help') {
      io.stdout.write(SIMULATE_USAGE);
      return EXIT.ok;
    }
    const extended = extendsReader(options.extendsFrom, io.env, io.connect);
    const [loaded, { snapshot, text }] = await Promise.all([loadLocalPolicy(options.policy, process.cwd(), extended?.read), readSnapshot(options.snapshot)]);
    const at = options.at ?? snapshot.takenAt;
    const review = reviewSnapshot(loaded.policy, snapshot.items, at);
    if (review.impossible.length > 0) throw new SnapshotError(options.snapshot, locateSnapshotProblems(text, review.impossible));
    for (const warning of review.suspicious) io.stderr.write(`roadmap-guard simulate: warning: ${options.snapshot}: ${warning}\n`);
    const input = offlineReport({ mode: 'simulate', loaded, snapshot, at });
    io.stdout.write(render(input, options.format, io));
    // The exit code says what the report says.
    return verdictOf(input).passes ? EXIT.ok : EXIT.fails;
  } catch (error) {
    return reportBadInput('simulate', error, io);
  }
};

interface SimulateOptions {
  policy: string;
  snapshot: string;
  at?: string;
  format: Format;
  extendsFrom?: string;
}

function parseOptions(args: string[]): SimulateOptions | 'help' {
  const { values, positionals } = parseStrictly('simulate', args, {
    policy: { type: 'string' },
    snapshot: { type: 'string' },
    at: { type: 'string' },
    format: { type: 'string' },
    'extends-from': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  rejectArguments(positionals, SIMULATE_USAGE);
  if (!values.policy || !values.snapshot) {
    throw new BadInput(`${!values.policy ? '--policy' : '--snapshot'} is required\n\n${SIMULATE_USAGE}`);
  }
  return {
    policy: values.policy,
    snapshot: values.snapshot,
    ...(values.at === undefined ? {} : { at: parseMoment(values.at) }),
    format: parseFormat(values.format),
    ...(values['extends-from'] === undefined ? {} : { extendsFrom: values['extends-from'] }),
  };
}

export function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new BadInput(`--format must be one of ${FORMATS.join(', ')}, got "${value}"`);
}

const MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** "2027-01-15" (midnight UTC) or a full ISO 8601 moment; anything else is refused rather than guessed. */
function parseMoment(value: string): string {
  const moment = MOMENT.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : undefined;
  // Date rolls 2027-02-30 over to 2 March; a day that does not exist is refused instead.
  const realDay = moment !== undefined && new Date(`${value.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === value.slice(0, 10);
  if (!moment || Number.isNaN(moment.getTime()) || !realDay) {
    throw new BadInput(`--at expects a date like 2027-01-15 or 2027-01-15T09:00:00Z, got "${value}"`);
  }
  return moment.toISOString();
}

/**
 * Reads the policy from disk. A policy it extends on GitHub is read by
 * `extended` when given; otherwise offline, and says so.
 */
export async function loadLocalPolicy(path: string, baseDir = process.cwd(), extended?: PolicyFileReader): Promise<LoadedPolicy> {
  const read: PolicyFileReader = async (ref) => {
    if (ref.repo !== null) {
      if (extended) return extended(ref);
      throw new Error(`${ref.repo}:${ref.path} is on GitHub; give a local copy with --extends-from <file>, or set GITHUB_TOKEN or GH_TOKEN to a token that can read it`);
    }
    const text = await readLocalFile(resolve(baseDir, ref.path), ref.path);
    return text === null ? null : { text };
  };
  return loadPolicy(path, read);
}

/** The snapshot, and its text for locating problems found later. */
async function readSnapshot(path: string): Promise<{ snapshot: Snapshot; text: string }> {
  const text = await readLocalFile(path, path);
  if (text === null) throw new BadInput(`${path}: no such snapshot file`);
  return { snapshot: parseSnapshot(text, path), text };
}

async function readLocalFile(absolute: string, shown: string): Promise<string | null> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new BadInput(`${shown}: cannot read the file (${code ?? String(error)})`);
  }
}

/** Months of delivered work the offline reports show, as an audit with `trend-months: 6` does. */
const OFFLINE_TREND_MONTHS = 6;

/** The months of closed work the offline reports judge: the trend's, or the bets' outcomes' when longer. */
export function offlineWindowMonths(policy: Policy): number {
  return Math.max(OFFLINE_TREND_MONTHS, outcomeMonths(policy, OFFLINE_TREND_MONTHS));
}

/**
 * What an audit of the snapshot would report, every section included: the
 * trend and the bets' outcomes are judged from the closed items it carries.
 */
export function offlineReport(options: { mode: RunMode; loaded: Pick<LoadedPolicy, 'policy' | 'sources'>; snapshot: Snapshot; at: string }): ReportInput {
  const { loaded, snapshot } = options;
  return buildReportInput({
    mode: options.mode,
    policy: loaded.policy,
    items: snapshot.items,
    now: options.at,
    policySources: loaded.sources,
    sourceName: snapshot.source.name,
    trendMonths: OFFLINE_TREND_MONTHS,
    outcomeMonths: outcomeMonths(loaded.policy, OFFLINE_TREND_MONTHS),
    ...snapshotExecution(snapshot),
  });
}

/**
 * The report in the chosen format. Colour only on a terminal, and never when
 * NO_COLOR is set; lines fit a terminal's width and are never cut in a pipe.
 */
export function render(input: ReportInput, format: Format, io: CliIo): string {
  if (format === 'markdown') return ensureNewline(renderMarkdownReport(input));
  if (format === 'json') {
    const { evaluation } = input;
    const execution = input.execution ? { execution: input.execution } : {};
    return `${JSON.stringify({ verdict: verdictOf(input), evaluation, findings: findingsOutput(evaluation), budgets: budgetsOutput(evaluation), ...execution }, null, 2)}\n`;
  }
  const terminal = io.stdout.isTTY === true;
  return renderTerminal(input, { color: terminal && !io.env['NO_COLOR'], ...(terminal ? { width: io.stdout.columns || 80 } : {}) });
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
