/**
 * One verdict in every view, proved on generated policies and roadmaps: the
 * terminal, the markdown, the JSON, the job summary and the dashboard agree
 * on pass or fail, on every count and every share; the trend's planned share
 * is the budget table's; the policy preview's "would block the merge" is the
 * merge gate's answer under each policy.
 *
 * `npm test` runs 200 cases with a fixed seed; `npm run test:agreement` runs
 * 10,000 (AGREEMENT_RUNS and AGREEMENT_SEED override both).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/cli/simulate.js';
import { evaluate } from '../../src/core/evaluate.js';
import { FINDING_KINDS, type FindingKind } from '../../src/core/finding-kinds.js';
import { formatPercent } from '../../src/core/share.js';
import type { Evaluation, Finding, WorkItem } from '../../src/core/types.js';
import type { Tally } from '../../src/core/verdict.js';
import { scopeToItem } from '../../src/plan/scope.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { diffPolicies } from '../../src/pull-request/policy-diff.js';
import { renderPolicyPreview } from '../../src/pull-request/preview-comment.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { KIND_TITLES } from '../../src/report/format.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { findingsOutput } from '../../src/report/outputs.js';
import type { ReportInput } from '../../src/report/types.js';
import { capturedIo } from '../cli/helpers.js';
import { roadmapOf } from '../core/arbitraries.js';

const RUNS = Number(process.env['AGREEMENT_RUNS'] ?? 200);
const SEED = Number(process.env['AGREEMENT_SEED'] ?? 22);
const NOW = '2026-11-03T09:00:00Z';
/** Generous: 10,000 cases take minutes on a shared machine. */
const TIMEOUT = Math.max(20_000, RUNS * 200);

const SHARES = ['5%', '10%', '12.5%', '25%', '33.3%', '50%', '100%'];
const FIELDS = [
  { heading: 'Who will buy it?', 'min-words': 3 },
  { heading: 'How will we market it?' },
  { heading: 'New customers or expansion?', 'one-of': ['New customers', 'Expansion', 'Both'] },
  { heading: 'Would we build this without this customer?', 'one-of': ['Yes', 'No'], 'fail-on': ['No'] },
  { heading: 'Review by', type: 'date' },
];

/** A policy file as a user writes it: caps and floors, business cases, one-off labels, exemptions, bets and what fails. */
const policyFile = fc
  .record({
    unit: fc.constantFrom('points', 'issues'),
    dealCap: fc.option(fc.constantFrom(...SHARES)),
    perCustomer: fc.option(fc.constantFrom(...SHARES)),
    strategicFloor: fc.option(fc.constantFrom(...SHARES)),
    featureCap: fc.option(fc.constantFrom(...SHARES)),
    appliesTo: fc.subarray(['deal', 'strategic', 'feature']),
    fields: fc.subarray(FIELDS, { minLength: 1 }),
    checklist: fc.subarray(['GTM review', 'Technical review']),
    forbidden: fc.subarray(['one-off', 'custom-*']),
    failOn: fc.subarray([...FINDING_KINDS]),
    maxOpen: fc.option(fc.integer({ min: 0, max: 3 })),
    maxAgeDays: fc.option(fc.constantFrom(30, 365)),
    bets: fc.boolean(),
    outcomeDueDays: fc.option(fc.constantFrom(30, 90)),
  })
  .map((p) => ({
    version: 1,
    work: { 'exclude-labels': ['bug', 'chore'], size: { field: 'Estimate', labels: { 'size/S': 1, 'size/M': 3, 'size/L': 8 }, default: 3 }, unit: p.unit },
    categories: {
      deal: {
        match: { labels: ['deal', 'customer:*'], fields: { 'Work type': 'Customer commitment' } },
        ...(p.dealCap ? { budget: { 'max-share': p.dealCap } } : {}),
        ...(p.perCustomer ? { 'per-customer': { 'max-share': p.perCustomer } } : {}),
      },
      strategic: { match: { labels: ['roadmap'] }, ...(p.strategicFloor ? { budget: { 'min-share': p.strategicFloor } } : {}) },
      feature: { match: { labels: ['docs'] }, ...(p.featureCap ? { budget: { 'max-share': p.featureCap } } : {}) },
    },
    customer: { labels: 'customer:*', field: 'Customer' },
    ...(p.appliesTo.length ? { 'business-case': { 'applies-to': p.appliesTo, fields: p.fields, checklist: p.checklist } } : {}),
    'forbidden-labels': p.forbidden,
    ...(p.bets ? { bets: { 'review-field': 'Review by', ...(p.outcomeDueDays ? { 'outcome-due-days': p.outcomeDueDays } : {}) } } : {}),
    ...(p.maxAgeDays ? { backlog: { 'max-age-days': p.maxAgeDays } } : {}),
    exemptions: { label: 'roadmap-exempt', approvers: ['alice'], ...(p.maxOpen === null ? {} : { 'max-open': p.maxOpen }) },
    enforcement: { 'fail-on': p.failOn },
  }))
  .map((file) => parsePolicy(file));

