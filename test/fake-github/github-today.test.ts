// The fake answers the way github.com does today where code tends to assume
// otherwise: ids above 2^31, GitHub's size limits, and NOT_FOUND with partial data.
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, FakeGitHub, WORKFLOW_BOT } from './index.js';

let fake: FakeGitHub;
let octokit: ReturnType<typeof getOctokit>;
const repo = { owner: 'acme', repo: 'widgets' };
const INT_MAX = 2 ** 31 - 1;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  octokit = getOctokit(DEFAULT_TOKEN, { baseUrl: fake.url });
});

afterEach(async () => {
  await fake.stop();
});

/** The body of a failed Octokit call's response. */
async function refusal(call: Promise<unknown>): Promise<{ status?: number; data?: unknown }> {
  return call.then(
    () => ({ status: 200 }),
    (error: { status?: number; response?: { data?: unknown } }) => ({ status: error.status, data: error.response?.data }),
  );
}

/** A GraphQL answer with its errors, without Octokit throwing on them. */
async function graphqlRaw(query: string): Promise<{ data: unknown; errors?: Record<string, unknown>[] }> {
  const response = await fetch(fake.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `token ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data: unknown; errors?: Record<string, unknown>[] };
}

describe('ids as GitHub hands them out today', () => {
  it('gives issues, comments and labels ids above 2^31, in REST as in the records', async () => {
    const issue = await octokit.rest.issues.create({ ...repo, title: 'Deal: SSO', labels: ['deal'] });
    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: issue.data.number, body: 'hello' });
    const label = await octokit.rest.issues.createLabel({ ...repo, name: 'roadmap: over budget', color: 'fbca04' });
    expect(issue.data.id).toBeGreaterThan(INT_MAX);
    expect(issue.data.labels.map((l) => (typeof l === 'string' ? 0 : (l.id ?? 0)))[0]).toBeGreaterThan(INT_MAX);
    expect(comment.data.id).toBeGreaterThan(INT_MAX);
    expect(label.data.id).toBeGreaterThan(INT_MAX);
    expect(comment.data.html_url).toMatch(new RegExp(`#issuecomment-${comment.data.id}$`));
    // And the id round-trips exactly through the edit route.
    const edited = await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'edited' });
    expect(edited.data.body).toBe('edited');
  });

  it('answers databaseId above 2^31 with the Int error and null, and fullDatabaseId as a decimal string', async () => {
    fake.addIssue({ number: 7, databaseId: 3_400_000_007 });
    fake.addComment({ issueNumber: 7, id: 3_500_000_001, author: WORKFLOW_BOT, body: 'ours' });
    const result = await graphqlRaw(`query {
      repository(owner: "acme", name: "widgets") {
        issue(number: 7) {
          number databaseId fullDatabaseId
          comments(first: 5) { nodes { databaseId fullDatabaseId body } }
        }
      }
    }`);
    expect(result.data).toEqual({
      repository: {
        issue: {
          number: 7,
          databaseId: null,
          fullDatabaseId: '3400000007',
          comments: { nodes: [{ databaseId: null, fullDatabaseId: '3500000001', body: 'ours' }] },
        },
      },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'Int cannot represent non 32-bit signed integer value: 3400000007', path: ['repository', 'issue', 'databaseId'] }),
      expect.objectContaining({
        message: 'Int cannot represent non 32-bit signed integer value: 3500000001',
        path: ['repository', 'issue', 'comments', 'nodes', 0, 'databaseId'],
      }),
    ]);
  });

  it('makes Octokit throw on a query that reads databaseId, as on github.com', async () => {
    fake.addIssue({ number: 7 });
    fake.addComment({ issueNumber: 7, author: WORKFLOW_BOT, body: 'ours' });
    const failure = await octokit
      .graphql('query { repository(owner: "acme", name: "widgets") { issue(number: 7) { comments(first: 1) { nodes { databaseId } } } } }')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'GraphqlResponseError' });
    expect(String(failure)).toMatch(/Int cannot represent non 32-bit signed integer value: \d{10}/);
  });

  it('keeps users and repositories below 2^31, where their databaseId still works', async () => {
    const result = await octokit.graphql<{ viewer: { databaseId: number }; repository: { databaseId: number } }>(
      'query { viewer { databaseId } repository(owner: "acme", name: "widgets") { databaseId } }',
    );
    expect(result.viewer.databaseId).toBeLessThanOrEqual(INT_MAX);
    expect(result.repository.databaseId).toBeLessThanOrEqual(INT_MAX);
  });
});

