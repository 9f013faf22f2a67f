// One deal request's whole life on a repository shaped like github.com today,
// run in-process against the fake GitHub: the bot's comment id is above 2^31
// (as every new comment id is), and the issue goes opened → edited → edited →
// closed. The comment must be found again and edited in place at every step.
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { examplePayload, issuesEvent } from './events.js';
import { dealRequest, dealRequestBody, healthyRoadmap, NON_COMPLIANT_LABEL, OVER_BUDGET_LABEL, POLICY_PATH, stopFake, examplePolicy } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

const BOT_COMMENT_ID = 3_500_000_001;
const NOW = new Date('2026-11-21T12:00:00Z');
let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

function botComments(github: FakeGitHub, issue: number) {
  return github.comments(issue).filter((comment) => comment.author === WORKFLOW_BOT);
}

/** The writes of the last run, as `METHOD path`. */
function writesOf(github: FakeGitHub): string[] {
  return github.writes.map((write) => `${write.method} ${decodeURIComponent(write.path)}`);
}

describe('a deal request from opened to closed, with a bot comment id above 2^31', () => {
  it('keeps one comment for life, edited in place, with the right labels at every step', async () => {
    const github = (fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'tidy' }, clock: () => '2026-11-21T10:00:00Z' }));
    // The managed labels exist already (an earlier run made them), so the first id handed out is the comment's.
    const labels = [{ name: NON_COMPLIANT_LABEL }, { name: OVER_BUDGET_LABEL }];
    github.seed({ files: { [POLICY_PATH]: await examplePolicy() }, labels, issues: healthyRoadmap({ count: 100 }) });
    github.addIssue({ number: 101, ...dealRequest({ answers: { 'Success metric': null } }) });
    github.continueIdsAt(BOT_COMMENT_ID);
    const labelsBefore = github.labelsOf(101);
    const step = async (action: string, change?: () => void) => {
      change?.();
      github.clearRequests();
      return runInProcess({ fake: github, event: issuesEvent(github, { action, number: 101 }), now: NOW });
    };
    const issue = github.issue(101)!;
    const path = `/repos/acme/tidy/issues/comments/${BOT_COMMENT_ID}`;

    // Opened without a success metric: a warning (only over-budget and forbidden labels fail this policy).
    const opened = await step('opened');
    expect(opened.exitCode).toBe(0);
    expect(botComments(github, 101).map((c) => c.id)).toEqual([BOT_COMMENT_ID]);
    expect(botComments(github, 101)[0]?.body).toContain(COMMENT_MARKER);
    expect(botComments(github, 101)[0]?.body).toContain('Success metric');
    expect(github.labelsOf(101)).toEqual([...labelsBefore, NON_COMPLIANT_LABEL]);

    // Edited: the metric is there now, but "Who will buy it?" is too thin. The findings change; the same comment says so.
    const edited = await step('edited', () => {
      issue.body = dealRequestBody({ 'Who will buy it?': 'Retailers' });
      issue.updatedAt = '2026-11-21T10:30:00Z';
    });
    expect(edited.exitCode).toBe(0);
    expect(writesOf(github)).toEqual([`PATCH ${path}`]);
    const afterEdit = botComments(github, 101);
    expect(afterEdit.map((c) => c.id)).toEqual([BOT_COMMENT_ID]);
    expect(afterEdit[0]?.body).toContain('Who will buy it?');
    // The metric is no longer to fix: it is listed once, as fixed.
    expect(afterEdit[0]?.body.split('### Fixed since the last check')[0]).not.toContain('Success metric');
    expect(afterEdit[0]?.body).toContain('### Fixed since the last check\n- **Success metric** is answered');
    expect(github.labelsOf(101)).toEqual([...labelsBefore, NON_COMPLIANT_LABEL]);

    // Edited again, complete: the comment becomes the resolved note and the label goes.
    const fixed = await step('edited', () => {
      issue.body = dealRequestBody();
      issue.updatedAt = '2026-11-21T11:00:00Z';
    });
    expect(fixed.exitCode).toBe(0);
    expect(writesOf(github)).toEqual([`PATCH ${path}`, `DELETE /repos/acme/tidy/issues/101/labels/${NON_COMPLIANT_LABEL}`]);
    expect(botComments(github, 101).map((c) => c.id)).toEqual([BOT_COMMENT_ID]);
    expect(botComments(github, 101)[0]?.body).toMatch(/resolved/i);
    expect(github.labelsOf(101)).toEqual(labelsBefore);

    // Closed as completed: the note already says resolved; nothing to write, nothing left behind.
    const closed = await step('closed', () => Object.assign(issue, { state: 'closed', stateReason: 'completed', closedAt: '2026-11-21T11:30:00Z', updatedAt: '2026-11-21T11:30:00Z' }));
    expect(closed.exitCode).toBe(0);
    expect(writesOf(github)).toEqual([]);
    expect(botComments(github, 101).map((c) => c.id)).toEqual([BOT_COMMENT_ID]);
    expect(botComments(github, 101)[0]?.body).toMatch(/resolved/i);
    expect(github.labelsOf(101)).not.toContain(NON_COMPLIANT_LABEL);
    expect(github.labelsOf(101)).not.toContain(OVER_BUDGET_LABEL);
    for (const result of [opened, edited, fixed, closed]) expect(result.outputs.compliant).toBe('true');
  });
});

