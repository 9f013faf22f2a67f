/**
 * Issue events on a Projects v2 board with the saved board: an audit saves
 * the board it read in full; an issue event then reads only its own issue's
 * place on the board, and judges exactly as a full read of the board would
 * whenever nothing else on the board changed since. Run in-process against
 * the fake GitHub's board and cache (board-fixtures.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WORKFLOW_BOT, type FakeGitHub } from '../fake-github/index.js';
import { costOfCall, type GraphqlBody } from '../fake-github/graphql.js';
import { fakeProjectItem, projectKey, type FakeProject } from '../fake-github/projects.js';
import { BOARD_POLICY, BOARD_READER, BOARD_TOKEN, NOW, startBoardFake } from './board-fixtures.js';
import { issuesEvent, workflowDispatchEvent } from './events.js';
import { POLICY_PATH, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';
import type { ActionResult } from './run-action.js';

let fake: FakeGitHub | undefined;
/** GitHub's clock: the fake's `Date` header and stamps; tests move it on. */
let githubNow = '2026-11-21T10:00:00Z';

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
  githubNow = '2026-11-21T10:00:00Z';
});

async function start(options: { policy?: string } = {}): Promise<FakeGitHub> {
  fake = await startBoardFake({ ...options, clock: () => githubNow });
  return fake;
}

