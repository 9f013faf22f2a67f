// The two per-customer caps in every view: a share of the category and a share of all planned work are never shown alike.
import { describe, expect, it } from 'vitest';
import { renderComment } from '../../src/report/comment.js';
import { budgetsOutput } from '../../src/report/outputs.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { policy, workItem } from '../fixtures.js';

const NOW = '2026-11-03T09:00:00Z';

function input(caps: Record<string, string>) {
  const sized = (number: number, size: number, labels: string[]) => workItem({ number, labels, fields: { Estimate: { type: 'number', value: size } } });
  return buildReportInput({
    mode: 'audit',
    policy: policy({
      work: { size: { field: 'Estimate' } },
      categories: { deal: { match: { labels: ['deal'] }, 'per-customer': caps } },
      customer: { labels: 'customer:*' },
    }),
    items: [sized(1, 6, ['deal', 'customer:acme']), sized(2, 14, ['deal', 'customer:globex']), sized(3, 80, ['roadmap'])],
    now: NOW,
    policySources: ['.github/roadmap-policy.yml'],
    sourceName: 'acme/app',
    focusItem: 1,
  });
}

describe('per-customer caps in the reports', () => {
  it('says what a cap of all planned work is a share of, in the summary, the terminal and the comment', () => {
    const report = input({ 'max-share-of-planned-work': '5%' });

    const summary = renderMarkdownReport(report);
    expect(summary).toContain('| acme | 1 | 6 | 30% (6% of all planned work) | ≤ 5% of all planned work | **over its share** |');
    expect(renderTerminal({ ...report, mode: 'demo' }, { color: false, width: 120 })).toContain('≤ 5% of all planned work');
    const comment = renderComment({ ...report, mode: 'issue', focusItem: 1 });
    expect(comment).toContain('### Capacity: acme over its share of all planned work\n');
    expect(comment).toContain('**acme** takes **6%** of all planned work, above the per-customer cap of **5%** of all planned work');
    expect(comment).toContain('Without it, acme would take **0%**, within its cap of 5%');
  });

  it('keeps the two apart in the budgets output a workflow reads', () => {
    const [deal] = budgetsOutput(input({ 'max-share-of-category': '50%', 'max-share-of-planned-work': '5%' }).evaluation);
    expect(deal?.customers[0]).toEqual({ customer: 'globex', points: 14, share: '70%', cap: '50%', plannedShare: '14%', plannedCap: '5%', over: true });
    expect(budgetsOutput(input({ 'max-share-of-category': '50%' }).evaluation)[0]?.customers[0]).toEqual({ customer: 'globex', points: 14, share: '70%', cap: '50%', over: true });
  });

  it('names both bases when both caps are set, and keeps the category cap as it was shown alone', () => {
    const both = renderMarkdownReport(input({ 'max-share-of-category': '50%', 'max-share-of-planned-work': '5%' }));
    expect(both).toContain('| globex | 1 | 14 | 70% (14% of all planned work) | ≤ 50% of deal, ≤ 5% of all planned work | **over its share** |');

    const categoryOnly = renderMarkdownReport(input({ 'max-share-of-category': '50%' }));
    expect(categoryOnly).toContain('| globex | 1 | 14 | 70% | ≤ 50% | **over its share** |');
    expect(categoryOnly).not.toContain('all planned work |');
  });
});