describe('an answer filled in since the last check', () => {
  it('is listed as fixed, once, and a second identical run writes nothing', async () => {
    const github = (fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'tidy' }, clock: () => '2026-11-21T10:00:00Z' }));
    github.seed({ files: { [POLICY_PATH]: await examplePolicy() }, labels: [{ name: NON_COMPLIANT_LABEL }, { name: OVER_BUDGET_LABEL }], issues: healthyRoadmap({ count: 20 }) });
    github.addIssue({ number: 101, ...dealRequest({ answers: { 'Investment cap': null, 'Success metric': null } }) });
    const issue = github.issue(101)!;
    const run = async (action: string) => {
      github.clearRequests();
      return runInProcess({ fake: github, event: issuesEvent(github, { action, number: 101 }), now: NOW });
    };

    await run('opened');
    const first = botComments(github, 101)[0]!.body;
    expect(first).toContain('Fill in "Investment cap"');
    expect(first).not.toContain('Fixed since the last check');

    issue.body = dealRequestBody({ 'Success metric': null });
    issue.updatedAt = '2026-11-21T10:30:00Z';
    const edited = await run('edited');
    expect(edited.exitCode).toBe(0);
    const afterEdit = botComments(github, 101);
    expect(afterEdit).toHaveLength(1);
    const body = afterEdit[0]!.body;
    expect(body).toContain('### Fixed since the last check\n- **Investment cap** is answered\n');
    expect(body.match(/Investment cap/g)).toHaveLength(1);
    expect(body).toContain('Success metric');

    // The same event again, nothing changed: no write at all, and the comment still lists the fix.
    const again = await run('edited');
    expect(again.exitCode).toBe(0);
    expect(writesOf(github)).toEqual([]);
    expect(botComments(github, 101)[0]!.body).toBe(body);
  });
});

describe('an issues event about a pull request', () => {
  it('milestoned: ends green with a notice, no request and no write', async () => {
    const github = (fake = await FakeGitHub.start());
    github.addIssue({ number: 7, title: 'Add bulk export', isPullRequest: true });
    const event = issuesEvent(github, { action: 'milestoned', number: 7 });
    expect((event.payload.issue as { pull_request?: unknown }).pull_request).toBeTruthy();
    expect(examplePayload('issues', 'milestoned').issue).toHaveProperty('pull_request');

    const result = await runInProcess({ fake: github, event });
    expect(result.exitCode).toBe(0);
    expect(github.requests).toEqual([]);
    expect(github.writes).toEqual([]);
    expect(result.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
      '#7 is a pull request, not an issue: Roadmap Guard checks issues only, so there is nothing to do on "issues.milestoned" for it.',
    ]);
    expect(result.outputs.compliant).toBe('true');
    expect(JSON.parse(result.outputs.requests ?? '{}')).toMatchObject({ graphql: 0, write: 0 });
  });
});

describe("GitHub's size limits", () => {
  it('keeps the comment within the 65,536 characters the fake (like GitHub) accepts, whatever the issue holds', async () => {
    const github = (fake = await FakeGitHub.start({ clock: () => '2026-11-21T10:00:00Z' }));
    github.seed({ files: { [POLICY_PATH]: await examplePolicy() }, issues: healthyRoadmap({ count: 30 }) });
    const huge = '🚀 long answer '.repeat(6000);
    github.addIssue({ number: 31, ...dealRequest({ title: `Deal: ${'x'.repeat(70_000)}`, answers: { 'Who will buy it?': huge, 'Success metric': null } }) });

    const result = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 31 }), now: NOW });
    expect(result.exitCode).toBe(0);
    expect(github.requests.filter((request) => request.status === 422)).toEqual([]);
    const [comment] = botComments(github, 31);
    expect(Array.from(comment?.body ?? '').length).toBeGreaterThan(0);
    expect(Array.from(comment?.body ?? '').length).toBeLessThanOrEqual(65_536);
  });
});
