import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/policy/normalize.js';

const example = parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'roadmap-policy.yml'), 'utf8')) as unknown;

const DEFAULT_OUTCOME_LABELS = { hit: 'roadmap: outcome hit', missed: 'roadmap: outcome missed', 'walked-away': 'roadmap: outcome walked away' };

describe('the policy schema', () => {
  it('reads the example policy into the normalized form the engine uses', () => {
    const policy = parsePolicy(example);

    expect(policy.work).toEqual({
      include: 'open',
      excludeLabels: ['bug', 'chore'],
      project: undefined,
      size: { field: 'Estimate', labels: { 'size/S': 1, 'size/M': 3, 'size/L': 8 }, default: 3 },
      unit: 'points',
    });
    expect(policy.categories.map((c) => [c.name, c.maxShare?.text, c.minShare?.text, c.perCustomerMaxShare?.text])).toEqual([
      ['deal', '10%', undefined, '50%'],
      ['bet', undefined, undefined, undefined],
      ['strategic', undefined, '60%', undefined],
    ]);
    expect(policy.categories[0]?.match).toEqual({ labels: ['deal', 'customer:*'], fields: { 'Work type': 'Customer commitment' } });
    expect(policy.customer).toEqual({ labels: ['customer:*'], field: 'Customer' });
    expect(policy.businessCase.appliesTo).toEqual(['deal']);
    expect(policy.businessCase.fields.map((f) => f.heading)).toEqual([
      'Who will buy it?',
      'How will we market it?',
      'New customers or expansion?',
      'Would we build this without this customer?',
      'Success metric',
      'Investment cap',
      'Review by',
    ]);
    expect(policy.businessCase.fields[3]).toMatchObject({ oneOf: ['Yes', 'No'], failOn: ['No'], type: 'text', required: true });
    expect(policy.businessCase.fields[6]).toMatchObject({ type: 'date' });
    expect(policy.businessCase.checklist).toEqual(['GTM review', 'Technical review']);
    expect(policy.forbiddenLabels).toEqual([
      { name: 'one-off', message: 'One-off features need an approved exception.' },
      { name: 'custom-*', message: undefined },
    ]);
    expect(policy.bets.reviewField).toBe('Review by');
    expect(policy.backlog.maxAgeDays).toBe(365);
    expect(policy.exemptions).toEqual({ label: 'roadmap-exempt', approvers: ['alice', '@acme/product-leads'], maxOpen: 2, expiresAfterDays: undefined });
    expect(policy.enforcement).toEqual({
      failOn: ['over-budget', 'forbidden-label'],
      comment: true,
      labels: { nonCompliant: 'roadmap: needs business case', overBudget: 'roadmap: over budget', outcome: DEFAULT_OUTCOME_LABELS },
    });
  });

  it('gives every section its default when only version is set', () => {
    const policy = parsePolicy({ version: 1 });

    expect(policy.categories).toEqual([]);
    expect(policy.work.include).toBe('open');
    expect(policy.businessCase).toEqual({ appliesTo: [], fields: [], checklist: [], byCategory: [], requireAssignee: false });
    expect(policy.exemptions).toBeUndefined();
    expect(policy.enforcement).toEqual({ failOn: ['over-budget', 'forbidden-label'], comment: true, labels: { outcome: DEFAULT_OUTCOME_LABELS } });
    expect(policy.bets).toEqual({ appliesTo: [], reviewField: undefined, outcomeDueDays: undefined });
  });

  it('reads shares written as percentages or fractions as the same exact share', () => {
    const policy = parsePolicy({ version: 1, categories: { a: { match: { labels: ['a'] }, budget: { 'max-share': '12.5%' } }, b: { match: { labels: ['b'] }, budget: { 'max-share': 0.125 } } } });

    expect(policy.categories.map((c) => c.maxShare!.numerator / c.maxShare!.denominator)).toEqual([0.125, 0.125]);
    expect(policy.categories.map((c) => c.maxShare!.text)).toEqual(['12.5%', '12.5%']);
  });

  it('compares issue-form answers as text, whatever YAML made of them', () => {
    const policy = parsePolicy({ version: 1, 'business-case': { fields: [{ heading: 'Approved?', 'one-of': [true, false], 'fail-on': [false] }] } });

    expect(policy.businessCase.fields[0]).toMatchObject({ oneOf: ['true', 'false'], failOn: ['false'] });
  });

  it('archives the backlog only when asked, with a 14-day grace period and not-planned by default', () => {
    expect(parsePolicy({ version: 1, backlog: { 'max-age-days': 365 } }).backlog).toEqual({ maxAgeDays: 365, archive: undefined });
    expect(parsePolicy({ version: 1, backlog: { 'max-age-days': 365, archive: true } }).backlog.archive).toEqual({
      graceDays: 14,
      keepLabels: [],
      closeReason: 'not-planned',
    });
    expect(parsePolicy({ version: 1, backlog: { 'max-age-days': 90, archive: true, 'grace-days': 30, 'keep-labels': ['pinned'] } }).backlog.archive).toMatchObject({
      graceDays: 30,
      keepLabels: ['pinned'],
    });
  });

  it('throws on an invalid policy', () => {
    expect(() => parsePolicy({ version: 1, work: { unit: 'hours' } })).toThrow();
  });
});
