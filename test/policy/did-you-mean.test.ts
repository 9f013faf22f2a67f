import { describe, expect, it } from 'vitest';
import { allowedKeysAt, closest, editDistance } from '../../src/policy/did-you-mean.js';
import { policyFileSchema } from '../../src/policy/schema.js';

describe('closest', () => {
  it.each([
    ['maxshare', ['max-share', 'min-share'], 'max-share'],
    ['catgories', ['version', 'categories', 'customer'], 'categories'],
    ['max_share', ['max-share', 'min-share'], 'max-share'],
    ['Applies-To', ['applies-to', 'fields', 'checklist'], 'applies-to'],
    ['stale', ['stale-backlog', 'bet-overdue'], 'stale-backlog'],
    ['owner', ['version', 'work', 'categories'], undefined],
    ['x', ['max-share'], undefined],
  ])('suggests for %s among %j: %s', (word, candidates, suggestion) => {
    expect(closest(word, candidates)).toBe(suggestion);
  });

  it('does not guess when a shortened word starts several candidates', () => {
    expect(closest('over', ['over-budget', 'overdue-bet'])).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('share', 'share')).toBe(0);
    expect(editDistance('maxshare', 'max-share')).toBe(1);
    expect(editDistance('opne', 'open')).toBe(1);
    expect(editDistance('point', 'points')).toBe(1);
    expect(editDistance('labels', 'label')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('allowedKeysAt', () => {
  it('finds the keys of nested objects, through records, lists and unions', () => {
    expect(allowedKeysAt(policyFileSchema, ['categories', 'deal', 'budget'])).toEqual(['max-share', 'min-share']);
    expect(allowedKeysAt(policyFileSchema, ['forbidden-labels', 3])).toEqual(['name', 'message']);
    expect(allowedKeysAt(policyFileSchema, ['business-case', 'fields', 0])).toContain('fail-on');
    expect(allowedKeysAt(policyFileSchema, [])).toContain('enforcement');
  });

  it('finds nothing where the value is not an object', () => {
    expect(allowedKeysAt(policyFileSchema, ['version'])).toEqual([]);
    expect(allowedKeysAt(policyFileSchema, ['no-such-key'])).toEqual([]);
  });
});
