/**
 * What a run costs in API requests, the quota that matters: a workflow token
 * gets 1,000 requests per hour per repository. Runs the built action like the
 * runner does against the local GitHub API, at several repository sizes, and
 * prints the requests each kind of run makes.
 */
import { afterAll, expect, test } from 'vitest';
import { FakeGitHub } from '../test/fake-github/index.js';
import { issuesEvent, scheduleEvent } from '../test/e2e/events.js';
import { POLICY_PATH, dealRequest, examplePolicy, healthyRoadmap } from '../test/e2e/fixtures.js';
import { runAction } from '../test/e2e/run-action.js';

interface Cost {
  issues: number;
  run: string;
  graphql: number;
  restRead: number;
  writes: number;
}

const costs: Cost[] = [];

async function repository(count: number): Promise<FakeGitHub> {
  const fake = await FakeGitHub.start({ repository: { owner: 'acme', name: `roadmap-${count}` } });
  fake.seed({ files: { [POLICY_PATH]: await examplePolicy() }, issues: healthyRoadmap({ count, nonCompliantDeals: 2 }) });
  fake.addIssue({ number: count + 1, ...dealRequest({ labels: ['deal', 'customer:globex', 'size/S'] }) });
  return fake;
}

/** Runs once and records the requests it made. */
async function measure(fake: FakeGitHub, issues: number, run: string, start: () => Promise<unknown>): Promise<void> {
  fake.clearRequests();
  await start();
  costs.push({ issues, run, graphql: fake.count('graphql'), restRead: fake.count('rest-read'), writes: fake.writes.length });
}

for (const count of [100, 1000, 5000]) {
  test(`a repository of ${count} issues: first audit, repeated audit, issue event`, { timeout: 300_000 }, async () => {
    const fake = await repository(count);
    try {
      const audit = { 'max-writes': '1000' };
      await measure(fake, count, 'first audit', () => runAction({ fake, event: scheduleEvent(fake), inputs: audit }));
      await measure(fake, count, 'repeated audit', () => runAction({ fake, event: scheduleEvent(fake), inputs: audit }));
      const event = issuesEvent(fake, { action: 'labeled', number: count + 1, label: 'size/S' });
      await measure(fake, count, 'issue event, nothing changed', () => runAction({ fake, event }));
    } finally {
      await fake.stop();
    }
    const runs = costs.filter((c) => c.issues === count);
    // Reads grow with pages of 100 issues, never with issues one by one.
    for (const run of runs) expect(run.graphql + run.restRead).toBeLessThanOrEqual(Math.ceil((count + 1) / 100) + 5);
    expect(runs.slice(1).every((run) => run.writes === 0)).toBe(true);
  });
}

afterAll(() => {
  const rows = costs.map((c) => `| ${c.issues} | ${c.run} | ${c.graphql} | ${c.restRead} | ${c.writes} | ${Math.ceil(c.issues / 100)} |`);
  console.log(['', '| issues | run | GraphQL | REST reads | writes | ceil(N/100) |', '|---|---|---|---|---|---|', ...rows].join('\n'));
});
