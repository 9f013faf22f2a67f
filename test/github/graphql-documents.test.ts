import { parse, validate as validateDocument } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_QUERIES } from '../../src/github/queries.js';
import { withQueryCost } from '../../src/github/query-cost.js';
import { githubGraphqlSchema } from '../fake-github/index.js';

/** Validation against GitHub's published schema, as the fake GitHub applies it (see test/fake-github/schema.ts). */
const validate = (document: string) => validateDocument(githubGraphqlSchema(), parse(document));

describe('GraphQL documents', () => {
  it('includes every document the action sends', () => {
    expect(Object.keys(ALL_QUERIES).length).toBeGreaterThanOrEqual(4);
  });

  for (const [name, document] of Object.entries(ALL_QUERIES)) {
    it(`${name} is valid against GitHub's published schema`, () => {
      const errors = validate(document).map((error) => error.message);
      expect(errors).toEqual([]);
    });

    it(`${name} is valid as sent, with the rateLimit { cost } the client adds`, () => {
      expect(withQueryCost(document)).not.toBe(document);
      expect(validate(withQueryCost(document)).map((error) => error.message)).toEqual([]);
    });
  }

  it('catches an invalid document (the check itself works)', () => {
    expect(validate('query { repository(owner: "a", name: "b") { issuez { totalCount } } }').length).toBeGreaterThan(0);
  });
});

describe('what the documents ask of GitHub', () => {
  const commentFields = (document: string) => [...document.matchAll(/(\w+) viewerDidAuthor body/g)].map((match) => match[1]);

  it('read comment ids as fullDatabaseId, never the 32-bit databaseId', () => {
    const all = Object.values(ALL_QUERIES).join('\n');
    expect(commentFields(all).length).toBeGreaterThan(0);
    expect(new Set(commentFields(all))).toEqual(new Set(['fullDatabaseId']));
    expect(all).not.toMatch(/\bdatabaseId\b/);
  });

  it('ask for stateReason with duplicates, so a duplicate is not counted as delivered', () => {
    expect(ALL_QUERIES.AUDIT_ISSUES_QUERY).toMatch(/stateReason\(enableDuplicate: true\)/);
    // ClosedEvent.stateReason takes no argument; the execution report takes an issue's last close reason from the issue itself.
    const withoutCloseEvents = Object.values(ALL_QUERIES).join('\n').replace(/\.\.\. on ClosedEvent \{ createdAt stateReason \}/g, '');
    expect(withoutCloseEvents).not.toMatch(/stateReason(?!\(enableDuplicate: true\))\b/);
  });
});
