// /roadmap commands, run through the action against the fake GitHub with
// GitHub's issue_comment example payloads: who may grant, revoke and record
// outcomes, what gets written, and what is ignored without a single request.
import { afterEach, describe, expect, it } from 'vitest';
import { readTrail } from '../../src/memory/trail.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issueCommentEvent, issuesEvent, workflowDispatchEvent } from './events.js';
import { COMMANDS_POLICY, POLICY_PATH, dealRequest, stopFake } from './fixtures.js';
import { runInProcess as runActionInProcess, type InProcessOptions } from './run-in-process.js';

/** Runs at a fixed moment (the trail records it), 2026-11-20 noon UTC unless told. */
function runInProcess(options: Omit<InProcessOptions, 'now'> & { now?: string }) {
  return runActionInProcess({ ...options, now: new Date(options.now ?? '2026-11-20T12:00:00Z') });
}


let fake: FakeGitHub | undefined;
afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** A repository with a deal request (#1) missing its business case, by pm-paula, and a few roadmap items. */
async function repository(options: { tokens?: Record<string, string> } = {}): Promise<FakeGitHub> {
  fake = await FakeGitHub.start(options.tokens ? { tokens: options.tokens } : {});
  fake.seed({
    files: { [POLICY_PATH]: COMMANDS_POLICY },
    issues: [
      { number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) },
      { number: 2, title: 'Roadmap: audit log', labels: ['roadmap'] },
      { number: 3, title: 'Roadmap: SSO', labels: ['roadmap'] },
    ],
  });
  return fake;
}

function botComment(github: FakeGitHub, number: number, bot = WORKFLOW_BOT) {
  return github.comments(number).find((comment) => comment.author === bot && comment.body.includes(COMMENT_MARKER));
}

/** Each decision the bot's comment on an issue records, as [action, actor]. */
function trailActions(github: FakeGitHub, number: number) {
  return readTrail(botComment(github, number)?.body).map((entry) => [entry.action, entry.actor]);
}

/** The comment a command was given in (the latest one by that person). */
function commandComment(github: FakeGitHub, number: number, author: string) {
  return github.comments(number).filter((comment) => comment.author === author).at(-1)!;
}

