// What the bot remembers in its comment (the Decisions trail, the hidden
// state) survives runs that raced and left several comments: the clean-up
// merges what every copy holds into the one it keeps before removing the rest.
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { readTrail, trailData, type TrailEntry } from '../../src/memory/trail.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issuesEvent, workflowDispatchEvent } from './events.js';
import { COMMANDS_POLICY, POLICY_PATH, dealRequest, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const GRANT: TrailEntry = { at: '2026-11-20T11:59:00.000Z', actor: 'lead-lena', action: 'exempt', reason: 'Launch partner, signed before the policy existed' };

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

function botComments(github: FakeGitHub, issue: number) {
  return github.comments(issue).filter((comment) => comment.author === WORKFLOW_BOT && comment.body.includes(COMMENT_MARKER));
}

/**
 * What three runs that started together on a new issue leave: the `opened`
 * run's comment first (no trail), then the comment of the run that answered
 * an approver's `/roadmap exempt`, the only one holding the grant, and the
 * label that run added.
 */
async function racedGrant(): Promise<FakeGitHub> {
  fake = await FakeGitHub.start();
  fake.seed({ files: { [POLICY_PATH]: COMMANDS_POLICY }, issues: [{ number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) }] });
  await runInProcess({ fake, event: issuesEvent(fake, { action: 'opened', number: 1 }), now: NOW });
  expect(botComments(fake, 1)).toHaveLength(1);
  fake.labelAddedBy(1, 'roadmap-exempt', WORKFLOW_BOT, GRANT.at);
  fake.addComment({ issueNumber: 1, author: WORKFLOW_BOT, body: `${COMMENT_MARKER}\n**Reply to \`lead-lena\`**: Exception granted.\n\n### Decisions\n${trailData([GRANT])}\n` });
  return fake;
}

describe('consolidating the bot comments that runs which raced left', () => {
  it('keeps the oldest comment, moves the grant recorded in a newer copy into it, then deletes the copy', async () => {
    const github = await racedGrant();
    const [oldest] = botComments(github, 1);
    const result = await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: NOW });
    const left = botComments(github, 1);
    expect(left.map((comment) => comment.id)).toEqual([oldest!.id]);
    expect(readTrail(left[0]!.body)).toEqual([GRANT]);
    expect(left[0]!.body).toContain('### Decisions');
    // The grant still stands behind the label, so the issue stays exempt.
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(result.summary).toContain('`roadmap-exempt` is on 1 open item');
    // The edit that carries the grant went out before the deletion.
    const commentWrites = github.writes.filter((write) => write.path.includes('/issues/comments/')).map((write) => write.method);
    expect(commentWrites).toEqual(['PATCH', 'DELETE']);
  });

  it('does not delete the copy when the edit that would take over its record fails', async () => {
    const github = await racedGrant();
    const [oldest, copy] = botComments(github, 1);
    github.failOn({ method: 'PATCH', path: `/repos/acme/widgets/issues/comments/${oldest!.id}`, status: 422, message: 'Validation Failed' });
    const result = await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: NOW });
    expect(botComments(github, 1).map((comment) => comment.id)).toEqual([oldest!.id, copy!.id]);
    expect(result.stdout).toMatch(/Did not delete a duplicate of the bot's comment on #1/);

    // GitHub is well again: the next run converges on one comment that holds the grant.
    github.clearFailures();
    await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: NOW });
    expect(botComments(github, 1).map((comment) => readTrail(comment.body))).toEqual([[GRANT]]);
  });
});

