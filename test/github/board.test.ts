import { parse, validate as validateDocument } from 'graphql';
import { describe, expect, it } from 'vitest';
import { boardFieldsNamed, boardItems } from '../../src/action/board-work.js';
import { boardQuery, type BoardRead } from '../../src/github/board.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { githubGraphqlSchema } from '../fake-github/index.js';
import { workItem } from '../fixtures.js';

const validate = (document: string) => validateDocument(githubGraphqlSchema(), parse(document)).map((error) => error.message);

describe('the board read', () => {
  it.each([0, 1, 5])('is valid against GitHub\'s published schema with %i policy fields', (count) => {
    expect(validate(boardQuery(count))).toEqual([]);
  });

  it('asks for 100 items a page and one value per field the policy names, never the whole row', () => {
    const document = boardQuery(2);
    expect(document).toContain('items(first: 100, after: $after)');
    expect(document.match(/fieldValueByName/g)).toHaveLength(2);
    expect(document).not.toContain('fieldValues(');
    expect(document).not.toMatch(/\bdatabaseId\b/);
  });
});

describe('the fields a policy reads from the board', () => {
  it('lists the iteration, size, category, customer and review fields with where the policy names them', () => {
    const policy = parsePolicy({
      version: 1,
      work: { include: 'iteration', project: { owner: 'acme', number: 7, 'iteration-field': 'Sprint' }, size: { field: 'Estimate' } },
      categories: { deal: { match: { fields: { 'Work type': 'Customer commitment' } } } },
      customer: { field: 'Customer' },
      bets: { 'review-field': 'Review by' },
    });
    expect(boardFieldsNamed(policy).map((field) => [field.name, field.path.join('.')])).toEqual([
      ['Sprint', 'work.project.iteration-field'],
      ['Estimate', 'work.size.field'],
      ['Work type', 'categories.deal.match.fields.Work type'],
      ['Customer', 'customer.field'],
      ['Review by', 'bets.review-field'],
    ]);
  });
});

describe('the board as planned work', () => {
  const policy = parsePolicy({ version: 1, work: { project: { owner: 'acme', number: 7 } } });
  const read: BoardRead = {
    title: 'Roadmap',
    fieldNames: ['Estimate'],
    redacted: 1,
    forbidden: 0,
    pullRequests: 0,
    items: [
      { repository: 'acme/widgets', item: workItem({ number: 3, fields: { Estimate: { type: 'number', value: 5 } } }), comments: [] },
      { repository: 'acme/api', item: workItem({ number: 3, title: 'Same number, other repository' }), comments: [] },
      { repository: null, item: workItem({ number: -1, title: 'A draft' }), comments: [] },
      { repository: 'acme/widgets', item: workItem({ number: 4, state: 'closed' }), comments: [] },
    ],
  };

  it('keeps this repository\'s numbers, gives other items keys no issue has, and lists them by owner/repo#n', () => {
    const known = [workItem({ number: 3, activityAt: '2026-11-01T00:00:00Z' })];
    const work = boardItems(read, { owner: 'Acme', name: 'widgets' }, policy, known);
    expect(work.items.map((item) => item.number)).toEqual([3, -1, -2]);
    expect(work.items[0]).toMatchObject({ activityAt: '2026-11-01T00:00:00Z', fields: { Estimate: { type: 'number', value: 5 } } });
    expect([...work.elsewhere]).toEqual([[-1, 'acme/api#3']]);
    expect(work.drafts).toBe(1);
  });
});
