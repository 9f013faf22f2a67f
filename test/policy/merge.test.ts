import { describe, expect, it } from 'vitest';
import { mergePolicyData } from '../../src/policy/merge.js';

describe('mergePolicyData', () => {
  it('merges mappings key by key, the extending side winning', () => {
    const base = { categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } } }, backlog: { 'max-age-days': 365 } };
    const override = { categories: { deal: { budget: { 'max-share': '15%' } }, strategic: { match: { labels: ['roadmap'] } } } };

    expect(mergePolicyData(base, override)).toEqual({
      categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '15%' } }, strategic: { match: { labels: ['roadmap'] } } },
      backlog: { 'max-age-days': 365 },
    });
  });

  it('replaces lists whole, so a team can shorten an inherited list', () => {
    expect(mergePolicyData({ 'exclude-labels': ['bug', 'chore'] }, { 'exclude-labels': ['chore'] })).toEqual({ 'exclude-labels': ['chore'] });
  });

  it('keeps category order: inherited categories first, new ones after', () => {
    const merged = mergePolicyData({ categories: { deal: {}, strategic: {} } }, { categories: { partner: {}, deal: {} } }) as { categories: object };

    expect(Object.keys(merged.categories)).toEqual(['deal', 'strategic', 'partner']);
  });

  it('does not change its inputs', () => {
    const base = { work: { unit: 'points' } };
    mergePolicyData(base, { work: { unit: 'issues' } });

    expect(base).toEqual({ work: { unit: 'points' } });
  });
});
