/**
 * `npm run bench`: what the built action costs on generated repositories of
 * 100, 1,000 and 10,000 open issues, served by the fake GitHub at 50 ms a
 * request. Runs dist/index.js in a child process like the runner, prints a
 * table and writes bench/results.json (the README's cost table comes from it:
 * `npm run readme`).
 *
 *   npm run bench            every size
 *   npm run bench -- 100     only the sizes given
 *   npm run bench -- board   only the board's runs (an audit, then an issue event), printed: bench/results.json is left as it is
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { workItemFromIssue } from '../src/github/work-items.js';
import { parsePolicy } from '../src/policy/normalize.js';
import { FakeGitHub, type FakeIssue, githubGraphqlSchema } from '../test/fake-github/index.js';
import { issuesEvent, otherEvent, pullRequestEvent, scheduleEvent } from '../test/e2e/events.js';
import { REPOSITORY_ROOT } from '../test/e2e/run-action.js';
import { generatedCycles, generatedIssues } from './generate.js';
import { measureBuiltRun, measureColdStart, measureEngine } from './measure.js';
import { type BenchResults, type ScenarioResult, resultsTable } from './results.js';
import { missedMemoryTargets } from './cost-table.js';
import { BOARD_ITEMS, measureBoardRuns } from './board.js';

const SIZES = [100, 1_000, 10_000];
/** The engine alone also judges a board's most: Projects v2 boards hold up to 50,000 items. */
const ENGINE_ONLY_SIZES = [BOARD_ITEMS];
const LATENCY_MS = 50;
const POLICY_FILE = 'examples/roadmap-policy.yml';
const POLICY_PATH = '.github/roadmap-policy.yml';
/** A compliant deal request in every generated repository, and one a person is about to break (see generate.ts). */
const UNCHANGED_DEAL = 20;
const EDITED_DEAL = 30;

function startFake(issues: number): Promise<FakeGitHub> {
  return FakeGitHub.start({ repository: { owner: 'acme', name: `roadmap-${issues}` }, latencyMs: LATENCY_MS });
}

/** Someone answers "No" to the deal's key question: a finding the issue event must comment on and label. */
function breakBusinessCase(fake: FakeGitHub, number: number): void {
  const issue = fake.issue(number) as FakeIssue;
  issue.body = (issue.body ?? '').replace('### Would we build this without this customer?\n\nYes', '### Would we build this without this customer?\n\nNo');
  issue.updatedAt = fake.store.clock();
}

/** The runs of one repository, in the order a repository lives them: audits until steady, then issue events. */
async function measureRepository(issues: number, policy: string, now: Date): Promise<ScenarioResult[]> {
  const fake = await startFake(issues);
  try {
    fake.seed({ files: { [POLICY_PATH]: policy }, issues: generatedIssues(issues, now) });
    const audit = (scenario: 'audit-first' | 'audit-catch-up' | 'audit-steady' | 'audit-execution', inputs: Record<string, string> = {}) =>
      measureBuiltRun({ issues, scenario, fake, event: scheduleEvent(fake), inputs });
    const results = [await audit('audit-first'), await audit('audit-catch-up', { 'max-writes': '100000' }), await audit('audit-steady')];
    const unchanged = issuesEvent(fake, { action: 'labeled', number: UNCHANGED_DEAL, label: 'size/S' });
    results.push(await measureBuiltRun({ issues, scenario: 'issue-unchanged', fake, event: unchanged }));
    breakBusinessCase(fake, EDITED_DEAL);
    results.push(await measureBuiltRun({ issues, scenario: 'issue-new-finding', fake, event: issuesEvent(fake, { action: 'edited', number: EDITED_DEAL }) }));
    // A pull request that closes the compliant deal: its first run reads the budgets from the audit's saved state and sets its status.
    const pullRequest = fake.addPullRequest({ title: 'Bulk export', closes: [UNCHANGED_DEAL] });
    results.push(await measureBuiltRun({ issues, scenario: 'merge-gate', fake, event: pullRequestEvent(fake, { action: 'opened', number: pullRequest.number }) }));
    // A pull request that loosens the deal budget: the preview judges today's issues from the same saved state.
    const loosening = fake.addPullRequest({ title: 'Loosen the deal budget', changes: { [POLICY_PATH]: policy.replace('budget: { max-share: 10% }', 'budget: { max-share: 25% }') } });
    results.push(await measureBuiltRun({ issues, scenario: 'policy-preview', fake, event: pullRequestEvent(fake, { action: 'opened', number: loosening.number }) }));
    // Then the repository gets its finished monthly milestones: the execution report reads their issues.
    const cycles = generatedCycles(issues, now);
    fake.seed({ issues: cycles.issues });
    fake.repository.milestones.push(...cycles.milestones);
    results.push(await audit('audit-execution'));
    return results;
  } finally {
    await fake.stop();
  }
}