describe('/roadmap exempt', () => {
  it('an approver grants: label, audit trail in the one bot comment, 👍, and the check passes', async () => {
    const github = await repository();
    const result = await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner, signed before the policy existed' }) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(github.labelsOf(1)).not.toContain('roadmap: needs business case');
    const comment = botComment(github, 1);
    expect(comment?.body).toContain('Exception granted');
    expect(comment?.body).toContain('### Decisions');
    expect(readTrail(comment?.body)).toEqual([{ at: '2026-11-20T12:00:00.000Z', actor: 'lead-lena', action: 'exempt', reason: 'Launch partner, signed before the policy existed' }]);
    expect(github.comments(1).filter((c) => c.author === WORKFLOW_BOT)).toHaveLength(1);
    expect(github.reactionsOn(commandComment(github, 1, 'lead-lena').id)).toEqual([{ content: '+1', user: WORKFLOW_BOT }]);
    expect(result.outputs.compliant).toBe('true');
    expect(result.exitCode).toBe(0);
  });

  it('a non-approver is refused politely, told who can approve, and nothing changes', async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'pm-paula', body: '/roadmap exempt We really need this for the deal' }) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    const body = botComment(github, 1)?.body ?? '';
    expect(body).toContain('Only an approver can grant an exception: `lead-lena` and `@acme/product-leads`');
    expect(readTrail(body)).toEqual([]);
    expect(github.reactionsOn(commandComment(github, 1, 'pm-paula').id)).toEqual([{ content: 'confused', user: WORKFLOW_BOT }]);
  });

  it('asks for a reason of at least 3 words', async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt ok' }) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(botComment(github, 1)?.body).toContain('needs a reason of at least 3 words');
  });

  it('matches a team approver through team membership, and refuses a non-member', async () => {
    const app = 'roadmap-guard[bot]';
    const github = await repository({ tokens: { 'app-token': app } });
    github.allowOrgRead(app);
    github.addTeam('acme', 'product-leads', ['tara']);
    await runInProcess({ fake: github, token: 'app-token', event: issueCommentEvent(github, { number: 1, author: 'nick', body: '/roadmap exempt Nick thinks this is fine' }) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    // This token can read the team, so GitHub's 404 for nick means what it says: not a member.
    expect(botComment(github, 1, app)?.body).not.toContain('Could not tell');
    expect(github.reactionsOn(commandComment(github, 1, 'nick').id)).toEqual([{ content: 'confused', user: app }]);

    await runInProcess({ fake: github, token: 'app-token', event: issueCommentEvent(github, { number: 1, author: 'tara', body: '/roadmap exempt Board approved this as a strategic exception' }) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(readTrail(botComment(github, 1, app)?.body).map((entry) => entry.actor)).toEqual(['tara']);
    expect(github.comments(1).filter((c) => c.author === app)).toHaveLength(1);
  });

  it("a token that cannot read teams gets GitHub's 404: the run cannot tell, grants nothing, and the reply, the log and the summary say so", async () => {
    const github = await repository();
    github.addTeam('acme', 'product-leads', ['tara']);
    const result = await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'tara', body: '/roadmap exempt Board approved this as a strategic exception' }) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    const body = botComment(github, 1)?.body ?? '';
    expect(body).toContain('Could not tell whether you are in `@acme/product-leads`');
    expect(body).toContain('`read:org`');
    expect(result.annotations).toContainEqual({ level: 'warning', message: expect.stringMatching(/Could not tell whether tara is a member of @acme\/product-leads/) });
    // In the summary, as everywhere the run echoes a team, the mention is neutralized.
    expect(result.summary).toMatch(/Could not check, or undid:\*\* Could not tell whether tara is a member of `@acme\/product-leads`/);
  });

  it('a team member who adds the label by hand under a token that cannot read teams is told why it came off', async () => {
    const github = await repository();
    github.addTeam('acme', 'product-leads', ['tara']);
    github.labelAddedBy(1, 'roadmap-exempt', 'tara');
    const event = issuesEvent(github, { action: 'labeled', number: 1, label: 'roadmap-exempt' });
    event.payload.sender = { ...(event.payload.sender as object), login: 'tara', type: 'User' };
    const result = await runInProcess({ fake: github, event });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(botComment(github, 1)?.body).toContain('Could not tell whether you are in `@acme/product-leads`');
    expect(result.summary).toContain('Could not tell whether tara is a member of `@acme/product-leads`');
  });

  it('beyond max-open, the grant is refused with the list of open exemptions', async () => {
    const github = await repository();
    github.addIssue({ number: 4, ...dealRequest({ title: 'Deal: audit export', labels: ['deal', 'roadmap-exempt'] }) });
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(botComment(github, 1)?.body).toContain('at most 1 may be open at a time, and 1 is open already: #4');
  });
});

describe('/roadmap revoke', () => {
  it('an approver removes the exemption, and the trail keeps both decisions', async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    await runInProcess({ fake: github, now: '2026-11-27T12:00:00Z', event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap revoke the partner walked away' }) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(github.labelsOf(1)).toContain('roadmap: needs business case');
    const trail = readTrail(botComment(github, 1)?.body);
    expect(trail.map((entry) => [entry.action, entry.actor, entry.reason])).toEqual([
      ['exempt', 'lead-lena', 'Launch partner signed in March'],
      ['revoke', 'lead-lena', 'the partner walked away'],
    ]);
    expect(github.comments(1).filter((c) => c.author === WORKFLOW_BOT)).toHaveLength(1);
  });
});

describe('/roadmap outcome', () => {
  async function deliveredBet(): Promise<FakeGitHub> {
    const github = await repository();
    github.addIssue({ number: 5, ...dealRequest({ title: 'Deal: bulk export', state: 'closed', closedAt: '2026-09-01T00:00:00Z', stateReason: 'completed' }) });
    return github;
  }

  it('the author records how a delivered bet turned out', async () => {
    const github = await deliveredBet();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'pm-paula', body: '/roadmap outcome hit 7 accounts use it, see https://dash.example.com/export' }) });
    expect(github.labelsOf(5)).toContain('roadmap: outcome hit');
    const body = botComment(github, 5)?.body ?? '';
    expect(readTrail(body)).toEqual([
      { at: '2026-11-20T12:00:00.000Z', actor: 'pm-paula', action: 'outcome', outcome: 'hit', reason: '7 accounts use it, see https://dash.example.com/export' },
    ]);
    // The evidence is echoed as text: no live link, no mention.
    expect(body).toContain('`https://dash.example.com/export`');
    expect(github.reactionsOn(commandComment(github, 5, 'pm-paula').id)).toEqual([{ content: '+1', user: WORKFLOW_BOT }]);
  });

  it('a second outcome replaces the first label', async () => {
    const github = await deliveredBet();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'pm-paula', body: '/roadmap outcome hit early numbers look good' }) });
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'lead-lena', body: '/roadmap outcome missed adoption stalled at 2 accounts' }) });
    expect(github.labelsOf(5)).toContain('roadmap: outcome missed');
    expect(github.labelsOf(5)).not.toContain('roadmap: outcome hit');
  });

  it('is refused for a stranger', async () => {
    const github = await deliveredBet();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'stranger-sam', body: '/roadmap outcome hit trust me' }) });
    expect(github.labelsOf(5).some((label) => label.startsWith('roadmap: outcome'))).toBe(false);
    expect(botComment(github, 5)?.body).toContain("Only the issue's author, an assignee or an approver");
    expect(github.reactionsOn(commandComment(github, 5, 'stranger-sam').id)).toEqual([{ content: 'confused', user: WORKFLOW_BOT }]);
  });

  it('an assignee may record it; evidence is required', async () => {
    const github = await deliveredBet();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'dev-dana', assignees: ['dev-dana'], body: '/roadmap outcome walked-away' }) });
    expect(botComment(github, 5)?.body).toContain('Add the evidence');
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 5, author: 'dev-dana', assignees: ['dev-dana'], body: '/roadmap outcome walked-away customer churned' }) });
    expect(github.labelsOf(5)).toContain('roadmap: outcome walked away');
  });
});