/** Closed items get a close date in the trend's window, some not delivered, some with an outcome. */
const closedWork = fc.tuple(roadmapOf(25), fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.constantFrom('completed', 'not-planned', 'duplicate', undefined), fc.constantFrom(null, 'roadmap: outcome hit', 'roadmap: outcome missed')), { minLength: 25, maxLength: 25 })).map(([items, closes]) =>
  items.map((item, index): WorkItem => {
    if (item.state === 'open') return item;
    const [daysAgo, closedAs, outcome] = closes[index]!;
    return {
      ...item,
      closedAt: new Date(Date.parse(NOW) - daysAgo * 86_400_000).toISOString(),
      ...(closedAs ? { closedAs } : {}),
      labels: outcome ? [...item.labels, outcome] : item.labels,
    };
  }),
);

const options = { numRuns: RUNS, seed: SEED };

/** The same work on a Projects v2 board: some items are issues of another repository, some drafts, each under a negative key as the board gives them. */
const boardWork = closedWork.map((items) =>
  items.map((item, index): WorkItem => {
    if (index % 3 === 1) return { ...item, number: -(index + 1), url: `https://github.com/acme/api/issues/${index + 1}` };
    if (index % 6 === 2) return { ...item, number: -(index + 1), url: '' };
    return item;
  }),
);

/** What one view says: pass or fail, the counts, each kind's count, each category's share, the trend. */
interface Said {
  passes: boolean;
  counts: Record<string, Tally>;
  kinds: Map<string, Tally>;
  shares: Map<string, string>;
  plannedShare?: string;
  months?: string[];
}

const NONE: Tally = { findings: 0, items: 0, budgets: 0 };

/** "9 findings on 3 items and 1 budget", "2 items", "1 category" → the numbers. */
function parseTally(text: string): Tally {
  if (text === 'none') return NONE;
  const match = /^(?:([\d,]+) findings? on )?(.+)$/.exec(text)!;
  const tally = { findings: 0, items: 0, budgets: 0 };
  for (const subject of match[2]!.split(' and ')) {
    const [count, word] = subject.split(' ');
    const n = Number(count!.replace(/,/g, ''));
    if (/^items?$/.test(word!)) tally.items += n;
    else tally.budgets += n;
  }
  tally.findings = match[1] ? Number(match[1].replace(/,/g, '')) : tally.items + tally.budgets;
  return tally;
}

function parseCounts(line: string): Record<string, Tally> {
  return Object.fromEntries([...line.matchAll(/(Failing|Warnings|Exempt): ([^.]+)\./g)].map((m) => [m[1]!, parseTally(m[2]!)]));
}

const TITLES = new Map(Object.entries(KIND_TITLES).map(([kind, title]) => [title, kind as FindingKind]));

function readTerminal(text: string): Said {
  const lines = text.split('\n');
  const kinds = new Map<string, Tally>();
  for (const line of lines) {
    const group = /^ {2}(.+) \((.+)\)$/.exec(line);
    const kind = group && TITLES.get(group[1]!);
    // "2 items, plus 1 item exempt": the exempt part is counted once, in the counts.
    if (group && kind) kinds.set(kind, parseTally(group[2]!.replace(/, plus .+ exempt$/, '')));
  }
  const planned = /^ {2}planned now +[\d,.]+ +[\d,.]+ +([\d.]+%)/m.exec(text);
  return {
    passes: lines[0] === 'Roadmap health: the check passes',
    counts: parseCounts(lines.slice(1, lines.indexOf('')).join(' ')),
    kinds,
    shares: new Map([...text.matchAll(/^ {2}(deal|strategic|feature|other) +\d+ +[\d,.]+ +([\d.]+%)/gm)].map((m) => [m[1]!, m[2]!])),
    ...(planned ? { plannedShare: planned[1]! } : {}),
    months: [...text.matchAll(/^ {2}(\d{4}-\d{2}) +([\d,.]+) +([\d,.]+) +(—|[\d.]+%)/gm)].map((m) => m.slice(1).join(' ')),
  };
}

