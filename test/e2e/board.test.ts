// Planned work from a Projects v2 board, run in-process against the fake
// GitHub's board (see board-fixtures.ts): budgets from board estimates, the
// current sprint only, field-based categories and customers, other
// repositories counted but never written to, and the board-token messages.
import { afterEach, describe, expect, it } from 'vitest';
import { WORKFLOW_BOT, type FakeGitHub } from '../fake-github/index.js';
import { fakeProjectItem, projectKey } from '../fake-github/projects.js';
import { BOARD_POLICY, BOARD_READER, BOARD_TOKEN, NOW, startBoardFake } from './board-fixtures.js';
import { relayedProjectItemEvent, workflowDispatchEvent } from './events.js';
import { stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

interface BudgetOutput {
  category: string;
  points: number;
  items: number;
  customers: { customer: string; points: number }[];
}

async function audit(github: FakeGitHub, inputs: Record<string, string> = { 'project-token': BOARD_TOKEN }) {
  github.clearRequests();
  return runInProcess({ fake: github, event: workflowDispatchEvent(github), now: NOW, inputs });
}

describe('an audit of a Projects v2 board', () => {
  it('budgets the current sprint from board estimates and fields, across repositories', async () => {
    const github = (fake = await startBoardFake());
    const result = await audit(github);

    const budgets = JSON.parse(result.outputs.budgets ?? '[]') as BudgetOutput[];
    const deal = budgets.find((b) => b.category === 'deal');
    const strategic = budgets.find((b) => b.category === 'strategic');
    // Last sprint's 12 deals (600 points) and the deleted issue's item are not counted.
    expect(deal).toMatchObject({ points: 33, items: 6 });
    expect(deal?.customers.map((c) => [c.customer, c.points])).toEqual([
      ['Globex', 30],
      ['Initech', 3],
    ]);
    expect(strategic).toMatchObject({ points: 205, items: 101 });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.find((a) => a.level === 'error')?.message).toContain('Deal work is 13.9% of planned work, above its 10% cap (33 of 238 points)');

    // The bet past its review date, read from the board's date field.
    const findings = JSON.parse(result.outputs.findings ?? '[]') as { kind: string; item?: number }[];
    expect(findings.filter((f) => f.kind === 'bet-overdue').map((f) => f.item)).toEqual([113]);

    // Writes go only to the workflow's repository; other repositories' items are listed by name.
    const writes = github.requests.filter((r) => r.kind === 'write');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((w) => w.path.startsWith('/repos/acme/widgets/'))).toBe(true);
    expect(result.summary).toContain('- `acme/api#1` API deal 1');
    expect(result.summary).toContain('- `acme/api#5` API deal 5');
    expect(result.summary).toMatch(/1 draft/);
    expect(result.summary).toMatch(/1 item GitHub would not show/);

    // 120 items: two pages, both through the project token.
    const boardReads = github.requests.filter((r) => r.login === BOARD_READER);
    expect(boardReads).toHaveLength(2);
  });

  it('costs at most ceil(1000/100) + 3 requests for a 1,000-item organization board', async () => {
    // 1,000 items: 100 open issues of this repository, 886 of another, 12 closed, a draft and a deleted issue.
    const github = (fake = await startBoardFake({ items: 99, elsewhere: 886 }));
    const result = await audit(github, { 'project-token': BOARD_TOKEN, 'dry-run': 'true' });
    expect(result.exitCode).toBe(1);
    const boardReads = github.requests.filter((r) => r.login === BOARD_READER);
    expect(boardReads).toHaveLength(10);
    // Board pages, one page of this repository's open issues, the policy file, the closed issues still labelled, the open pull requests.
    expect(github.requests.map((r) => r.route)).toHaveLength(14);
  });
});

