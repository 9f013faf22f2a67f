// /roadmap commands from GitHub's issue_comment payloads: the built action
// (dist/index.js, run like a runner runs it) wires the command path end to
// end, spacing its writes as on github.com, and a plain comment costs nothing
// (in-process: no pacing to wait on).
import { afterEach, describe, expect, it } from 'vitest';
import { readTrail } from '../../src/memory/trail.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issueCommentEvent } from './events.js';
import { COMMANDS_POLICY, POLICY_PATH, dealRequest, stopFake } from './fixtures.js';
import { runAction } from './run-action.js';
import { runInProcess } from './run-in-process.js';

const SLOW = 120_000;
let fake: FakeGitHub | undefined;
afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

async function repository(): Promise<FakeGitHub> {
  fake = await FakeGitHub.start();
  fake.seed({ files: { [POLICY_PATH]: COMMANDS_POLICY }, issues: [{ number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) }, { number: 2, title: 'Roadmap: SSO', labels: ['roadmap'] }] });
  return fake;
}

describe('the built action on issue_comment', () => {
  it('grants an exception for an approver and passes the check, its writes a second apart', { timeout: SLOW }, async () => {
    const github = await repository();
    // When each write reaches GitHub: the bundle paces them as on github.com, at least a second apart (src/github/pacing.ts).
    const arrivals: number[] = [];
    github.failOn({ method: 'POST', path: /\/(comments|labels|reactions)$/, status: 200, pass: true, effect: () => arrivals.push(Date.now()) });
    const result = await runAction({
      fake: github,
      event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner, signed before the policy existed' }),
      pacedWrites: true,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    const bot = github.comments(1).filter((comment) => comment.author === WORKFLOW_BOT);
    expect(bot).toHaveLength(1);
    expect(readTrail(bot[0]?.body).map((entry) => [entry.action, entry.actor])).toEqual([['exempt', 'lead-lena']]);
    const command = github.comments(1).find((comment) => comment.author === 'lead-lena')!;
    expect(github.reactionsOn(command.id)).toEqual([{ content: '+1', user: WORKFLOW_BOT }]);
    // What a command costs: the issue, the budget read, the open pull requests, the policy file; then the comment that records the grant, the label it stands behind, the reaction.
    expect([github.count('graphql'), github.count('rest-read'), github.writes.map((w) => `${w.method} ${w.route}`)]).toEqual([
      3,
      1,
      ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', 'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions'],
    ]);
    // Measured where the writes arrive, so one write's delay in transit on a busy machine shortens a gap a little; unpaced, they come milliseconds apart.
    expect(arrivals).toHaveLength(3);
    for (const [index, at] of arrivals.slice(1).entries()) expect(at - arrivals[index]!).toBeGreaterThanOrEqual(600);
  });

  it('ends at once on a plain comment: zero API requests', { timeout: SLOW }, async () => {
    const github = await repository();
    const result = await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: 'Thanks! /roadmap exempt would be nice' }) });
    expect(result.exitCode).toBe(0);
    expect(github.requests).toEqual([]);
    expect(result.annotations).toEqual([{ level: 'notice', message: 'The comment is not a /roadmap command; nothing to do.' }]);
  });
});
