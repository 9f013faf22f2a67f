// The action against the local fake GitHub API: what users see on their
// issues, and what it costs in requests. Most runs go through run() in this
// process with writes unpaced; four run the built bundle (dist/index.js) the
// way a GitHub runner does, as smoke tests of what ships: an issue event, an
// audit, an ignored event and a broken policy.
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issuesEvent, otherEvent, scheduleEvent, workflowDispatchEvent } from './events.js';
import { dealRequest, dealRequestBody, healthyRoadmap, NON_COMPLIANT_LABEL, OVER_BUDGET_LABEL, POLICY_PATH, startExampleFake, stopFake, examplePolicy } from './fixtures.js';
import { runAction } from './run-action.js';
import { runInProcess } from './run-in-process.js';

/** A child process on a busy machine; its writes are unpaced (see run-action.ts). */
const SLOW = 120_000;
let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

function botComments(issueNumber: number) {
  return (fake?.comments(issueNumber) ?? []).filter((comment) => comment.author === WORKFLOW_BOT);
}

function reads(): number {
  return (fake?.count('graphql') ?? 0) + (fake?.count('rest-read') ?? 0);
}

describe('a deal request on the example roadmap', () => {
  async function openMissingBusinessCase(): Promise<FakeGitHub> {
    fake = await startExampleFake();
    fake.addIssue({ number: 60, ...dealRequest({ answers: { 'Who will buy it?': null } }) });
    return fake;
  }

  it('gets one comment and the business-case label, and a re-run writes nothing', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    const labelsBefore = github.labelsOf(60);
    const event = issuesEvent(github, { action: 'opened', number: 60 });

    const first = await runAction({ fake: github, event });
    expect(first.stderr).not.toMatch(/TypeError|ReferenceError/);
    const comments = botComments(60);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(COMMENT_MARKER);
    expect(comments[0]?.body).toContain('Who will buy it?');
    // Deal work is already over its 10% cap on the example data, so the
    // over-budget label joins the business-case label.
    expect(github.labelsOf(60).sort()).toEqual([...labelsBefore, NON_COMPLIANT_LABEL, OVER_BUDGET_LABEL].sort());
    expect(first.outputs.compliant).toBe('false');
    expect(first.outputs['over-budget']).toBe('true');
    const findings = JSON.parse(first.outputs.findings ?? '[]') as { kind: string; item: number | null }[];
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'missing-field', item: 60 }));
    expect(first.summary).not.toBe('');

    github.clearRequests();
    const second = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(github.writes).toEqual([]);
    expect(botComments(60)).toHaveLength(1);
    expect(second.exitCode).toBe(first.exitCode);
  });

  it('edits its comment in place once the body is fixed, and drops the business-case label', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    const [comment] = botComments(60);
    const bodyBefore = comment?.body;
    expect(bodyBefore).toContain('Who will buy it?');

    const issue = github.issue(60)!;
    issue.body = dealRequestBody();
    issue.updatedAt = '2026-11-21T09:00:00Z';
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'edited', number: 60 }) });

    const after = botComments(60);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(comment?.id);
    // Deal work is still over budget on the example data, so the comment stays,
    // now about the budget alone; the business-case label goes.
    // No longer to fix: listed once, as fixed since the last check.
    expect(after[0]?.body).not.toMatch(/### Still to fix[\s\S]*Who will buy it\?[\s\S]*### Fixed since/);
    expect(after[0]?.body).toContain('### Fixed since the last check\n- **Who will buy it?** is answered');
    expect(after[0]?.body).toMatch(/over budget/);
    expect(github.labelsOf(60)).not.toContain(NON_COMPLIANT_LABEL);
    expect(github.labelsOf(60)).toContain(OVER_BUDGET_LABEL);
  });

  it('resolves its comment and removes its labels when the issue is closed', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    const issue = github.issue(60)!;
    Object.assign(issue, { state: 'closed', stateReason: 'not_planned', closedAt: '2026-11-22T09:00:00Z', updatedAt: '2026-11-22T09:00:00Z' });

    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'closed', number: 60 }) });
    expect(botComments(60)).toHaveLength(1);
    expect(botComments(60)[0]?.body).toMatch(/resolved/i);
    expect(github.labelsOf(60)).not.toContain(NON_COMPLIANT_LABEL);
    expect(github.labelsOf(60)).not.toContain(OVER_BUDGET_LABEL);
  });

  it('lets the weekly audit tidy up an issue closed while no run saw it', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    Object.assign(github.issue(60)!, { state: 'closed', stateReason: 'completed', closedAt: '2026-11-22T09:00:00Z', updatedAt: '2026-11-22T09:00:00Z' });

    await runInProcess({ fake: github, event: scheduleEvent(github), inputs: { 'max-writes': '100' } });
    expect(botComments(60)).toHaveLength(1);
    expect(botComments(60)[0]?.body).toMatch(/resolved/i);
    expect(github.labelsOf(60)).not.toContain(NON_COMPLIANT_LABEL);
    expect(github.labelsOf(60)).not.toContain(OVER_BUDGET_LABEL);
  });

  it("keeps flagging a stale backlog item although its own comment and label touched it", { timeout: SLOW }, async () => {
    // Issue #1 is the oldest and goes first: the two label creations, then its comment and label.
    const writesForIssueOne = { 'max-writes': '4' };
    fake = await startExampleFake();
    await runInProcess({ fake, event: scheduleEvent(fake), inputs: writesForIssueOne });
    const [comment] = botComments(1);
    expect(comment?.body).toMatch(/not been updated in over 365 days/);
    expect(fake.labelsOf(1)).toContain(NON_COMPLIANT_LABEL);

    fake.clearRequests();
    await runInProcess({ fake, event: scheduleEvent(fake), inputs: writesForIssueOne });
    const touchingIssueOne = fake.writes.filter((w) => w.path.includes('/issues/1/') || w.path.endsWith(`/comments/${comment?.id}`));
    expect(touchingIssueOne).toEqual([]);
    expect(botComments(1)[0]?.body).toBe(comment?.body);
  });

  it('writes nothing in a dry run, and logs what it would have done', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    const result = await runInProcess({
      fake: github,
      event: issuesEvent(github, { action: 'opened', number: 60 }),
      inputs: { 'dry-run': 'true' },
    });
    expect(github.writes).toEqual([]);
    expect(result.stdout).toMatch(/\[dry-run\] would comment on #60/);
    expect(result.outputs.compliant).toBe('false');
    // The check is judged as for real: deal work over budget fails it, dry run or not.
    expect(result.exitCode).toBe(1);
  });

  it('does not take over a comment where someone pasted the marker', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    const pasted = github.addComment({ issueNumber: 60, author: 'mallory', body: `${COMMENT_MARKER}\nAll good here, nothing to see.` });

    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(github.comments(60).find((comment) => comment.id === pasted.id)?.body).toBe(pasted.body);
    expect(botComments(60)).toHaveLength(1);
    expect(botComments(60)[0]?.body).toContain('Who will buy it?');
  });

  it('turns a refused comment into instructions to grant issues: write', { timeout: SLOW }, async () => {
    const github = await openMissingBusinessCase();
    github.failOn({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 403, message: 'Resource not accessible by integration' });
    const result = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(result.exitCode).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/issues: write/);
    expect(result.outputs).toHaveProperty('compliant');
  });
});