describe('a board read with a token limited to some repositories', () => {
  it("counts the other repositories' items as unreadable, says which access would show them, and fails only when the board itself is unreadable", async () => {
    const github = (fake = await startBoardFake());
    github.addToken('scoped-token', 'scoped-reader', { repositories: ['acme/widgets'] });
    github.store.projects.get(projectKey('acme', 7))!.readers.push('scoped-reader');
    const result = await audit(github, { 'project-token': 'scoped-token' });

    // The five acme/api deals (30 points of Globex) are left out; this repository's items are all counted.
    const budgets = JSON.parse(result.outputs.budgets ?? '[]') as BudgetOutput[];
    expect(budgets.find((b) => b.category === 'deal')).toMatchObject({ points: 3, items: 1 });
    expect(budgets.find((b) => b.category === 'strategic')).toMatchObject({ points: 205, items: 101 });
    const warning = result.annotations.find((a) => a.level === 'warning' && a.message.includes('project-token'));
    expect(warning?.message).toBe(
      "`project-token` may read the board acme/7 but not the issues of 5 items on it: they are in repositories the token was not given, so they are left out of the budgets. To count them, give the token \"Issues: read\" on every repository with issues on the board (a fine-grained token's \"Repository access\", or a GitHub App installed on those repositories).",
    );
    expect(result.summary).toMatch(/5 items left out because their repositories are outside `project-token`'s repository access \(give it "Issues: read" there\)/);
    expect(result.stdout).toMatch(/Board acme\/7: 114 items \(0 from other repositories, 1 drafts, 6 unreadable\)/);

    // A board the token cannot see at all still fails the run.
    github.store.projects.get(projectKey('acme', 7))!.readers.pop();
    const refused = await audit(github, { 'project-token': 'scoped-token' });
    expect(refused.exitCode).toBe(1);
    expect(refused.annotations.find((a) => a.level === 'error')?.message).toMatch(/cannot read the Projects v2 board acme\/7/);
  });
});

describe('archiving the stale backlog of a board', () => {
  it("never archives a stale item in the board's current sprint; one of last sprint is", async () => {
    const policy = BOARD_POLICY.replace('enforcement:', 'backlog: { max-age-days: 365, archive: true, grace-days: 14 }\nenforcement:').replace(
      'labels: { over-budget: "roadmap: over budget" }',
      'labels: { over-budget: "roadmap: over budget", non-compliant: "roadmap: stale" }',
    );
    const github = (fake = await startBoardFake({ policy }));
    const old = { createdAt: '2025-01-10T09:00:00Z', updatedAt: '2025-02-01T09:00:00Z' };
    Object.assign(github.issue(1)!, old);
    github.addIssue({ number: 200, title: 'Forgotten idea', ...old });
    github.store.projects
      .get(projectKey('acme', 7))!
      .items.push(fakeProjectItem({ kind: 'issue', owner: 'acme', repo: 'widgets', number: 200 }, { Sprint: { type: 'iteration', title: 'Sprint 11', startDate: '2026-11-02', duration: 14 } }));

    const warned = await audit(github);
    const findings = JSON.parse(warned.outputs.findings ?? '[]') as { kind: string; item?: number }[];
    expect(findings.filter((f) => f.kind === 'archive-pending').map((f) => f.item)).toEqual([200]);
    expect(findings.filter((f) => f.kind === 'stale-backlog').map((f) => f.item)).toEqual([1]);
    const ours = (issue: number) => github.comments(issue).find((comment) => comment.author === WORKFLOW_BOT);
    expect(ours(200)?.body).toMatch(/will be archived on 2026-12-05/);
    expect(ours(1)?.body).not.toMatch(/archived/);

    // Both warnings' grace periods over (had #1 been warned): only the item outside the current sprint is closed.
    const warning = /warned=(\S+)/.exec(ours(200)!.body)![1]!;
    ours(200)!.body = ours(200)!.body.replace(`warned=${warning}`, 'warned=2026-11-01T09:00:00Z');
    await audit(github);
    expect([github.issue(200)?.state, github.issue(200)?.stateReason]).toEqual(['closed', 'not_planned']);
    expect(github.issue(1)?.state).toBe('open');
    expect(github.requests.some((r) => r.method === 'PATCH' && r.path === '/repos/acme/widgets/issues/1')).toBe(false);
  });
});

describe('a projects_v2_item event relayed as repository_dispatch', () => {
  it('checks the board item of this repository and its category budget, like an issue event', async () => {
    const github = (fake = await startBoardFake());
    github.clearRequests();
    const clientPayload = { event: 'projects_v2_item', item: 'PVTI_lADOBoard', content: 'acme/widgets#113' };
    const event = { name: 'repository_dispatch', payload: { action: 'projects_v2_item', branch: 'main', client_payload: clientPayload } };
    const result = await runInProcess({ fake: github, event, now: NOW, inputs: { 'project-token': BOARD_TOKEN } });
    expect(result.stdout).toContain('relayed board item (#113)');
    // Without the runner's cache, the board is read in full, and the summary says why.
    expect(result.summary).toContain('The board was read in full (saved board: the runner offers no Actions cache here');
    expect(result.exitCode).toBe(1);
    expect(result.annotations.find((a) => a.level === 'error')?.message).toContain('above its 10% cap (33 of 238 points)');
    // The board gives every planned item in full: the repository's open issues are not read again for budgets.
    expect(github.requests.filter((r) => String((r.body as { query?: string } | null)?.query).includes('RoadmapBudgetItems'))).toEqual([]);
    const writes = github.requests.filter((r) => r.kind === 'write').map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((write) => write.includes('/repos/acme/widgets/issues/113/') || write.endsWith('/repos/acme/widgets/labels'))).toBe(true);
    const comment = github.comments(113).at(-1)?.body ?? '';
    expect(comment).toContain('set a new "Review by" date');
    // Other repositories' items are named by owner/repo#n, not by a number of this repository.
    expect(comment).toContain('[acme/api#1](https://github.com/acme/api/issues/1) API deal 1');
  });
});