describe('a new token identity', () => {
  const APP = 'roadmap-guard[bot]';

  /** A person closes the issue, as GitHub records it. */
  function closeByHand(github: FakeGitHub): void {
    Object.assign(github.issue(1)!, { state: 'closed', stateReason: 'completed', closedAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
  }

  /** An issue the bot commented on and granted an exception on as the workflow token, before the workflow moved to an App token. */
  async function underOldIdentity(): Promise<FakeGitHub> {
    fake = await FakeGitHub.start({ tokens: { 'fake-token': WORKFLOW_BOT, 'app-token': APP } });
    fake.seed({ files: { [POLICY_PATH]: COMMANDS_POLICY }, issues: [{ number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) }] });
    await runInProcess({ fake, event: issuesEvent(fake, { action: 'opened', number: 1 }), now: NOW });
    fake.labelAddedBy(1, 'roadmap-exempt', WORKFLOW_BOT, GRANT.at);
    const [comment] = botComments(fake, 1);
    comment!.body = comment!.body.replace(COMMENT_MARKER, `${COMMENT_MARKER}\n\n### Decisions\n${trailData([GRANT])}`);
    return fake;
  }

  it('adopts the comments of the login named in previous-bot-logins: one comment, the trail carried over, the grant still in force', async () => {
    const github = await underOldIdentity();
    const inputs = { 'previous-bot-logins': WORKFLOW_BOT };
    await runInProcess({ fake: github, token: 'app-token', inputs, event: workflowDispatchEvent(github), now: NOW });
    const marked = github.comments(1).filter((comment) => comment.body.includes(COMMENT_MARKER));
    expect(marked.map((comment) => comment.author)).toEqual([APP]);
    expect(readTrail(marked[0]!.body)).toEqual([GRANT]);
    // The label the old identity put on for that grant is the bot's own: it stays.
    expect(github.labelsOf(1)).toContain('roadmap-exempt');

    // Converged: the next run writes nothing.
    github.clearRequests();
    await runInProcess({ fake: github, token: 'app-token', inputs, event: workflowDispatchEvent(github), now: NOW });
    expect(github.writes).toEqual([]);
  });

  // A 502 says nothing of whether the create was applied (github/create-once.ts; the fake's `landed` rule serves both cases):
  // the earlier identity's comment is not the answer to whether the new identity's comment landed.
  it('keeps the trail when the comment that adopts the earlier one answers 502 and did not land', async () => {
    const github = await underOldIdentity();
    const [earlier] = botComments(github, 1);
    closeByHand(github);
    github.clearRequests();
    github.failOn({ method: 'POST', path: '/repos/acme/widgets/issues/1/comments', status: 502, times: 1 });
    const result = await runInProcess({ fake: github, token: 'app-token', inputs: { 'previous-bot-logins': WORKFLOW_BOT }, event: issuesEvent(github, { action: 'closed', number: 1 }), now: NOW });
    const marked = github.comments(1).filter((comment) => comment.body.includes(COMMENT_MARKER));
    expect(marked.map((comment) => comment.author)).toEqual([APP]);
    expect(readTrail(marked[0]!.body)).toEqual([GRANT]);
    expect(marked[0]!.id).not.toBe(earlier!.id);
    // The create was sent again once the read showed no comment of the new identity's.
    expect(github.writes.filter((write) => write.method === 'POST' && write.path.endsWith('/issues/1/comments')).map((write) => write.status)).toEqual([502, 201]);
    expect(result.exitCode).toBe(0);
  });

  it('posts the adopting comment once when its create answers 502 but landed', async () => {
    const github = await underOldIdentity();
    closeByHand(github);
    github.failOn({ method: 'POST', path: '/repos/acme/widgets/issues/1/comments', status: 502, times: 1, landed: true });
    await runInProcess({ fake: github, token: 'app-token', inputs: { 'previous-bot-logins': WORKFLOW_BOT }, event: issuesEvent(github, { action: 'closed', number: 1 }), now: NOW });
    const marked = github.comments(1).filter((comment) => comment.body.includes(COMMENT_MARKER));
    expect(marked.map((comment) => comment.author)).toEqual([APP]);
    expect(readTrail(marked[0]!.body)).toEqual([GRANT]);
  });

  it('never adopts a marked comment of any other login', async () => {
    const github = await underOldIdentity();
    github.addComment({ issueNumber: 1, author: 'mallory', body: `${COMMENT_MARKER}\n${trailData([{ ...GRANT, actor: 'mallory' }])}` });
    await runInProcess({ fake: github, token: 'app-token', inputs: { 'previous-bot-logins': WORKFLOW_BOT }, event: workflowDispatchEvent(github), now: NOW });
    const [ours] = github.comments(1).filter((comment) => comment.author === APP);
    expect(readTrail(ours!.body).map((entry) => entry.actor)).toEqual(['lead-lena']);
    expect(github.comments(1).some((comment) => comment.author === 'mallory')).toBe(true);
  });
});