describe('a deal request on a roadmap within budget', () => {
  it('gets exactly one comment and one label, and fixing the body resolves both', { timeout: SLOW }, async () => {
    fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'tidy' } });
    fake.seed({ files: { [POLICY_PATH]: await examplePolicy() }, issues: healthyRoadmap({ count: 100 }) });
    fake.addIssue({ number: 101, ...dealRequest({ answers: { 'Success metric': null } }) });
    const labelsBefore = fake.labelsOf(101);

    const opened = await runInProcess({ fake, event: issuesEvent(fake, { action: 'opened', number: 101 }) });
    expect(botComments(101)).toHaveLength(1);
    expect(fake.labelsOf(101)).toEqual([...labelsBefore, NON_COMPLIANT_LABEL]);
    expect(opened.outputs['over-budget']).toBe('false');
    // A missing answer warns; only the policy's fail-on kinds fail the check.
    expect(opened.exitCode).toBe(0);

    fake.clearRequests();
    await runInProcess({ fake, event: issuesEvent(fake, { action: 'opened', number: 101 }) });
    expect(fake.writes).toEqual([]);

    const [comment] = botComments(101);
    Object.assign(fake.issue(101)!, { body: dealRequestBody(), updatedAt: '2026-11-21T09:00:00Z' });
    await runInProcess({ fake, event: issuesEvent(fake, { action: 'edited', number: 101 }) });
    expect(botComments(101)).toHaveLength(1);
    expect(botComments(101)[0]?.id).toBe(comment?.id);
    expect(botComments(101)[0]?.body).toMatch(/resolved/i);
    expect(fake.labelsOf(101)).toEqual(labelsBefore);
  });
});