describe("a board's items of other repositories and drafts, named in every view", () => {
  it('names them acme/api#5 and draft: Title among an over-budget category\'s items, never by their negative key', async () => {
    // The draft is deal work too, and the newest item: it heads the fix's list.
    const github = (fake = await startBoardFake({ draftWorkType: 'Customer commitment' }));
    const result = await audit(github);
    expect(result.exitCode).toBe(1);

    const findings = JSON.parse(result.outputs.findings ?? '[]') as { kind: string; fix: string }[];
    const over = findings.find((f) => f.kind === 'over-budget');
    expect(over?.fix).toBe('Defer, descope or close at least 16 points of deal work — newest first: draft: Spike: SSO protocols, #113, acme/api#1, acme/api#2, acme/api#3 and 2 more');
    expect(result.summary).toContain(
      'newest first: draft: Spike: SSO protocols, [#113](https://github.com/acme/widgets/issues/113), [acme/api#1](https://github.com/acme/api/issues/1)',
    );
    expect(result.annotations.find((a) => a.level === 'error')?.message).toContain('Deal work is 16% of planned work');

    const comment = github.comments(113).at(-1)?.body ?? '';
    expect(comment).toContain('- draft: Spike: SSO protocols — 5 points');
    expect(comment).toContain('- and 1 more item: [acme/api#5](https://github.com/acme/api/issues/5)');
    for (const [view, text] of Object.entries({ summary: result.summary, comment, log: result.stdout, outputs: JSON.stringify(result.outputs) })) {
      expect({ view, negativeKey: /\\?#-\d/.exec(text)?.[0] }).toEqual({ view, negativeKey: undefined });
    }
  });

  it("names them in the check's failing line when a finding about one of them fails", async () => {
    // Deal work needs a business case: the draft and the other repository's deals have none, so each misses its field.
    const policy = BOARD_POLICY.replace('fail-on: [over-budget]', 'fail-on: [missing-field]').replace(
      'customer: { field: Customer }',
      'customer: { field: Customer }\nbusiness-case:\n  applies-to: [deal]\n  fields:\n    - heading: Who will buy it?',
    );
    const github = (fake = await startBoardFake({ policy, draftWorkType: 'Customer commitment' }));
    const result = await audit(github);
    expect(result.exitCode).toBe(1);
    const failing = result.stdout.split('\n').find((line) => line.includes('fail the roadmap policy')) ?? '';
    expect(failing).toContain('draft: Spike: SSO protocols ');
    expect(failing).toContain('acme/api#5 No answer');
    expect(failing).not.toMatch(/#-\d/);
  });
});

describe('relayed project events GitHub says are not an issue of this repository, and GitHub\'s own payload forwarded', () => {
  const relay = (clientPayload: unknown) => ({ name: 'repository_dispatch', payload: { action: 'projects_v2_item', branch: 'main', client_payload: clientPayload } });

  it('leaves out a pull request and a deleted issue with a notice, writing nothing and passing', async () => {
    const github = (fake = await startBoardFake());
    const pullRequest = github.addPullRequest({ title: 'Implement SSO' });
    for (const content of [`acme/widgets#${pullRequest.number}`, 'acme/widgets#4040']) {
      github.clearRequests();
      const result = await runInProcess({ fake: github, event: relay({ event: 'projects_v2_item', item: 'PVTI_lADOBoard', content }), now: NOW, inputs: { 'project-token': BOARD_TOKEN } });
      expect(result.exitCode).toBe(0);
      expect(result.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
        content.endsWith('4040')
          ? "The relayed projects_v2_item event's content is left out: #4040 no longer exists (deleted or transferred)."
          : `The relayed projects_v2_item event's content is left out: #${pullRequest.number} is a pull request, not planned work.`,
      ]);
      expect(github.writes).toEqual([]);
      // One question to GitHub, and nothing read for a check that does not happen.
      expect(github.requests.map((r) => r.route)).toEqual(['graphql']);
    }
  });

  it("checks the issue of GitHub's own payload, forwarded verbatim, by its content_node_id", async () => {
    const github = (fake = await startBoardFake());
    const result = await runInProcess({ fake: github, event: relayedProjectItemEvent(github, { number: 113 }), now: NOW, inputs: { 'project-token': BOARD_TOKEN } });
    expect(result.stdout).toContain(`relayed board item (${github.issue(113)!.nodeId})`);
    expect(result.stdout).toContain('The relayed board item is issue #113: checking it like an issue event.');
    expect(result.exitCode).toBe(1);
    expect(github.comments(113).at(-1)?.body).toContain('set a new "Review by" date');
  });
});

describe('a board the run cannot read', () => {
  it('names project-token, the permission and the workflow lines when the input is empty, before any read or write', async () => {
    const github = (fake = await startBoardFake());
    const result = await audit(github, { 'project-token': '' });
    expect(result.exitCode).toBe(1);
    const failure = result.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(failure).toContain('`project-token` input is empty');
    expect(failure).toContain('Projects: read');
    expect(result.stdout).toContain('actions/create-github-app-token');
    expect(github.requests.filter((r) => r.kind === 'write')).toEqual([]);
  });

  it('says the token cannot see the board when GitHub answers NOT_FOUND', async () => {
    const github = (fake = await startBoardFake());
    github.addToken('outsider-token', 'outsider');
    const result = await audit(github, { 'project-token': 'outsider-token' });
    expect(result.exitCode).toBe(1);
    const failure = result.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(failure).toContain('acme/7');
    expect(failure).toContain('cannot see it');
    expect(github.requests.filter((r) => r.kind === 'write')).toEqual([]);
  });

  it('says GitHub refused the workflow token passed as project-token', async () => {
    const github = (fake = await startBoardFake());
    const result = await audit(github, { 'project-token': 'fake-token' });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.find((a) => a.level === 'error')?.message).toContain('Resource not accessible by integration');
    expect(github.requests.filter((r) => r.kind === 'write')).toEqual([]);
  });

  it('locates a policy field the board lacks and names the board fields', async () => {
    const github = (fake = await startBoardFake({ policy: BOARD_POLICY.replace('field: Estimate', 'field: Estimates') }));
    const result = await audit(github);
    expect(result.exitCode).toBe(1);
    const problem = result.stdout.split('\n').find((line) => line.startsWith('::error title=Invalid roadmap policy')) ?? '';
    expect(problem).toContain('file=.github/roadmap-policy.yml,line=6');
    expect(problem).toContain('work.size.field');
    expect(problem).toContain('did you mean "Estimate"?');
    expect(problem).toContain('"Sprint"');
    expect(github.requests.filter((r) => r.kind === 'write')).toEqual([]);
  });
});

describe("an exemption label on another repository's board item", () => {
  it('is neither audited nor revoked here: its timeline and labels live where this token cannot write, and it has no number in this repository', async () => {
    const policy = `${BOARD_POLICY}exemptions:\n  label: roadmap-exempt\n  approvers: [lead-lena]\n  max-open: 1\n`;
    const github = (fake = await startBoardFake({ policy }));
    const api = github.store.repository('acme', 'api')!;
    for (const number of [1, 2]) github.store.putIssue(api, { number, title: `API deal ${number}`, createdAt: '2026-11-16T09:00:00Z', labels: ['roadmap-exempt'] });
    const result = await audit(github);
    expect(result.stdout).not.toMatch(/#-\d|number of -\d|refused the query|Exceptions over exemptions\.max-open/);
    const writes = github.requests.filter((request) => request.method !== 'GET' && request.route !== 'graphql');
    expect(writes.map((request) => request.path).filter((path) => /issues\/-\d|acme\/api/.test(path))).toEqual([]);
    // Failing on the deal budget, as without the labels: the run itself went through.
    expect(result.stdout).toContain('Deal work is');
  });
});