async function coldStart(): Promise<ScenarioResult> {
  const fake = await startFake(0);
  try {
    return await measureColdStart(fake, otherEvent(fake, 'star'));
  } finally {
    await fake.stop();
  }
}

/** The engine over the same generated issues, as the action reads them. */
function engine(issues: number, policyText: string, now: Date): ScenarioResult {
  const items = generatedIssues(issues, now).map((issue) =>
    workItemFromIssue({
      number: issue.number!,
      title: issue.title!,
      url: `https://github.com/acme/roadmap/issues/${issue.number}`,
      state: 'open',
      labels: issue.labels!,
      author: issue.author!,
      createdAt: issue.createdAt!,
      updatedAt: issue.updatedAt!,
      closedAt: null,
      milestone: null,
      body: issue.body ?? null,
    }),
  );
  return measureEngine(parsePolicy(parse(policyText)), items, now.toISOString());
}

/** Bytes of every script the action can load: dist/*.js, the command line's dist/cli/ aside. */
export function bundleBytes(root: string): number {
  const dist = join(root, 'dist');
  return readdirSync(dist)
    .filter((name) => name.endsWith('.js'))
    .reduce((total, name) => total + statSync(join(dist, name)).size, 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `npm run bench -- board`: the board's runs alone, printed; a partial run never replaces bench/results.json. */
async function printBoardRuns(policy: string, now: Date): Promise<void> {
  githubGraphqlSchema();
  console.log(`Measuring an organization's board of ${BOARD_ITEMS.toLocaleString('en-US')} items…`);
  const scenarios = await measureBoardRuns({ policy, policyPath: POLICY_PATH, now, latencyMs: LATENCY_MS });
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', platform: process.platform, loadAverage: { start: round(loadavg()[0]!), end: round(loadavg()[0]!) } };
  console.log(`\n${resultsTable({ machine, latencyMs: LATENCY_MS, bundleBytes: 0, totalSeconds: 0, scenarios })}\n`);
  console.log(JSON.stringify(scenarios, null, 2));
}

async function main(): Promise<void> {
  const started = performance.now();
  // Other work on the machine stretches wall times: the one-minute load average, before and after, says how much there was.
  const loadAtStart = loadavg()[0]!;
  const boardOnly = process.argv.slice(2).includes('board');
  const requested = process.argv.slice(2).map(Number).filter((size) => size > 0);
  const sizes = requested.length ? requested : SIZES;
  const now = new Date();
  const policy = readFileSync(join(REPOSITORY_ROOT, POLICY_FILE), 'utf8');
  // The fake builds GitHub's schema on its first GraphQL request: a cost of the fake, not of the action, so paid up front.
  githubGraphqlSchema();
  if (boardOnly) return printBoardRuns(policy, now);
  const scenarios: ScenarioResult[] = [await coldStart()];
  for (const issues of sizes) {
    console.log(`Measuring a repository of ${issues.toLocaleString('en-US')} open issues…`);
    scenarios.push(engine(issues, policy, now), ...(await measureRepository(issues, policy, now)));
  }
  if (!requested.length) {
    scenarios.push(...ENGINE_ONLY_SIZES.map((issues) => engine(issues, policy, now)));
    console.log(`Measuring an organization's board of ${BOARD_ITEMS.toLocaleString('en-US')} items…`);
    scenarios.push(...(await measureBoardRuns({ policy, policyPath: POLICY_PATH, now, latencyMs: LATENCY_MS })));
  }
  const results: BenchResults = {
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: process.platform,
      loadAverage: { start: round(loadAtStart), end: round(loadavg()[0]!) },
    },
    latencyMs: LATENCY_MS,
    bundleBytes: bundleBytes(REPOSITORY_ROOT),
    totalSeconds: Math.round((performance.now() - started) / 1000),
    scenarios,
  };
  console.log(`\n${resultsTable(results)}\n`);
  console.log(`Bundle: ${(results.bundleBytes / 1_000_000).toFixed(2)} MB. ${LATENCY_MS} ms per request. Took ${results.totalSeconds} s.`);
  writeFileSync(join(REPOSITORY_ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Wrote bench/results.json');
  // Memory does not depend on the machine's load: a run over its target fails the benchmark.
  const missed = missedMemoryTargets(results);
  for (const line of missed) console.error(`Memory target missed: ${line}`);
  if (missed.length) process.exitCode = 1;
}

await main();
