import { describe, expect, it } from 'vitest';
import { reportedCost, withQueryCost } from '../../src/github/query-cost.js';

describe('withQueryCost', () => {
  it('adds rateLimit { cost } first among the top-level fields of a named query with variables', () => {
    const document = 'query Page($owner: String!, $after: String) { repository(owner: $owner) { name } }';
    expect(withQueryCost(document)).toBe('query Page($owner: String!, $after: String) { rateLimit { cost } repository(owner: $owner) { name } }');
  });

  it('looks past braces in default values and fragments defined after the query', () => {
    const document = 'query Q($by: IssueOrder = { field: CREATED_AT, direction: ASC }) { viewer { ...F } }\nfragment F on User { login }';
    expect(withQueryCost(document)).toBe('query Q($by: IssueOrder = { field: CREATED_AT, direction: ASC }) { rateLimit { cost } viewer { ...F } }\nfragment F on User { login }');
  });

  it('adds it to a shorthand query too', () => {
    expect(withQueryCost('{ viewer { login } }')).toBe('{ rateLimit { cost } viewer { login } }');
  });

  it('leaves a document that asks for rateLimit itself, and a mutation, as they are', () => {
    const asks = 'query { viewer { login } rateLimit { cost remaining } }';
    const mutation = 'mutation { addStar(input: { starrableId: "x" }) { clientMutationId } }';
    expect(withQueryCost(asks)).toBe(asks);
    expect(withQueryCost(mutation)).toBe(mutation);
  });
});

describe('reportedCost', () => {
  it('reads the cost GitHub reported, and nothing when the answer does not say', () => {
    expect(reportedCost({ viewer: {}, rateLimit: { cost: 4 } })).toBe(4);
    expect(reportedCost({ viewer: {} })).toBeUndefined();
    expect(reportedCost({ rateLimit: null })).toBeUndefined();
    expect(reportedCost({ rateLimit: { cost: '4' } })).toBeUndefined();
    expect(reportedCost(undefined)).toBeUndefined();
  });
});