describe('/roadmap check, why and unknown commands', () => {
  it('why replies with the evaluation in full, in the same bot comment', async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'sales-sid', body: '/roadmap why' }) });
    const body = botComment(github, 1)?.body ?? '';
    expect(body).toContain('**Category:** `deal` (label `deal`)');
    expect(body).toMatch(/\| Business case \| \*\*fails\*\*: .*Who will buy it/);
    expect(body).toContain('| One-off labels | passes |');
  });

  it('check re-evaluates and reacts 👍', async () => {
    const github = await repository();
    const result = await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 2, author: 'sales-sid', body: '/roadmap check' }) });
    expect(github.reactionsOn(commandComment(github, 2, 'sales-sid').id)).toEqual([{ content: '+1', user: WORKFLOW_BOT }]);
    expect(botComment(github, 2)).toBeUndefined();
    expect(result.outputs.compliant).toBe('true');
  });

  it('an unknown sub-command gets the list of commands, its text escaped', async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 2, author: 'sales-sid', body: '/roadmap <img src=x>@everyone' }) });
    const body = botComment(github, 2)?.body ?? '';
    expect(body).toContain('`/roadmap outcome <hit|missed|walked-away> <evidence>`');
    expect(body).toContain('“/roadmap \\<img” is not a command I know');
    expect(body).not.toMatch(/(?<!\\)<img/);
  });
});

describe('comments that are not commands', () => {
  it.each([
    ['a plain comment', { body: 'Thanks, looks good to me', author: 'lead-lena' }],
    ['a command in a code block', { body: '```\n/roadmap exempt Launch partner signed in March\n```', author: 'lead-lena' }],
    ['a command in a quote', { body: '> /roadmap exempt Launch partner signed in March\n\nShould we?', author: 'lead-lena' }],
    ['an indented command', { body: '    /roadmap exempt Launch partner signed in March', author: 'lead-lena' }],
    ['a command mid-sentence', { body: 'Please /roadmap exempt Launch partner signed in March', author: 'lead-lena' }],
    ['an edited comment', { body: '/roadmap exempt Launch partner signed in March', author: 'lead-lena', action: 'edited' as const }],
    ['a bot', { body: '/roadmap exempt Launch partner signed in March', author: 'dependabot[bot]' }],
    ["the bot's own comment", { body: '/roadmap exempt Launch partner signed in March', author: WORKFLOW_BOT }],
  ])('%s costs zero API requests and changes nothing', async (_name, comment) => {
    const github = await repository();
    const result = await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, ...comment }) });
    expect(github.requests).toEqual([]);
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(result.exitCode).toBe(0);
    expect(result.annotations.map((a) => a.level)).toEqual(['notice']);
  });
});

