/**
 * Issue events on a repository of 2,500 open issues, with the state an audit
 * saves in the runner's cache (served by the fake GitHub): an event in which
 * nothing changed costs the same few requests as at 100 issues, and after a
 * burst of edits every event still gives exactly what a full read gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, type FakeIssue } from '../fake-github/index.js';
import { issuesEvent, pullRequestEvent, scheduleEvent } from './events.js';
import { dealRequest, examplePolicy, healthyRoadmap, NON_COMPLIANT_LABEL, OVER_BUDGET_LABEL, POLICY_PATH, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';
import type { ActionResult } from './run-action.js';

// Enough pages that a full read costs 25 times an event's reads; the bench measures the same at 2,500.
const OPEN_ISSUES = 2_500;
let fake: FakeGitHub;
let env: Record<string, string>;
/** GitHub's clock (its `Date` header and the records' stamps) and the runs' clock: the scenario moves it on. */
let now = Date.parse('2026-12-01T09:00:00Z');
const minutesLater = (minutes: number) => (now += minutes * 60_000);

beforeAll(async () => {
  fake = await FakeGitHub.start({ clock: () => new Date(now).toISOString().replace(/\.\d+Z$/, 'Z') });
  fake.seed({ files: { [POLICY_PATH]: await examplePolicy() }, labels: [{ name: NON_COMPLIANT_LABEL }, { name: OVER_BUDGET_LABEL }], issues: healthyRoadmap({ count: OPEN_ISSUES }) });
  // What the runner gives a JavaScript action: the cache service's URL with a trailing slash, and its token.
  env = { ACTIONS_RESULTS_URL: fake.cacheUrl, ACTIONS_RUNTIME_TOKEN: fake.cache.runtimeToken, GITHUB_RUN_ID: '7001', GITHUB_RUN_ATTEMPT: '1' };
});
afterAll(() => stopFake(fake));

/** An issue event, with the saved state unless told otherwise; the requests it made. */
async function issueEvent(number: number, options: { action?: string; savedState?: boolean; dryRun?: boolean } = {}) {
  fake.clearRequests();
  const result = await runInProcess({
    fake,
    now: new Date(now),
    event: issuesEvent(fake, { action: options.action ?? 'edited', number }),
    env,
    inputs: { 'saved-state': String(options.savedState ?? true), 'dry-run': String(options.dryRun ?? false) },
  });
  return { result, requests: [...fake.requests] };
}

/** What a run concluded: its findings and budget figures, as its outputs give them. */
function verdict(result: ActionResult) {
  return { findings: JSON.parse(result.outputs.findings ?? '[]') as unknown[], budgets: JSON.parse(result.outputs.budgets ?? '[]') as unknown[] };
}

function stateLine(result: ActionResult): string {
  return result.stdout.split('\n').find((line) => line.startsWith('Saved state:')) ?? '';
}

/** An edit as GitHub makes it: the issue changes and its `updatedAt` moves to now. */
function edit(number: number, change: (issue: FakeIssue) => void): void {
  const issue = fake.issue(number)!;
  change(issue);
  issue.updatedAt = fake.store.clock();
}

/** The event with the saved state, then the same event reading every open issue (in dry run: it only reads); both must agree. */
async function expectSameAsFullRead(number: number, action = 'edited') {
  const withState = await issueEvent(number, { action });
  const fullRead = await issueEvent(number, { action, savedState: false, dryRun: true });
  expect(stateLine(fullRead.result)).toContain('turned off');
  expect(verdict(withState.result)).toEqual(verdict(fullRead.result));
  return withState;
}

