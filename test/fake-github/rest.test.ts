import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, FakeGitHub, WORKFLOW_BOT } from './index.js';

let fake: FakeGitHub;
let octokit: ReturnType<typeof getOctokit>;
const repo = { owner: 'acme', repo: 'widgets' };

beforeEach(async () => {
  fake = await FakeGitHub.start();
  octokit = getOctokit(DEFAULT_TOKEN, { baseUrl: fake.url });
});

afterEach(async () => {
  await fake.stop();
});

/** The HTTP status of a failed Octokit call. */
async function statusOf(call: Promise<unknown>): Promise<number | undefined> {
  return call.then(
    () => 200,
    (error: { status?: number }) => error.status,
  );
}

describe('fake GitHub REST', () => {
  it('creates a comment as the token identity, edits it, and lists it', async () => {
    fake.addIssue({ number: 4, updatedAt: '2026-01-01T00:00:00Z' });
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: 'first' });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe(WORKFLOW_BOT);
    expect(fake.issue(4)?.updatedAt).not.toBe('2026-01-01T00:00:00Z');

    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'second' });
    expect(updated.status).toBe(200);
    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: 4 });
    expect(listed.data.map((comment) => comment.body)).toEqual(['second']);
    expect(fake.comments(4)).toMatchObject([{ author: WORKFLOW_BOT, body: 'second' }]);
    expect(fake.writes.map((request) => request.route)).toEqual([
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
  });

  it('adds and removes labels, creating unknown ones like GitHub', async () => {
    fake.addIssue({ number: 2, labels: ['deal'] });
    const added = await octokit.rest.issues.addLabels({ ...repo, issue_number: 2, labels: ['roadmap: over budget'] });
    expect(added.data.map((label) => label.name)).toEqual(['deal', 'roadmap: over budget']);
    expect(fake.label('roadmap: over budget')?.color).toBe('ededed');

    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 2, name: 'roadmap: over budget' });
    expect(fake.labelsOf(2)).toEqual(['deal']);
    expect(await statusOf(octokit.rest.issues.removeLabel({ ...repo, issue_number: 2, name: 'absent' }))).toBe(404);
  });

  it('creates a label with 201 and refuses a duplicate with 422', async () => {
    const created = await octokit.rest.issues.createLabel({ ...repo, name: 'roadmap: needs business case', color: 'D93F0B', description: 'Missing business case' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'roadmap: needs business case', color: 'd93f0b' });
    const duplicate = await octokit.rest.issues
      .createLabel({ ...repo, name: 'Roadmap: Needs Business Case', color: 'ffffff' })
      .catch((error: { status: number; response: { data: unknown } }) => error);
    expect(duplicate).toMatchObject({
      status: 422,
      response: { data: { message: 'Validation Failed', errors: [{ code: 'already_exists', field: 'name' }] } },
    });
    const fetched = await octokit.rest.issues.getLabel({ ...repo, name: 'roadmap: needs business case' });
    expect(fetched.data.description).toBe('Missing business case');
    const all = await octokit.rest.issues.listLabelsForRepo({ ...repo, per_page: 100 });
    expect(all.data.map((label) => label.name)).toEqual(['roadmap: needs business case']);
  });

  it('creates and updates issues', async () => {
    const created = await octokit.rest.issues.create({ ...repo, title: 'Roadmap dashboard', body: 'report', labels: ['roadmap'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: 'open', labels: [{ name: 'roadmap' }] });
    const closed = await octokit.rest.issues.update({ ...repo, issue_number: 1, body: 'new report', state: 'closed' });
    expect(closed.data).toMatchObject({ body: 'new report', state: 'closed', state_reason: 'completed' });
    expect(fake.issue(1)?.closedAt).not.toBeNull();
  });

  it('closes an issue as not planned, reopens it, and refuses a reason GitHub does not know', async () => {
    fake.addIssue({ number: 1 });
    const closed = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'closed', state_reason: 'not_planned' });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    const refused = { ...repo, issue_number: 1, state: 'closed', state_reason: 'wontfix' } as unknown as Parameters<typeof octokit.rest.issues.update>[0];
    expect(await statusOf(octokit.rest.issues.update(refused))).toBe(422);
    expect(fake.issue(1)?.state).toBe('open');
  });

  it('serves files base64-encoded from the contents API', async () => {
    fake.seed({ files: { '.github/roadmap-policy.yml': 'version: 1\n' } });
    const response = await octokit.rest.repos.getContent({ ...repo, path: '.github/roadmap-policy.yml', ref: 'main' });
    const file = response.data as { type: string; encoding: string; content: string };
    expect(file.type).toBe('file');
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe('version: 1\n');
    expect(await statusOf(octokit.rest.repos.getContent({ ...repo, path: 'missing.yml' }))).toBe(404);
    const repository = await octokit.rest.repos.get(repo);
    expect(repository.data.default_branch).toBe('main');
  });

  it('answers 404 to a route it does not know and records it', async () => {
    const status = await statusOf(octokit.rest.issues.listMilestones(repo));
    expect(status).toBe(404);
    expect(fake.unknownRoutes.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/acme/widgets/milestones']);
  });

  it('answers 404 for a missing repository or issue', async () => {
    expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'nope' }))).toBe(404);
    expect(await statusOf(octokit.rest.issues.createComment({ ...repo, issue_number: 99, body: 'x' }))).toBe(404);
    expect(fake.unknownRoutes).toEqual([]);
  });

  it('requires a known token', async () => {
    expect(await statusOf(getOctokit('wrong', { baseUrl: fake.url }).rest.repos.get(repo))).toBe(401);
    const anonymous = await fetch(`${fake.url}/repos/acme/widgets`);
    expect(anonymous.status).toBe(401);
  });

  it('sends rate-limit headers and answers 403 once the budget is spent', async () => {
    fake.setRateLimit('core', { remaining: 1, limit: 60 });
    const ok = await octokit.rest.repos.get(repo);
    expect(ok.headers['x-ratelimit-remaining']).toBe('0');
    expect(ok.headers['x-ratelimit-limit']).toBe('60');
    expect(ok.headers['x-ratelimit-resource']).toBe('core');
    const spent = await octokit.rest.repos.get(repo).catch((error: { status: number; response: { headers: Record<string, string> } }) => error);
    expect(spent).toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } });
    expect(String(spent)).toMatch(/API rate limit exceeded/);
    const limits = await octokit.rest.rateLimit.get();
    expect(limits.data.resources.core).toMatchObject({ limit: 60, remaining: 0, used: 60 });
  });

  it('fails a route on demand, e.g. a token without issues: write', async () => {
    fake.addIssue({ number: 1 });
    fake.failOn({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 403, message: 'Resource not accessible by integration' });
    const denied = await octokit.rest.issues
      .createComment({ ...repo, issue_number: 1, body: 'x' })
      .catch((error: { status: number; message: string }) => error);
    expect(denied).toMatchObject({ status: 403, message: expect.stringMatching(/Resource not accessible by integration/) });
    expect(fake.comments(1)).toEqual([]);
  });

  it('answers after the configured latency, requests sent together waiting together', async () => {
    const slow = await FakeGitHub.start({ latencyMs: 150 });
    try {
      const client = getOctokit(DEFAULT_TOKEN, { baseUrl: slow.url });
      const started = performance.now();
      await Promise.all([client.rest.repos.get(repo), client.rest.repos.get(repo), client.rest.repos.get(repo)]);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(145);
      // Three requests at once take one round trip, not three.
      expect(elapsed).toBeLessThan(400);
    } finally {
      await slow.stop();
    }
  });
});