function readMarkdown(markdown: string): Said {
  const paragraphs = markdown.replace(/^<!-- roadmap-guard:[\w-]+ -->\n/, '').split('\n\n');
  const kinds = new Map<string, Tally>();
  for (const m of markdown.matchAll(/(?:^\*\*|<strong>)([^*<\n]+) · ([^*<\n]+)(?:\*\*$|<\/strong>)/gm)) {
    const kind = TITLES.get(m[1]!);
    if (kind) kinds.set(kind, parseTally(m[2]!));
  }
  const planned = /^\| \*\*planned now\*\* \| [\d,.]+ \| [\d,.]+ \| ([\d.]+%) \|$/m.exec(markdown);
  return {
    passes: paragraphs[0] === '## Roadmap health: the check passes',
    counts: parseCounts(paragraphs[1]!),
    kinds,
    shares: new Map([...markdown.matchAll(/^\| (deal|strategic|feature|other) \| [\d,]+ \| [\d,.]+ \| ([\d.]+%) \|/gm)].map((m) => [m[1]!, m[2]!])),
    ...(planned ? { plannedShare: planned[1]! } : {}),
    months: [...markdown.matchAll(/^\| (\d{4}-\d{2}) \| ([\d,.]+) \| ([\d,.]+) \| (—|[\d.]+%) \|$/gm)].map((m) => m.slice(1).join(' ')),
  };
}

/** Counted here, independently of the product: findings, distinct items, findings without an item. */
function count(findings: Finding[]): Tally {
  return { findings: findings.length, items: new Set(findings.flatMap((f) => (f.item ? [f.item.number] : []))).size, budgets: findings.filter((f) => !f.item).length };
}

function expected(evaluation: Evaluation): { counts: Record<string, Tally>; kinds: Map<string, Tally> } {
  const open = evaluation.findings.filter((f) => !f.exempt);
  const counts = {
    Failing: count(open.filter((f) => f.severity === 'fail')),
    Warnings: count(open.filter((f) => f.severity === 'warn')),
    Exempt: count(evaluation.findings.filter((f) => f.exempt)),
  };
  const kinds = new Map(FINDING_KINDS.map((kind) => [kind, count(open.filter((f) => f.kind === kind))] as const).filter(([, tally]) => tally.findings > 0));
  return { counts: Object.fromEntries(Object.entries(counts).filter(([, tally]) => tally.findings > 0)), kinds };
}

function reportOf(policy: ReturnType<typeof parsePolicy>, items: WorkItem[]): ReportInput {
  return buildReportInput({ mode: 'simulate', policy, items, now: NOW, policySources: ['policy.yml'], sourceName: 'acme/app', trendMonths: 3, outcomeMonths: 3 });
}

