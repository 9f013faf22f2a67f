// Archiving the stale backlog, end to end against the local fake GitHub:
// warn in the bot's one comment, close as not planned once the grace period
// passed untouched, and never when a person touched the item, kept it, or
// only an issue event ran. The built bundle does the same (last test).
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issuesEvent, scheduleEvent } from './events.js';
import { POLICY_PATH, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

const STALE_LABEL = 'roadmap: stale';
const policyFile = (maxAgeDays = 365) => `version: 1
backlog:
  max-age-days: ${maxAgeDays}
  archive: true
  grace-days: 14
  keep-labels: [pinned]
exemptions:
  label: roadmap-exempt
enforcement:
  labels: { non-compliant: "${STALE_LABEL}" }
`;

const DAY = 86_400_000;
const T0 = '2026-11-20T12:00:00Z';
const later = (days: number) => new Date(Date.parse(T0) + days * DAY).toISOString().replace('.000', '');

let fake: FakeGitHub | undefined;
let clock = T0;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** #1 and #5 untouched since 2025, #2 recent, #3 pinned and #4 exempt (both stale too); or only the issues named. */
async function staleBacklog(only?: number[]): Promise<FakeGitHub> {
  clock = T0;
  fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'backlog' }, clock: () => clock });
  const old = { createdAt: '2024-03-01T09:00:00Z', updatedAt: '2025-06-01T09:00:00Z', author: 'pm-paula' };
  fake.seed({
    files: { [POLICY_PATH]: policyFile() },
    issues: [
      { number: 1, title: 'Offline mode', ...old },
      { number: 2, title: 'Faster search', createdAt: '2026-10-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z' },
      { number: 3, title: 'Pinned idea', labels: ['pinned'], ...old },
      { number: 4, title: 'Approved exception', labels: ['roadmap-exempt'], ...old },
      { number: 5, title: 'Older still', ...old, updatedAt: '2025-02-01T09:00:00Z' },
    ].filter((issue) => !only || only.includes(issue.number)),
  });
  return fake;
}

/** An audit at `days` after T0, the fake's clock moved along. */
async function auditAt(github: FakeGitHub, days: number, inputs: Record<string, string> = {}) {
  clock = later(days);
  return runInProcess({ fake: github, event: scheduleEvent(github), now: new Date(clock), inputs });
}

function botComment(github: FakeGitHub, issue: number) {
  const ours = github.comments(issue).filter((comment) => comment.author === WORKFLOW_BOT);
  expect(ours.length).toBeLessThanOrEqual(1);
  return ours[0];
}

/** Moves the warning recorded in the bot comment `days` back, as if it had been given then. */
function moveWarningBack(github: FakeGitHub, issue: number, days: number): void {
  const comment = botComment(github, issue)!;
  const warned = /warned=(\S+)/.exec(comment.body)?.[1];
  expect(warned).toBeDefined();
  const earlier = new Date(Date.parse(warned!) - days * DAY).toISOString().replace('.000', '');
  comment.body = comment.body.replace(`warned=${warned}`, `warned=${earlier}`);
}

const closes = (github: FakeGitHub) => github.writes.filter((write) => write.method === 'PATCH' && /\/issues\/\d+$/.test(write.path));

