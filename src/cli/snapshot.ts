/**
 * `roadmap-guard snapshot`: captures what an audit reads (the repository's
 * open issues, or the board's items when the policy or `--project` names a
 * board) as a snapshot file, so `simulate` can try a policy on real data.
 * Reads only; the file is written only where `--out` says (else stdout).
 */
import { stat, writeFile } from 'node:fs/promises';
import { boardItems, readPolicyBoard } from '../action/board-work.js';
import type { Milestone, Snapshot, WorkItem } from '../core/types.js';
import { MAX_EXECUTION_MONTHS } from '../core/execution.js';
import type { Forge, RepoRef } from '../ports/forge.js';
import { describeCounts } from '../ports/describe.js';
import type { MilestoneNode } from '../ports/reads.js';
import { windowStart } from '../core/trend.js';
import { offlineWindowMonths } from './simulate.js';
import { DEFAULT_POLICY_PATH, loadPolicy, type LoadedPolicy } from '../policy/load.js';
import { BadInput, type CliIo, type Command, EXIT, EXIT_CODES_HELP, parseStrictly, rejectArguments, reportBadInput } from './io.js';
import { plural } from '../core/wording.js';
import { loadLocalPolicy } from './simulate.js';

const SNAPSHOT_USAGE = `Usage: roadmap-guard snapshot --repo <owner/name> [--project <owner/number>] [--out <file>] [--policy <path>] [--api-url <url>]

Reads what an audit reads (the open issues, and the issues closed over the
months simulate's trend and bets' outcomes cover) and writes it as a snapshot
for \`simulate\`.
Reads only. The token comes from GITHUB_TOKEN or GH_TOKEN.

  --repo <owner/name>       the repository (its policy names the board fields to read)
  --project <owner/number>  read this Projects v2 board instead of the policy's work.project
  --out <file>              write the snapshot here (default: standard output)
  --policy <path>           the policy: a file on this machine when there is one at
                            that path (so data can be captured before the policy is
                            committed), otherwise the policy's path in the repository
                            (default: ${DEFAULT_POLICY_PATH} in the repository)
  --api-url <url>           GitHub Enterprise Server API, e.g. https://github.example.com/api/v3
  --help, -h                this text

${EXIT_CODES_HELP}
A failure to reach GitHub, or an answer that refuses the token, is one line
on stderr and exit 2: the snapshot could not be taken.
`;

const REPO = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/;
const PROJECT = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([1-9]\d{0,8})$/;

interface SnapshotOptions {
  repo: RepoRef;
  project?: { owner: string; number: number };
  out?: string;
  policyPath: string;
  /** `--policy` was given: a file at that path on this machine is read instead of the repository's. */
  policyGiven: boolean;
  apiUrl?: string;
}

export const snapshotCommand: Command = async (args, io) => {
  try {
    const options = parseOptions(args);
    if (options === 'help') {
      io.stdout.write(SNAPSHOT_USAGE);
      return EXIT.ok;
    }
    const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
    if (!token) throw new BadInput(`set GITHUB_TOKEN or GH_TOKEN to a token that can read ${options.repo.owner}/${options.repo.name} (Issues: read, Contents: read) and, for a board, the project (Projects: read)`);
    const forge = await io.connect({ token, warn: (message) => io.stderr.write(`${message}\n`), ...(options.apiUrl ? { apiUrl: options.apiUrl, graphqlUrl: graphqlUrlFor(options.apiUrl) } : {}) });
    const snapshot = await capture(forge, options, io);
    const json = `${JSON.stringify(snapshot, null, 2)}\n`;
    if (options.out) await writeFile(options.out, json, 'utf8');
    else io.stdout.write(json);
    return EXIT.ok;
  } catch (error) {
    return reportBadInput('snapshot', error, io);
  }
};

/** The policy: the file `--policy` names on this machine when there is one, otherwise the file in the repository. */
async function readSnapshotPolicy(forge: Forge, options: SnapshotOptions, io: CliIo): Promise<LoadedPolicy> {
  const local = options.policyGiven && (await stat(options.policyPath).then((file) => file.isFile(), () => false));
  if (local) io.stderr.write(`Policy: ${options.policyPath}, the file on this machine.\n`);
  return local ? loadLocalPolicy(options.policyPath, process.cwd(), forge.extendsReader()) : loadPolicy(options.policyPath, forge.policyReader({ repo: options.repo }));
}

