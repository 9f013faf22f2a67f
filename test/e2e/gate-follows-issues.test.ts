// The merge gate's required status follows the issues a pull request closes:
// issue events and audits judge the open pull requests again and set the
// `roadmap-guard/merge-gate` status on their head commits, with no push and
// no pull_request run. One scenario runs the built bundle; the rest run
// in-process.
import { afterEach, describe, expect, it } from 'vitest';
import { MERGE_GATE_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issueCommentEvent, issuesEvent, pullRequestEvent, pushEvent, scheduleEvent } from './events.js';
import { dealRequest, examplePolicy, healthyRoadmap, POLICY_PATH, stopFake } from './fixtures.js';
import { runAction } from './run-action.js';
import { runInProcess } from './run-in-process.js';

const SLOW = 120_000;
const CONTEXT = 'roadmap-guard/merge-gate';
let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/**
 * The example policy (deal work capped at 10%, approvers alice and
 * @acme/product-leads) over 46 points of planned work, 2 of them deal work.
 */
async function startRoadmap(policyExtra = ''): Promise<FakeGitHub> {
  fake = await FakeGitHub.start();
  fake.seed({ files: { [POLICY_PATH]: `${await examplePolicy()}${policyExtra}` }, issues: healthyRoadmap({ count: 50 }) });
  return fake;
}

/** Deal request #60: 8 points for Hooli, which takes deal work to 10 of 54 points (18.5%), over its cap. */
function addBigDeal(github: FakeGitHub) {
  return github.addIssue({ number: 60, ...dealRequest({ title: 'Deal: audit log for Hooli', labels: ['deal', 'customer:hooli'], answers: { Customer: 'Hooli', Estimate: '8' } }) });
}

function status(github: FakeGitHub, number: number) {
  return github.status(github.pullRequest(number)!.headSha, CONTEXT);
}

describe("the merge gate's status follows its issues, with no push", () => {
  it("an approver's exemption by command turns a blocked pull request's status green in the command's own run", { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    addBigDeal(github);
    github.addPullRequest({ number: 70, title: 'Audit log', closes: [60] });
    const gate = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(gate.exitCode).toBe(1);
    expect(status(github, 70)).toMatchObject({ state: 'failure', description: 'Blocked by #60 (over budget)' });

    github.clearRequests();
    const command = await runAction({
      fake: github,
      event: issueCommentEvent(github, { number: 60, author: 'alice', body: '/roadmap exempt Launch partner, signed before the policy existed' }),
      env: { GITHUB_RUN_ID: '4242' },
    });
    expect(command.stderr).toBe('');
    expect(github.labelsOf(60)).toContain('roadmap-exempt');
    expect(status(github, 70)).toMatchObject({
      state: 'success',
      description: '1 linked issue meets the roadmap policy',
      creator: WORKFLOW_BOT,
      targetUrl: 'https://github.com/acme/widgets/actions/runs/4242',
    });
    // No pull_request run: the pull request itself was not read through its own query, and nothing was pushed.
    expect(github.requests.some((request) => JSON.stringify(request.body).includes('RoadmapPullRequest('))).toBe(false);
    expect(github.pullRequest(70)!.headSha).toBe('b'.repeat(40));
  });

  it('a new deal request that pushes deal work over budget turns the open pull request closing a deal red, once', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    // Deal request #25 is within budget: the pull request that closes it passes.
    github.addPullRequest({ number: 70, title: 'Bulk export', closes: [25] });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(status(github, 70)).toMatchObject({ state: 'success' });

    addBigDeal(github);
    const opened = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(opened.exitCode).toBe(1);
    expect(status(github, 70)).toMatchObject({ state: 'failure', description: 'Blocked by #25 (over budget)' });
    expect(opened.stdout).toContain('Merge gate: 1 open pull request judged again; 1 status to update.');

    // The next event changes nothing: the status already says so, and is not written again.
    github.clearRequests();
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'edited', number: 60 }) });
    expect(github.writes.filter((request) => request.path.includes('/statuses/'))).toEqual([]);

    // Closing the big deal brings the budget back: the status turns green again.
    Object.assign(github.issue(60)!, { state: 'closed', stateReason: 'completed', closedAt: '2026-11-25T09:00:00Z', updatedAt: '2026-11-25T09:00:00Z' });
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'closed', number: 60 }) });
    expect(status(github, 70)).toMatchObject({ state: 'success' });
  });

  it("an audit sets the status of a fork's pull request, whose own run could not", { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    addBigDeal(github);
    github.addPullRequest({ number: 70, closes: [1] });
    github.addPullRequest({ number: 71, closes: [60], headRepository: 'mallory/widgets', headSha: 'd'.repeat(40) });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    const forked = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 71 }) });
    expect(forked.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/from a fork, whose workflow token cannot set the `roadmap-guard\/merge-gate` status/) });
    expect(status(github, 71)).toBeUndefined();

    await runInProcess({ fake: github, event: scheduleEvent(github), inputs: { 'dry-run': 'false' } });
    expect(status(github, 71)).toMatchObject({ state: 'failure', description: 'Blocked by #60 (over budget)' });
    expect(status(github, 70)).toMatchObject({ state: 'success' });
  });

  it('leaves pull requests alone in a repository that does not use the status', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, closes: [25] });
    addBigDeal(github);
    const opened = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(opened.exitCode).toBe(1);
    expect(github.writes.filter((request) => request.path.includes('/statuses/'))).toEqual([]);
    expect(opened.stdout).toContain('Merge gate: no open pull request carries the `roadmap-guard/merge-gate` status');
  });
});

