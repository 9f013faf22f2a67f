import { describe, expect, it } from 'vitest';
import { businessCase, dealItem, examplePolicy, policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const example = examplePolicy();
const caseKinds = ['missing-field', 'invalid-field', 'not-without-customer', 'unchecked-review'] as const;
const allCaseFindings = (item = dealItem()) => caseKinds.flatMap((kind) => findingsOf(example, [item], kind));

describe('business case', () => {
  it('finds nothing in a complete business case', () => {
    expect(allCaseFindings()).toEqual([]);
  });

  it('reports an empty or absent answer with how to fill it in', () => {
    const item = dealItem(businessCase({ 'How will we market it?': '' }));
    delete item.form['Success metric'];
    expect(findingsOf(example, [item], 'missing-field').map(({ field, message, fix }) => ({ field, message, fix }))).toEqual([
      { field: 'How will we market it?', message: 'No answer to "How will we market it?"', fix: 'Fill in "How will we market it?"' },
      { field: 'Success metric', message: 'No answer to "Success metric"', fix: 'Fill in "Success metric"' },
    ]);
  });

  it('asks for at least min-words words', () => {
    const [finding] = findingsOf(example, [dealItem(businessCase({ 'Who will buy it?': 'Acme  finance' }))], 'invalid-field');
    expect(finding).toMatchObject({
      field: 'Who will buy it?',
      message: '"Who will buy it?" has 2 words, fewer than 3',
      fix: 'Fill in "Who will buy it?" with at least 3 words',
      item: { number: 1 },
      category: 'deal',
      customer: 'acme',
    });
    expect(findingsOf(example, [dealItem(businessCase({ 'Who will buy it?': 'Acme finance team' }))], 'invalid-field')).toEqual([]);
  });

  it('accepts one-of answers whatever their case and spacing, and lists the options otherwise', () => {
    expect(findingsOf(example, [dealItem(businessCase({ 'New customers or expansion?': '  new   CUSTOMERS ' }))], 'invalid-field')).toEqual([]);
    const [finding] = findingsOf(example, [dealItem(businessCase({ 'New customers or expansion?': 'Upsell' }))], 'invalid-field');
    expect(finding?.fix).toBe('Answer "New customers or expansion?" with one of: New customers, Expansion, Both');
  });

  it('requires an ISO date in a date field', () => {
    const [finding] = findingsOf(example, [dealItem(businessCase({ 'Review by': '31/01/2027' }))], 'invalid-field');
    expect(finding).toMatchObject({ message: '"Review by" is not a date: "31/01/2027"', fix: 'Fill in "Review by" with a date like 2026-12-31' });
    expect(findingsOf(example, [dealItem(businessCase({ 'Review by': '2027-02-30' }))], 'invalid-field')).toHaveLength(1);
  });

  it('reports a fail-on answer as not-without-customer, with the policy message', () => {
    const [finding] = findingsOf(example, [dealItem(businessCase({ 'Would we build this without this customer?': 'no' }))], 'not-without-customer');
    expect(finding).toMatchObject({
      message: '"Would we build this without this customer?" is answered "no"',
      fix: 'Judge it as a market opportunity, as if this customer never signs — go ahead only if the answer is Yes, otherwise decline the request',
    });
  });

  it('asks to tick an unticked review, or to add a missing checkbox', () => {
    const item = dealItem({ checklist: [{ text: 'gtm review', checked: false }] });
    expect(findingsOf(example, [item], 'unchecked-review').map(({ message, fix }) => ({ message, fix }))).toEqual([
      { message: '"GTM review" is not ticked', fix: 'Tick "GTM review" once it has happened' },
      { message: 'No "Technical review" checkbox', fix: 'Add "- [x] Technical review" to the description once it has happened' },
    ]);
  });

  it('applies only to open items of the applies-to categories', () => {
    const noCase = { form: {}, checklist: [] };
    expect(allCaseFindings(workItem({ labels: ['roadmap'], ...noCase }))).toEqual([]);
    expect(allCaseFindings(dealItem({ state: 'closed', closedAt: '2026-10-30T00:00:00Z', ...noCase }))).toEqual([]);
  });

  it('leaves out work that exclude-labels keeps off the roadmap: a customer bug needs no business case', () => {
    const noCase = { form: {}, checklist: [] };
    expect(allCaseFindings(dealItem({ labels: ['bug', 'customer:contoso'], ...noCase }))).toEqual([]);
    expect(allCaseFindings(dealItem({ labels: ['customer:contoso'], ...noCase })).length).toBeGreaterThan(0);
  });

  it('skips an empty optional field but still checks its answer when given', () => {
    const optional = policy({
      categories: { deal: { match: { labels: ['deal'] } } },
      'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Link', required: false, 'min-words': 2 }] },
    });
    expect(findingsOf(optional, [workItem({ labels: ['deal'] })], 'missing-field')).toEqual([]);
    expect(findingsOf(optional, [workItem({ labels: ['deal'], form: { Link: 'x' } })], 'invalid-field')).toHaveLength(1);
  });

  describe('per category', () => {
    // A 40-person B2B company: a bet needs its cap, metric and walk-away date; a deal request who buys it
    // and whether we would build it anyway; a feature only who buys it and how we sell it.
    const leads = policy({
      categories: {
        deal: { match: { labels: ['deal'] }, 'business-case': { fields: [{ heading: 'Would we build this without this customer?', 'one-of': ['Yes', 'No'], 'fail-on': ['No'] }] } },
        bet: { match: { labels: ['bet'] }, 'business-case': { fields: [{ heading: 'Walk away by', type: 'date' }], checklist: ['Technical review'] } },
        feature: { match: { labels: ['feature'] } },
      },
      'business-case': {
        'applies-to': ['deal', 'feature'],
        fields: [
          { heading: 'Who will buy it?' },
          { heading: 'How will we market it?' },
          { heading: 'Investment cap', 'applies-to': ['deal', 'bet'] },
          { heading: 'Success metric', 'applies-to': ['deal', 'bet'] },
        ],
        checklist: ['GTM review'],
      },
    });
    const asked = (labels: string[]) =>
      caseKinds.flatMap((kind) => findingsOf(leads, [workItem({ labels })], kind)).map((finding) => finding.field);

    it("asks each category its own questions: the shared ones that apply to it, then its own", () => {
      expect(asked(['deal'])).toEqual(['Who will buy it?', 'How will we market it?', 'Investment cap', 'Success metric', 'Would we build this without this customer?', 'GTM review']);
      expect(asked(['bet'])).toEqual(['Investment cap', 'Success metric', 'Walk away by', 'Technical review']);
      expect(asked(['feature'])).toEqual(['Who will buy it?', 'How will we market it?', 'GTM review']);
      expect(asked(['chore'])).toEqual([]);
    });

    it('keeps the shared categories as the customer-driven ones, and lists every field once', () => {
      expect(leads.businessCase.appliesTo).toEqual(['deal', 'feature']);
      expect(leads.businessCase.byCategory.map((rule) => rule.category)).toEqual(['deal', 'feature', 'bet']);
      expect(leads.businessCase.fields.map((field) => field.heading)).toHaveLength(6);
    });

    it('asks a heading once when the shared case and the category both ask it', () => {
      const twice = policy({
        categories: { deal: { match: { labels: ['deal'] }, 'business-case': { fields: [{ heading: 'who will buy it' }], checklist: ['GTM review'] } } },
        'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Who will buy it?' }], checklist: ['GTM review'] },
      });
      expect(caseKinds.flatMap((kind) => findingsOf(twice, [workItem({ labels: ['deal'] })], kind)).map((f) => f.field)).toEqual(['Who will buy it?', 'GTM review']);
    });
  });
});