async function capture(forge: Forge, options: SnapshotOptions, io: CliIo): Promise<Snapshot> {
  const takenAt = new Date();
  const loaded = await readSnapshotPolicy(forge, options, io);
  const board = options.project ?? loaded.policy.work.project;
  const progress = (items: number) =>
    io.stderr.write(`Read ${plural(items, 'item')}: ${describeCounts(forge.counts())}${forge.counts().rateLimitRemaining === undefined ? '' : `, rate limit left ${forge.counts().rateLimitRemaining}`}.\n`);
  let items: WorkItem[];
  let milestones: Milestone[] | undefined;
  if (board) {
    const boardPolicy: LoadedPolicy = { ...loaded, policy: { ...loaded.policy, work: { ...loaded.policy.work, project: { iterationField: loaded.policy.work.project?.iterationField, ...board } } } };
    const read = await readPolicyBoard(forge, { warning: (message) => io.stderr.write(`${message}\n`) }, boardPolicy);
    items = boardItems(read, options.repo, boardPolicy.policy, []).items;
  } else {
    const open = await forge.readIssues(options.repo, { states: ['OPEN'], withBody: true, withComments: false, withAssignees: true, withMilestones: loaded.policy.execution.cycles !== 'off' });
    // Closed work too, as an audit reads it: the trend and the bets' outcomes that simulate prints are judged from it.
    const closed = await forge.readIssues(options.repo, { states: ['CLOSED'], since: windowStart(takenAt, offlineWindowMonths(loaded.policy)), withBody: true, withComments: false });
    items = [...open.records, ...closed.records].map((record) => record.item);
    if (open.milestones) ({ items, milestones } = await withCycles(forge, { repo: options.repo, policy: loaded.policy, milestones: open.milestones, items }));
  }
  progress(items.length);
  return {
    version: 1,
    source: board ? { kind: 'project', name: `${board.owner}/${board.number}` } : { kind: 'repository', name: `${options.repo.owner}/${options.repo.name}` },
    takenAt: takenAt.toISOString(),
    items,
    ...(milestones ? { milestones } : {}),
  };
}

/** The open issues with the cycles' issues (closed ones included) and their milestone history: what simulate's execution report needs. */
async function withCycles(
  forge: Forge,
  options: { repo: RepoRef; policy: LoadedPolicy['policy']; milestones: { nodes: MilestoneNode[]; total: number }; items: WorkItem[] },
): Promise<{ items: WorkItem[]; milestones: Milestone[] }> {
  const longest: LoadedPolicy['policy'] = { ...options.policy, execution: { cycles: 'milestones', months: MAX_EXECUTION_MONTHS } };
  const cycles = await forge.readExecution(options.repo, { policy: longest, milestones: options.milestones, now: new Date(), withBody: true });
  const withHistory = new Map(cycles.items.map((item) => [item.number, item]));
  const open = new Set(options.items.map((item) => item.number));
  return {
    items: [...options.items.map((item) => withHistory.get(item.number) ?? item), ...cycles.items.filter((item) => !open.has(item.number))],
    milestones: cycles.milestones,
  };
}

function parseOptions(args: string[]): SnapshotOptions | 'help' {
  const { values, positionals } = parseStrictly('snapshot', args, {
    repo: { type: 'string' },
    project: { type: 'string' },
    out: { type: 'string' },
    policy: { type: 'string' },
    'api-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  rejectArguments(positionals, SNAPSHOT_USAGE);
  const repo = REPO.exec(values.repo ?? '');
  if (!repo) throw new BadInput(`--repo must be owner/name${values.repo ? `, got "${values.repo.slice(0, 140)}"` : ''}\n\n${SNAPSHOT_USAGE}`);
  const project = values.project === undefined ? undefined : PROJECT.exec(values.project);
  if (project === null) throw new BadInput(`--project must be owner/number, e.g. acme/7, got "${values.project!.slice(0, 140)}"`);
  return {
    repo: { owner: repo[1]!, name: repo[2]! },
    ...(project ? { project: { owner: project[1]!, number: Number(project[2]) } } : {}),
    ...(values.out ? { out: values.out } : {}),
    policyPath: values.policy ?? DEFAULT_POLICY_PATH,
    policyGiven: values.policy !== undefined,
    ...(values['api-url'] ? { apiUrl: values['api-url'] } : {}),
  };
}

/** GitHub Enterprise Server serves GraphQL at /api/graphql next to /api/v3. */
function graphqlUrlFor(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v3') ? `${trimmed.slice(0, -3)}graphql` : `${trimmed}/graphql`;
}
