/** Small builders for GitHub-side tests: one partial-override object each. */
import nock from 'nock';
import { createGitHubClient, type ClientOptions, type GitHubClient } from '../../src/github/client.js';
import type { IssueNode } from '../../src/github/work-items.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';

export const API = 'https://api.github.com';
export const REPO = { owner: 'acme', name: 'roadmap' };

/** A client with no pacing and instant retries, so tests measure behaviour, not sleeps. */
export function testClient(overrides: Partial<ClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    token: 'test-token',
    apiUrl: API,
    graphqlUrl: `${API}/graphql`,
    pacing: { writeGapMs: 0, contentGapMs: 0 },
    retryTimeUnitMs: 1,
    warn: () => {},
    ...overrides,
  });
}

/** Policy file keys for GitHub-side tests: deal work with a budget and a business case, a forbidden label, both managed labels. */
export const DEAL_POLICY = {
  categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '50%' } } },
  'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Who will buy it?' }] },
  'forbidden-labels': ['one-off'],
  enforcement: { labels: { 'non-compliant': 'roadmap:needs-work', 'over-budget': 'roadmap:over-budget' } },
};

export function issueNode(overrides: Partial<IssueNode> & { labelNames?: string[] } = {}): IssueNode {
  const { labelNames = [], ...rest } = overrides;
  const number = rest.number ?? 1;
  return {
    number,
    title: `Issue ${number}`,
    url: `https://github.com/acme/roadmap/issues/${number}`,
    state: 'OPEN',
    createdAt: '2026-01-10T00:00:00Z',
    updatedAt: '2026-01-10T00:00:00Z',
    closedAt: null,
    viewerDidAuthor: false,
    author: { login: 'pm' },
    milestone: null,
    labels: { nodes: labelNames.map((name) => ({ name })) },
    body: '',
    ...rest,
  };
}

export { workItem } from '../fixtures.js';

/** A comment node as the queries read it: ids are GitHub's `fullDatabaseId`, decimal strings above 2^31. */
export function botComment(overrides: { id?: string; body?: string; viewerDidAuthor?: boolean } = {}) {
  return { fullDatabaseId: overrides.id ?? '3500000900', viewerDidAuthor: overrides.viewerDidAuthor ?? true, body: overrides.body ?? `${COMMENT_MARKER}\nold text` };
}

/** The GraphQL variables of an intercepted request. */
export function variablesOf(body: unknown): Record<string, unknown> {
  return ((body as { variables?: Record<string, unknown> }).variables ?? {}) as Record<string, unknown>;
}

export function graphqlScope() {
  return nock(API);
}
