import { describe, expect, it } from 'vitest';
import { buildReportInput } from '../../src/report/report-input.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { executionParts, executionSection } from '../../src/report/execution.js';
import { foldedSection } from '../../src/report/section.js';
import { EXECUTION_MILESTONES, EXECUTION_NOW, executionItems } from '../execution-fixture.js';
import { examplePolicy } from '../fixtures.js';

function fixtureInput(overrides: { titles?: (title: string) => string; policy?: ReturnType<typeof examplePolicy> } = {}) {
  const rename = overrides.titles ?? ((title: string) => title);
  const items = executionItems().map((item) => ({ ...item, timeline: item.timeline!.map((event) => (event.milestone ? { ...event, milestone: rename(event.milestone) } : event)) }));
  return buildReportInput({
    mode: 'audit',
    policy: overrides.policy ?? examplePolicy(),
    items: [],
    now: EXECUTION_NOW,
    policySources: ['.github/roadmap-policy.yml'],
    sourceName: 'acme/app',
    execution: { milestones: EXECUTION_MILESTONES.map((milestone) => ({ ...milestone, title: rename(milestone.title) })), items },
  });
}

describe('the execution section', () => {
  it('gives one line per cycle and the trend, in the job summary and the dashboard alike, folded under the latest say/do', () => {
    const input = fixtureInput();
    const section = executionSection(input.execution, 'points');
    expect(section).toContain(
      '- **Sprint 1** (2026-07-01 to 2026-07-31): say/do 25% (20% of points) of 4 items (15 points) committed; 1 item (3 points) added mid-cycle, 3 points of it customer work; 2 on time, 1 late, 1 carried over, 1 dropped; 1 bet delivered: 1 hit.',
    );
    expect(section).toContain('Say/do went from 25% in **Sprint 1** to 50% in **Sprint 3**; customer work added mid-cycle went from 50% to 0% of the work delivered on time.');
    expect(section).toContain('| Sprint 2 | 2026-08-01 | 2026-08-31 | 3 (14) | 2 (4) · 2 (4) | 3 (12) | 0 (0) | 1 (3) | 1 (3) | 66.7% | 78.6% | 8.3% | 0 / 0 / 0 / 1 |');
    const folded = foldedSection(executionParts(input.execution, 'points')!);
    expect(folded).toMatch(/^<details><summary><strong>Roadmap execution<\/strong> · say\/do 50% in the latest of 3 finished cycles<\/summary>\n\nFinished cycles:/);
    expect(folded).toContain(section.replace('### Roadmap execution\n\n', ''));
    expect(renderMarkdownReport(input)).toContain(folded);
    expect(renderDashboard(input)).toContain(folded);
  });

  it('shows the same in the terminal, each clause on its own line', () => {
    const text = renderTerminal(fixtureInput(), { color: false });
    expect(text).toContain('Roadmap execution: cycles due since 2026-06-01\n  Say/do went from 25% in Sprint 1 to 50% in Sprint 3;');
    expect(text).toContain('  Sprint 3 (2026-09-01 to 2026-09-30)\n    say/do 50% (75% of points) of 4 items (8 points) committed\n    1 item (3 points) added mid-cycle, none of it customer work\n    2 on time, 1 late, 1 carried over, 1 dropped.');
  });

  it('neutralizes a hostile milestone title', () => {
    const section = executionSection(fixtureInput({ titles: (title) => `${title} @everyone <img src=x> | [x](https://evil.example)` }).execution, 'points');
    expect(section.replace(/`[^`\n]*`/g, '')).not.toMatch(/(?<!\\)<img|@everyone|(?<!\\)\]\(https:\/\/evil/);
    expect(section.split('\n').filter((line) => line.startsWith('| Sprint')).every((line) => line.split(' | ').length === 13)).toBe(true);
  });

  it('says when no cycle is finished yet, and is absent when the policy turns it off or no milestone has a due date', () => {
    const open = buildReportInput({
      mode: 'audit', policy: examplePolicy(), items: [], now: EXECUTION_NOW, policySources: [], sourceName: 'acme/app',
      execution: { milestones: EXECUTION_MILESTONES.map((milestone) => ({ ...milestone, state: 'open' as const })), items: executionItems() },
    });
    expect(executionSection(open.execution, 'points')).toContain('there is no finished cycle to report');
    expect(fixtureInput({ policy: examplePolicy({ execution: { cycles: 'off' } }) }).execution).toBeUndefined();
    const undated = buildReportInput({
      mode: 'audit', policy: examplePolicy(), items: [], now: EXECUTION_NOW, policySources: [], sourceName: 'acme/app',
      execution: { milestones: EXECUTION_MILESTONES.map((milestone) => ({ ...milestone, dueOn: null })), items: executionItems() },
    });
    expect(undated.execution).toBeUndefined();
  });
});

describe('a long window of short cycles', () => {
  it('spells out the newest 12 cycles and tabulates the newest 52', () => {
    const input = fixtureInput();
    const cycle = input.execution!.cycles[0]!;
    const many = { ...input.execution!, cycles: Array.from({ length: 60 }, (_, index) => ({ ...cycle, title: `Week ${index + 1}` })) };
    const section = executionSection(many, 'points');
    expect(section).toContain('- …48 earlier cycles in the table below\n- **Week 49**');
    expect(section.split('\n').filter((line) => line.startsWith('| Week'))).toHaveLength(52);
    expect(section).toContain('| Week 9 |');
    expect(section).not.toContain('| Week 8 |');
    expect(section).toContain('…and 8 earlier cycles.');
  });
});
