import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { budgetNeedsBody, readBotComment, readBudgetItems, readFocusIssue, readIssues } from '../../src/github/read.js';
import { findBotComment } from '../../src/github/work-items.js';
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../../src/memory/markers.js';
import { API, botComment, DEAL_POLICY, issueNode, REPO, testClient, variablesOf } from './fixtures.js';
import { policy } from '../fixtures.js';

const pageInfo = (endCursor: string | null) => ({ hasNextPage: endCursor !== null, endCursor });

describe('readIssues', () => {
  it('reads N issues in ceil(N/100) requests and finds the bot comment in the comment window', async () => {
    const seen: Record<string, unknown>[] = [];
    const nodes = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        ...issueNode({ number: from + i, labelNames: ['deal'], body: '### Who will buy it?\n\nRetail chains' }),
        recentComments: { totalCount: 2, nodes: [botComment({ id: String(3_500_001_000 + from + i) }), { fullDatabaseId: '3500000001', viewerDidAuthor: false, body: 'thanks' }] },
      }));
    const record = (body: unknown) => (seen.push(variablesOf(body)), true);
    nock(API)
      .post('/graphql', record)
      .reply(200, { data: { repository: { nonCompliantLabel: { name: 'roadmap:needs-work' }, overBudgetLabel: null, issues: { totalCount: 150, pageInfo: pageInfo('c1'), nodes: nodes(1, 100) } } } })
      .post('/graphql', record)
      .reply(200, { data: { repository: { issues: { totalCount: 150, pageInfo: pageInfo(null), nodes: nodes(101, 50) } } } });
    const client = testClient();
    const read = await readIssues(client, REPO, { states: ['OPEN'], withBody: true, withComments: true, labels: { nonCompliant: 'roadmap:needs-work', overBudget: 'roadmap:over-budget' } });
    expect(client.counts().graphql).toBe(2);
    expect(read.records).toHaveLength(150);
    expect(read.records[0]!.item).toMatchObject({ number: 1, labels: ['deal'], form: { 'Who will buy it?': 'Retail chains' }, state: 'open' });
    expect(read.records[149]!.comments).toEqual({ comment: { id: '3500001150', body: `${COMMENT_MARKER}\nold text` }, complete: true });
    expect(read.existingLabels).toEqual(new Set(['roadmap:needs-work']));
    expect(seen.map((v) => [v.after, v.withLabels])).toEqual([[null, true], ['c1', false]]);
  });

  it('says when the comment window could not settle whether the bot commented', async () => {
    const many = Array.from({ length: 13 }, () => ({ fullDatabaseId: '3500000001', viewerDidAuthor: false, body: 'chatter' }));
    nock(API)
      .post('/graphql')
      .reply(200, {
        data: { repository: { issues: { totalCount: 1, pageInfo: pageInfo(null), nodes: [{ ...issueNode(), recentComments: { totalCount: 40, nodes: many } }] } } },
      });
    const read = await readIssues(testClient(), REPO, { states: ['OPEN'], withBody: true, withComments: true });
    expect(read.records[0]!.comments).toEqual({ comment: null, complete: false });
  });

  it('sets the dashboard issue apart from the work items', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, {
        data: {
          repository: {
            issues: {
              totalCount: 2,
              pageInfo: pageInfo(null),
              nodes: [issueNode({ number: 1 }), issueNode({ number: 2, viewerDidAuthor: true, body: `${DASHBOARD_MARKER}\nreport` })],
            },
          },
        },
      });
    const read = await readIssues(testClient(), REPO, { states: ['OPEN'], withBody: true, withComments: false });
    expect(read.records.map((r) => r.item.number)).toEqual([1]);
    expect(read.dashboard).toEqual({ number: 2, body: `${DASHBOARD_MARKER}\nreport` });
  });
});

describe('readFocusIssue', () => {
  it('pages through the comments until it finds the bot comment', async () => {
    const chatter = { fullDatabaseId: '3500000001', viewerDidAuthor: false, body: 'chatter' };
    nock(API)
      .post('/graphql')
      .reply(200, { data: { repository: { nonCompliantLabel: null, overBudgetLabel: null, issue: { ...issueNode({ number: 7, body: 'hello' }), comments: { totalCount: 101, pageInfo: pageInfo('p1'), nodes: [chatter] } } } } })
      .post('/graphql')
      .reply(200, { data: { repository: { issue: { ...issueNode({ number: 7 }), comments: { totalCount: 101, pageInfo: pageInfo(null), nodes: [botComment({ id: '3500000055' })] } } } } });
    const client = testClient();
    const read = await readFocusIssue(client, REPO, 7, { nonCompliant: 'x' });
    expect(read.record.item.number).toBe(7);
    expect(read.record.comments).toEqual({ comment: { id: '3500000055', body: `${COMMENT_MARKER}\nold text` }, complete: true });
    expect(read.existingLabels).toEqual(new Set());
    expect(client.counts().graphql).toBe(2);
  });
});

