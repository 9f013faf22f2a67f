// Every exception's record can be rebuilt: the bot's comment is a view of it.
// A maintainer deletes that comment on an exempt issue; the next audit rebuilds
// the Decisions trail from the facts GitHub keeps (the approver's command
// comment, the bot's 👍 on it, the label event by the bot), and the expiry
// still applies. With the command comment deleted too, nothing proves the
// grant: the label goes and the issue fails like any other.
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { readTrail, trailData } from '../../src/memory/trail.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issueCommentEvent, issuesEvent, workflowDispatchEvent } from './events.js';
import { COMMANDS_POLICY, POLICY_PATH, dealRequest, stopFake } from './fixtures.js';
import { runAction } from './run-action.js';
import { runInProcess } from './run-in-process.js';

const POLICY = COMMANDS_POLICY.replace('  max-open: 1\n', '  max-open: 1\n  expires-after-days: 30\n');
const REASON = 'Launch partner, signed before the policy existed';
const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');
/** Planned work beside the deal, so the deal budget holds and only the business case fails. */
const PLATFORM_WORK = [{ number: 2, title: 'Roadmap: SSO', labels: ['roadmap'] }];

let fake: FakeGitHub | undefined;
let clock = T0;
afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** The fake's clock and the run's, `days` after the grant. */
function at(days: number): Date {
  clock = T0 + days * DAY_MS;
  return new Date(clock);
}

function botComments(github: FakeGitHub, issue: number) {
  return github.comments(issue).filter((comment) => comment.author === WORKFLOW_BOT && comment.body.includes(COMMENT_MARKER));
}