describe('a merged policy change sets the status again at once', () => {
  it("the push of the policy to the default branch judges open pull requests under the new policy; a push elsewhere writes nothing", { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    addBigDeal(github);
    github.addPullRequest({ number: 70, title: 'Audit log', closes: [60] });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(status(github, 70)).toMatchObject({ state: 'failure', description: 'Blocked by #60 (over budget)' });

    // The policy change merges: deal work may take 30%, a customer all of it.
    const before = github.repository.files[POLICY_PATH]!;
    const after = before.replace('budget: { max-share: 10% }', 'budget: { max-share: 30% }').replace('max-share-of-category: 50%', 'max-share-of-category: 100%');
    expect(after).not.toBe(before);
    github.repository.files[POLICY_PATH] = after;

    // A push to another branch is not where the policy is read: a notice, and no write.
    github.clearRequests();
    const elsewhere = await runInProcess({ fake: github, event: pushEvent(github, { branch: 'try-policy' }), inputs: { 'dry-run': 'false' } });
    expect(elsewhere.exitCode).toBe(0);
    expect(elsewhere.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/"refs\/heads\/try-policy" is not the default branch/) });
    expect(github.writes).toEqual([]);
    expect(status(github, 70)).toMatchObject({ state: 'failure' });

    // The push to the default branch audits: the status follows the new policy, with no pull_request run.
    const pushed = await runInProcess({ fake: github, event: pushEvent(github), inputs: { 'dry-run': 'false' } });
    expect(pushed.exitCode).toBe(0);
    expect(status(github, 70)).toMatchObject({ state: 'success', description: '1 linked issue meets the roadmap policy' });
    expect(github.requests.some((request) => JSON.stringify(request.body).includes('RoadmapPullRequest('))).toBe(false);
  });

  it("a pull request opened before the policy change is judged under the base branch's policy as it is now, not at its base commit", { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    addBigDeal(github);
    github.addPullRequest({ number: 70, title: 'Audit log', closes: [60] });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(status(github, 70)).toMatchObject({ state: 'failure' });

    github.repository.files[POLICY_PATH] = github.repository.files[POLICY_PATH]!.replace('budget: { max-share: 10% }', 'budget: { max-share: 30% }').replace('max-share-of-category: 50%', 'max-share-of-category: 100%');
    // The payload's base.sha still names the commit the pull request was opened on, with the old policy.
    const pushed = pullRequestEvent(github, { action: 'synchronize', number: 70 });
    expect((pushed.payload.pull_request as { base: { sha: string } }).base.sha).toBe(github.pullRequest(70)!.baseSha);
    const gate = await runInProcess({ fake: github, event: pushed });
    expect(gate.exitCode).toBe(0);
    expect(status(github, 70)).toMatchObject({ state: 'success' });
  });
});

