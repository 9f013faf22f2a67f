import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN, FakeGitHub, WORKFLOW_BOT } from './index.js';

let fake: FakeGitHub;
let octokit: ReturnType<typeof getOctokit>;

beforeEach(async () => {
  fake = await FakeGitHub.start();
  octokit = getOctokit(DEFAULT_TOKEN, { baseUrl: fake.url });
});

afterEach(async () => {
  await fake.stop();
});

const ISSUES_PAGE = /* GraphQL */ `
  query ($owner: String!, $name: String!, $cursor: String) {
    repository(owner: $owner, name: $name) {
      nameWithOwner
      defaultBranchRef { name target { oid } }
      issues(first: 2, after: $cursor, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number title body state url createdAt closedAt
          author { login }
          milestone { title }
          labels(first: 10) { totalCount nodes { name } }
        }
      }
    }
    rateLimit { limit remaining used resetAt cost }
  }
`;

interface IssuesPage {
  repository: {
    nameWithOwner: string;
    defaultBranchRef: { name: string; target: { oid: string } };
    issues: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { number: number; title: string; state: string; author: { login: string }; milestone: { title: string } | null; labels: { totalCount: number; nodes: { name: string }[] } }[];
    };
  };
  rateLimit: { limit: number; remaining: number; used: number; cost: number };
}