describe('bets and outcomes in an audit', () => {
  /** Four deal bets delivered this year: one hit, one missed, two never judged (one of them past the 30 days due). */
  async function betsDelivered(): Promise<FakeGitHub> {
    const github = await repository();
    const bet = (number: number, closedAt: string, labels: string[] = []) =>
      github.addIssue({ number, ...dealRequest({ title: `Deal: bet ${number}`, labels: ['deal', 'customer:globex', 'size/S', ...labels], state: 'closed', stateReason: 'completed', closedAt, updatedAt: closedAt }) });
    bet(10, '2026-03-10T00:00:00Z', ['roadmap: outcome hit']);
    bet(11, '2026-05-10T00:00:00Z', ['roadmap: outcome missed']);
    bet(12, '2026-06-10T00:00:00Z');
    bet(13, '2026-11-10T00:00:00Z');
    return github;
  }

  it('raises outcome-missing for a bet delivered too long ago without an outcome, and reports the outcomes', async () => {
    const github = await betsDelivered();
    const result = await runInProcess({ fake: github, event: workflowDispatchEvent(github) });
    const findings = JSON.parse(result.outputs.findings ?? '[]') as { kind: string; item: number | null; severity: string }[];
    expect(findings.filter((f) => f.kind === 'outcome-missing')).toEqual([expect.objectContaining({ item: 12, severity: 'warn' })]);
    expect(result.summary).toContain('<summary><strong>Bets and outcomes</strong> · 1 of 4 bets hit its metric, 2 never reviewed</summary>');
    expect(result.summary).toContain('Of the **4 bets** delivered since 2025-12-01 (12 months), **2** have a recorded outcome: **1 hit** its metric (25%), 1 missed, 0 walked away. 2 (50%) were never reviewed: #12, #13.');
    // A closed bet gets no comment or label for it: the report is where leads see it.
    expect(github.comments(12)).toEqual([]);
  });
});

