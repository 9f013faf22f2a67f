// The execution report end to end: the fixture's three finished sprints
// seeded into the fake GitHub as milestones and issue timelines, read by a
// scheduled audit, and reported with exactly the hand count.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionReport } from '../../src/core/execution.js';
import { runCli } from '../cli/helpers.js';
import { DEFAULT_TOKEN, FakeGitHub, type FakeIssueEvent } from '../fake-github/index.js';
import { scheduleEvent } from './events.js';
import { examplePolicy, fakeMilestones, fakeTimelineEvent, POLICY_PATH, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';
import { runAction } from './run-action.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { executionParts } from '../../src/report/execution.js';
import { foldedSection } from '../../src/report/section.js';
import { EXECUTION_MILESTONES, EXECUTION_NOW, executionItems } from '../execution-fixture.js';
import { examplePolicy as parsedExamplePolicy } from '../fixtures.js';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** The fixture repository, with `policy` as its policy file and `more` open issues besides. */
async function sprints(policy: string): Promise<FakeGitHub> {
  fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'app' }, clock: () => EXECUTION_NOW });
  fake.seed({
    files: { [POLICY_PATH]: policy },
    issues: executionItems().map((item) => ({
      number: item.number,
      title: item.title,
      labels: item.labels,
      state: item.state,
      stateReason: item.closedAs === 'not-planned' ? 'not_planned' : (item.closedAs ?? null),
      closedAt: item.closedAt,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      milestone: item.milestone,
      timeline: item.timeline!.map((event) => fakeTimelineEvent(event)),
    })),
  });
  fake.repository.milestones.push(...fakeMilestones(EXECUTION_MILESTONES));
  return fake;
}

/** The section as the job summary folds it. */
const expectedSection = (options: { now?: string; months?: number } = {}) =>
  foldedSection(executionParts(
    buildReportInput({
      mode: 'audit', policy: parsedExamplePolicy(options.months ? { execution: { months: options.months } } : {}), items: [], now: options.now ?? EXECUTION_NOW, policySources: [], sourceName: 'acme/app',
      execution: { milestones: EXECUTION_MILESTONES, items: executionItems() },
    }).execution,
    'points',
  )!);

const cycleReads = (github: FakeGitHub) => github.requests.filter((request) => request.route === 'graphql' && JSON.stringify(request.body).includes('RoadmapCycleItems'));

describe('the execution report in an audit', () => {
  it('reports the hand count of each finished sprint, reading each sprint and the next one in one request', async () => {
    const github = await sprints(await examplePolicy());
    const result = await runInProcess({ fake: github, event: scheduleEvent(github), now: new Date(EXECUTION_NOW) });
    expect(result.stdout).not.toContain("::error");
    expect(result.summary).toContain(expectedSection());
    // Sprints 1–3 and Sprint 4, where carried-over work went: one page of 50 each; the milestone list came with the first page of open issues.
    expect(cycleReads(github)).toHaveLength(4);
    const graphql = github.requests.filter((request) => request.route === 'graphql').length;
    // ceil(open issues / 100) + 2 (closed issues carrying each managed label) + 4 milestones read + the open pull requests, whose merge gate status follows the issues.
    expect(graphql).toBe(1 + 2 + 4 + 1);
  });

  it('captures the same in a snapshot, and simulate on it reports what the audit reported', async () => {
    const github = await sprints(await examplePolicy());
    const audit = await runInProcess({ fake: github, event: scheduleEvent(github), now: new Date(EXECUTION_NOW) });
    const dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-execution-'));
    try {
      // A snapshot reads the cycles of the longest window a policy can ask for, so simulate can look back at any moment of it.
      const captured = await runCli(['snapshot', '--repo', 'acme/app', '--out', join(dir, 'snapshot.json'), '--api-url', github.url], { env: { GITHUB_TOKEN: DEFAULT_TOKEN } });
      expect(captured.code).toBe(0);
      await writeFile(join(dir, 'policy.yml'), await examplePolicy());
      const markdown = await runCli(['simulate', '--policy', join(dir, 'policy.yml'), '--snapshot', join(dir, 'snapshot.json'), '--at', EXECUTION_NOW, '--format', 'markdown']);
      expect(markdown.stdout).toContain(expectedSection());
      expect(audit.summary).toContain(expectedSection());
      const json = await runCli(['simulate', '--policy', join(dir, 'policy.yml'), '--snapshot', join(dir, 'snapshot.json'), '--at', EXECUTION_NOW, '--format', 'json']);
      expect((JSON.parse(json.stdout) as { execution: ExecutionReport }).execution.cycles.map((cycle) => [cycle.title, cycle.sayDo])).toEqual([
        ['Sprint 1', { items: 1 / 4, points: 3 / 15 }],
        ['Sprint 2', { items: 2 / 3, points: 11 / 14 }],
        ['Sprint 3', { items: 2 / 4, points: 6 / 8 }],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the built action reports the same', { timeout: 60_000 }, async () => {
    // The built action runs on the real clock: a 24-month window keeps the sprints of 2026 in it until 2028.
    const github = await sprints(`${await examplePolicy()}\nexecution:\n  months: 24\n`);
    const result = await runAction({ fake: github, event: scheduleEvent(github) });
    expect(result.stderr).toBe('');
    expect(result.summary).toContain(expectedSection({ now: new Date().toISOString(), months: 24 }));
  });

  it('names an issue whose history is longer than one read gives', async () => {
    const github = await sprints(await examplePolicy());
    const churn = Array.from({ length: 50 }, (_, index): FakeIssueEvent[] => {
      const at = new Date(Date.parse('2026-07-02T00:00:00Z') + index * 60_000).toISOString();
      return [{ type: 'DemilestonedEvent', createdAt: at, actor: 'pm-paula', milestoneTitle: 'Sprint 1' }, { type: 'MilestonedEvent', createdAt: at, actor: 'pm-paula', milestoneTitle: 'Sprint 1' }];
    });
    const issue = github.issue(1)!;
    issue.timeline = [issue.timeline![0]!, ...churn.flat(), ...issue.timeline!.slice(1)];
    const result = await runInProcess({ fake: github, event: scheduleEvent(github), now: new Date(EXECUTION_NOW) });
    expect(result.summary).toContain('_Only the first 100 milestone and closing events of 1 issue were read (#1): their cycles\' figures may be off._');
  });

  it('reads nothing for it when the policy turns it off', async () => {
    const policy = `${await examplePolicy()}\nexecution:\n  cycles: off\n`;
    const github = await sprints(policy);
    const result = await runInProcess({ fake: github, event: scheduleEvent(github), now: new Date(EXECUTION_NOW) });
    expect(result.summary).not.toContain('Roadmap execution');
    expect(cycleReads(github)).toHaveLength(0);
    expect(github.requests.some((request) => JSON.stringify(request.body).includes('"withMilestones":true'))).toBe(false);
  });
});