/** An approver's `/roadmap exempt` on a deal request that fails its business case, carried out: label, trail, 👍. */
async function granted(start = T0): Promise<FakeGitHub> {
  clock = start;
  fake = await FakeGitHub.start({ clock: () => new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z') });
  fake.seed({ files: { [POLICY_PATH]: POLICY }, issues: [{ number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) }, ...PLATFORM_WORK] });
  const event = issueCommentEvent(fake, { number: 1, author: 'lead-lena', body: `/roadmap exempt ${REASON}` });
  clock = start + 60_000;
  const result = await runInProcess({ fake, event, now: new Date(clock) });
  expect(result.exitCode).toBe(0);
  expect(fake.labelsOf(1)).toContain('roadmap-exempt');
  return fake;
}

/** A maintainer tidies the thread: the bot's comment goes (and with it the only copy of the trail). */
function deleteBotComment(github: FakeGitHub): void {
  for (const comment of botComments(github, 1)) github.deleteComment(comment.id);
}

function commandComment(github: FakeGitHub) {
  return github.comments(1).find((comment) => comment.author === 'lead-lena')!;
}

describe('the bot comment on an exempt issue deleted by a maintainer', () => {
  it('the next audit rebuilds the trail from the command, the 👍 and the label event, says so, and the expiry still applies', async () => {
    const github = await granted();
    deleteBotComment(github);

    const audit = await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(1) });
    expect(audit.exitCode).toBe(0);
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    const [rebuilt] = botComments(github, 1);
    const trail = readTrail(rebuilt!.body);
    expect(trail.map((entry) => [entry.action, entry.actor, entry.at, entry.reason])).toEqual([
      ['exempt', 'lead-lena', '2026-11-20T12:00:00Z', REASON],
      ['restore', 'roadmap-guard', '2026-11-21T12:00:00.000Z', "the bot's comment no longer held this decision; restored from lead-lena's /roadmap exempt of 2026-11-20, the bot's 👍 on it, the label events in the issue's timeline"],
    ]);
    expect(rebuilt!.body).toContain('record restored from GitHub');
    // The job summary reads the same record.
    expect(audit.summary).toContain(`granted by \`lead-lena\` on 2026-11-20: “${REASON}”; lapses 2026-12-20 _(record restored from GitHub)_`);

    // Converged: the next audit writes nothing.
    github.clearRequests();
    await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(2) });
    expect(github.writes).toEqual([]);

    // The grant's date survived, so it lapses on time.
    const lapsed = await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(31) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(botComments(github, 1)[0]!.body).toContain('**Exception expired:** granted on 2026-11-20');
    expect(lapsed.exitCode).toBe(1);
  });

  it('with the command comment deleted too, the grant is unproven: the label goes, approvers are told how to re-grant, and the check fails', async () => {
    const github = await granted();
    deleteBotComment(github);
    github.deleteComment(commandComment(github).id);

    const audit = await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(1) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(audit.exitCode).toBe(1);
    const [comment] = botComments(github, 1);
    expect(comment!.body).toContain('no grant by an approver is recorded on this issue');
    expect(comment!.body).toContain('Approvers (`lead-lena`, `@acme/product-leads`): comment `/roadmap exempt <reason>` to grant it again.');
    expect(readTrail(comment!.body).map((entry) => [entry.action, entry.reason])).toEqual([['label-removed', 'no grant recorded']]);
    expect(audit.summary).toContain('**1 exemption could not be proven** (#1)');
  });

  it('a command comment edited after the grant proves nothing: the bot answered its first text', async () => {
    const github = await granted();
    deleteBotComment(github);
    const command = commandComment(github);
    command.body = `/roadmap exempt ${REASON}, and every other deal too`;
    command.updatedAt = new Date(at(0.5)).toISOString().replace(/\.\d+Z$/, 'Z');

    await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(1) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
  });

  it('a comment left by runs that raced loses nothing: both decisions end up in the one comment kept', async () => {
    const github = await granted();
    // A second comment of the bot's, left by a run that raced, holding an outcome the kept one lacks.
    const outcome = { at: '2026-11-20T12:02:00Z', actor: 'lead-lena', action: 'outcome' as const, outcome: 'hit' as const, reason: 'Globex renewed' };
    github.addComment({ issueNumber: 1, author: WORKFLOW_BOT, body: `${COMMENT_MARKER}\n### Decisions\n${trailData([outcome])}\n` });
    expect(botComments(github, 1)).toHaveLength(2);

    await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(1) });
    const left = botComments(github, 1);
    expect(left).toHaveLength(1);
    expect(readTrail(left[0]!.body).map((entry) => entry.action)).toEqual(['exempt', 'outcome']);
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
  });

  it('reads the bot comment in full when the audit window of 13 comments missed it: nothing is taken for lost', async () => {
    const github = await granted();
    for (let n = 0; n < 14; n += 1) github.addComment({ issueNumber: 1, author: 'pm-paula', body: `Update ${n}` });
    github.clearRequests();
    await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(1) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(readTrail(botComments(github, 1)[0]!.body).map((entry) => entry.action)).toEqual(['exempt']);
    expect(github.writes).toEqual([]);
  });

  it('keeps the trail when the bot comment is intact: no restore row, no extra write, and no extra read on an event', async () => {
    const github = await granted();
    github.clearRequests();
    await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: at(1) });
    expect(github.writes).toEqual([]);
    expect(readTrail(botComments(github, 1)[0]!.body).map((entry) => entry.action)).toEqual(['exempt']);

    github.clearRequests();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'sales-sid', body: '/roadmap check' }), now: at(1) });
    // The issue, the budget read, the open pull requests: no timeline read.
    expect(github.count('graphql')).toBe(3);
  });
});

