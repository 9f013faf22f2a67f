import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CycleExecution, ExecutionReport, Tally } from '../../src/core/execution.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { executionParts } from '../../src/report/execution.js';
import { foldedSection } from '../../src/report/section.js';
import { EXECUTION_MILESTONES, EXECUTION_NOW, EXPECTED, executionItems, executionSnapshot } from '../execution-fixture.js';
import { examplePolicy } from '../fixtures.js';
import { runCli } from './helpers.js';

const POLICY = 'examples/roadmap-policy.yml';

function snapshotFile(snapshot: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-guard-execution-'));
  writeFileSync(join(dir, 'snapshot.json'), JSON.stringify(snapshot, null, 2));
  return join(dir, 'snapshot.json');
}

const pair = (tally: Tally) => [tally.items, tally.points];

describe('roadmap-guard simulate on a snapshot with milestones', () => {
  it('gives the hand count of every cycle', async () => {
    const { stdout, stderr } = await runCli(['simulate', '--policy', POLICY, '--snapshot', snapshotFile(executionSnapshot()), '--format', 'json']);
    expect(stderr).toBe('');
    const { execution } = JSON.parse(stdout) as { execution: ExecutionReport };
    const figures = Object.fromEntries(
      execution.cycles.map((cycle: CycleExecution) => [
        cycle.title,
        {
          committed: pair(cycle.committed), added: pair(cycle.added), addedCustomer: pair(cycle.addedCustomer), onTime: pair(cycle.onTime), late: pair(cycle.late),
          carriedOver: pair(cycle.carriedOver), dropped: pair(cycle.dropped), committedOnTime: pair(cycle.committedOnTime),
          sayDo: cycle.sayDo, customerAddedShare: cycle.customerAddedShare, bets: cycle.bets,
        },
      ]),
    );
    expect(figures).toEqual(EXPECTED);
  });

  it('prints the same section as an audit of the same repository', async () => {
    const { stdout } = await runCli(['simulate', '--policy', POLICY, '--snapshot', snapshotFile(executionSnapshot()), '--format', 'markdown']);
    const audit = buildReportInput({
      mode: 'audit', policy: examplePolicy(), items: [], now: EXECUTION_NOW, policySources: [], sourceName: 'acme/app',
      execution: { milestones: EXECUTION_MILESTONES, items: executionItems() },
    });
    expect(stdout).toContain(foldedSection(executionParts(audit.execution, 'points')!));
  });

  it('places a wrong timeline event at its line', async () => {
    const snapshot = executionSnapshot();
    const broken = { ...snapshot, items: snapshot.items.map((item, index) => (index === 1 ? { ...item, timeline: [{ at: '2026-07-01T09:00:00Z', event: 'milestoned' }] } : item)) };
    const { code, stderr } = await runCli(['simulate', '--policy', POLICY, '--snapshot', snapshotFile(broken)]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/items\[1\]\.timeline\[0\].*milestoned and demilestoned events name their milestone/);
  });
});
