import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { applyWrites } from '../../src/github/apply.js';
import type { PlannedWrite } from '../../src/plan/types.js';
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../../src/memory/markers.js';
import { API, REPO, testClient } from './fixtures.js';

const log = { info: () => {}, warning: () => {} };
const comment: PlannedWrite = { kind: 'create-comment', issue: 7, body: `${COMMENT_MARKER}\nFix it`, description: 'comment on #7: missing-field' };
const dashboard: PlannedWrite = { kind: 'create-issue', issue: null, title: 'Roadmap health', body: `${DASHBOARD_MARKER}\nReport`, description: 'create the dashboard issue "Roadmap health"' };

/** The bot's comment as the comments query returns it. */
const landedComment = { fullDatabaseId: '901', viewerDidAuthor: true, body: `${COMMENT_MARKER}\nFix it`, createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z' };
const commentsPage = (nodes: unknown[]) => ({ data: { repository: { issue: { comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } });
const isQuery = (name: string) => (body: { query?: string }) => (body.query ?? '').includes(name);

describe('creating a comment when GitHub answers 5xx', () => {
  it('does not post again when the comment landed', async () => {
    let posts = 0;
    const scope = nock(API)
      .post('/repos/acme/roadmap/issues/7/comments')
      .reply(() => (posts++, [502, { message: 'Bad Gateway' }]))
      .post('/graphql', isQuery('RoadmapIssueComments'))
      .reply(200, commentsPage([landedComment]));
    const result = await applyWrites(testClient(), REPO, [comment], { dryRun: false, maxWrites: 10, log });
    expect(posts).toBe(1);
    expect(result.made).toEqual([comment]);
    expect(result.failed).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
  });

  it('posts again only after looking and not finding it, and never on a 4xx', async () => {
    let posts = 0;
    nock(API)
      .post('/repos/acme/roadmap/issues/7/comments')
      .reply(() => (posts++, [503, { message: 'Service Unavailable' }]))
      .post('/graphql', isQuery('RoadmapIssueComments'))
      .reply(200, commentsPage([{ ...landedComment, viewerDidAuthor: false }]))
      .post('/repos/acme/roadmap/issues/7/comments')
      .reply(() => (posts++, [201, { id: 902 }]));
    const result = await applyWrites(testClient(), REPO, [comment], { dryRun: false, maxWrites: 10, log });
    expect(posts).toBe(2);
    expect(result.made).toEqual([comment]);

    nock(API).post('/repos/acme/roadmap/issues/7/comments').reply(() => (posts++, [422, { message: 'Validation Failed' }]));
    const refused = await applyWrites(testClient(), REPO, [comment], { dryRun: false, maxWrites: 10, log });
    expect(posts).toBe(3);
    expect(refused.failed).toHaveLength(1);
  });

  it('gives up after four tries, reporting the write as failed', async () => {
    let posts = 0;
    nock(API)
      .post('/repos/acme/roadmap/issues/7/comments')
      .times(4)
      .reply(() => (posts++, [500, { message: 'Server Error' }]))
      .post('/graphql', isQuery('RoadmapIssueComments'))
      .times(3)
      .reply(200, commentsPage([]));
    const result = await applyWrites(testClient(), REPO, [comment], { dryRun: false, maxWrites: 10, log });
    expect(posts).toBe(4);
    expect(result.failed.map((f) => f.reason)).toEqual([expect.stringMatching(/^POST \/repos\/acme\/roadmap\/issues\/7\/comments failed: GitHub answered 500/)]);
  });
});

describe('creating the dashboard issue when GitHub answers 5xx', () => {
  it('does not create a second dashboard when the first landed', async () => {
    let creates = 0;
    nock(API)
      .post('/repos/acme/roadmap/issues')
      .reply(() => (creates++, [502, { message: 'Bad Gateway' }]))
      .post('/graphql', isQuery('RoadmapNewestIssues'))
      .reply(200, { data: { repository: { issues: { nodes: [{ number: 40, title: 'Roadmap health', viewerDidAuthor: true, body: `${DASHBOARD_MARKER}\nReport` }] } } } });
    const result = await applyWrites(testClient(), REPO, [dashboard], { dryRun: false, maxWrites: 10, log });
    expect(creates).toBe(1);
    expect(result.made).toEqual([dashboard]);
  });

  it('is not fooled by an issue someone else titled like the dashboard', async () => {
    let creates = 0;
    nock(API)
      .post('/repos/acme/roadmap/issues')
      .reply(() => (creates++, [502, { message: 'Bad Gateway' }]))
      .post('/graphql', isQuery('RoadmapNewestIssues'))
      .reply(200, { data: { repository: { issues: { nodes: [{ number: 41, title: 'Roadmap health', viewerDidAuthor: false, body: DASHBOARD_MARKER }] } } } })
      .post('/repos/acme/roadmap/issues')
      .reply(() => (creates++, [201, { number: 42 }]));
    await applyWrites(testClient(), REPO, [dashboard], { dryRun: false, maxWrites: 10, log });
    expect(creates).toBe(2);
  });
});
