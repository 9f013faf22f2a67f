// The fake charges GraphQL points by GitHub's documented formula (docs.github.com,
// "Rate limits and query limits for the GraphQL API"): per connection, one request
// for each object above it (the product of the first/last sizes of the connections
// it sits in); the sum divided by 100, rounded, at least 1. Each figure below is
// that formula worked by hand on the document.
import { parse } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardQuery } from '../../src/github/board.js';
import { OPEN_PULL_REQUESTS_QUERY } from '../../src/github/open-pull-requests.js';
import { PULL_REQUEST_QUERY } from '../../src/github/pull-request-read.js';
import { ALL_QUERIES } from '../../src/github/queries.js';
import { withQueryCost } from '../../src/github/query-cost.js';
import { DEFAULT_TOKEN, FakeGitHub } from './index.js';
import { queryCost } from './query-cost.js';

const cost = (document: string, variables: Record<string, unknown> = {}) => queryCost(parse(withQueryCost(document)), variables);

describe("GitHub's formula", () => {
  it("gives the docs' own example its 11 points: 1 + 50 + 50 × 20 = 1,051 requests, 11,050 nodes", () => {
    const example = 'query { viewer { repositories(first: 50) { edges { repository: node { name pullRequests(first: 20) { edges { pullRequest: node { title comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } } } }';
    expect(queryCost(parse(example))).toEqual({ cost: 11, nodeCount: 50 + 50 * 20 + 50 * 20 * 10 });
  });

  it('charges at least 1 point, and a mutation 1', () => {
    expect(queryCost(parse('query { viewer { login } }'))).toEqual({ cost: 1, nodeCount: 0 });
    expect(queryCost(parse('mutation { addStar(input: { starrableId: "x" }) { clientMutationId } }')).cost).toBe(1);
  });

  it('reads sizes from variables, and leaves out what @include and @skip leave out', () => {
    const document = 'query ($n: Int!, $deep: Boolean!) { viewer { repositories(first: $n) { nodes { issues(first: 100) @include(if: $deep) { totalCount } } } } }';
    expect(queryCost(parse(document), { n: 100, deep: true })).toEqual({ cost: 1, nodeCount: 100 + 100 * 100 }); // 1 + 100 = 101 requests
    expect(queryCost(parse(document), { n: 100, deep: false })).toEqual({ cost: 1, nodeCount: 100 });
  });
});

describe("the cost of each of the action's documents, as the client sends them", () => {
  const audit = { withBody: true, withLabels: true, nonCompliantLabel: 'a', overBudgetLabel: 'b' };

  it('an audit page with its comment window: 1 (issues) + 100 × 2 (labels, recent comments) = 201 requests, 2 points', () => {
    expect(cost(ALL_QUERIES.AUDIT_ISSUES_QUERY!, { ...audit, withComments: true })).toEqual({ cost: 2, nodeCount: 100 + 100 * 100 + 100 * 13 });
  });

  it('an audit page for a policy that asks for owners: 1 + 100 × 3 (labels, recent comments, assignees) = 301 requests, 3 points', () => {
    expect(cost(ALL_QUERIES.AUDIT_ISSUES_QUERY!, { ...audit, withComments: true, withAssignees: true })).toEqual({ cost: 3, nodeCount: 100 + 100 * 100 + 100 * 13 + 100 * 10 });
  });

  it('an audit page without them: 1 + 100 (labels) = 101 requests, 1 point', () => {
    expect(cost(ALL_QUERIES.AUDIT_ISSUES_QUERY!, { ...audit, withComments: false })).toEqual({ cost: 1, nodeCount: 100 + 100 * 100 });
  });

  it('a budget page: 1 + 100 (labels) = 101 requests, 1 point', () => {
    expect(cost(ALL_QUERIES.BUDGET_ITEMS_QUERY!, { withBody: false })).toEqual({ cost: 1, nodeCount: 100 + 100 * 100 });
  });

  it('the focus issue: labels, assignees and comments of one issue, 3 requests, the minimum 1 point', () => {
    expect(cost(ALL_QUERIES.FOCUS_ISSUE_QUERY!, { withLabels: false })).toEqual({ cost: 1, nodeCount: 210 });
  });

  it('one connection each, 1 request, the minimum 1 point: comments, an issue timeline, newest issues', () => {
    expect(cost(ALL_QUERIES.ISSUE_COMMENTS_QUERY!)).toEqual({ cost: 1, nodeCount: 100 });
    expect(cost(ALL_QUERIES.ISSUE_TIMELINE_QUERY!)).toEqual({ cost: 1, nodeCount: 100 });
    expect(cost(ALL_QUERIES.NEWEST_ISSUES_QUERY!)).toEqual({ cost: 1, nodeCount: 20 });
  });

  it("an issue timeline with the commands' facts: 1 + 100 (reactors of each comment) = 101 requests, 1 point", () => {
    // A hundred reactors per comment, so a popular command still shows the bot's 👍: more nodes, the same point.
    expect(cost(ALL_QUERIES.ISSUE_TIMELINE_QUERY!, { withRecord: true })).toEqual({ cost: 1, nodeCount: 100 + 100 * 100 });
  });

  it('a pull request: closing issues, comments, files and the head commit, 4 requests, 1 point', () => {
    expect(cost(PULL_REQUEST_QUERY, { withReferences: true, withComments: true, withFiles: true })).toEqual({ cost: 1, nodeCount: 1 + 100 + 100 + 100 });
  });

  it("the open pull requests, for the merge gate's status: 1 (pull requests) + 50 × 2 (head commit, closing references) = 101 requests, 1 point a page of 50", () => {
    expect(cost(OPEN_PULL_REQUESTS_QUERY, { statusContext: 'roadmap-guard/merge-gate' })).toEqual({ cost: 1, nodeCount: 50 + 50 * 1 + 50 * 100 });
  });

  it('a board page: fields, items, and 100 items × labels = 102 requests, 1 point', () => {
    expect(cost(boardQuery(2), { withFields: true })).toEqual({ cost: 1, nodeCount: 100 + 100 + 100 * 100 });
  });
});

