// The fake's pull requests as GitHub links and reports them: closing
// references (keywords only into the default branch, sidebar links into any),
// their reverse on the issue, the open pull requests of a repository, and
// commit statuses set through REST and read through GraphQL.
import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, FakeGitHub, WORKFLOW_BOT } from './index.js';

let fake: FakeGitHub;
let octokit: ReturnType<typeof getOctokit>;
const repo = { owner: 'acme', repo: 'widgets' };

beforeEach(async () => {
  fake = await FakeGitHub.start();
  octokit = getOctokit(DEFAULT_TOKEN, { baseUrl: fake.url });
  fake.seed({ issues: Array.from({ length: 6 }, (_, index) => ({ number: index + 1, title: `Issue ${index + 1}` })) });
});

afterEach(async () => {
  await fake.stop();
});

const LINKS = /* GraphQL */ `
  query ($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        closingIssuesReferences(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { number } }
        handLinked: closingIssuesReferences(first: 10, userLinkedOnly: true) { nodes { number } }
      }
      issue(number: 1) { closedByPullRequestsReferences(first: 10) { nodes { number } } }
      pullRequests(first: 10, states: [OPEN]) { totalCount nodes { number baseRefName } }
    }
  }
`;

interface Links {
  repository: {
    pullRequest: { closingIssuesReferences: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { number: number }[] }; handLinked: { nodes: { number: number }[] } };
    issue: { closedByPullRequestsReferences: { nodes: { number: number }[] } };
    pullRequests: { totalCount: number; nodes: { number: number; baseRefName: string }[] };
  };
}

const links = (number: number, after: string | null = null) => octokit.graphql<Links>(LINKS, { owner: 'acme', name: 'widgets', number, after });

describe('fake GitHub pull requests', () => {
  it('links closing keywords only into the default branch, and sidebar links into any, page by page', async () => {
    fake.addPullRequest({ number: 10, closes: [1, 2, 3] });
    fake.addPullRequest({ number: 11, closes: [1, 2], linked: [4], baseRef: 'develop' });
    expect(fake.issue(10)?.body).toBe('Closes #1\nCloses #2\nCloses #3');

    const first = await links(10);
    expect(first.repository.pullRequest.closingIssuesReferences).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true }, nodes: [{ number: 1 }, { number: 2 }] });
    const second = await links(10, first.repository.pullRequest.closingIssuesReferences.pageInfo.endCursor);
    expect(second.repository.pullRequest.closingIssuesReferences).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ number: 3 }] });
    expect(first.repository.pullRequest.handLinked.nodes).toEqual([]);

    const develop = await links(11);
    expect(develop.repository.pullRequest.closingIssuesReferences.nodes).toEqual([{ number: 4 }]);
    expect(develop.repository.pullRequest.handLinked.nodes).toEqual([{ number: 4 }]);
    // The reverse, on the issue: only the open pull request into the default branch closes #1.
    expect(first.repository.issue.closedByPullRequestsReferences.nodes).toEqual([{ number: 10 }]);
    expect(first.repository.pullRequests).toEqual({ totalCount: 2, nodes: [{ number: 10, baseRefName: 'main' }, { number: 11, baseRefName: 'develop' }] });

    fake.issue(10)!.state = 'closed';
    const closed = await links(11);
    expect(closed.repository.issue.closedByPullRequestsReferences.nodes).toEqual([]);
    expect(closed.repository.pullRequests.nodes.map((pr) => pr.number)).toEqual([11]);
  });

  it('keeps commit statuses per context, the latest counting, and refuses what GitHub refuses', async () => {
    const pr = fake.addPullRequest({ number: 10, closes: [1] });
    const set = (state: 'success' | 'failure', description: string, sha = pr.headSha) =>
      octokit.rest.repos.createCommitStatus({ ...repo, sha, state, description, context: 'roadmap-guard/merge-gate' });
    expect((await set('failure', 'Blocked by #1')).status).toBe(201);
    expect((await set('success', '1 linked issue meets the roadmap policy')).data).toMatchObject({ state: 'success', context: 'roadmap-guard/merge-gate', creator: { login: WORKFLOW_BOT } });
    expect(fake.status(pr.headSha, 'roadmap-guard/merge-gate')).toMatchObject({ state: 'success' });

    const refused = (call: Promise<unknown>) => call.then(() => undefined, (error: { status: number; response: { data: { errors: { message: string }[] } } }) => [error.status, error.response.data.errors[0]?.message]);
    expect(await refused(set('failure', 'x'.repeat(141)))).toEqual([422, 'description is too long (maximum is 140 characters)']);
    expect(await refused(set('failure', 'x', 'f'.repeat(40)))).toEqual([422, `No commit found for SHA: ${'f'.repeat(40)}`]);

    // At most 1,000 statuses per SHA and context: the 1,000th is set, the next refused; another context still takes one.
    const earlier = fake.repository.statuses.at(-1)!;
    for (let index = 0; index < 997; index += 1) fake.repository.statuses.splice(0, 0, { ...earlier, id: index });
    expect((await set('success', '1 linked issue meets the roadmap policy')).status).toBe(201);
    expect(await refused(set('success', '1 linked issue meets the roadmap policy'))).toEqual([422, 'This SHA and context has reached the maximum number of statuses.']);
    expect((await octokit.rest.repos.createCommitStatus({ ...repo, sha: pr.headSha, state: 'success', context: 'ci' })).status).toBe(201);

    const STATUS = /* GraphQL */ `
      query ($owner: String!, $name: String!) {
        repository(owner: $owner, name: $name) {
          pullRequest(number: 10) {
            headRefOid
            commits(last: 1) { nodes { commit { oid status { gate: context(name: "roadmap-guard/merge-gate") { state description } other: context(name: "lint") { state } } } } }
          }
        }
      }
    `;
    const read = await octokit.graphql<{ repository: { pullRequest: { headRefOid: string; commits: { nodes: { commit: { oid: string; status: unknown } }[] } } } }>(STATUS, { owner: 'acme', name: 'widgets' });
    expect(read.repository.pullRequest.commits.nodes[0]?.commit).toEqual({ oid: pr.headSha, status: { gate: { state: 'SUCCESS', description: '1 linked issue meets the roadmap policy' }, other: null } });
  });

  it('answers null for the status of a commit that has none', async () => {
    fake.addPullRequest({ number: 10 });
    const read = await octokit.graphql<{ repository: { pullRequest: { commits: { nodes: { commit: { status: unknown } }[] } } } }>(
      'query { repository(owner: "acme", name: "widgets") { pullRequest(number: 10) { commits(last: 1) { nodes { commit { status { state } } } } } } }',
    );
    expect(read.repository.pullRequest.commits.nodes[0]?.commit.status).toBeNull();
  });
});