describe('fake GitHub GraphQL', () => {
  it('answers a valid query over the seeded issues, page by page', async () => {
    fake.seed({
      issues: [
        { number: 1, title: 'Deal: SSO for Globex', labels: ['deal', 'customer:globex'], milestone: 'Q1', createdAt: '2026-01-01T00:00:00Z' },
        { number: 2, title: 'Closed one', state: 'closed', createdAt: '2026-01-02T00:00:00Z' },
        { number: 3, title: 'Roadmap work', labels: ['roadmap'], createdAt: '2026-01-03T00:00:00Z' },
        { number: 4, title: 'A pull request', isPullRequest: true, createdAt: '2026-01-04T00:00:00Z' },
        { number: 5, title: 'Newest', author: 'alice', createdAt: '2026-01-05T00:00:00Z' },
      ],
    });
    const first = await octokit.graphql<IssuesPage>(ISSUES_PAGE, { owner: 'acme', name: 'widgets' });
    expect(first.repository.nameWithOwner).toBe('acme/widgets');
    expect(first.repository.defaultBranchRef.name).toBe('main');
    expect(first.repository.issues.totalCount).toBe(3);
    expect(first.repository.issues.nodes.map((issue) => issue.number)).toEqual([1, 3]);
    expect(first.repository.issues.nodes[0]).toMatchObject({
      state: 'OPEN',
      author: { login: 'octocat' },
      milestone: { title: 'Q1' },
      labels: { totalCount: 2, nodes: [{ name: 'deal' }, { name: 'customer:globex' }] },
    });
    expect(first.repository.issues.pageInfo.hasNextPage).toBe(true);

    const second = await octokit.graphql<IssuesPage>(ISSUES_PAGE, {
      owner: 'acme',
      name: 'widgets',
      cursor: first.repository.issues.pageInfo.endCursor,
    });
    expect(second.repository.issues.nodes.map((issue) => issue.number)).toEqual([5]);
    expect(second.repository.issues.pageInfo.hasNextPage).toBe(false);
    expect(second.rateLimit).toMatchObject({ limit: 5000, remaining: 4998, used: 2, cost: 1 });
    expect(fake.count('graphql')).toBe(2);
  });

  it('rejects a document GitHub would reject, with GraphQL errors and no data', async () => {
    const failure = await octokit
      .graphql('query { repository(owner: "acme", name: "widgets") { issues(first: 1) { nodes { notAField } } } }')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'GraphqlResponseError' });
    expect((failure as { errors: { message: string }[] }).errors[0]?.message).toMatch(/notAField/);
  });

  it('enforces GitHub node limits on connections', async () => {
    const tooMany = await octokit
      .graphql('query { repository(owner: "acme", name: "widgets") { issues(first: 101) { totalCount } } }')
      .catch((error: unknown) => error);
    expect(String(tooMany)).toMatch(/exceeds the `first` limit of 100 records/);
    const unbounded = await octokit
      .graphql('query { repository(owner: "acme", name: "widgets") { issues { nodes { number } } } }')
      .catch((error: unknown) => error);
    expect(String(unbounded)).toMatch(/You must provide a `first` or `last` value/);
    // A count alone needs no page: `issues(states: OPEN) { totalCount }` is how public tools read a repository's open issues.
    const counted = await octokit.graphql<{ repository: { issues: { totalCount: number } } }>('query { repository(owner: "acme", name: "widgets") { issues(states: OPEN) { totalCount } } }');
    expect(counted.repository.issues.totalCount).toBe(fake.repository.issues.filter((issue) => issue.state === 'open' && !issue.isPullRequest).length);
  });

  it('reports a missing repository as NOT_FOUND like GitHub', async () => {
    const failure = await octokit
      .graphql('query { repository(owner: "acme", name: "nope") { id } }')
      .catch((error: unknown) => error);
    expect((failure as { errors: { type?: string; message: string }[] }).errors[0]).toMatchObject({
      type: 'NOT_FOUND',
      message: "Could not resolve to a Repository with the name 'acme/nope'.",
    });
  });

  it('answers viewerDidAuthor for the token identity only', async () => {
    fake.addIssue({ number: 7 });
    fake.addComment({ issueNumber: 7, author: WORKFLOW_BOT, body: '<!-- roadmap-guard --> bot' });
    fake.addComment({ issueNumber: 7, author: 'mallory', body: '<!-- roadmap-guard --> pasted' });
    const query = /* GraphQL */ `
      query {
        viewer { login }
        repository(owner: "acme", name: "widgets") {
          issue(number: 7) {
            comments(last: 10) { totalCount nodes { fullDatabaseId body viewerDidAuthor author { login } } }
          }
        }
      }
    `;
    type Result = {
      viewer: { login: string };
      repository: { issue: { comments: { totalCount: number; nodes: { body: string; viewerDidAuthor: boolean; author: { login: string } }[] } } };
    };
    const asBot = await octokit.graphql<Result>(query);
    expect(asBot.viewer.login).toBe(WORKFLOW_BOT);
    // GraphQL names an App's bot `name[bot]` as the viewer and `name` as an author.
    expect(asBot.repository.issue.comments.nodes.map((node) => [node.author.login, node.viewerDidAuthor])).toEqual([
      ['github-actions', true],
      ['mallory', false],
    ]);

    fake.addToken('mallory-token', 'mallory');
    const asMallory = await getOctokit('mallory-token', { baseUrl: fake.url }).graphql<Result>(query);
    expect(asMallory.repository.issue.comments.nodes.map((node) => node.viewerDidAuthor)).toEqual([false, true]);
  });

  it("keeps each issue's timeline with who acted: comments, labels put on and taken off through the API, reopenings", async () => {
    fake.addToken('paula-token', 'pm-paula');
    const paula = getOctokit('paula-token', { baseUrl: fake.url });
    fake.addIssue({ number: 3, state: 'closed' });
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'widgets', issue_number: 3, body: 'ours' });
    await paula.rest.issues.addLabels({ owner: 'acme', repo: 'widgets', issue_number: 3, labels: ['keep'] });
    await octokit.rest.issues.removeLabel({ owner: 'acme', repo: 'widgets', issue_number: 3, name: 'keep' });
    await paula.rest.issues.update({ owner: 'acme', repo: 'widgets', issue_number: 3, state: 'open' });
    const query = /* GraphQL */ `
      query ($types: [IssueTimelineItemsItemType!]) {
        viewer { login }
        repository(owner: "acme", name: "widgets") {
          issue(number: 3) {
            timelineItems(last: 100, itemTypes: $types) {
              nodes {
                __typename
                ... on IssueComment { author { login } viewerDidAuthor }
                ... on LabeledEvent { actor { __typename login } label { name } }
                ... on UnlabeledEvent { actor { __typename login } label { name } }
                ... on ReopenedEvent { actor { login } }
              }
            }
          }
        }
      }
    `;
    type Page = { viewer: { login: string }; repository: { issue: { timelineItems: { nodes: Record<string, unknown>[] } } } };
    const all = await octokit.graphql<Page>(query, { types: null });
    expect(all.viewer.login).toBe(WORKFLOW_BOT);
    expect(all.repository.issue.timelineItems.nodes).toEqual([
      { __typename: 'IssueComment', author: { login: 'github-actions' }, viewerDidAuthor: true },
      { __typename: 'LabeledEvent', actor: { __typename: 'User', login: 'pm-paula' }, label: { name: 'keep' } },
      { __typename: 'UnlabeledEvent', actor: { __typename: 'Bot', login: 'github-actions' }, label: { name: 'keep' } },
      { __typename: 'ReopenedEvent', actor: { login: 'pm-paula' } },
    ]);
    const labels = await octokit.graphql<Page>(query, { types: ['LABELED_EVENT', 'UNLABELED_EVENT'] });
    expect(labels.repository.issue.timelineItems.nodes.map((node) => node.__typename)).toEqual(['LabeledEvent', 'UnlabeledEvent']);
  });

  it('lists what happened in the same second in the order it happened, not comments first', async () => {
    await fake.stop();
    fake = await FakeGitHub.start({ clock: () => '2026-09-07T05:00:00Z' });
    octokit = getOctokit(DEFAULT_TOKEN, { baseUrl: fake.url });
    fake.addToken('lena-token', 'lead-lena');
    const lena = getOctokit('lena-token', { baseUrl: fake.url });
    fake.addIssue({ number: 3 });
    const on3 = { owner: 'acme', repo: 'widgets', issue_number: 3 };
    await lena.rest.issues.createComment({ ...on3, body: '/roadmap exempt first' });
    await octokit.rest.issues.addLabels({ ...on3, labels: ['roadmap-exempt'] });
    await lena.rest.issues.createComment({ ...on3, body: '/roadmap exempt second' });
    const page = await octokit.graphql<{ repository: { issue: { timelineItems: { nodes: { __typename: string; createdAt: string }[] } } } }>(/* GraphQL */ `
      query {
        repository(owner: "acme", name: "widgets") {
          issue(number: 3) {
            timelineItems(last: 100, itemTypes: [ISSUE_COMMENT, LABELED_EVENT]) { nodes { __typename ... on IssueComment { createdAt } ... on LabeledEvent { createdAt } } }
          }
        }
      }
    `);
    expect(page.repository.issue.timelineItems.nodes.map((node) => [node.__typename, node.createdAt])).toEqual([
      ['IssueComment', '2026-09-07T05:00:00Z'],
      ['LabeledEvent', '2026-09-07T05:00:00Z'],
      ['IssueComment', '2026-09-07T05:00:00Z'],
    ]);
  });

  it('gives fields it does not model a harmless value of the right type', async () => {
    fake.addIssue({ number: 3 });
    const result = await octokit.graphql<{ repository: { issue: Record<string, unknown> } }>(/* GraphQL */ `
      query {
        repository(owner: "acme", name: "widgets") {
          issue(number: 3) { locked activeLockReason participants(first: 5) { totalCount nodes { login } } }
        }
      }
    `);
    expect(result.repository.issue).toEqual({
      locked: false,
      activeLockReason: null,
      participants: { totalCount: 0, nodes: null },
    });
  });

  it('finds issues with a search query and counts them', async () => {
    fake.seed({
      issues: [
        { number: 1, labels: ['deal'] },
        { number: 2, labels: ['deal'], state: 'closed' },
        { number: 3, labels: ['roadmap'] },
      ],
    });
    const result = await octokit.graphql<{ search: { issueCount: number; nodes: { number: number }[] } }>(
      'query($q: String!) { search(query: $q, type: ISSUE, first: 10) { issueCount nodes { ... on Issue { number } } } }',
      { q: 'repo:acme/widgets is:issue is:open label:deal' },
    );
    expect(result.search).toEqual({ issueCount: 1, nodes: [{ number: 1 }] });
  });

  it('answers RATE_LIMITED once the GraphQL budget is spent', async () => {
    fake.setRateLimit('graphql', { remaining: 0 });
    const failure = await octokit.graphql('query { viewer { login } }').catch((error: unknown) => error);
    expect((failure as { errors: { type: string }[] }).errors[0]?.type).toBe('RATE_LIMITED');
    expect(fake.requests.at(-1)).toMatchObject({ kind: 'graphql', status: 200 });
  });

  it('logs a mutation as a write', async () => {
    fake.addIssue({ number: 1 });
    const issueId = fake.issue(1)?.nodeId;
    await octokit
      .graphql('mutation($id: ID!) { addComment(input: { subjectId: $id, body: "hi" }) { clientMutationId } }', { id: issueId })
      .catch(() => undefined);
    expect(fake.writes).toHaveLength(1);
    expect(fake.writes[0]?.mutation).toBe(true);
  });

  it('answers nodes(ids:) id by id: one that no longer resolves is null with a NOT_FOUND at its index, and more than 100 ids are refused whole', async () => {
    fake.addIssue({ number: 1 });
    fake.addIssue({ number: 2 });
    const ids = [fake.issue(1)!.nodeId, 'I_gone', fake.issue(2)!.nodeId];
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Issue { number } } }';
    const partial = (await octokit.graphql(query, { ids }).catch((error: unknown) => error)) as { data: { nodes: unknown[] }; errors: { type: string; path: unknown[] }[] };
    expect(partial.data.nodes).toEqual([{ number: 1 }, null, { number: 2 }]);
    expect(partial.errors).toMatchObject([{ type: 'NOT_FOUND', path: ['nodes', 1] }]);

    const tooMany = (await octokit.graphql(query, { ids: Array.from({ length: 101 }, () => ids[0]) }).catch((error: unknown) => error)) as { data: unknown; errors: { type: string; message: string }[] };
    expect(tooMany.data).toBeNull();
    expect(tooMany.errors).toMatchObject([{ type: 'ARGUMENT_LIMIT', message: 'You may not provide more than 100 node ids; you provided 101.' }]);
  });
});