describe('the points over HTTP', () => {
  let fake: FakeGitHub;
  beforeEach(async () => {
    fake = await FakeGitHub.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  async function send(query: string, variables: Record<string, unknown>) {
    const response = await fetch(fake.graphqlUrl, { method: 'POST', headers: { authorization: `token ${DEFAULT_TOKEN}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data: { rateLimit: Record<string, unknown> } };
    return { headers: Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('x-ratelimit-'))), rateLimit: body.data.rateLimit };
  }

  it('answers rateLimit with the cost it charged, and keeps the x-ratelimit-* headers in step', async () => {
    // The audit page, asking for everything rateLimit says.
    const query = ALL_QUERIES.AUDIT_ISSUES_QUERY!.replace(/\) \{\n(\s*)repository/, ') {\n$1rateLimit { cost remaining limit resetAt used nodeCount }\n$1repository');
    const variables = { owner: 'acme', name: 'widgets', states: ['OPEN'], ...audit(), withComments: true };
    const first = await send(query, variables);
    expect(first.rateLimit).toEqual({ cost: 2, remaining: 4998, limit: 5000, used: 2, nodeCount: 11400, resetAt: expect.any(String) });
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4998', 'x-ratelimit-used': '2', 'x-ratelimit-resource': 'graphql' });
    expect(Number(first.headers['x-ratelimit-reset']) * 1000).toBe(Date.parse(String(first.rateLimit.resetAt)));

    const second = await send(query, { ...variables, withComments: false });
    expect(second.rateLimit).toMatchObject({ cost: 1, remaining: 4997, used: 3 });
    expect(second.headers).toMatchObject({ 'x-ratelimit-remaining': '4997', 'x-ratelimit-used': '3' });
  });

  it('refuses a query worth more points than are left', async () => {
    fake.setRateLimit('graphql', { remaining: 1 });
    const response = await fetch(fake.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `token ${DEFAULT_TOKEN}` },
      body: JSON.stringify({ query: withQueryCost(ALL_QUERIES.AUDIT_ISSUES_QUERY!), variables: { owner: 'acme', name: 'widgets', states: ['OPEN'], ...audit(), withComments: true } }),
    });
    expect(await response.json()).toMatchObject({ errors: [{ type: 'RATE_LIMITED' }] });
  });

  function audit() {
    return { withBody: true, withLabels: false, nonCompliantLabel: 'a', overBudgetLabel: 'b' };
  }
});
