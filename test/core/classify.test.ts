import { describe, expect, it } from 'vitest';
import { classify, isPlanned } from '../../src/core/classify.js';
import { matchesGlob } from '../../src/core/glob.js';
import { examplePolicy, NOW, policy, workItem } from './fixtures.js';

describe('label globs', () => {
  it('match * and ? case-insensitively and nothing else specially', () => {
    expect(matchesGlob('customer:*', 'Customer:ACME')).toBe(true);
    expect(matchesGlob('size/?', 'size/M')).toBe(true);
    expect(matchesGlob('size/?', 'size/XL')).toBe(false);
    expect(matchesGlob('a.b', 'axb')).toBe(false);
    expect(matchesGlob('(x)+', '(x)+')).toBe(true);
  });
});

describe('classify: category', () => {
  const twoDeals = policy({
    categories: {
      deal: { match: { labels: ['deal', 'customer:*'], fields: { 'Work type': 'Customer commitment' } } },
      strategic: { match: { labels: ['roadmap'] } },
    },
  });

  it('takes the first category that matches', () => {
    expect(classify(twoDeals, workItem({ labels: ['roadmap', 'customer:acme'] })).category).toBe('deal');
    expect(classify(twoDeals, workItem({ labels: ['Roadmap'] })).category).toBe('strategic');
  });

  it('matches a form answer or project field, ignoring case and spacing', () => {
    expect(classify(twoDeals, workItem({ form: { 'work  type': '  customer   COMMITMENT ' } })).category).toBe('deal');
    expect(classify(twoDeals, workItem({ fields: { 'Work Type': { type: 'single-select', value: 'Customer commitment' } } })).category).toBe('deal');
    expect(classify(twoDeals, workItem({ form: { 'Work type': 'Customer commitments' } })).category).toBe('other');
  });

  it('puts unmatched work in "other"', () => {
    expect(classify(twoDeals, workItem({ labels: ['docs'] })).category).toBe('other');
  });
});

describe('classify: customer', () => {
  const byLabelOrField = policy({ customer: { labels: 'customer:*', field: 'Customer' } });

  it('takes the * part of the customer label', () => {
    expect(classify(byLabelOrField, workItem({ labels: ['deal', 'customer:acme'] })).customer).toBe('acme');
  });

  it('falls back to the customer field, trimmed', () => {
    expect(classify(byLabelOrField, workItem({ form: { Customer: '  Hooli ' } })).customer).toBe('Hooli');
    expect(classify(byLabelOrField, workItem({ fields: { Customer: { type: 'text', value: 'Globex' } } })).customer).toBe('Globex');
  });

  it('is null when neither names a customer', () => {
    expect(classify(byLabelOrField, workItem({ labels: ['customer:'], form: { Customer: '' } })).customer).toBeNull();
  });
});

describe('classify: size', () => {
  const sized = policy({ work: { size: { field: 'Estimate', labels: { 'size/S': 1, 'size/M': 3, 'size/L': 8 }, default: 3 } } });

  it('prefers the project number field, then a form answer, then size labels', () => {
    const labelled = { labels: ['size/L'] };
    expect(classify(sized, workItem({ ...labelled, fields: { Estimate: { type: 'number', value: 5 } } })).size).toBe(5);
    expect(classify(sized, workItem({ ...labelled, form: { Estimate: '2.5 points' } })).size).toBe(2.5);
    expect(classify(sized, workItem(labelled))).toMatchObject({ size: 8, sizeDefaulted: false });
  });

  it('ignores an estimate that is not a number', () => {
    expect(classify(sized, workItem({ labels: ['size/S'], form: { Estimate: 'big' } })).size).toBe(1);
  });

  it('takes the largest of two size labels', () => {
    expect(classify(sized, workItem({ labels: ['size/S', 'size/L'] })).size).toBe(8);
  });

  it('uses the default and says so when the policy defines sizes', () => {
    expect(classify(sized, workItem())).toMatchObject({ size: 3, sizeDefaulted: true });
  });

  it('does not call a size defaulted when the policy defines no way to size', () => {
    expect(classify(policy({ work: { size: { default: 2 } } }), workItem())).toMatchObject({ size: 2, sizeDefaulted: false });
    expect(classify(policy(), workItem())).toMatchObject({ size: 1, sizeDefaulted: false });
  });

  it('counts every item as 1 with unit: issues', () => {
    const issues = policy({ work: { unit: 'issues', size: { labels: { 'size/L': 8 } } } });
    expect(classify(issues, workItem({ labels: ['size/L'] }))).toMatchObject({ size: 1, sizeDefaulted: false });
    expect(classify(issues, workItem())).toMatchObject({ size: 1, sizeDefaulted: false });
  });
});

describe('isPlanned', () => {
  it('with include: open, counts open items without excluded labels', () => {
    const open = examplePolicy();
    expect(isPlanned(open, workItem(), NOW)).toBe(true);
    expect(isPlanned(open, workItem({ state: 'closed', closedAt: NOW }), NOW)).toBe(false);
    expect(isPlanned(open, workItem({ labels: ['BUG'] }), NOW)).toBe(false);
  });

  it('with include: iteration, counts open and closed items of the iteration containing now', () => {
    const sprint = policy({ work: { include: 'iteration', project: { owner: 'acme', number: 7, 'iteration-field': 'Sprint' } } });
    const inSprint = (startDate: string) => ({ Sprint: { type: 'iteration' as const, title: 'Sprint 9', startDate, durationDays: 14 } });
    expect(isPlanned(sprint, workItem({ fields: inSprint('2026-10-27') }), NOW)).toBe(true);
    expect(isPlanned(sprint, workItem({ state: 'closed', fields: inSprint('2026-10-27') }), NOW)).toBe(true);
    expect(isPlanned(sprint, workItem({ fields: inSprint('2026-11-10') }), NOW)).toBe(false);
    expect(isPlanned(sprint, workItem({ fields: inSprint('2026-10-20') }), NOW)).toBe(false);
    expect(isPlanned(sprint, workItem({ fields: inSprint('2026-10-21') }), NOW)).toBe(true);
    expect(isPlanned(sprint, workItem(), NOW)).toBe(false);
  });
});
