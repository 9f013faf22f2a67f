/** Builders for report tests: each takes one partial-override object. */
import type { CategoryBudget, Evaluation, Finding, ItemAssessment } from '../../src/core/types.js';
import type { ReportInput, RunFacts } from '../../src/report/types.js';
import { parseShare } from '../../src/core/share.js';

import { examplePolicy, workItem } from '../fixtures.js';

export { examplePolicy, workItem };

export const AT = '2026-11-03T09:00:00Z';

export function assessment(overrides: Partial<ItemAssessment> = {}): ItemAssessment {
  return { number: 1, category: 'other', customer: null, size: 3, sizeDefaulted: false, planned: true, exempt: false, ...overrides };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return { kind: 'missing-field', severity: 'warn', message: 'Something is missing', fix: 'Fix it', exempt: false, ...overrides };
}

export function budget(overrides: Partial<CategoryBudget> = {}): CategoryBudget {
  return { category: 'other', items: 0, points: 0, share: '0%', status: 'uncapped', customers: [], ...overrides };
}

export function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    at: AT,
    unit: 'points',
    totalPoints: 0,
    totalItems: 0,
    budgets: [],
    items: [],
    findings: [],
    exemptions: { inUse: 0, maxOpen: 2 },
    archive: [],
    compliant: true,
    ...overrides,
  };
}

export function runFacts(overrides: Partial<RunFacts> = {}): RunFacts {
  return {
    requests: { graphql: 3, graphqlPoints: 5, restRead: 1, write: 4 },
    rateLimitRemaining: 4_912,
    writes: { made: 4, skippedByDryRun: 0, deferredByMaxWrites: 2, failed: [{ description: 'add label to #12', reason: 'HTTP 403: Resource not accessible by integration', cause: { status: 403 } }] },
    ...overrides,
  };
}

export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    mode: 'audit',
    evaluation: evaluation(),
    policy: examplePolicy(),
    items: [],
    policySources: ['.github/roadmap-policy.yml', 'acme/.github:roadmap-policy.yml'],
    policyUrl: 'https://github.com/acme/app/blob/0123456789abcdef0123456789abcdef01234567/.github/roadmap-policy.yml',
    sourceName: 'acme/app',
    ...overrides,
  };
}

export const share = (text: string) => parseShare(text)!;

/**
 * A small roadmap by hand, its figures checkable on paper: 40 planned points,
 * deal work 8 + 3 + 1 = 12 points (30%, over its 10% cap), of which globex
 * holds 11 points (91.7%, over the 50% per-customer cap); strategic work 20
 * points (50%, under its 60% minimum); other work 8 points.
 */
