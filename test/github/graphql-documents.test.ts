import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import { ALL_QUERIES } from '../../src/github/queries.js';

describe('GraphQL documents', () => {
  it('includes every document the action sends', () => {
    expect(Object.keys(ALL_QUERIES).length).toBeGreaterThanOrEqual(4);
  });

  for (const [name, document] of Object.entries(ALL_QUERIES)) {
    it(`${name} is valid against GitHub's published schema`, () => {
      const errors = validate(document).map((error) => error.message);
      expect(errors).toEqual([]);
    });
  }

  it('catches an invalid document (the check itself works)', () => {
    expect(validate('query { repository(owner: "a", name: "b") { issuez { totalCount } } }').length).toBeGreaterThan(0);
  });
});