describe('one verdict in every view', () => {
  it('the terminal, the markdown, the JSON, the job summary and the dashboard agree on pass or fail, every count and every share', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(policyFile, closedWork, (policy, items) => {
        const input = reportOf(policy, items);
        const io = capturedIo();
        const json = JSON.parse(render(input, 'json', io)) as { verdict: { passes: boolean; failing: Tally; warnings: Tally; exempt: Tally; kinds: { kind: string; failing: Tally; warnings: Tally }[] }; budgets: { category: string; share: string }[] };
        const views = {
          text: readTerminal(render(input, 'text', io)),
          markdown: readMarkdown(render(input, 'markdown', io)),
          summary: readMarkdown(renderMarkdownReport({ ...input, mode: 'audit' })),
          dashboard: readMarkdown(renderDashboard(input)),
        };
        const truth = expected(input.evaluation);
        const shares = new Map(input.evaluation.budgets.map((b) => [b.category, b.share]));
        expect(json.verdict.passes).toBe(input.evaluation.compliant);
        expect(Object.fromEntries(Object.entries({ Failing: json.verdict.failing, Warnings: json.verdict.warnings, Exempt: json.verdict.exempt }).filter(([, t]) => t.findings > 0))).toEqual(truth.counts);
        expect(new Map(json.budgets.map((b) => [b.category, b.share]))).toEqual(shares);
        for (const [name, said] of Object.entries(views)) {
          expect(said.passes, name).toBe(input.evaluation.compliant);
          expect(said.counts, name).toEqual(truth.counts);
          expect(said.shares, name).toEqual(shares);
          // Every view lists what fails or warns, by kind; exempt findings are counted once, in the counts.
          const listed = new Map([...said.kinds].filter(([, tally]) => tally.findings > 0));
          expect(listed, name).toEqual(truth.kinds);
        }
        expect(views.text.plannedShare).toBe(views.markdown.plannedShare);
        expect(views.text.months).toEqual(views.markdown.months);
        expect(views.summary.months).toEqual(views.markdown.months);
      }),
      options,
    );
  });

  it("no view names a board item by its key: another repository's issue is acme/api#n, a draft its title", { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(policyFile, boardWork, (policy, items) => {
        const input = reportOf(policy, items);
        const io = capturedIo();
        const views = {
          json: render(input, 'json', io),
          text: render(input, 'text', io),
          markdown: render(input, 'markdown', io),
          summary: renderMarkdownReport({ ...input, mode: 'audit' }),
          dashboard: renderDashboard(input),
        };
        for (const [name, text] of Object.entries(views)) expect(/\\?#-\d/.exec(text)?.[0], name).toBeUndefined();
        // The `findings` output: a number only for this repository's issues, and every item named as the reports name it.
        for (const finding of findingsOutput(input.evaluation)) {
          expect(finding.item === null || finding.item > 0).toBe(true);
          if (finding.url !== null) expect(finding.name).toMatch(/^(#[1-9]\d*|[\w.-]+\/[\w.-]+#[1-9]\d*|draft: .+|a draft issue)$/);
        }
      }),
      { ...options, numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it("the trend's planned share is the budget table's share of the same categories", { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(policyFile, closedWork, (policy, items) => {
        const input = reportOf(policy, items);
        const said = readMarkdown(renderMarkdownReport(input));
        const capped = policy.categories.filter((c) => c.maxShare || c.perCustomerMaxShare).map((c) => c.name);
        const budgets = input.evaluation.budgets.filter((b) => capped.includes(b.category));
        const thousandths = (points: number) => Math.round(points * 1000);
        expect(said.plannedShare).toBe(formatPercent(budgets.reduce((sum, b) => sum + thousandths(b.points), 0), thousandths(input.evaluation.totalPoints)));
        if (budgets.length === 1) expect(said.plannedShare).toBe(said.shares.get(budgets[0]!.category));
      }),
      options,
    );
  });

  it("the preview's per-issue verdict is the merge gate's under each policy", { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(policyFile, policyFile, closedWork, (before, after, all) => {
        const items = all.filter((item) => item.state === 'open');
        const [was, will] = [evaluate(before, items, NOW), evaluate(after, items, NOW)];
        const diff = diffPolicies({ items, before: { policy: before, evaluation: was }, after: { policy: after, evaluation: will } });
        // The gate's rule, as the merge gate has always applied it: a pull request closing the issue is blocked by a failing finding that concerns it, unless the issue is exempt.
        const blocks = (evaluation: Evaluation, n: number) => !evaluation.items.find((a) => a.number === n)?.exempt && scopeToItem(evaluation, n).findings.some((f) => f.severity === 'fail');
        const numbers = (list: { item: { number: number } }[]) => list.map((c) => c.item.number);
        const open = items.map((item) => item.number).sort((a, b) => a - b);
        expect(numbers(diff.startBlocking)).toEqual(open.filter((n) => !blocks(was, n) && blocks(will, n)));
        expect(numbers(diff.stopBlocking)).toEqual(open.filter((n) => blocks(was, n) && !blocks(will, n)));
        expect(numbers(diff.blockedDifferently).every((n) => blocks(was, n) && blocks(will, n))).toBe(true);
        const preview = renderPolicyPreview({ diff, policyPath: 'policy.yml', baseRef: 'main', stamp: '' });
        const listed = (title: string) => Number(new RegExp(`\\*\\*${title} \\((\\d+)\\):\\*\\*`).exec(preview)?.[1] ?? 0);
        expect(listed('Pull requests closing these issues would start being blocked from merging')).toBe(diff.startBlocking.length);
        expect(listed('Pull requests closing these issues would no longer be blocked')).toBe(diff.stopBlocking.length);
      }),
      options,
    );
  });
});