describe('a pull request whose issues GitHub will not all show', () => {
  it('is judged on the rest when an issue it closed was deleted, and the other pull requests as usual', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, closes: [1, 2] });
    github.addPullRequest({ number: 71, closes: [25], headSha: 'd'.repeat(40) });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 71 }) });
    expect(status(github, 70)).toMatchObject({ state: 'success', description: '2 linked issues meet the roadmap policy' });

    addBigDeal(github);
    // Issue #2 is deleted after the open pull requests were listed, before their issues are read: GitHub answers NOT_FOUND for its id.
    github.failOn({ path: '/graphql', status: 200, bodyMatches: /RoadmapLinkedIssues\(/, pass: true, times: 1, effect: () => (github.repository.issues = github.repository.issues.filter((issue) => issue.number !== 2)) });
    const opened = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(opened.annotations).not.toContainEqual(expect.objectContaining({ message: expect.stringMatching(/could not be read/) }));
    expect(opened.stdout).toContain('Pull request #70 was linked to #2, deleted since: a deleted issue cannot be closed');
    expect(status(github, 70)).toMatchObject({ state: 'success', description: '1 linked issue meets the roadmap policy' });
    expect(status(github, 71)).toMatchObject({ state: 'failure', description: 'Blocked by #25 (over budget)' });
  });

  it('fails the status of a pull request closing an issue the token may not read, never leaving it green', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addRepository({ owner: 'acme', name: 'secret', private: true, issues: [] });
    github.store.repository('acme', 'secret')!.issues.push({ ...github.issue(1)!, number: 5, nodeId: 'I_secret5' });
    github.addPullRequest({ number: 70, closes: [1], closesElsewhere: ['acme/secret#5'] });
    github.addPullRequest({ number: 71, closes: [25], headSha: 'd'.repeat(40) });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 71 }) });
    expect(status(github, 70)).toMatchObject({ state: 'success' });

    // A fine-grained token that reads this repository only: GitHub refuses the other repository's issue with FORBIDDEN.
    github.addToken('scoped-token', 'roadmap-bot', { repositories: ['acme/widgets'] });
    addBigDeal(github);
    const opened = await runInProcess({ fake: github, token: 'scoped-token', event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(opened.stdout).not.toContain('the token may not list pull requests');
    expect(status(github, 70)).toMatchObject({ state: 'failure', description: 'Not checked: GitHub would not show 1 closing reference (FORBIDDEN)' });
    expect(opened.annotations).toContainEqual({ level: 'warning', message: expect.stringMatching(/^Merge gate: pull request #70 closes issues GitHub would not show this token \(1 closing reference \(FORBIDDEN\)\)/) });
    expect(opened.summary).toContain('**Could not check, or undid:** Merge gate: pull request');
    expect(status(github, 71)).toMatchObject({ state: 'failure', description: 'Blocked by #25 (over budget)' });

    // The pull request's own run with that token: its status fails the same way, and so does the job.
    github.repository.statuses.length = 0;
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(status(github, 70)).toMatchObject({ state: 'success' });
    const own = await runInProcess({ fake: github, token: 'scoped-token', event: pullRequestEvent(github, { action: 'synchronize', number: 70 }) });
    expect(own.exitCode).toBe(1);
    expect(status(github, 70)).toMatchObject({ state: 'failure', description: 'Not checked: GitHub would not show 1 closing reference (FORBIDDEN)' });
    expect(own.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/^GitHub would not show 1 closing reference \(FORBIDDEN\), which pull request #70 closes: the merge gate cannot pass what it could not check/) });
  });
});

describe('an issue workflow whose token may not list pull requests', () => {
  it('checks its issue as before, and says in its log that the status was not kept current', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    addBigDeal(github);
    // GitHub's answer to a token without `pull-requests: read`: the field refused with FORBIDDEN (as public reports quote it, e.g. fpicalausa/remove-stale-branches#49).
    github.failOn({
      path: '/graphql',
      status: 200,
      bodyMatches: /RoadmapOpenPullRequests/,
      body: { data: { repository: { defaultBranchRef: { name: 'main' }, pullRequests: null } }, errors: [{ type: 'FORBIDDEN', path: ['repository', 'pullRequests'], message: 'Resource not accessible by integration' }] },
    });
    const opened = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    expect(opened.exitCode).toBe(1);
    expect(opened.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/Deal work is 18\.5% of planned work/) });
    expect(opened.stdout).toContain('Merge gate: the token may not list pull requests (`pull-requests: read`)');
    expect(github.comments(60).some((comment) => comment.author === WORKFLOW_BOT)).toBe(true);
  });
});

describe('a pull request into another branch than the default one', () => {
  it('closes no issue by keyword there, says why, and counts issues linked under Development', { timeout: SLOW }, async () => {
    const github = await startRoadmap('\npull-requests:\n  require-linked-issue: true\n');
    addBigDeal(github);
    github.addPullRequest({ number: 70, closes: [60], baseRef: 'develop' });
    const keywords = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(keywords.exitCode).toBe(1);
    expect(keywords.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/closes no issue.*It merges into develop, not main, where GitHub ignores closing keywords/) });
    const comment = github.comments(70).find((c) => c.body.includes(MERGE_GATE_MARKER));
    expect(comment?.body).toContain('This pull request merges into `develop`, not the default branch `main`');

    // Linked by hand in the sidebar, the issue counts whatever the base.
    github.pullRequest(70)!.linked = [60];
    const linked = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'edited', number: 70 }) });
    expect(linked.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/^The pull request closes 1 issue that does not meet the roadmap policy: #60 /) });
  });

  it('is gated by the closing keywords of its description with pull-requests.keywords-on-other-bases', { timeout: SLOW }, async () => {
    const github = await startRoadmap('\npull-requests:\n  keywords-on-other-bases: true\n');
    addBigDeal(github);
    github.addPullRequest({ number: 70, baseRef: 'release/2.1', body: 'Fixes #60, closes #71 and resolves other/repo#3' });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/^The pull request closes 1 issue that does not meet the roadmap policy: #60 /) });
    expect(result.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/names #71 after a closing keyword: no issue of this repository/) });
    expect(result.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/also closes other\/repo#3/) });
  });
});