describe('issues closed as duplicates', () => {
  it('reads DUPLICATE only with enableDuplicate: true, COMPLETED without, as the schema documents', async () => {
    fake.addIssue({ number: 8, state: 'closed' });
    await octokit.rest.issues.update({ ...repo, issue_number: 8, state: 'open' });
    await octokit.rest.issues.update({ ...repo, issue_number: 8, state: 'closed', state_reason: 'duplicate' });
    const result = await octokit.graphql<{ repository: { issue: { plain: string; withDuplicates: string } } }>(`query {
      repository(owner: "acme", name: "widgets") {
        issue(number: 8) { plain: stateReason withDuplicates: stateReason(enableDuplicate: true) }
      }
    }`);
    expect(result.repository.issue).toEqual({ plain: 'COMPLETED', withDuplicates: 'DUPLICATE' });
  });
});

describe("GitHub's limits and error shapes", () => {
  const tooLongBody = 'x'.repeat(65_537);

  it('refuses a comment body over 65,536 characters with a 422 "Body is too long"', async () => {
    fake.addIssue({ number: 4 });
    const created = await refusal(octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: tooLongBody }));
    expect(created).toEqual({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      },
    });
    const atLimit = await octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: '😀'.repeat(65_536) });
    expect(atLimit.status).toBe(201);
    const edited = await refusal(octokit.rest.issues.updateComment({ ...repo, comment_id: atLimit.data.id, body: tooLongBody }));
    expect(edited.status).toBe(422);
    expect(fake.comments(4)).toHaveLength(1);
  });

  it('refuses an issue body over 65,536 characters on create and update', async () => {
    fake.addIssue({ number: 5, body: 'short' });
    const created = await refusal(octokit.rest.issues.create({ ...repo, title: 'Roadmap health', body: tooLongBody }));
    expect(created.status).toBe(422);
    expect(created.data).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
    expect((await refusal(octokit.rest.issues.update({ ...repo, issue_number: 5, body: tooLongBody }))).status).toBe(422);
    expect(fake.issue(5)?.body).toBe('short');
  });

  it('refuses a label name over 50 characters, whether created or added to an issue', async () => {
    fake.addIssue({ number: 6 });
    const name = `roadmap: ${'n'.repeat(42)}`;
    expect(Array.from(name)).toHaveLength(51);
    const created = await refusal(octokit.rest.issues.createLabel({ ...repo, name, color: 'ededed' }));
    expect(created).toEqual({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'custom', field: 'name', message: 'name is too long (maximum is 50 characters)' }],
        documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label',
      },
    });
    const added = await refusal(octokit.rest.issues.addLabels({ ...repo, issue_number: 6, labels: [name] }));
    expect(added.status).toBe(422);
    expect(added.data).toMatchObject({ errors: [{ resource: 'Label', field: 'name', code: 'invalid', value: name }] });
    expect(fake.label(name)).toBeUndefined();
    expect(fake.labelsOf(6)).toEqual([]);
    expect((await octokit.rest.issues.createLabel({ ...repo, name: name.slice(0, 50) })).status).toBe(201);
  });

  it('answers an unknown issue number with NOT_FOUND and the rest of the data', async () => {
    fake.addIssue({ number: 3, isPullRequest: true });
    for (const number of [404, 3]) {
      const result = await graphqlRaw(`query { repository(owner: "acme", name: "widgets") { nameWithOwner issue(number: ${number}) { title } } }`);
      expect(result.data).toEqual({ repository: { nameWithOwner: 'acme/widgets', issue: null } });
      expect(result.errors).toEqual([
        expect.objectContaining({ type: 'NOT_FOUND', path: ['repository', 'issue'], message: `Could not resolve to an Issue with the number of ${number}.` }),
      ]);
    }
  });
});
