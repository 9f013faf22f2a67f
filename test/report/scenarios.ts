/** Whole report inputs for the edge cases every renderer is checked against. */
import { FINDING_KINDS } from '../../src/core/finding-kinds.js';
import type { Finding } from '../../src/core/types.js';
import type { ReportInput } from '../../src/report/types.js';
import { assessment, budget, evaluation, finding, reportInput, runFacts, share, smallRoadmap, workItem } from './fixtures.js';

export { smallRoadmap };

/** Nothing to report: every planned item meets the policy. */
export function compliantRoadmap(): ReportInput {
  const items = [
    workItem({ number: 1, title: 'Usage-based billing', labels: ['roadmap', 'size/L'] }),
    workItem({ number: 2, title: 'Globex SSO', labels: ['deal', 'customer:globex', 'size/S'] }),
  ];
  return reportInput({
    items,
    run: runFacts({ writes: { made: 0, skippedByDryRun: 0, deferredByMaxWrites: 0, failed: [] } }),
    evaluation: evaluation({
      totalPoints: 9,
      totalItems: 2,
      items: [assessment({ number: 1, category: 'strategic', size: 8 }), assessment({ number: 2, category: 'deal', customer: 'globex', size: 1 })],
      exemptions: { inUse: 0, maxOpen: 2 },
      budgets: [
        budget({ category: 'deal', items: 1, points: 1, share: '11.1%', maxShare: share('20%'), status: 'ok', customers: [{ customer: 'globex', items: 1, points: 1, share: '100%', cap: '100%', over: false }] }),
        budget({ category: 'strategic', items: 1, points: 8, share: '88.9%', minShare: share('60%'), status: 'ok' }),
      ],
    }),
  });
}

/** Every finding kind at once, each failing. */
export function everythingFailing(): ReportInput {
  const base = smallRoadmap();
  const item = base.items[0]!;
  const ref = { number: item.number, title: item.title, url: item.url };
  // The business-case rule's own words for the example policy's fields.
  const FIXES: Partial<Record<Finding['kind'], string>> = {
    'missing-field': 'Fill in "How will we market it?"',
    'invalid-field': 'Answer "New customers or expansion?" with one of: New customers, Expansion, Both',
  };
  const findings: Finding[] = FINDING_KINDS.map((kind) =>
    finding({
      kind,
      severity: 'fail',
      item: ['over-budget', 'customer-over-share', 'under-min-share', 'exemptions-over-limit'].includes(kind) ? undefined : ref,
      category: 'deal',
      customer: 'globex',
      field: kind === 'missing-field' ? 'How will we market it?' : kind === 'invalid-field' ? 'New customers or expansion?' : undefined,
      message: `A ${kind} finding`,
      fix: FIXES[kind] ?? `Fix the ${kind} finding`,
      contributors: kind === 'over-budget' || kind === 'customer-over-share' ? [15, 12] : undefined,
    }),
  );
  return {
    ...base,
    run: runFacts(),
    evaluation: { ...base.evaluation, findings, compliant: false, exemptions: { inUse: 3, maxOpen: 2 } },
  };
}

/** Issue text written to break out of markdown, for every renderer. */
export const HOSTILE_TEXTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '@alice and @acme/product-leads, please look',
  '| broken | table |',
  '**bold** [click](https://evil.example) ![x](https://evil.example/x.png)',
  'line one\nline two\r\n## heading',
  '\u001b[31mred\u001b[0m \u0007bell \u202eevil',
  '`code` www.evil.example &amp; &lt;b&gt;',
];

