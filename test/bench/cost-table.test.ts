import { describe, expect, it } from 'vitest';
import { costTable, missedMemoryTargets } from '../../bench/cost-table.js';
import type { BenchResults, ScenarioResult } from '../../bench/results.js';

function row(overrides: Partial<ScenarioResult> & Pick<ScenarioResult, 'scenario'>): ScenarioResult {
  return { issues: 10_000, graphql: 1, restRead: 1, writes: 0, points: null, wallMs: 100, processMs: 90, cpuMs: 50, peakRssMb: 90, exitCode: 0, ...overrides };
}

function results(scenarios: ScenarioResult[], bundleBytes = 1_300_000): BenchResults {
  return { machine: { node: 'v24.21.0', cpus: 2, cpuModel: 'Test CPU', platform: 'linux', loadAverage: { start: 0.5, end: 0.7 } }, latencyMs: 50, bundleBytes, totalSeconds: 200, scenarios };
}

/** The verdict on the targets row whose first cell starts with `what`. */
function verdict(table: string, what: string): string | undefined {
  return table.split('\n').find((line) => line.startsWith(`| ${what}`))?.split('|')[4]?.trim();
}

describe('the README cost table', () => {
  it('puts each measured figure beside its target and says whether it is met', () => {
    const table = costTable(
      results([
        row({ scenario: 'cold-start', issues: null, wallMs: 180 }),
        row({ scenario: 'engine', wallMs: 240, graphql: null, restRead: null, writes: null }),
        row({ scenario: 'audit-steady', graphql: 102, restRead: 1, wallMs: 12_000, peakRssMb: 260 }),
        row({ scenario: 'issue-unchanged', graphql: 3, restRead: 1, points: 4 }),
        row({ scenario: 'issue-new-finding', graphql: 3, restRead: 1, writes: 2 }),
        row({ scenario: 'merge-gate', graphql: 3, restRead: 1, writes: 1, points: 4 }),
      ]),
    );
    expect(table).toContain('| Merge gate at 10,000 open issues (a pull request closing one issue, with the saved state) | ≤ 5 requests, ≤ 5 GraphQL points | 5 requests, 4 points | met |');
    expect(table).toContain('| Issue event, nothing changed, 10,000 open issues | ≤ 5 requests, ≤ 5 GraphQL points | 4 requests, 4 points | met |');
    expect(verdict(table, 'Issue event, one new finding')).toBe('met');
    // 103 requests is within ceil(10000/100) + 4, but without points the row cannot be judged.
    expect(table).toContain('| Audit, 10,000 open issues | ≤ 104 requests, ≤ 208 points | 103 requests, points not reported | not judged: a figure is missing |');
    expect(verdict(table, 'Audit steady state, 10,000')).toBe('met');
    expect(verdict(table, 'Peak memory')).toBe('**not met**');
    expect(verdict(table, 'Engine over 10,000')).toBe('met');
    expect(verdict(table, 'Cold start')).toBe('met');
    expect(table).toContain('| 1.30 MB | met |');
    // Every run follows, with "n/a" for what a scenario cannot have.
    expect(table).toMatch(/\| 10,000 \| engine only \(evaluate\) \| n\/a \| n\/a \| n\/a \| n\/a \| 240 ms \|/);
  });

  it('fails a target on requests alone, and says what was not measured', () => {
    const table = costTable(results([row({ scenario: 'issue-unchanged', graphql: 101, restRead: 1 })], 2_400_000));
    expect(verdict(table, 'Issue event, nothing changed')).toBe('**not met**');
    expect(table).toContain('| Issue event, one new finding, 10,000 open issues | ≤ 5 reads + ≤ 2 writes | not measured | not judged: a figure is missing |');
    expect(verdict(table, 'Merge gate at 10,000')).toBe('not judged: a figure is missing');
    expect(table).toContain('| 2.40 MB | **not met** |');
  });

  it('holds the execution report to ceil(N/100) + 4 and a request per 50 issues of each milestone read', () => {
    const audit = row({ scenario: 'audit-steady', graphql: 102, restRead: 1, points: 204 });
    // 5 finished milestones of 60 issues (2 requests each) and the open one after them (1): 104 + 11.
    const within = costTable(results([audit, row({ scenario: 'audit-execution', graphql: 114, restRead: 1, points: 215 })]));
    expect(within).toContain('| Audit with the execution report, 10,000 open issues, 5 finished milestones of 60 issues | ≤ 115 requests | 115 requests, 215 points | met |');
    const over = costTable(results([audit, row({ scenario: 'audit-execution', graphql: 115, restRead: 1 })]));
    expect(verdict(over, 'Audit with the execution report')).toBe('**not met**');
  });

  it('names the memory targets missed, which fail the benchmark, and no others', () => {
    const slow = row({ scenario: 'audit-steady', wallMs: 90_000, peakRssMb: 240 });
    expect(missedMemoryTargets(results([slow]))).toEqual([]);
    expect(missedMemoryTargets(results([slow, row({ scenario: 'audit-first', peakRssMb: 325 })]))).toEqual([
      'Peak memory of any run: 325 MB (audit, first run (max-writes 50), 10,000 open issues), target < 250 MB',
    ]);
  });

  it('holds the policy preview to 5 reads and the engine to 1 s over a board of 50,000 items, and says when either was not measured', () => {
    const measured = costTable(
      results([
        row({ scenario: 'policy-preview', graphql: 2, restRead: 2, writes: 2, points: 2 }),
        row({ scenario: 'engine', issues: 50_000, wallMs: 1_200, graphql: null, restRead: null, writes: null }),
      ]),
    );
    expect(measured).toContain('| Policy preview at 10,000 open issues (a pull request loosening a budget, with the saved state) | ≤ 5 reads + its status and comment | 4 reads + 2 writes, 2 points | met |');
    expect(verdict(measured, 'Engine over 50,000')).toBe('**not met**');
    const older = costTable(results([row({ scenario: 'audit-steady' })]));
    expect(verdict(older, 'Policy preview')).toBe('not judged: a figure is missing');
    expect(verdict(older, 'Engine over 50,000')).toBe('not judged: a figure is missing');
  });

  it("holds an organization's board of 50,000 items to a page per 100 items, 2 points a page and 700 MB, apart from the other runs' memory", () => {
    const table = costTable(
      results([
        row({ scenario: 'audit-steady', peakRssMb: 200 }),
        row({ scenario: 'board-audit', issues: 50_000, graphql: 501, restRead: 1, points: 1_002, wallMs: 70_000, peakRssMb: 650 }),
      ]),
    );
    expect(table).toContain("| Audit of an organization's board, 50,000 items across 50 repositories | ≤ 505 requests, ≤ 2 points a page | 502 requests, 1002 points | met |");
    expect(verdict(table, "Audit of an organization's board, 50,000 items across 50 repositories: memory")).toBe('met');
    expect(verdict(table, "Audit of an organization's board, 50,000 items across 50 repositories: wall")).toBe('met');
    expect(verdict(table, 'Peak memory of any run')).toBe('met');
    expect(verdict(table, "Issue event with an organization's board of 50,000 items")).toBe('not judged: a figure is missing');
    expect(table).toContain("| Issue event with an organization's board of 50,000 items (the board the audit saved, the event's issue read fresh) | ≤ 5 requests, ≤ 5 points | not measured |");
    const event = (graphql: number, points: number) => costTable(results([row({ scenario: 'board-issue-event', issues: 50_000, graphql, restRead: 1, writes: 0, points, peakRssMb: 300 })]));
    expect(event(3, 3)).toContain("| Issue event with an organization's board of 50,000 items (the board the audit saved, the event's issue read fresh) | ≤ 5 requests, ≤ 5 points | 4 requests, 3 points | met |");
    expect(verdict(event(3, 6), "Issue event with an organization's board")).toBe('**not met**');
    expect(verdict(event(500, 500), "Issue event with an organization's board")).toBe('**not met**');
    expect(verdict(event(3, 3), "Issue event with an organization's board of 50,000 items (the board the audit saved, the event's issue read fresh): memory")).toBe('met');
    const heavy = results([row({ scenario: 'board-audit', issues: 50_000, graphql: 501, points: 1_500, peakRssMb: 720 })]);
    expect(verdict(costTable(heavy), "Audit of an organization's board")).toBe('**not met**');
    expect(missedMemoryTargets(heavy)).toEqual(["Audit of an organization's board, 50,000 items across 50 repositories: memory: 720 MB, target < 700 MB"]);
  });
});