describe('runs that must not write', () => {
  it('stops on an invalid policy with a file:line:col message and no writes', { timeout: SLOW }, async () => {
    fake = await startExampleFake();
    fake.addIssue({ number: 60, ...dealRequest({ answers: { 'Who will buy it?': null } }) });
    const broken = (await examplePolicy()).replace('budget: { max-share: 10% }', 'budget: { max-share: ten percent }');
    fake.repository.files[POLICY_PATH] = broken;

    const result = await runAction({
      fake,
      event: issuesEvent(fake, { action: 'opened', number: 60 }),
      checkout: { [POLICY_PATH]: broken },
    });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message).join('\n')).toMatch(
      /\.github\/roadmap-policy\.yml:\d+:\d+ categories\.deal\.budget\.max-share/,
    );
    expect(fake.writes).toEqual([]);
  });

  it('ignores an event it does not handle with a notice, and succeeds', { timeout: SLOW }, async () => {
    fake = await startExampleFake();
    const result = await runAction({ fake, event: otherEvent(fake, 'star') });
    expect(result.exitCode).toBe(0);
    const notices = result.annotations.filter((annotation) => annotation.level === 'notice');
    expect(notices.map((notice) => notice.message).join('\n')).toMatch(/star/);
    expect(notices.map((notice) => notice.message).join('\n')).toMatch(/issues/);
    expect(fake.writes).toEqual([]);
  });

  it('ignores issues.milestoned about a pull request with a notice, and succeeds', { timeout: SLOW }, async () => {
    fake = await startExampleFake();
    fake.addIssue({ number: 70, title: 'Add bulk export', isPullRequest: true });
    const result = await runInProcess({ fake, event: issuesEvent(fake, { action: 'milestoned', number: 70 }) });
    expect(result.exitCode).toBe(0);
    expect(result.annotations.filter((annotation) => annotation.level === 'notice').map((notice) => notice.message)).toEqual([
      expect.stringMatching(/^#70 is a pull request, not an issue/),
    ]);
    expect(result.outputs.compliant).toBe('true');
    expect(fake.requests).toEqual([]);
  });

  it('stops at once with a clear message when the hourly rate limit is spent', { timeout: 30_000 }, async () => {
    fake = await startExampleFake();
    fake.setRateLimit('graphql', { remaining: 0 });
    fake.setRateLimit('core', { remaining: 0 });
    const started = Date.now();
    const result = await runInProcess({ fake, event: workflowDispatchEvent(fake) });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.exitCode).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/rate limit/i);
    expect(fake.writes).toEqual([]);
  });
});

describe('the cost of a run on a repository of 1,000 issues', () => {
  const PAGES = Math.ceil(1000 / 100);

  async function largeRepository(): Promise<FakeGitHub> {
    fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'big' } });
    fake.seed({ files: { [POLICY_PATH]: await examplePolicy() }, issues: healthyRoadmap({ count: 1000, nonCompliantDeals: 2 }) });
    return fake;
  }

  it(`audits in at most ${PAGES + 5} reads, and a repeated audit writes nothing`, { timeout: SLOW }, async () => {
    const github = await largeRepository();
    const first = await runInProcess({ fake: github, event: scheduleEvent(github), inputs: { 'max-writes': '1000' } });
    expect(reads()).toBeLessThanOrEqual(PAGES + 5);
    expect(botComments(25)).toHaveLength(1);
    expect(botComments(50)).toHaveLength(1);
    const requests = JSON.parse(first.outputs.requests ?? '{}') as Record<string, number>;
    expect(requests.graphql).toBe(github.count('graphql'));
    // Points as GitHub charged them: the sum of the fake's charges, at 2 points an audit page (see query-cost.test.ts),
    // within the target of twice the audit's request bound.
    expect(requests['graphql-points']).toBe(github.rateLimit('graphql').used);
    expect(requests['graphql-points']).toBeGreaterThanOrEqual(2 * PAGES);
    expect(requests['graphql-points']).toBeLessThanOrEqual(2 * (PAGES + 3));
    expect(first.stdout).toContain(`API requests: ${requests.graphql} GraphQL (${requests['graphql-points']} points)`);
    expect(first.summary).toContain(`${requests.graphql} GraphQL (${requests['graphql-points']} points)`);

    github.clearRequests();
    await runAction({ fake: github, event: workflowDispatchEvent(github), inputs: { 'max-writes': '1000' } });
    expect(github.writes).toEqual([]);
    expect(reads()).toBeLessThanOrEqual(PAGES + 5);
  });

  it(`checks one issue event in at most ${PAGES + 4} requests, and writes nothing when nothing changed`, { timeout: SLOW }, async () => {
    const github = await largeRepository();
    github.addIssue({ number: 1001, ...dealRequest({ labels: ['deal', 'customer:globex', 'size/S'] }) });
    const result = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'labeled', number: 1001, label: 'size/S' }) });
    expect(github.count('graphql')).toBeGreaterThan(0);
    // With one more for the open pull requests, whose merge gate status follows the issues.
    expect(github.requests.length).toBeLessThanOrEqual(PAGES + 4);
    expect(github.writes).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.compliant).toBe('true');
  });
});