describe('saved state on a repository of 2,500 open issues', { timeout: 180_000 }, () => {
  it('an audit saves it; an unchanged issue event then costs 6 requests, not 27, and budgets stay exact', async () => {
    const audit = await runInProcess({ fake, now: new Date(now), event: scheduleEvent(fake), env });
    expect(audit.exitCode).toBe(0);
    expect(stateLine(audit)).toMatch(/^Saved state: saved 2,500 open issues \(\d+ KB\)/);
    expect(fake.cache.entries.filter((entry) => entry.finalized)).toHaveLength(1);

    minutesLater(1);
    const { result, requests } = await expectSameAsFullRead(13);
    expect(stateLine(result)).toBe('Saved state: 2,500 open issues saved at 2026-12-01T09:00:00.000Z, 0 issues changed since; 2 cache requests.');
    // The policy file, the event's issue, the changes since the state (with GitHub's count of open issues), the cache lookup and the state's download, the open pull requests.
    expect(requests.map((request) => `${request.kind} ${request.route}`)).toEqual(['rest-read /repos/{owner}/{repo}/contents/{path}', 'graphql graphql', 'cache cache', 'cache cache', 'graphql graphql', 'graphql graphql']);
    expect(JSON.parse(result.outputs.requests ?? '{}')).toMatchObject({ graphql: 3, 'rest-read': 1, write: 0 });
    expect(verdict(result).budgets.length).toBeGreaterThan(0);
  });

  it("the merge gate on a pull request reads the budgets from the audit's state too: 5 requests and 5 points at most, not 25 of each", async () => {
    minutesLater(1);
    // Deal request #25 for Globex: a pull request that closes it.
    const pullRequest = fake.addPullRequest({ title: 'Bulk export', closes: [25] });
    fake.clearRequests();
    const result = await runInProcess({ fake, now: new Date(now), event: pullRequestEvent(fake, { action: 'opened', number: pullRequest.number }), env });
    expect(result.exitCode).toBe(0);
    expect(stateLine(result)).toMatch(/^Saved state: 2,500 open issues saved at .*, 0 issues changed since; 2 cache requests\.$/);
    // The pull request, its issue, the changes since the state, the base branch's policy, and its status; nothing saved.
    const requests = fake.requests.filter((request) => request.kind !== 'cache');
    expect(requests.map((request) => `${request.kind} ${request.route}`)).toEqual([
      'graphql graphql',
      'rest-read /repos/{owner}/{repo}/contents/{path}',
      'graphql graphql',
      'graphql graphql',
      'write /repos/{owner}/{repo}/statuses/{sha}',
    ]);
    const counts = JSON.parse(result.outputs.requests ?? '{}') as Record<string, number>;
    expect(counts['graphql-points']).toBeLessThanOrEqual(5);
    expect(fake.cache.entries.filter((entry) => entry.finalized)).toHaveLength(1);
    fake.repository.pullRequests = [];
  });

  it("the policy preview reads today's issues from the audit's state too: 5 reads at most, and the same preview as a full read", async () => {
    minutesLater(1);
    const changed = (await examplePolicy()).replace('budget: { max-share: 10% }', 'budget: { max-share: 25% }');
    const preview = async (savedState: boolean) => {
      const pullRequest = fake.addPullRequest({ title: 'Loosen the deal budget', changes: { [POLICY_PATH]: changed } });
      fake.clearRequests();
      const result = await runInProcess({ fake, now: new Date(now), event: pullRequestEvent(fake, { action: 'opened', number: pullRequest.number }), env, inputs: { 'saved-state': String(savedState), 'dry-run': 'true' } });
      const reads = fake.requests.filter((request) => request.kind !== 'cache' && request.kind !== 'write');
      fake.repository.pullRequests = [];
      // The preview's own text, without the pull request's number and the lines that say what the run cost.
      return { result, reads, preview: result.summary.split('\n').filter((line) => !/API requests|Writes:|^## Roadmap Guard: pull request/.test(line)).join('\n') };
    };
    const withState = await preview(true);
    expect(withState.result.stdout.split('\n').filter((line) => line.startsWith('Policy preview:'))).toEqual(['Policy preview: the change alters budgets, findings or fields for 2500 open issues.']);
    expect(stateLine(withState.result)).toMatch(/^Saved state: 2,500 open issues saved at .*, 0 issues changed since; 2 cache requests\.$/);
    // The pull request, the base branch's policy, the pull request's, and the changes since the state.
    expect(withState.reads.map((request) => `${request.kind} ${request.route}`)).toEqual([
      'graphql graphql',
      'rest-read /repos/{owner}/{repo}/contents/{path}',
      'rest-read /repos/{owner}/{repo}/contents/{path}',
      'graphql graphql',
    ]);
    const fullRead = await preview(false);
    expect(fullRead.reads.length).toBeGreaterThan(25);
    expect(withState.preview).toContain('| deal | 4.3% | ≤ 10% → ≤ 25% | within budget |');
    expect(withState.preview).toEqual(fullRead.preview);
  });

  it('after a burst of edits (labels, sizes, closing, a new deal request) events equal a full read, and a big delta is saved again', async () => {
    minutesLater(1);
    // 60 roadmap items become Initech deal work; one deal grows; two items close.
    const relabelled = Array.from({ length: 60 }, (_, index) => 103 + index * 10);
    for (const number of relabelled) edit(number, (issue) => (issue.labels = ['deal', 'customer:initech', 'size/M']));
    edit(201, (issue) => (issue.labels = ['roadmap', 'size/L']));
    edit(301, (issue) => Object.assign(issue, { state: 'closed', stateReason: 'completed', closedAt: fake.store.clock() }));
    edit(302, (issue) => Object.assign(issue, { state: 'closed', stateReason: 'not_planned', closedAt: fake.store.clock() }));
    const stamp = fake.store.clock();
    const bigDeal = fake.addIssue(dealRequest({ title: 'Deal: data residency for Globex', createdAt: stamp, updatedAt: stamp, answers: { Estimate: '900' } }));
    const saved = () => fake.cache.entries.filter((entry) => entry.finalized).length;
    const savedBefore = saved();

    minutesLater(1);
    const { result, requests } = await expectSameAsFullRead(bigDeal.number, 'opened');
    expect(stateLine(result)).toContain('64 issues changed since');
    // An event that changes a finding: the same 6 reads, plus its comment and label.
    expect(requests.filter((request) => request.kind !== 'write')).toHaveLength(6);
    expect(requests.filter((request) => request.kind === 'write').map((request) => `${request.method} ${request.route}`)).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    ]);
    expect(verdict(result).findings).toContainEqual(expect.objectContaining({ kind: 'over-budget', category: 'deal' }));
    // Changes this recent would be read again after a save anyway (the margin): no new cache entry yet.
    expect(saved()).toBe(savedBefore);

    // Ten minutes on, the same changes are settled: the event saves the merged state, and the next one reads only what came after.
    minutesLater(10);
    const settled = await issueEvent(relabelled[3]!);
    expect(stateLine(settled.result)).toMatch(/, 6\d issues changed since/);
    expect(saved()).toBe(savedBefore + 1);
    minutesLater(1);
    const later = await issueEvent(relabelled[4]!);
    expect(stateLine(later.result)).toMatch(/, [0-9] issues? changed since; 2 cache requests\.$/);

    // The budgets of an audit at this moment (in dry run, so it changes nothing) are the events' budgets.
    const audit = await runInProcess({ fake, now: new Date(now), event: scheduleEvent(fake), env, inputs: { 'dry-run': 'true' } });
    expect(verdict(audit).budgets).toEqual(verdict(later.result).budgets);
  });

  it('an issue that left without a trace (deleted or transferred) makes the event read everything, and save the state again', async () => {
    minutesLater(1);
    const transferred = fake.repository.issues.findIndex((issue) => issue.number === 401);
    fake.repository.issues.splice(transferred, 1);
    const entriesBefore = fake.cache.entries.length;

    const { result, requests } = await issueEvent(13);
    expect(stateLine(result)).toMatch(/not used, GitHub counts \d+ open issues where the state and the changes since make \d+ \(an issue was deleted or transferred\); reading every open issue\.$/);
    expect(requests.filter((request) => request.kind === 'graphql').length).toBeGreaterThan(25);
    expect(fake.cache.entries.filter((entry) => entry.finalized)).toHaveLength(entriesBefore + 1);

    // The state saved by that full read is used again (the events above proved such a state exact).
    minutesLater(1);
    const next = await issueEvent(13);
    expect(stateLine(next.result)).toMatch(/issues? changed since; 2 cache requests\.$/);
    expect(next.requests).toHaveLength(6);
  });
});