describe('the exemption label added by hand', () => {
  function labeledBy(github: FakeGitHub, sender: string) {
    const issue = github.issue(1)!;
    if (!issue.labels.includes('roadmap-exempt')) issue.labels.push('roadmap-exempt');
    const event = issuesEvent(github, { action: 'labeled', number: 1, label: 'roadmap-exempt' });
    event.payload.sender = { ...(event.payload.sender as object), login: sender, type: 'User' };
    return event;
  }

  it('is removed with an explanation when a non-approver added it, and the issue is not exempt', async () => {
    const github = await repository();
    const result = await runInProcess({ fake: github, event: labeledBy(github, 'pm-paula') });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(github.labelsOf(1)).toContain('roadmap: needs business case');
    const body = botComment(github, 1)?.body ?? '';
    expect(body).toContain('**Label `roadmap-exempt` removed:** `pm-paula` added it, but only an approver (`lead-lena`, `@acme/product-leads`) can grant an exception');
    expect(readTrail(body).map((entry) => [entry.action, entry.actor])).toEqual([['label-removed', 'pm-paula']]);
    expect(result.outputs.compliant).toBe('false');
  });

  it('is kept and recorded as a grant when an approver added it', async () => {
    const github = await repository();
    const result = await runInProcess({ fake: github, event: labeledBy(github, 'lead-lena') });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(readTrail(botComment(github, 1)?.body).map((entry) => [entry.action, entry.actor, entry.reason])).toEqual([['exempt', 'lead-lena', 'added the label by hand']]);
    expect(result.outputs.compliant).toBe('true');
  });

  it('is removed when another bot (a labeler app, a workflow with its own token) added it', async () => {
    const github = await repository();
    const event = labeledBy(github, 'labeler-app[bot]');
    event.payload.sender = { ...(event.payload.sender as object), type: 'Bot' };
    const result = await runInProcess({ fake: github, event });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(trailActions(github, 1)).toEqual([['label-removed', 'labeler-app[bot]']]);
    expect(result.outputs.compliant).toBe('false');
  });

  it("is removed when it came with the product's own token but no grant is recorded: any workflow can use that token", async () => {
    const github = await repository();
    const event = labeledBy(github, WORKFLOW_BOT);
    event.payload.sender = { ...(event.payload.sender as object), type: 'Bot' };
    await runInProcess({ fake: github, event });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(botComment(github, 1)?.body).toContain('no grant by an approver is recorded on this issue');
  });

  it('is kept when the policy lists that bot as an approver by its login', async () => {
    const github = await repository();
    github.repository.files[POLICY_PATH] = COMMANDS_POLICY.replace('approvers: [lead-lena,', 'approvers: ["release-app[bot]", lead-lena,');
    const event = labeledBy(github, 'release-app[bot]');
    event.payload.sender = { ...(event.payload.sender as object), type: 'Bot' };
    await runInProcess({ fake: github, event });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(trailActions(github, 1)).toEqual([['exempt', 'release-app[bot]']]);
  });

  it("needs a new grant once taken off and put back by someone else: the approver's grant stood behind the label it put on", async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    github.labelRemovedBy(1, 'roadmap-exempt', 'pm-paula');
    github.labelAddedBy(1, 'roadmap-exempt', 'pm-paula');
    await runInProcess({ fake: github, event: labeledBy(github, 'pm-paula') });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(trailActions(github, 1)).toEqual([
      ['exempt', 'lead-lena'],
      ['label-removed', 'pm-paula'],
    ]);
  });

  it("is recorded as the approver's grant by any run of the issue that sees it without one: a run that raced the label's own rewrites the whole comment", async () => {
    const github = await repository();
    // The approver's label is on, but its run has not written the comment yet when a non-approver's command is answered.
    github.labelAddedBy(1, 'roadmap-exempt', 'lead-lena', '2026-11-20T09:00:00Z');
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'pm-paula', body: '/roadmap exempt We really need this for the deal' }) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    const trail = readTrail(botComment(github, 1)?.body);
    expect(trail.map((entry) => [entry.action, entry.actor, entry.at, entry.reason])).toEqual([['exempt', 'lead-lena', '2026-11-20T09:00:00Z', 'added the label by hand']]);
    // The label's own run, after it, records the same grant: one row, dated when the label went on.
    await runInProcess({ fake: github, event: labeledBy(github, 'lead-lena') });
    expect(trailActions(github, 1)).toEqual([['exempt', 'lead-lena']]);
  });

  it('is not taken for a grant by a run that sees it put on by a non-approver', async () => {
    const github = await repository();
    github.labelAddedBy(1, 'roadmap-exempt', 'pm-paula', '2026-11-20T09:00:00Z');
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'pm-paula', body: '/roadmap why' }) });
    expect(readTrail(botComment(github, 1)?.body).filter((entry) => entry.action === 'exempt')).toEqual([]);
  });

  it('when the token cannot remove it, the issue is still not exempt and the summary says which write failed', async () => {
    const github = await repository();
    github.failOn({ method: 'DELETE', path: /\/labels\/roadmap-exempt$/, status: 403, message: 'Resource not accessible by integration' });
    const result = await runInProcess({ fake: github, event: labeledBy(github, 'pm-paula') });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(result.outputs.compliant).toBe('false');
    expect(result.summary).toMatch(/remove label roadmap-exempt from `#1` \(label added by pm-paula\) \(GitHub refused/);
    expect(result.summary).toContain('**Fix:** Give the job `issues: write` under `permissions:`');
    expect(result.summary).toContain('**fails the check**');
  });
});