describe('fake GitHub team reads', () => {
  it("answers 404 to a token that cannot see the organization's teams, member or not, and to the team itself", async () => {
    fake.addTeam('acme', 'leads', ['tara']);
    expect(await statusOf(octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'leads', username: 'tara' }))).toBe(404);
    expect(await statusOf(octokit.rest.teams.getByName({ org: 'acme', team_slug: 'leads' }))).toBe(404);

    fake.allowOrgRead(WORKFLOW_BOT);
    expect(await statusOf(octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'leads', username: 'tara' }))).toBe(200);
    expect(await statusOf(octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'leads', username: 'nick' }))).toBe(404);
    expect(await statusOf(octokit.rest.teams.getByName({ org: 'acme', team_slug: 'leads' }))).toBe(200);
  });

  it("serves an issue's own milestone, by the number REST sets it with", async () => {
    fake.repository.milestones.push(
      { number: 1, title: 'Q3', state: 'closed', dueOn: '2026-09-30T00:00:00Z', closedAt: '2026-10-01T00:00:00Z', createdAt: '2026-07-01T00:00:00Z' },
      { number: 2, title: 'Q4', state: 'open', dueOn: '2026-12-31T00:00:00Z', closedAt: null, createdAt: '2026-10-01T00:00:00Z' },
    );
    fake.addIssue({ number: 4, milestone: 'Q3', state: 'closed' });
    const read = await octokit.rest.issues.get({ ...repo, issue_number: 4 });
    expect(read.data.milestone).toMatchObject({ number: 1, title: 'Q3', state: 'closed', due_on: '2026-09-30T00:00:00Z', closed_issues: 1, open_issues: 0 });

    const created = await octokit.rest.issues.create({ ...repo, title: 'Export', milestone: 2 });
    expect(created.data.milestone).toMatchObject({ number: 2, title: 'Q4', state: 'open', open_issues: 1 });
    expect(fake.issue(created.data.number)?.milestone).toBe('Q4');
    expect(await statusOf(octokit.rest.issues.create({ ...repo, title: 'Nowhere', milestone: 9 }))).toBe(422);
  });
});