describe('archiving the stale backlog', () => {
  it('warns in its one comment, then closes as not planned once the grace period passed untouched', async () => {
    const github = await staleBacklog();
    const warned = await auditAt(github, 0);
    expect(botComment(github, 1)?.body).toMatch(/will be archived on 2026-12-04 unless someone updates it/);
    expect(botComment(github, 1)?.body).toMatch(/Add a comment or a label by 2026-12-04 to keep it/);
    expect(github.labelsOf(1)).toEqual([STALE_LABEL]);
    const findings = JSON.parse(warned.outputs.findings ?? '[]') as { kind: string; item: number; severity: string }[];
    expect(findings.filter((f) => f.kind === 'archive-pending').map((f) => [f.item, f.severity])).toEqual([[1, 'warn'], [5, 'warn']]);
    // #1 and #5 to be archived, the pinned #3 only flagged; the exempt #4 is not counted.
    expect(warned.summary).toMatch(/Stale backlog · 1 item\*\*[\s\S]*#3\]/);
    expect(warned.summary).toMatch(/\*\*Will be archived \(2\)\*\*[\s\S]*#5\]\([^)]*\) Older still — on 2026-12-04/);

    github.clearRequests();
    await auditAt(github, 3);
    expect(github.writes).toEqual([]);

    moveWarningBack(github, 1, 15);
    github.clearRequests();
    const archived = await auditAt(github, 3);
    const issue = github.issue(1)!;
    expect([issue.state, issue.stateReason]).toEqual(['closed', 'not_planned']);
    expect(botComment(github, 1)?.body).toMatch(/\*\*Archived:\*\* .*#1.* was closed as not planned on 2026-11-23/);
    expect(botComment(github, 1)?.body).toMatch(/Reopen it/);
    expect(github.labelsOf(1)).toEqual([]);
    expect(closes(github).map((write) => write.body)).toEqual([{ state: 'closed', state_reason: 'not_planned' }]);
    expect(archived.summary).toMatch(/\*\*Archived this run \(1\)\*\*[\s\S]*#1\]\([^)]*\) Offline mode — untouched since 2025-06-01/);
    // #5's warning still runs; the pinned and the exempt item are never archived.
    expect([5, 3, 4].map((n) => github.issue(n)?.state)).toEqual(['open', 'open', 'open']);
  });

  it("is not cancelled by the bot's own comment edits and labels", async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    const warning = botComment(github, 1)!.body;
    // The policy changes: the bot rewrites its comment, which bumps the issue's updatedAt.
    github.repository.files[POLICY_PATH] = policyFile(400);
    await auditAt(github, 2);
    expect(botComment(github, 1)?.body).not.toBe(warning);
    expect(botComment(github, 1)?.updatedAt).toBe(later(2));
    expect(botComment(github, 1)?.body).toMatch(/will be archived on 2026-12-04/);

    moveWarningBack(github, 1, 15);
    await auditAt(github, 3);
    expect(github.issue(1)?.stateReason).toBe('not_planned');
  });

  it("finds its warning early in a long thread, before the last comments an audit reads", async () => {
    const github = await staleBacklog([1]);
    const talk = (n: number) => ({ issueNumber: 1, author: 'dev-dana', body: `Thoughts, part ${n}.`, createdAt: `2024-${String(n % 12 || 12).padStart(2, '0')}-05T09:00:00Z` });
    for (let n = 1; n <= 14; n += 1) github.addComment({ ...talk(n), updatedAt: talk(n).createdAt });
    await auditAt(github, 0);
    expect(botComment(github, 1)?.body).toMatch(/will be archived on 2026-12-04/);
    // The bot commented long ago (an earlier finding), after the 1st comment; the warning edited it in place.
    const ours = botComment(github, 1)!;
    const thread = github.repository.comments;
    thread.splice(thread.indexOf(ours), 1);
    thread.splice(thread.indexOf(github.comments(1)[1]!), 0, ours);
    ours.createdAt = '2024-01-20T09:00:00Z';
    expect(github.comments(1)).toHaveLength(15);
    expect(github.comments(1).indexOf(ours)).toBe(1);

    github.clearRequests();
    await auditAt(github, 3);
    // The warning runs on: nothing written, the issue's comments read once more to find it.
    expect(github.writes).toEqual([]);
    expect(github.requests.filter((request) => String((request.body as { query?: string } | null)?.query).includes('RoadmapIssueComments'))).toHaveLength(1);

    moveWarningBack(github, 1, 15);
    await auditAt(github, 4);
    expect([github.issue(1)?.state, github.issue(1)?.stateReason]).toEqual(['closed', 'not_planned']);
    expect(botComment(github, 1)?.body).toMatch(/\*\*Archived:\*\*/);
    expect(github.comments(1)).toHaveLength(15);
    expect(github.labelsOf(1)).toEqual([]);
  });

  it('is cancelled by a comment from a person during the grace period', async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    github.addComment({ issueNumber: 1, author: 'pm-paula', body: 'Still wanted by two customers.', createdAt: later(3) });
    github.issue(1)!.updatedAt = later(3);
    moveWarningBack(github, 1, 15);

    await auditAt(github, 4);
    expect(github.issue(1)?.state).toBe('open');
    expect(botComment(github, 1)?.body).toMatch(/Resolved/);
    expect(github.labelsOf(1)).toEqual([]);
    // The person's touch is remembered although the bot wrote after it.
    await auditAt(github, 30);
    expect(github.issue(1)?.state).toBe('open');
    expect(botComment(github, 1)?.body).toMatch(/Resolved/);
  });

  it('is cancelled by a label a person adds, and keeps counting from that touch', async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    github.labelAddedBy(1, 'customer:globex', 'pm-paula', later(5));
    moveWarningBack(github, 1, 15);

    await auditAt(github, 6);
    expect(github.issue(1)?.state).toBe('open');
    await auditAt(github, 60);
    expect(github.issue(1)?.state).toBe('open');
    expect(botComment(github, 1)?.body).toMatch(/Resolved/);
  });

  it("is cancelled by a person's label two minutes after the warning: who acted decides, not when", async () => {
    const github = await staleBacklog([1]);
    await auditAt(github, 0);
    expect(botComment(github, 1)?.body).toMatch(/will be archived on/);
    github.labelAddedBy(1, 'customer:globex', 'pm-paula', new Date(Date.parse(later(0)) + 2 * 60_000).toISOString());

    await auditAt(github, 15);
    expect(github.issue(1)?.state).toBe('open');
    expect(closes(github)).toEqual([]);
  });

  it("is never put off by the bot's own label writes, however long after its comment they come", async () => {
    const github = await staleBacklog([1]);
    await auditAt(github, 0);
    // Ten minutes after its comment, a run of the bot's took its label off and put it back: its own writes, which move updatedAt.
    const minutes = (n: number) => new Date(Date.parse(later(0)) + n * 60_000).toISOString();
    github.labelRemovedBy(1, STALE_LABEL, WORKFLOW_BOT, minutes(9));
    github.labelAddedBy(1, STALE_LABEL, WORKFLOW_BOT, minutes(10));

    await auditAt(github, 15);
    expect(github.issue(1)?.state).toBe('closed');
    expect(github.issue(1)?.stateReason).toBe('not_planned');
  });

  it('spreads archiving over runs with max-writes, the oldest first', async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    moveWarningBack(github, 1, 15);
    moveWarningBack(github, 5, 15);

    // One item's archive is three writes: the note, the close, the label.
    await auditAt(github, 1, { 'max-writes': '3' });
    expect([github.issue(5)?.state, github.issue(1)?.state]).toEqual(['closed', 'open']);
    await auditAt(github, 2, { 'max-writes': '3' });
    expect(github.issue(1)?.state).toBe('closed');
  });

  it('archives nothing in a dry run, and says what it would archive', async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    moveWarningBack(github, 1, 15);
    github.clearRequests();

    const result = await auditAt(github, 1, { 'dry-run': 'true' });
    expect(github.writes).toEqual([]);
    expect(result.stdout).toMatch(/\[dry-run\] would archive #1 \(close it as not planned\)/);
    expect(result.summary).toMatch(/\*\*Archived this run \(0\)\*\*/);
    expect(result.summary).toMatch(/#1\]\([^)]*\) Offline mode — due now/);
  });

  it('never archives on an issue event, even when the item is due', async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    moveWarningBack(github, 1, 15);
    github.clearRequests();

    clock = later(1);
    await runInProcess({ fake: github, event: issuesEvent(github, { action: 'labeled', number: 1, label: STALE_LABEL }), now: new Date(clock) });
    expect(closes(github)).toEqual([]);
    expect(github.issue(1)?.state).toBe('open');
  });

  it('respects a reopen by hand: the item is not archived again until it is stale again', async () => {
    const github = await staleBacklog();
    await auditAt(github, 0);
    moveWarningBack(github, 1, 15);
    await auditAt(github, 1);
    expect(github.issue(1)?.state).toBe('closed');
    const note = botComment(github, 1)?.body;

    // A person reopens it a minute later, through the API as the button does.
    github.addToken('paula-token', 'pm-paula');
    clock = new Date(Date.parse(later(1)) + 60_000).toISOString().replace('.000', '');
    const reopened = await fetch(`${github.url}/repos/acme/backlog/issues/1`, {
      method: 'PATCH',
      headers: { authorization: 'token paula-token', 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'open' }),
    });
    expect(reopened.status).toBe(200);
    expect(github.issue(1)?.stateReason).toBe('reopened');

    github.clearRequests();
    await auditAt(github, 2);
    await auditAt(github, 300);
    expect(github.issue(1)?.state).toBe('open');
    expect(botComment(github, 1)?.body).toBe(note);

    // A year on, untouched again: a new warning, with a new date.
    await auditAt(github, 370);
    expect(github.issue(1)?.state).toBe('open');
    expect(botComment(github, 1)?.body).toMatch(/will be archived on 2027-12-09/);
  });

  /** A stale planned #1 (3 points) warned and past its grace period, beside recent work: #2 (1 point) and a deal, #3 (8 points). */
  async function dueBesideDeal(): Promise<FakeGitHub> {
    clock = T0;
    fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'backlog' }, clock: () => clock });
    const recent = { createdAt: '2026-11-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z' };
    fake.seed({
      files: {
        [POLICY_PATH]: `${policyFile()}work: { size: { labels: { "size/S": 1, "size/M": 3, "size/L": 8 } } }
categories:
  deal: { match: { labels: [deal] }, budget: { max-share: 50% } }
  strategic: { match: { labels: [roadmap] } }
`,
      },
      issues: [
        { number: 1, title: 'Offline mode', labels: ['roadmap', 'size/M'], createdAt: '2024-03-01T09:00:00Z', updatedAt: '2025-06-01T09:00:00Z' },
        { number: 2, title: 'Faster search', labels: ['roadmap', 'size/S'], ...recent },
        { number: 3, title: 'Export for Globex', labels: ['deal', 'size/L'], ...recent },
      ],
    });
    await auditAt(fake, 0, DASHBOARD);
    moveWarningBack(fake, 1, 15);
    return fake;
  }

  const DASHBOARD = { 'dashboard-issue': 'Roadmap health' };
  type BudgetRow = { category: string; points: number; share: string };
  const budgets = (result: { outputs: Record<string, string> }) => JSON.parse(result.outputs.budgets ?? '[]') as BudgetRow[];
  /** What the next run sees: a dry-run audit that reads everything afresh. */
  const freshAudit = (github: FakeGitHub, days: number) => auditAt(github, days, { ...DASHBOARD, 'dry-run': 'true', 'saved-state': 'false' });

  it('judges the repository as it leaves it: the budgets of an audit that archives leave the archived item out, in every view', async () => {
    const github = await dueBesideDeal();
    const archiving = await auditAt(github, 1, DASHBOARD);
    expect(github.issue(1)?.state).toBe('closed');
    const fresh = await freshAudit(github, 1);
    // Without #1, deal work is 8 of 9 points (it was 8 of 12).
    expect(budgets(fresh).map((row) => [row.category, row.points, row.share])).toEqual([['deal', 8, '88.9%'], ['strategic', 1, '11.1%']]);
    expect(budgets(archiving)).toEqual(budgets(fresh));
    expect([archiving.exitCode, archiving.outputs.compliant]).toEqual([fresh.exitCode, fresh.outputs.compliant]);
    const dashboard = github.repository.issues.find((issue) => issue.title === DASHBOARD['dashboard-issue'])!.body ?? '';
    for (const view of [archiving.summary, dashboard]) {
      expect(view).toMatch(/88\.9%[\s\S]*11\.1%/);
      expect(view).not.toMatch(/66\.7%|33\.3%/);
    }
    expect(archiving.summary).toMatch(/\*\*Archived this run \(1\)\*\*[\s\S]*#1\]\([^)]*\) Offline mode/);
  });

  it('keeps counting an item whose archive GitHub refused, says so, and tries it once', async () => {
    const github = await dueBesideDeal();
    github.failOn({ method: 'PATCH', path: '/repos/acme/backlog/issues/1', status: 422, message: 'Validation Failed' });
    github.clearRequests();
    const refused = await auditAt(github, 1, DASHBOARD);
    expect(github.issue(1)?.state).toBe('open');
    expect(github.requests.filter((request) => request.method === 'PATCH' && request.path === '/repos/acme/backlog/issues/1')).toHaveLength(1);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/GitHub refused 1 of the run's writes/);
    expect(refused.summary).toMatch(/1 write failed:\*\* archive `#1` \(close it as not planned\)/);
    expect(refused.summary).toMatch(/\*\*Archived this run \(0\)\*\*/);
    expect(budgets(refused).map((row) => [row.category, row.points, row.share])).toEqual([['deal', 8, '66.7%'], ['strategic', 4, '33.3%']]);
    expect(budgets(refused)).toEqual(budgets(await freshAudit(github, 1)));
  });

  it('archives on the real clock too', async () => {
    const github = await staleBacklog([1]);
    // No clock given to the run: it reads the real one. Warn, move the warning back, archive.
    clock = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await runInProcess({ fake: github, event: scheduleEvent(github), inputs: { 'max-writes': '100' } });
    expect(botComment(github, 1)?.body).toMatch(/will be archived on/);
    moveWarningBack(github, 1, 15);
    const archived = await runInProcess({ fake: github, event: scheduleEvent(github), inputs: { 'max-writes': '100' } });
    expect(archived.exitCode).toBe(0);
    expect([github.issue(1)?.state, github.issue(1)?.stateReason]).toEqual(['closed', 'not_planned']);
    expect(archived.summary).toMatch(/Archived this run \(1\)/);
  });
});