describe('exemption labels in an audit', () => {
  it("reads who added the label last: a non-approver's label is removed, an approver's is recorded as a grant", async () => {
    const github = await repository();
    github.addIssue({ number: 4, ...dealRequest({ title: 'Deal: audit export' }) });
    github.labelAddedBy(1, 'roadmap-exempt', 'pm-paula', '2026-11-01T00:00:00Z');
    github.labelAddedBy(4, 'roadmap-exempt', 'lead-lena', '2026-11-02T00:00:00Z');
    await runInProcess({ fake: github, event: workflowDispatchEvent(github) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(trailActions(github, 1)).toEqual([['label-removed', 'pm-paula']]);
    expect(github.labelsOf(4)).toContain('roadmap-exempt');
    expect(trailActions(github, 4)).toEqual([['exempt', 'lead-lena']]);

    // Recorded now: the next audit reads the timeline of the one exempt issue (who put the label on last) and writes nothing.
    github.clearRequests();
    await runInProcess({ fake: github, event: workflowDispatchEvent(github) });
    expect(github.requests.filter((request) => JSON.stringify(request.body).includes('RoadmapIssueTimeline'))).toHaveLength(1);
    expect(github.writes).toEqual([]);
  });
});

describe('exemption labels put back in an audit', () => {
  it('an audit removes a granted label taken off and put back by a non-approver, when no event ran for it', async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    github.labelRemovedBy(1, 'roadmap-exempt', 'pm-paula');
    github.labelAddedBy(1, 'roadmap-exempt', 'pm-paula');
    await runInProcess({ fake: github, now: '2026-11-22T12:00:00Z', event: workflowDispatchEvent(github) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    expect(trailActions(github, 1)).toEqual([
      ['exempt', 'lead-lena'],
      ['label-removed', 'pm-paula'],
    ]);
  });

  it("an audit keeps the label the product put on for a grant it recorded, and removes one it put on with none", async () => {
    const github = await repository();
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    github.addIssue({ number: 4, ...dealRequest({ title: 'Deal: audit export' }) });
    // Another workflow of the repository, with the same GITHUB_TOKEN identity, puts the label on #4.
    github.labelAddedBy(4, 'roadmap-exempt', WORKFLOW_BOT, '2026-11-21T09:00:00Z');
    github.repository.files[POLICY_PATH] = COMMANDS_POLICY.replace('  max-open: 1\n', '');
    await runInProcess({ fake: github, now: '2026-11-22T12:00:00Z', event: workflowDispatchEvent(github) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(github.labelsOf(4)).not.toContain('roadmap-exempt');
    expect(readTrail(botComment(github, 4)?.body).map((entry) => [entry.action, entry.reason])).toEqual([['label-removed', 'no grant recorded']]);
  });
});

describe('max-open after grants that raced', () => {
  it('the next audit revokes the newest grant beyond the cap, and says so on the issue and in the summary', async () => {
    const github = await repository();
    github.addIssue({ number: 4, ...dealRequest({ title: 'Deal: audit export' }) });
    await runInProcess({ fake: github, event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    // The second grant ran at the same moment: it saw #1 without its label yet, so max-open did not stop it.
    github.issue(1)!.labels = github.labelsOf(1).filter((label) => label !== 'roadmap-exempt');
    await runInProcess({ fake: github, now: '2026-11-20T12:00:01Z', event: issueCommentEvent(github, { number: 4, author: 'lead-lena', body: '/roadmap exempt Second partner signed in March' }) });
    github.issue(1)!.labels.push('roadmap-exempt');
    expect([github.labelsOf(1), github.labelsOf(4)].every((labels) => labels.includes('roadmap-exempt'))).toBe(true);

    const result = await runInProcess({ fake: github, now: '2026-11-21T12:00:00Z', event: workflowDispatchEvent(github) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(github.labelsOf(4)).not.toContain('roadmap-exempt');
    const body = botComment(github, 4)?.body ?? '';
    expect(body).toContain('**Exception revoked:** at most 1 may be open at a time, and this grant came after the ones kept (#1)');
    expect(readTrail(body).map((entry) => [entry.action, entry.actor])).toEqual([
      ['exempt', 'lead-lena'],
      ['revoke', 'roadmap-guard'],
    ]);
    expect(result.summary).toMatch(/Could not check, or undid:\*\* Exceptions over exemptions\.max-open \(1\): the grant on `#4` came after the others that were open, so it was revoked/);
  });
});

describe('expiring exceptions', () => {
  it('an audit revokes an exception older than expires-after-days and says so', async () => {
    const github = await repository();
    github.repository.files[POLICY_PATH] = COMMANDS_POLICY.replace('  max-open: 1\n', '  max-open: 1\n  expires-after-days: 30\n');
    await runInProcess({ fake: github, now: '2026-10-01T12:00:00Z', event: issueCommentEvent(github, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');

    const early = await runInProcess({ fake: github, now: '2026-10-20T12:00:00Z', event: workflowDispatchEvent(github) });
    expect(github.labelsOf(1)).toContain('roadmap-exempt');
    expect(early.outputs.compliant).toBe('true');

    const late = await runInProcess({ fake: github, now: '2026-11-20T12:00:00Z', event: workflowDispatchEvent(github) });
    expect(github.labelsOf(1)).not.toContain('roadmap-exempt');
    const body = botComment(github, 1)?.body ?? '';
    expect(body).toContain('**Exception expired:** granted on 2026-10-01, it lapsed after 30 days');
    expect(readTrail(body).map((entry) => entry.action)).toEqual(['exempt', 'expire']);
    expect(late.outputs.compliant).toBe('false');
  });
});
