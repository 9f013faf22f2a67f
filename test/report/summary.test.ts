import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { compliantRoadmap, everythingFailing, giantTextRoadmap, hostileRoadmap, hugeRoadmap, smallRoadmap, withTrend } from './scenarios.js';
import { runFacts } from './fixtures.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { workItem } from '../fixtures.js';

const golden = (name: string) => `./__golden__/${name}`;

describe('renderMarkdownReport, audit mode', () => {
  it('a roadmap over budget, with trend and run facts', async () => {
    const report = renderMarkdownReport(withTrend({ ...smallRoadmap(), run: runFacts(), policyCommit: '0123456789abcdef0123456789abcdef01234567' }));
    await expect(report).toMatchFileSnapshot(golden('summary-audit.md'));
    expect(report).toMatch(/^## Roadmap health: the check fails\n\n\*\*⚠ This run could not do everything it should\.\*\*[^\n]*\n\n- \*\*1 write failed:\*\* [^\n]*\n {2}\*\*Fix:\*\* [^\n]*\n\n\*\*Deal work is 30% of planned capacity against a 10% cap; one-off labels on 1 item\.\*\* Failing: 1 item and 1 budget\. Warnings: 8 findings on 3 items and 2 budgets\. Exempt: 1 item\.\\\nacme\/app: 40 points/);
    expect(report).toContain('| deal | 3 | 12 | 30% | ≤ 10% | **over** |');
    expect(report).toContain('at commit `0123456`');
    // What fails comes before the warnings, and both before the budgets; the other sections follow, folded under their figure.
    const fold = (title: string) => `<details><summary><strong>${title}</strong> · `;
    const order = ['### Act on these first', fold('Warnings'), '### Capacity budgets', fold('Customers'), fold('Exemptions'), fold('Trend'), fold('Run')].map((s) => report.indexOf(s));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(report).toContain(`${fold('Warnings')}8 findings on 3 items and 2 budgets, of 8 kinds</summary>`);
    expect(report).toContain(`${fold('Customers')}2 customers, 1 over its share</summary>`);
    expect(report).toContain(`${fold('Trend')}customer-driven share 40% → 12.5% delivered, 30% planned now</summary>`);
    expect(report).toContain(`${fold('Run')}8 API requests, 4 writes made, 1 failed</summary>`);
    expect(report).toContain('xychart-beta');
    // The pies repeated the tables: there are none.
    expect(report).not.toMatch(/^pie /m);
    expect(report).toContain('2 left for the next run (`max-writes` reached)');
    expect(report).not.toContain('deferred');
    expect(report).toContain('_Reading closed work for the trend took 4 extra API requests._');
  });

  it('a compliant roadmap', async () => {
    const report = renderMarkdownReport(compliantRoadmap());
    await expect(report).toMatchFileSnapshot(golden('summary-compliant.md'));
    expect(report).toMatch(/^## Roadmap health: the check passes\n\nEvery planned item meets the policy\.\\\nacme\/app: 9 points/);
    expect(report).not.toContain('### Act on these first');
  });

  it('every finding kind failing', async () => {
    const report = renderMarkdownReport(everythingFailing());
    await expect(report).toMatchFileSnapshot(golden('summary-everything-failing.md'));
    expect(report).toContain('**Too many exemptions · 1 limit**');
    expect(report).toContain('on 3 open items of at most 2 — **over the limit**');
    // Fifteen kinds fail: the opening line names two and counts the rest.
    expect(report).toContain('; 13 more reasons below.**');
  });

  it('hostile issue text', async () => {
    const report = renderMarkdownReport(hostileRoadmap());
    await expect(report).toMatchFileSnapshot(golden('summary-hostile.md'));
    // Code spans show their content literally; everything else must carry no tag.
    expect(report).not.toMatch(/(?<!\\)<(script|img|b)\b/i);
    // No chart draws customers (the pies that did repeated the tables), so no customer name reaches mermaid.
    expect(report).not.toContain('```mermaid');
  });

  it('a 60,000-character title stays one short line', () => {
    const report = renderMarkdownReport(giantTextRoadmap());
    expect(report.length).toBeLessThan(12_000);
  });

  it('5,000 items yield a readable page with "and N more"', async () => {
    const report = renderMarkdownReport(hugeRoadmap());
    await expect(report).toMatchFileSnapshot(golden('summary-5000-items.md'));
    expect(report.length).toBeLessThan(20_000);
    expect(report).toContain('- Remove label "one-off" — 5,000 items: [#1](https://github.com/acme/app/issues/1), [#2](https://github.com/acme/app/issues/2)');
    expect(report).toContain(') and [4,990 more](https://github.com/acme/app/issues?q=is%3Aopen%20label%3A%22roadmap%3A%20needs%20business%20case%22%20sort%3Acreated-desc)');
    // The table sums up the customers left out in one row, so the shares add up to the whole category.
    expect(report).toMatch(/\| _490 other customers_ \| [\d,]+ \| [\d,.]+ \| [\d.]+% \| \| \|/);
    expect(report).toContain('<details><summary><strong>Customers</strong> · 500 customers, none over their share</summary>');
    const customerTable = report.slice(report.indexOf('| Customer |'), report.indexOf('\n\n', report.indexOf('| Customer |')));
    const shares = [...customerTable.matchAll(/ \| ([\d.]+)% \| /g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(11);
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(0.05 * shares.length);
    expect(report).toContain('| deal | 5,000 | 15,000 |');
  });
});

describe('renderMarkdownReport, issue mode', () => {
  it('the item, its findings and its category’s budget', async () => {
    const report = renderMarkdownReport({ ...smallRoadmap(), mode: 'issue', focusItem: 12, run: runFacts() });
    await expect(report).toMatchFileSnapshot(golden('summary-issue.md'));
    expect(report).toMatch(/^## Roadmap Guard: #12 has 6 findings\n/);
    expect(report).toContain('### deal budget');
    expect(report).not.toContain('### Customers');
    expect(report).not.toContain('strategic');
  });
});

describe('renderMarkdownReport with backlog archiving', () => {
  const policy = parsePolicy({ version: 1, backlog: { 'max-age-days': 365, archive: true, 'grace-days': 14 } });
  const items = [
    workItem({ number: 1, title: 'Offline mode', updatedAt: '2025-01-01T00:00:00Z', archiveWarnedAt: '2026-10-01T09:00:00Z' }),
    workItem({ number: 2, title: 'Dark mode', updatedAt: '2025-03-01T00:00:00Z', archiveWarnedAt: '2026-10-30T09:00:00Z' }),
  ];
  const base = { mode: 'audit' as const, policy, items, now: '2026-11-03T09:00:00Z', policySources: ['policy.yml'], sourceName: 'acme/app' };

  it('lists what the run archived and what will be archived, with dates', () => {
    const summary = renderMarkdownReport(buildReportInput({ ...base, run: { ...runFacts(), archived: [1] } }));
    expect(summary).toContain('**Archived this run (1)**\n\n- [#1](https://github.com/acme/app/issues/1) Offline mode — untouched since 2025-01-01, warned on 2026-10-01');
    expect(summary).toContain('**Will be archived (1)**\n\n- [#2](https://github.com/acme/app/issues/2) Dark mode — on 2026-11-13');
  });

  it('leaves "Archived this run" out where there is no run, as on the dashboard', () => {
    const summary = renderMarkdownReport(buildReportInput(base));
    expect(summary).not.toContain('Archived this run');
    expect(summary).toContain('Offline mode — due now (warned on 2026-10-01)');
  });
});