describe('readBudgetItems', () => {
  it('asks for bodies only when the policy reads any of a body: form fields, a business case', async () => {
    const variables: Record<string, unknown>[] = [];
    nock(API)
      .post('/graphql', (body: unknown) => (variables.push(variablesOf(body)), true))
      .times(3)
      .reply(200, { data: { repository: { issues: { totalCount: 1, pageInfo: pageInfo(null), nodes: [issueNode({ number: 3, labelNames: ['deal'] })] } } } });
    const labelsOnly = policy({ ...DEAL_POLICY, 'business-case': { 'applies-to': [], fields: [] } });
    const withCase = policy(DEAL_POLICY);
    const byField = policy({ ...DEAL_POLICY, categories: { deal: { match: { fields: { 'Work type': 'Customer commitment' } } } } });
    expect(budgetNeedsBody(withCase)).toBe(false);
    expect(budgetNeedsBody(byField)).toBe(true);
    const items = await readBudgetItems(testClient(), REPO, labelsOnly);
    await readBudgetItems(testClient(), REPO, withCase);
    await readBudgetItems(testClient(), REPO, byField);
    expect(items.map((i) => [i.number, i.labels])).toEqual([[3, ['deal']]]);
    expect(variables.map((v) => v.withBody)).toEqual([false, true, true]);
  });

  it('keeps of each body only the answers and boxes the policy reads, matched as headings are', async () => {
    const body = ['### Work type', 'Customer commitment', '### customer ', 'acme', '### Who will buy it?', 'Retailers', '### Context', 'Long prose', '- [x] Sales signed off', '- [ ] GTM review'].join('\n\n');
    nock(API)
      .post('/graphql')
      .reply(200, { data: { repository: { issues: { totalCount: 1, pageInfo: pageInfo(null), nodes: [issueNode({ number: 3, body })] } } } });
    const byField = policy({
      ...DEAL_POLICY,
      categories: { deal: { match: { fields: { 'Work type': 'Customer commitment' } } } },
      customer: { field: 'Customer' },
      'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Who will buy it?' }], checklist: ['GTM review'] },
    });
    const [item] = await readBudgetItems(testClient(), REPO, byField);
    expect({ ...item!.form }).toEqual({ 'Work type': 'Customer commitment', 'customer': 'acme', 'Who will buy it?': 'Retailers' });
    expect(Object.getPrototypeOf(item!.form)).toBeNull();
    expect(item!.checklist).toEqual([{ text: 'GTM review', checked: false }]);
  });
});

describe('readBotComment', () => {
  it('reads every page until the bot comment turns up', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { repository: { issue: { comments: { pageInfo: pageInfo('a'), nodes: [] } } } } })
      .post('/graphql')
      .reply(200, { data: { repository: { issue: { comments: { pageInfo: pageInfo(null), nodes: [botComment({ id: '9007199254740993' })] } } } } });
    expect(await readBotComment(testClient(), REPO, 4)).toEqual({ comment: { id: '9007199254740993', body: `${COMMENT_MARKER}\nold text` }, complete: true });
  });
});

describe('findBotComment', () => {
  it('ignores a pasted marker from anyone but the token itself', () => {
    const pasted = { fullDatabaseId: '3500000001', viewerDidAuthor: false, body: `${COMMENT_MARKER}\nI copied this` };
    const ours = botComment({ id: '3500000002' });
    expect(findBotComment([pasted])).toBeNull();
    expect(findBotComment([pasted, ours])?.id).toBe('3500000002');
    expect(findBotComment([{ fullDatabaseId: '3500000003', viewerDidAuthor: true, body: 'a normal comment by the same token' }])).toBeNull();
  });

  it('finds its comment even when the id is missing or not digits, but gives no id to edit at a wrong path', () => {
    for (const fullDatabaseId of [null, '', '12abc', '-5', '3.5e9']) {
      const body = `${COMMENT_MARKER}\nours`;
      expect(findBotComment([{ fullDatabaseId, viewerDidAuthor: true, body }])).toEqual({ id: null, body });
    }
  });
});