/** Issue text written to break out: HTML, mentions, table pipes, links, control characters. */
export function hostileRoadmap(): ReportInput {
  const items = HOSTILE_TEXTS.map((title, index) =>
    workItem({ number: 100 + index, title, labels: ['deal', `customer:${title}`] }),
  );
  const ref = (index: number) => ({ number: items[index]!.number, title: items[index]!.title, url: items[index]!.url });
  const customers = HOSTILE_TEXTS.map((name, index) => ({ customer: name, items: 1, points: index + 1, share: '2.8%', cap: '50%', over: index === 0 }));
  return reportInput({
    items,
    policySources: ['.github/roadmap-policy.yml'],
    policyUrl: 'javascript:alert(1)',
    sourceName: '<b>acme</b>/@app',
    run: runFacts({ writes: { made: 0, skippedByDryRun: 0, deferredByMaxWrites: 0, failed: [{ description: 'comment on #100', reason: '<img src=x> @alice' }] } }),
    evaluation: evaluation({
      totalPoints: 36,
      totalItems: 8,
      compliant: false,
      items: items.map((i, index) => assessment({ number: i.number, category: 'deal', customer: HOSTILE_TEXTS[index]!, size: index + 1 })),
      budgets: [budget({ category: 'deal', items: 8, points: 36, share: '100%', maxShare: share('10%'), status: 'over', customers })],
      findings: [
        ...HOSTILE_TEXTS.map((text, index) =>
          finding({ kind: 'invalid-field', item: ref(index), category: 'deal', customer: text, field: 'Review by', message: `"Review by" is "${text}", not a date`, fix: 'Fill in "Review by" with a date like 2026-12-31' }),
        ),
        finding({ kind: 'forbidden-label', severity: 'fail', item: ref(1), category: 'deal', message: 'Label "custom-<img src=x>" is not allowed', fix: 'Remove label "custom-<img src=x>" or ask @alice for "roadmap-exempt"' }),
        finding({ kind: 'over-budget', severity: 'fail', category: 'deal', message: 'Deal work takes 100% of planned capacity, above its 10% cap', fix: 'Shrink deal work', contributors: items.map((i) => i.number).reverse() }),
        finding({ kind: 'customer-over-share', category: 'deal', customer: HOSTILE_TEXTS[0], message: `${HOSTILE_TEXTS[0]} takes too much`, fix: 'Balance', contributors: [100] }),
      ],
    }),
  });
}

/** A 60,000-character title and answer: the comment must stay readable and under GitHub's limit. */
export function giantTextRoadmap(): ReportInput {
  const base = smallRoadmap();
  const giant = `${'very long words '.repeat(3_750)}`;
  const items = base.items.map((i) => (i.number === 12 ? { ...i, title: giant } : i));
  const findings = base.evaluation.findings.map((f) =>
    f.item?.number === 12 ? { ...f, item: { ...f.item, title: giant }, message: `${f.message}: "${giant}"` } : f,
  );
  return { ...base, items, evaluation: { ...base.evaluation, findings } };
}

/** 5,000 deal requests from 500 customers, each missing two answers: the page must stay readable. */
export function hugeRoadmap(count = 5_000): ReportInput {
  const items = Array.from({ length: count }, (_, index) =>
    workItem({ number: index + 1, title: `Request ${index + 1} for customer ${index % 500}`, labels: ['deal', `customer:c${index % 500}`, 'size/M'] }),
  );
  const findings: Finding[] = items.flatMap((i) => [
    finding({ kind: 'missing-field', item: { number: i.number, title: i.title, url: i.url }, category: 'deal', field: 'Who will buy it?', message: '"Who will buy it?" is not answered', fix: 'Fill in "Who will buy it?"' }),
    finding({ kind: 'forbidden-label', severity: 'fail', item: { number: i.number, title: i.title, url: i.url }, category: 'deal', message: 'Label "one-off" is not allowed', fix: 'Remove label "one-off"' }),
  ]);
  findings.push(finding({ kind: 'over-budget', severity: 'fail', category: 'deal', message: 'Deal work takes 100% of planned capacity, above its 10% cap', fix: 'Shrink deal work', contributors: items.map((i) => i.number).reverse() }));
  const customers = Array.from({ length: 500 }, (_, c) => ({ customer: `c${c}`, items: 10, points: 30, share: '0.2%', cap: '50%', over: false }));
  return reportInput({
    items,
    run: runFacts({ requests: { graphql: 51, graphqlPoints: 151, restRead: 1, write: 50 }, writes: { made: 50, skippedByDryRun: 0, deferredByMaxWrites: 9_950, failed: [] } }),
    evaluation: evaluation({
      totalPoints: count * 3,
      totalItems: count,
      compliant: false,
      items: items.map((i) => assessment({ number: i.number, category: 'deal', customer: `c${i.number % 500}`, size: 3 })),
      budgets: [budget({ category: 'deal', items: count, points: count * 3, share: '100%', maxShare: share('10%'), status: 'over', customers })],
      findings,
    }),
  });
}

export function withTrend(input: ReportInput): ReportInput {
  return {
    ...input,
    trend: {
      points: [
        { month: '2026-06', deliveredPoints: 20, byCategory: { deal: 8, strategic: 12 } },
        { month: '2026-07', deliveredPoints: 16, byCategory: { deal: 4, strategic: 12 } },
        { month: '2026-08', deliveredPoints: 0, byCategory: {} },
        { month: '2026-09', deliveredPoints: 24, byCategory: { deal: 3, strategic: 18, other: 3 } },
      ],
      extraRequests: 4,
    },
  };
}