export function smallRoadmap(): ReportInput {
  const items = [
    workItem({ number: 12, title: 'SAML single sign-on for Globex', labels: ['deal', 'customer:globex', 'size/L'] }),
    workItem({ number: 15, title: 'Custom CSV export', labels: ['deal', 'customer:globex', 'size/M', 'one-off'] }),
    workItem({ number: 18, title: 'Initech logo on invoices', labels: ['deal', 'customer:initech', 'size/S', 'roadmap-exempt'] }),
    workItem({ number: 3, title: 'Usage-based billing', labels: ['roadmap', 'size/L'] }),
    workItem({ number: 4, title: 'Self-serve onboarding', labels: ['roadmap', 'size/L'] }),
    workItem({ number: 5, title: 'Audit log', labels: ['roadmap'] }),
    workItem({ number: 7, title: 'Faster search', labels: ['size/L'] }),
    workItem({ number: 2, title: 'Old idea', updatedAt: '2024-06-01T00:00:00Z' }),
  ];
  const items_ = [
    assessment({ number: 12, category: 'deal', customer: 'globex', size: 8 }),
    assessment({ number: 15, category: 'deal', customer: 'globex', size: 3 }),
    assessment({ number: 18, category: 'deal', customer: 'initech', size: 1, exempt: true }),
    assessment({ number: 3, category: 'strategic', size: 8 }),
    assessment({ number: 4, category: 'strategic', size: 8 }),
    assessment({ number: 5, category: 'strategic', size: 3, sizeDefaulted: true }),
    assessment({ number: 7, category: 'other', size: 8 }),
    assessment({ number: 2, category: 'other', size: 0, planned: false }),
  ];
  const ref = (n: number) => {
    const i = items.find((x) => x.number === n)!;
    return { number: i.number, title: i.title, url: i.url };
  };
  const findings: Finding[] = [
    finding({ kind: 'missing-field', item: ref(12), category: 'deal', customer: 'globex', field: 'Who will buy it?', message: '"Who will buy it?" is not answered', fix: 'Fill in "Who will buy it?" with at least 3 words' }),
    finding({ kind: 'invalid-field', item: ref(12), category: 'deal', customer: 'globex', field: 'Review by', message: '"Review by" is "next spring", not a date', fix: 'Fill in "Review by" with a date like 2026-12-31' }),
    finding({ kind: 'not-without-customer', item: ref(12), category: 'deal', customer: 'globex', field: 'Would we build this without this customer?', message: 'Answered "No" to "Would we build this without this customer?"', fix: 'Judge it as a market opportunity, as if this customer never signs — go ahead only if the answer is Yes, otherwise decline the request' }),
    finding({ kind: 'unchecked-review', item: ref(12), category: 'deal', customer: 'globex', message: '"Technical review" is not ticked', fix: 'Tick "Technical review" once it has happened' }),
    finding({ kind: 'forbidden-label', severity: 'fail', item: ref(15), category: 'deal', customer: 'globex', message: 'Label "one-off" is not allowed: One-off features need an approved exception', fix: 'Remove label "one-off" or ask an approver (alice, @acme/product-leads) for "roadmap-exempt"' }),
    finding({ kind: 'missing-field', item: ref(18), category: 'deal', customer: 'initech', field: 'Success metric', message: '"Success metric" is not answered', fix: 'Fill in "Success metric"', exempt: true }),
    finding({ kind: 'over-budget', severity: 'fail', category: 'deal', message: 'Deal work takes 30% of planned capacity, above its 10% cap', fix: 'Shrink or close deal work, or raise the cap', contributors: [18, 15, 12] }),
    finding({ kind: 'customer-over-share', severity: 'warn', category: 'deal', customer: 'globex', message: 'globex takes 91.7% of deal work, above the 50% per-customer cap', fix: 'Balance deal work across customers', contributors: [15, 12] }),
    finding({ kind: 'under-min-share', category: 'strategic', message: 'Strategic work takes 47.5% of planned capacity, below its 60% minimum', fix: 'Plan more strategic work' }),
    finding({ kind: 'missing-size', item: ref(5), category: 'strategic', message: 'No size: counted as 3 points', fix: 'Add a size label (size/S, size/M, size/L) or fill in "Estimate"' }),
    finding({ kind: 'stale-backlog', item: ref(2), category: 'other', message: 'Not updated since 2024-06-01 (more than 365 days)', fix: 'Close it, or update it if it is still wanted' }),
  ];
  return reportInput({
    items,
    evaluation: evaluation({
      totalPoints: 40,
      totalItems: 7,
      compliant: false,
      items: items_,
      findings,
      exemptions: { inUse: 1, maxOpen: 2 },
      budgets: [
        budget({
          category: 'deal', items: 3, points: 12, share: '30%', maxShare: share('10%'), status: 'over',
          customers: [
            { customer: 'globex', items: 2, points: 11, share: '91.7%', cap: '50%', over: true },
            { customer: 'initech', items: 1, points: 1, share: '8.3%', cap: '50%', over: false },
          ],
        }),
        budget({ category: 'strategic', items: 3, points: 19, share: '47.5%', minShare: share('60%'), status: 'under' }),
        budget({ category: 'other', items: 1, points: 8, share: '20%', status: 'uncapped' }),
      ],
    }),
  });
}
