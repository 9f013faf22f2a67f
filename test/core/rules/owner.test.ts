import { describe, expect, it } from 'vitest';
import { policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const dealPolicy = (requireAssignee?: boolean) =>
  policy({
    categories: { deal: { match: { labels: ['deal'] } }, feature: { match: { labels: ['feature'] } } },
    'business-case': { 'applies-to': ['deal'], ...(requireAssignee === undefined ? {} : { 'require-assignee': requireAssignee }) },
  });

describe('missing owner', () => {
  it('warns about an open deal request nobody is assigned to, when the policy asks for owners', () => {
    const [finding] = findingsOf(dealPolicy(true), [workItem({ number: 7, labels: ['deal'], assignees: [] })], 'missing-owner');
    expect(finding).toMatchObject({ severity: 'warn', category: 'deal', item: { number: 7 }, message: 'Nobody is assigned to this request', fix: 'Assign the person who answers for it' });
  });

  it('does not judge an issue whose assignees were not read', () => {
    expect(findingsOf(dealPolicy(true), [workItem({ labels: ['deal'] })], 'missing-owner')).toEqual([]);
  });

  it('is off by default, and stays quiet for assigned, closed or non-deal work', () => {
    expect(findingsOf(dealPolicy(), [workItem({ labels: ['deal'], assignees: [] })], 'missing-owner')).toEqual([]);
    expect(findingsOf(dealPolicy(false), [workItem({ labels: ['deal'], assignees: [] })], 'missing-owner')).toEqual([]);
    expect(findingsOf(dealPolicy(true), [workItem({ labels: ['deal'], assignees: ['dev-dana'] })], 'missing-owner')).toEqual([]);
    expect(findingsOf(dealPolicy(true), [workItem({ labels: ['deal'], assignees: [], state: 'closed', closedAt: '2026-11-01T00:00:00Z' })], 'missing-owner')).toEqual([]);
    expect(findingsOf(dealPolicy(true), [workItem({ labels: ['feature'], assignees: [] })], 'missing-owner')).toEqual([]);
  });

  it("follows each category's business case, as the business-case finding does: a category with its own case needs an owner too", () => {
    const bets = policy({
      categories: { deal: { match: { labels: ['deal'] } }, bet: { match: { labels: ['bet'] }, 'business-case': { fields: [{ heading: 'Success metric' }] } }, feature: { match: { labels: ['feature'] } } },
      'business-case': { 'applies-to': ['deal'], 'require-assignee': true },
    });
    const items = [workItem({ number: 1, labels: ['deal'], assignees: [] }), workItem({ number: 2, labels: ['bet'], assignees: [] }), workItem({ number: 3, labels: ['feature'], assignees: [] })];
    expect(findingsOf(bets, items, 'missing-owner').map((finding) => finding.item?.number)).toEqual([1, 2]);
    const withCase = findingsOf(bets, items, 'missing-field').map((finding) => finding.item?.number);
    expect(withCase).toEqual([2]);
  });

  it('leaves out work that is not roadmap work (work.exclude-labels), as every item rule does', () => {
    const excluding = policy({
      work: { 'exclude-labels': ['bug'] },
      categories: { deal: { match: { labels: ['deal'] } } },
      'business-case': { 'applies-to': ['deal'], 'require-assignee': true },
    });
    expect(findingsOf(excluding, [workItem({ labels: ['deal', 'bug'], assignees: [] })], 'missing-owner')).toEqual([]);
  });

  it('fails the check when enforcement.fail-on names it', () => {
    const failing = policy({
      categories: { deal: { match: { labels: ['deal'] } } },
      'business-case': { 'applies-to': ['deal'], 'require-assignee': true },
      enforcement: { 'fail-on': ['missing-owner'] },
    });
    expect(findingsOf(failing, [workItem({ labels: ['deal'], assignees: [] })], 'missing-owner')[0]?.severity).toBe('fail');
  });
});