function cacheEnv(github: FakeGitHub): Record<string, string> {
  return { ACTIONS_RESULTS_URL: github.cacheUrl, ACTIONS_RUNTIME_TOKEN: github.cache.runtimeToken, GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' };
}

async function audit(github: FakeGitHub, inputs: Record<string, string> = {}): Promise<ActionResult> {
  github.clearRequests();
  return runInProcess({ fake: github, event: workflowDispatchEvent(github), now: NOW, env: cacheEnv(github), inputs: { 'project-token': BOARD_TOKEN, ...inputs } });
}

/** An issue event with the saved board, or reading the board in full (`saved-state: false`, dry run: it only reads). */
async function issueEvent(github: FakeGitHub, number: number, options: { fullRead?: boolean; token?: string } = {}): Promise<ActionResult> {
  github.clearRequests();
  const inputs = { 'project-token': options.token ?? BOARD_TOKEN, ...(options.fullRead ? { 'saved-state': 'false', 'dry-run': 'true' } : {}) };
  return runInProcess({ fake: github, event: issuesEvent(github, { action: 'edited', number }), now: NOW, env: cacheEnv(github), inputs });
}

/** What a run concluded: its findings and budgets, as its outputs give them. */
function verdict(result: ActionResult) {
  return { findings: JSON.parse(result.outputs.findings ?? '[]') as unknown[], budgets: JSON.parse(result.outputs.budgets ?? '[]') as unknown[] };
}

function boardLines(result: ActionResult): string[] {
  return result.stdout.split('\n').filter((line) => line.startsWith('Saved board:'));
}

/** The event with the saved board, then a full read: both must judge alike. */
async function expectSameAsFullRead(github: FakeGitHub, number: number): Promise<ActionResult> {
  const withState = await issueEvent(github, number);
  const requests = [...github.requests];
  const fullRead = await issueEvent(github, number, { fullRead: true });
  expect(boardLines(withState)[0]).toMatch(/^Saved board: \d+ items of acme\/7 read in full at 2026-11-21T10:00:00\.000Z; 2 cache requests\.$/);
  expect(boardLines(fullRead)).toEqual(['Saved board: turned off (`saved-state: false`); reading every item of the board.']);
  expect(verdict(withState)).toEqual(verdict(fullRead));
  github.requests.splice(0, github.requests.length, ...requests);
  return withState;
}

function board(github: FakeGitHub): FakeProject {
  return github.store.projects.get(projectKey('acme', 7))!;
}

describe('an issue event on the saved board', () => {
  it('judges like a full read of the board, in at most 5 requests and 5 points, and says when the rest of the board was read', async () => {
    const github = await start();
    const saving = await audit(github);
    expect(boardLines(saving)).toEqual(['Saved board: audits save it; reading every item of the board.', expect.stringMatching(/^Saved board: saved 119 items of acme\/7 \(\d+ KB\) for the next issue events; 3 cache requests in all\.$/)]);

    // The deal over its budget, a roadmap item, an issue in last sprint, an issue on no board.
    github.addIssue({ number: 400, title: 'Not on the board', createdAt: '2026-11-16T09:00:00Z' });
    for (const number of [113, 7, 101, 400]) {
      const event = await expectSameAsFullRead(github, number);
      const api = github.requests.filter((request) => request.kind !== 'cache');
      // The policy file, the event's issue, its place on the board, the open pull requests whose merge gate follows it.
      const operation = (request: (typeof api)[number]) => /query (\w+)/.exec(String((request.body as { query?: unknown } | null)?.query))?.[1] ?? request.route;
      expect(api.map((request) => `${request.login} ${operation(request)}`)).toEqual([
        'github-actions[bot] /repos/{owner}/{repo}/contents/{path}',
        'github-actions[bot] RoadmapFocusIssue',
        'roadmap-app[bot] RoadmapIssueBoardItems',
        'github-actions[bot] RoadmapOpenPullRequests',
      ]);
      expect(api.length).toBeLessThanOrEqual(5);
      const points = api.filter((request) => request.kind === 'graphql').reduce((sum, request) => sum + costOfCall(request.body as GraphqlBody | null).cost, 0);
      expect(points).toBeLessThanOrEqual(5);
      // One of them through project-token: the event's issue's place on the board.
      expect(api.filter((request) => request.login === BOARD_READER)).toHaveLength(1);
      expect(event.summary).toContain('Budgets count the rest of the board as last read in full, at 2026-11-21 10:00 UTC');
    }

    // The audit's comment on the deal stands: an event that finds what it found writes nothing.
    expect(github.requests.filter((request) => request.kind === 'write')).toEqual([]);
  });

  it("sees the event's own issue change on the board (a field edited, the issue added, the issue removed); other changes show from the next audit", async () => {
    const github = await start();
    await audit(github);
    const deal = board(github).items.find((item) => item.content.kind === 'issue' && item.content.repo === 'widgets' && item.content.number === 113)!;
    const dealPoints = (result: ActionResult) => (verdict(result).budgets as { category: string; points: number }[]).find((row) => row.category === 'deal')?.points;

    // 3 → 20 points: deal work is 50.
    deal.values.Estimate = { type: 'number', number: 20 };
    expect(dealPoints(await expectSameAsFullRead(github, 113))).toBe(50);
    // Another issue's event counts the deal as the audit read it, and says when that was.
    const other = await issueEvent(github, 7);
    expect(dealPoints(other)).toBe(33);
    expect(other.summary).toContain('Budgets count the rest of the board as last read in full, at 2026-11-21 10:00 UTC');
    await audit(github);

    // A new deal added to the board: 8 more points, and a comment that says when the rest of the board was read.
    github.addIssue({ number: 300, title: 'Deal: audit log for Umbrella', createdAt: '2026-11-18T09:00:00Z' });
    board(github).items.push(
      fakeProjectItem({ kind: 'issue', owner: 'acme', repo: 'widgets', number: 300 }, { Estimate: { type: 'number', number: 8 }, 'Work type': { type: 'single-select', name: 'Customer commitment' }, Sprint: deal.values.Sprint! }),
    );
    expect(dealPoints(await expectSameAsFullRead(github, 300))).toBe(58);
    const comment = github.comments(300).find((entry) => entry.author === WORKFLOW_BOT)?.body ?? '';
    expect(comment).toContain('### Capacity: deal work is over budget');
    expect(comment.trimEnd().split('\n').at(-1)).toContain(
      '_Budgets count the rest of the board as last read in full, at 2026-11-21 10:00 UTC: GitHub cannot list the items of a board changed since, so other changes on the board show from the next audit._',
    );

    // The deal taken off the board: Globex's 30 points and the new deal's 8 (saved by the audit in between) remain.
    await audit(github);
    board(github).items.splice(board(github).items.indexOf(deal), 1);
    expect(dealPoints(await expectSameAsFullRead(github, 113))).toBe(38);
  });
});

describe('an issue event reads the whole board, and says why, when the saved board', () => {
  it('was never saved, or was saved for another policy', async () => {
    const github = await start();
    const first = await issueEvent(github, 113);
    expect(boardLines(first)[0]).toBe(
      'Saved board: not used, none saved yet for this board and policy, an audit saves it; reading every item of the board.',
    );
    expect(first.summary).toContain('The board was read in full (saved board: not used, none saved yet for this board and policy, an audit saves it).');
    // Two pages of the board, through project-token.
    expect(github.requests.filter((request) => request.login === BOARD_READER)).toHaveLength(2);
    // That full read was saved: the next event uses it.
    expect(boardLines(await issueEvent(github, 113))[0]).toMatch(/^Saved board: 119 items of acme\/7 read in full at/);

    github.seed({ files: { [POLICY_PATH]: BOARD_POLICY.replace('max-share: 10%', 'max-share: 20%') } });
    expect(boardLines(await issueEvent(github, 113))[0]).toMatch(/^Saved board: not used, none saved yet for this board and policy/);
  });

  it('is older than a day by GitHub clock', async () => {
    const github = await start();
    await audit(github);
    githubNow = '2026-11-22T11:00:00Z';
    const late = await issueEvent(github, 113);
    expect(boardLines(late)[0]).toBe('Saved board: not used, it is 25 hours old, more than the 24 it is trusted for; reading every item of the board.');
    expect(late.summary).toContain('The board was read in full (saved board: not used, it is 25 hours old, more than the 24 it is trusted for).');
  });

  it('was read by another identity than project-token is now', async () => {
    const github = await start();
    await audit(github);
    github.addToken('other-token', 'other-app[bot]');
    board(github).readers.push('other-app[bot]');
    const other = await issueEvent(github, 113, { token: 'other-token' });
    expect(boardLines(other)[0]).toBe("Saved board: not used, it was read by roadmap-app[bot], and `project-token` is now other-app[bot]'s, which may see other items; reading every item of the board.");
  });

  it("cannot tell whether the issue is on it: GitHub hides some of the issue's board items", async () => {
    const github = await start();
    await audit(github);
    const deal = board(github).items.find((item) => item.content.kind === 'issue' && item.content.number === 113)!;
    board(github).items.splice(board(github).items.indexOf(deal), 1);
    // The issue is on a board project-token may not read.
    github.store.projects.set(projectKey('acme', 9), { ...board(github), number: 9, title: 'Secret', items: [deal], readers: [] });
    const hidden = await issueEvent(github, 113);
    expect(boardLines(hidden)[0]).toBe(
      "Saved board: not used, #113's place on the board could not be read (GitHub hides some of #113's board items from `project-token`); reading every item of the board.",
    );
  });
});

describe('runs that never save the board', () => {
  it('a dry-run audit, and an audit with saved-state off', async () => {
    const github = await start();
    expect(boardLines(await audit(github, { 'dry-run': 'true' }))).toContain('Saved board: not saved (dry run: nothing is written).');
    expect(boardLines(await audit(github, { 'saved-state': 'false' }))).toContain('Saved board: not saved, turned off (`saved-state: false`).');
    expect(github.cache.entries).toEqual([]);
  });
});
