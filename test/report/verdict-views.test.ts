/** Each view says what the run's one verdict says: the cases where they once disagreed. */
import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../src/report/digest.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { policy, workItem } from '../fixtures.js';

const NOW = '2026-11-03T09:00:00Z';

function report(file: Record<string, unknown>, items = [workItem({ number: 1, labels: ['deal', 'size/M'] }), workItem({ number: 2, labels: ['size/M'] })], trendMonths = 0) {
  const input = buildReportInput({ mode: 'simulate', policy: policy(file), items, now: NOW, policySources: ['policy.yml'], sourceName: 'acme/app', trendMonths });
  return { input, text: renderTerminal(input, { color: false }), markdown: renderMarkdownReport(input) };
}

describe('one verdict in every view', () => {
  it('the terminal says the check fails when only a budget-wide finding fails, as the markdown does', () => {
    const { input, text, markdown } = report({
      categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } } },
      enforcement: { 'fail-on': ['over-budget'] },
    });
    expect(verdictOf(input).passes).toBe(false);
    expect(text).toMatch(/^Roadmap health: the check fails\nOver budget: deal work\nFailing: 1 budget\.\n/);
    expect(text).not.toContain('compliant');
    expect(markdown).toMatch(/^## Roadmap health: the check fails\n\n\*\*Deal work is 50% of planned capacity against a 10% cap\.\*\* Failing: 1 budget\.\\\n/);
  });

  it('counts a kind in findings and in items, the same way in the terminal and in the markdown', () => {
    const file = {
      categories: { deal: { match: { labels: ['deal'] } } },
      'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Who will buy it?' }, { heading: 'How will we market it?' }, { heading: 'Success metric' }] },
    };
    const items = [workItem({ number: 1, labels: ['deal'] }), workItem({ number: 2, labels: ['deal'] }), workItem({ number: 3, labels: ['deal'], form: { 'Who will buy it?': 'Banks', 'How will we market it?': 'Ads' } })];
    const { text, markdown } = report(file, items);
    expect(text).toContain('  Missing business-case answers (7 findings on 3 items)\n');
    expect(markdown).toContain('\n**Missing business-case answers · 7 findings on 3 items**\n');
    expect(text).toContain('\nWarnings: 7 findings on 3 items.\n');
    expect(markdown).toContain('\nWarnings: 7 findings on 3 items.\\\n');
    expect(markdown).toContain('<summary><strong>Warnings</strong> · 7 findings on 3 items, of 1 kind</summary>');
  });

  it('measures the trend on the categories with a customer budget, whatever else needs a business case', () => {
    const categories = {
      deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } },
      feature: { match: { labels: ['feature'] } },
      bet: { match: { labels: ['bet'] } },
    };
    const closed = (number: number, labels: string[]) => workItem({ number, labels: [...labels, 'size/M'], state: 'closed', closedAt: '2026-10-15T00:00:00Z' });
    const items = [
      workItem({ number: 1, labels: ['deal', 'size/M'] }),
      workItem({ number: 2, labels: ['feature', 'size/M'] }),
      workItem({ number: 3, labels: ['bet', 'size/M'] }),
      workItem({ number: 4, labels: ['size/M'] }),
      closed(5, ['deal']),
      closed(6, ['feature']),
      closed(7, ['bet']),
      closed(8, []),
    ];
    const size = { size: { labels: { 'size/M': 3 } } };
    const wide = report({ work: size, categories, 'business-case': { 'applies-to': ['deal', 'feature', 'bet'], fields: [{ heading: 'Who will buy it?' }] } }, items, 2);
    const narrow = report({ work: size, categories, 'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Who will buy it?' }] } }, items, 2);
    for (const { markdown, input } of [wide, narrow]) {
      expect(markdown).toContain('The deal share of delivered (closed) work was 25% in 2026-10; it is 25% of work planned now against a 10% cap.');
      expect(verdictOf(input).customerDriven).toMatchObject({ categories: ['deal'], share: '25%' });
    }
    expect(wide.text).toContain('Trend: deal share of delivered work');
  });

  it('lists the ten largest customers, then the rest in one row, so the shares add up to the whole', () => {
    const items = Array.from({ length: 12 }, (_, i) => workItem({ number: i + 1, labels: ['deal', `customer:c${String(i + 1).padStart(2, '0')}`] }));
    const { text, markdown } = report({ categories: { deal: { match: { labels: ['deal'] }, 'per-customer': { 'max-share': '50%' } } }, customer: { labels: 'customer:*' } }, items);
    expect(markdown).toContain('| _2 other customers_ | 2 | 2 | 16.7% | | |');
    expect(text).toMatch(/\n {2}2 other customers +deal +2 +2 +16\.7%\n/);
  });
});