describe('a new token identity', () => {
  it("rebuilds a grant the earlier identity made: its 👍 and label count as the product's (previous-bot-logins)", async () => {
    const github = await granted();
    const app = 'roadmap-guard[bot]';
    github.addToken('app-token', app);
    deleteBotComment(github);
    const inputs = { 'previous-bot-logins': WORKFLOW_BOT };
    await runInProcess({ fake: github, token: 'app-token', inputs, event: workflowDispatchEvent(github), now: at(1) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    const [ours] = github.comments(1).filter((comment) => comment.author === app);
    expect(readTrail(ours!.body).map((entry) => [entry.action, entry.actor])).toEqual([
      ['exempt', 'lead-lena'],
      ['restore', 'roadmap-guard'],
    ]);
  });
});

describe('a popular command comment', () => {
  /** `count` people's 👍 on the approver's command, all given before the bot's own. */
  function cheeredBefore(github: FakeGitHub, count: number): void {
    const reactions = github.store.reactions.get(commandComment(github).id)!;
    const people = Array.from({ length: count }, (_, index) => ({ id: 900_000 + index, content: '+1', user: `fan-${index}`, createdAt: '2026-11-20T12:00:30Z' }));
    reactions.unshift(...people);
  }

  async function auditAsApp(github: FakeGitHub) {
    github.addToken('app-token', 'roadmap-guard[bot]');
    deleteBotComment(github);
    return runInProcess({ fake: github, token: 'app-token', inputs: { 'previous-bot-logins': WORKFLOW_BOT }, event: workflowDispatchEvent(github), now: at(1) });
  }

  it("still proves the grant when the earlier identity's 👍 comes after twenty people's", async () => {
    const github = await granted();
    cheeredBefore(github, 20);
    await auditAsApp(github);
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    const [ours] = github.comments(1).filter((comment) => comment.author === 'roadmap-guard[bot]');
    expect(readTrail(ours!.body).map((entry) => [entry.action, entry.actor])).toEqual([
      ['exempt', 'lead-lena'],
      ['restore', 'roadmap-guard'],
    ]);
  });

  it('cannot tell past the hundred reactors GitHub lists: the label stays, and the job summary says why', async () => {
    const github = await granted();
    cheeredBefore(github, 120);
    const audit = await auditAsApp(github);
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(audit.summary).not.toContain('could not be proven');
    expect(audit.summary).toMatch(/Cannot tell whether the exception on `#1` was granted: lead-lena's exempt command of 2026-11-20 has more 👍 than GitHub lists\. Its label .* stays/);
    expect(audit.annotations).toContainEqual({ level: 'warning', message: expect.stringMatching(/^Cannot tell whether the exception on #1 was granted/) });
  });
});

describe('a timeline longer than the events read', () => {
  it('cannot tell whether the label the product put on was granted: it stays, and the run says why', async () => {
    const github = await granted();
    deleteBotComment(github);
    // A busy thread since the grant: the command, the 👍 and the label event are older than the last 100 events.
    for (let index = 0; index < 100; index += 1) github.addComment({ issueNumber: 1, author: `fan-${index % 7}`, body: 'Any news?' });
    // The run of the label's own `labeled` event, run again from the Actions tab: its sender is the product.
    const event = issuesEvent(github, { action: 'labeled', number: 1, label: 'roadmap-exempt' });
    event.payload.sender = { ...(event.payload.sender as Record<string, unknown>), login: WORKFLOW_BOT, type: 'Bot' };
    const result = await runInProcess({ fake: github, event, now: at(1) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(result.annotations).toContainEqual({ level: 'warning', message: expect.stringMatching(/^Cannot tell whether the exception on #1 was granted: the issue's timeline holds more events than the last 100 GitHub gave\./) });
  });
});

describe('an outcome recorded by /roadmap outcome', () => {
  it('is restored from the command and the 👍 when the bot comment is gone, on the next event of the issue', async () => {
    const github = await granted();
    github.addIssue({ number: 5, ...dealRequest({ title: 'Deal: bulk export', state: 'closed', closedAt: '2026-11-01T00:00:00Z', stateReason: 'completed' }) });
    const evidence = '7 accounts use it, see the export dashboard';
    const event = issueCommentEvent(github, { number: 5, author: 'pm-paula', body: `/roadmap outcome hit ${evidence}` });
    await runInProcess({ fake: github, event, now: at(0.1) });
    expect(github.labelsOf(5)).toContain('roadmap: outcome hit');
    for (const comment of botComments(github, 5)) github.deleteComment(comment.id);

    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'sales-sid', body: '/roadmap check' }), now: at(1) });
    const trail = readTrail(botComments(github, 5)[0]!.body);
    expect(trail.map((entry) => [entry.action, entry.actor, entry.outcome ?? '', entry.reason])).toEqual([
      ['outcome', 'pm-paula', 'hit', evidence],
      ['restore', 'roadmap-guard', '', "the bot's comment no longer held this decision; restored from pm-paula's /roadmap outcome of 2026-11-20, the bot's 👍 on it"],
    ]);
  });
});

describe('the built action', () => {
  it('rebuilds a deleted trail in an audit', { timeout: 120_000 }, async () => {
    // The built action runs on the real clock: the grant two days ago.
    const github = await granted(Date.now() - 2 * DAY_MS);
    deleteBotComment(github);
    clock = Date.now();
    const result = await runAction({ fake: github, event: workflowDispatchEvent(github) });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(readTrail(botComments(github, 1)[0]!.body).map((entry) => [entry.action, entry.actor, entry.reason.slice(0, 20)])).toEqual([
      ['exempt', 'lead-lena', REASON.slice(0, 20)],
      ['restore', 'roadmap-guard', "the bot's comment no"],
    ]);
  });
});
