import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { createGitHubClient, requestKind } from '../../src/github/client.js';
import { WritePacer } from '../../src/github/pacing.js';
import { describeFailure } from '../../src/github/describe-failure.js';
import { httpStatus, RateLimitExhaustedError } from '../../src/github/errors.js';
import { describeCounts } from '../../src/ports/describe.js';
import { DEFAULT_TOKEN, FakeGitHub } from '../fake-github/index.js';
import { API, REPO, testClient } from './fixtures.js';

const page = { data: { repository: { issues: { nodes: [] } } } };

describe('createGitHubClient', () => {
  it('counts requests by kind, the GraphQL points GitHub charged, and the last rate limit remaining', async () => {
    const charged = { data: { viewer: { login: 'octocat' }, rateLimit: { cost: 3 } } };
    nock(API)
      // Every query asks what it cost: the client adds `rateLimit { cost }`.
      .post('/graphql', (body: { query: string }) => body.query === 'query { rateLimit { cost } viewer { login } }')
      .reply(200, charged, { 'x-ratelimit-remaining': '4999' })
      .get('/repos/acme/roadmap/contents/x.yml')
      .reply(404, { message: 'Not Found' }, { 'x-ratelimit-remaining': '4998' })
      .post('/repos/acme/roadmap/issues/1/comments')
      .reply(201, { id: 1 }, { 'x-ratelimit-remaining': '4997' });
    const client = testClient();
    await client.graphql('query { viewer { login } }');
    await expect(client.octokit.rest.repos.getContent({ owner: REPO.owner, repo: REPO.name, path: 'x.yml' })).rejects.toThrow();
    await client.octokit.rest.issues.createComment({ owner: REPO.owner, repo: REPO.name, issue_number: 1, body: 'hi' });
    expect(client.counts()).toEqual({ graphql: 1, graphqlPoints: 3, restRead: 1, write: 1, rateLimitRemaining: 4997 });
  });

  it('does not pace GraphQL reads: 20 pages go out back to back even with real write pacing', async () => {
    nock(API).post('/graphql').times(20).reply(200, page);
    // Default pacing (1 s between writes): the throttling plugin would send every /graphql request through it.
    const client = createGitHubClient({ token: 't', apiUrl: API, graphqlUrl: `${API}/graphql`, warn: () => {} });
    const durations: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = Date.now();
      await client.graphql('query { viewer { login } }');
      durations.push(Date.now() - started);
    }
    // Paced, the 19 requests after the first would wait 1,000 ms each: 19 s at least. Unpaced they take
    // milliseconds; the bound leaves a busy machine plenty of room and still tells the two apart.
    expect(durations.reduce((a, b) => a + b, 0)).toBeLessThan(9_500);
    expect(client.counts().graphql).toBe(20);
  });

  it('paces writes, and content-creating writes more', async () => {
    // When each write leaves the client: the moment its turn comes (where the requests arrive, a busy machine's transit delays blur the gaps).
    const sent: number[] = [];
    const beforeWrite = WritePacer.prototype.beforeWrite;
    const paced = vi.spyOn(WritePacer.prototype, 'beforeWrite').mockImplementation(function (this: WritePacer, createsContent: boolean) {
      return beforeWrite.call(this, createsContent).then(() => void sent.push(Date.now()));
    });
    const arrived: string[] = [];
    nock(API)
      .post('/repos/acme/roadmap/issues/1/labels')
      .times(2)
      .reply(() => (arrived.push('label'), [200, []]))
      .post('/repos/acme/roadmap/issues/1/comments')
      .times(2)
      .reply(() => (arrived.push('comment'), [201, { id: 1 }]));
    const client = testClient({ pacing: { writeGapMs: 200, contentGapMs: 500 } });
    const labels = { owner: REPO.owner, repo: REPO.name, issue_number: 1, labels: ['x'] };
    const comment = { owner: REPO.owner, repo: REPO.name, issue_number: 1, body: 'hi' };
    await client.octokit.rest.issues.addLabels(labels);
    await client.octokit.rest.issues.addLabels(labels);
    await client.octokit.rest.issues.createComment(comment);
    await client.octokit.rest.issues.createComment(comment);
    paced.mockRestore();
    expect(arrived).toEqual(['label', 'label', 'comment', 'comment']);
    const gaps = sent.slice(1).map((at, i) => at - sent[i]!);
    // A millisecond's leeway: each moment is taken a microtask after the pacer's own.
    expect(gaps[0]).toBeGreaterThanOrEqual(199);
    expect(gaps[1]).toBeGreaterThanOrEqual(199);
    expect(gaps[2]).toBeGreaterThanOrEqual(499);
  });

  it('never retries a 4xx answer', async () => {
    nock(API).get('/repos/acme/roadmap').times(2).reply(422, { message: 'Unprocessable' });
    const client = testClient();
    await expect(client.octokit.rest.repos.get({ owner: REPO.owner, repo: REPO.name })).rejects.toMatchObject({ status: 422 });
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it('retries a server error', async () => {
    nock(API).get('/repos/acme/roadmap').reply(502, 'Bad gateway').get('/repos/acme/roadmap').reply(200, { name: 'roadmap' });
    const client = testClient();
    const response = await client.octokit.rest.repos.get({ owner: REPO.owner, repo: REPO.name });
    expect(response.data).toEqual({ name: 'roadmap' });
  });

  it('waits out a short secondary rate limit and retries', async () => {
    nock(API)
      .post('/repos/acme/roadmap/issues/1/comments')
      .reply(403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '2' })
      .post('/repos/acme/roadmap/issues/1/comments')
      .reply(201, { id: 7 });
    const warnings: string[] = [];
    const client = testClient({ warn: (m) => warnings.push(m) });
    const response = await client.octokit.rest.issues.createComment({ owner: REPO.owner, repo: REPO.name, issue_number: 1, body: 'hi' });
    expect(response.data).toEqual({ id: 7 });
    expect(warnings.join('\n')).toMatch(/^Waiting 2s before retrying POST \/repos\/acme\/roadmap\/issues\/1\/comments: GitHub's secondary rate limit/);
    expect(client.counts().waitedSeconds).toBe(2);
  });

  it('caps all waits of a run together, and says why it waited and why it stopped', async () => {
    // A secondary limit without retry-after: GitHub asks for at least a minute, and it did not end.
    const scope = nock(API).post('/repos/acme/roadmap/issues/1/comments').times(3).reply(429, { message: 'You have exceeded a secondary rate limit' });
    const warnings: string[] = [];
    const client = testClient({ warn: (m) => warnings.push(m) });
    const error = await client.octokit.rest.issues.createComment({ owner: REPO.owner, repo: REPO.name, issue_number: 1, body: 'hi' }).catch((e: unknown) => e);
    expect(httpStatus(error)).toBe(429);
    // One wait of 60 s fits the 60 s budget; a second would have made it 120 s.
    expect(scope.pendingMocks()).toHaveLength(1);
    expect(client.counts().waitedSeconds).toBe(60);
    expect(warnings).toEqual([
      expect.stringMatching(/^Waiting 60s before retrying POST \/repos\/acme\/roadmap\/issues\/1\/comments: GitHub's secondary rate limit .* without one GitHub asks for at least 60s\.$/),
      expect.stringMatching(/^Not waiting 60s more for POST \/repos\/acme\/roadmap\/issues\/1\/comments \(.*\): this run already waited 60s of its 60s; the next run will do what this one could not\.$/),
    ]);
    expect(describeCounts(client.counts())).toMatch(/; waited 60s on rate limits$/);
  });

  it('stops at once, without sleeping until the reset, when the hourly limit is spent', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    nock(API)
      .get('/repos/acme/roadmap')
      .times(3)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    // Real time units: a client that slept until the reset would time the test out.
    const client = createGitHubClient({ token: 't', apiUrl: API, warn: () => {} });
    const started = Date.now();
    const error = await client.octokit.rest.repos.get({ owner: REPO.owner, repo: REPO.name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitExhaustedError);
    expect((error as RateLimitExhaustedError).resetAt?.getTime()).toBe(reset * 1000);
    expect((error as Error).message).toMatch(/rate limit .* used up; stopped without waiting/);
    // Waiting for the reset would take an hour; stopping takes milliseconds.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(nock.pendingMocks()).toHaveLength(1);
    expect(client.counts().rateLimitRemaining).toBe(0);
  });

  it('stops on a GraphQL RATE_LIMITED answer too', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    nock(API)
      .post('/graphql')
      .reply(
        200,
        { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      );
    const client = testClient();
    await expect(client.graphql('query { viewer { login } }')).rejects.toBeInstanceOf(RateLimitExhaustedError);
  });

  it('sends GraphQL to GITHUB_GRAPHQL_URL and REST to GITHUB_API_URL', async () => {
    const previous = { api: process.env.GITHUB_API_URL, graphql: process.env.GITHUB_GRAPHQL_URL };
    process.env.GITHUB_API_URL = 'https://ghe.example.test/api/v3';
    process.env.GITHUB_GRAPHQL_URL = 'https://ghe.example.test/api/graphql';
    try {
      nock('https://ghe.example.test').post('/api/graphql').reply(200, page).get('/api/v3/repos/acme/roadmap').reply(200, {});
      const client = createGitHubClient({ token: 't', pacing: { writeGapMs: 0, contentGapMs: 0 }, warn: () => {} });
      await client.graphql('query { viewer { login } }');
      await client.octokit.rest.repos.get({ owner: REPO.owner, repo: REPO.name });
      expect(client.counts()).toMatchObject({ graphql: 1, restRead: 1 });
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      restore('GITHUB_API_URL', previous.api);
      restore('GITHUB_GRAPHQL_URL', previous.graphql);
    }
  });
});

describe('request timeout', () => {
  // Against the fake GitHub (a real socket that stays silent): an aborted fetch confuses nock's interceptor.
  const ROUTE = '/repos/acme/widgets';
  const clientFor = (fake: FakeGitHub, requestTimeoutMs = 50) =>
    createGitHubClient({ token: DEFAULT_TOKEN, apiUrl: fake.url, graphqlUrl: fake.graphqlUrl, pacing: { writeGapMs: 0, contentGapMs: 0 }, retryTimeUnitMs: 1, requestTimeoutMs, warn: () => {} });

  it('gives up on a try that gets no answer in time, and retries it', async () => {
    const fake = await FakeGitHub.start();
    try {
      fake.failOn({ method: 'GET', path: ROUTE, status: 0, hang: true, times: 1 });
      // A deadline the answered retry meets even on a busy machine, where the fake can take more than 50 ms.
      const response = await clientFor(fake, 500).octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' });
      expect(response.data.name).toBe('widgets');
      expect(fake.requests.filter((request) => request.path === ROUTE)).toHaveLength(2);
    } finally {
      await fake.stop();
    }
  });

  it('stops after a few tries that all time out, and says so', async () => {
    const fake = await FakeGitHub.start();
    try {
      fake.failOn({ method: 'GET', path: ROUTE, status: 0, hang: true });
      const started = Date.now();
      const error: unknown = await clientFor(fake).octokit.rest.repos.get({ owner: 'acme', repo: 'widgets' }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      // The first try and three retries.
      expect(fake.requests.filter((request) => request.path === ROUTE)).toHaveLength(4);
      expect(describeFailure(error)).toBe(
        'GET /repos/acme/widgets got no answer from GitHub: the request timed out (no answer within 0.05s). This is a problem on GitHub’s side or on the way to it, not in the workflow; the next run will try again',
      );
    } finally {
      await fake.stop();
    }
  });
});

describe('requestKind', () => {
  it.each([
    ['POST', 'https://api.github.com/graphql', 'graphql'],
    ['POST', 'https://ghe.example.test/api/graphql', 'graphql'],
    ['GET', '/repos/{owner}/{repo}/contents/{path}', 'rest-read'],
    ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 'write'],
    ['DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', 'write'],
  ] as const)('%s %s is a %s', (method, url, kind) => {
    expect(requestKind(method, url, 'https://api.github.com/graphql')).toBe(kind);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
