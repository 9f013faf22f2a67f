import { describe, expect, it } from 'vitest';
import { roadmapExecution, type CycleExecution, type Tally } from '../../src/core/execution.js';
import type { Milestone, TimelineEvent } from '../../src/core/types.js';
import { EXECUTION_MILESTONES, EXECUTION_NOW, EXPECTED, executionItems } from '../execution-fixture.js';
import { examplePolicy, workItem } from './fixtures.js';

const run = (overrides: { milestones?: Milestone[]; policy?: ReturnType<typeof examplePolicy>; now?: string } = {}) =>
  roadmapExecution({
    policy: overrides.policy ?? examplePolicy(),
    milestones: overrides.milestones ?? EXECUTION_MILESTONES,
    items: executionItems(),
    now: overrides.now ?? EXECUTION_NOW,
    customerCategories: ['deal'],
  });

const pair = (tally: Tally) => [tally.items, tally.points];

/** The figures of a cycle in the fixture's hand-count shape. */
function figures(cycle: CycleExecution) {
  return {
    committed: pair(cycle.committed),
    added: pair(cycle.added),
    addedCustomer: pair(cycle.addedCustomer),
    onTime: pair(cycle.onTime),
    late: pair(cycle.late),
    carriedOver: pair(cycle.carriedOver),
    dropped: pair(cycle.dropped),
    committedOnTime: pair(cycle.committedOnTime),
    sayDo: cycle.sayDo,
    customerAddedShare: cycle.customerAddedShare,
    bets: cycle.bets,
  };
}

describe('roadmap execution', () => {
  it('gives the hand count for each finished cycle of the fixture', () => {
    const report = run()!;
    expect(report.cycles.map((cycle) => cycle.title)).toEqual(['Sprint 1', 'Sprint 2', 'Sprint 3']);
    for (const cycle of report.cycles) expect(figures(cycle), cycle.title).toEqual(EXPECTED[cycle.title as keyof typeof EXPECTED]);
  });

  it('starts a cycle where the milestone due before it ends, and the first one at its first assignment', () => {
    const [first, second] = run()!.cycles;
    expect(first).toMatchObject({ start: '2026-07-01T09:00:00.000Z', startFrom: 'first-item', end: '2026-08-01T00:00:00.000Z' });
    expect(second).toMatchObject({ start: '2026-08-01T00:00:00.000Z', startFrom: 'previous-milestone', end: '2026-09-01T00:00:00.000Z' });
  });

  it('says how each item left its cycle', () => {
    const sprint3 = run()!.cycles[2]!;
    const results = Object.fromEntries(sprint3.items.map((item) => [item.number, `${item.committed ? 'committed' : 'added'} ${item.result}`]));
    // #12 is a bug (excluded work); #15 was closed before the sprint started.
    expect(results).toEqual({ 9: 'committed on-time', 10: 'committed on-time', 11: 'committed late', 13: 'committed dropped', 14: 'added carried-over' });
  });

  it('leaves out cycles still open, due outside the window, or without a due date', () => {
    const milestones: Milestone[] = [
      ...EXECUTION_MILESTONES,
      { title: 'Someday', state: 'closed', dueOn: null, closedAt: '2026-09-01T00:00:00Z', createdAt: '2026-01-01T00:00:00Z' },
    ];
    // Three months from 20 November reach back to 1 September (Sprint 3 is due on the 30th); two reach 1 October.
    const policy = examplePolicy({ execution: { months: 3 } });
    expect(run({ milestones, policy })!.cycles.map((cycle) => cycle.title)).toEqual(['Sprint 3']);
    expect(run({ milestones, policy: examplePolicy({ execution: { months: 2 } }) })!.cycles).toEqual([]);
  });

  it('is off when the policy turns it off', () => {
    expect(run({ policy: examplePolicy({ execution: { cycles: 'off' } }) })).toBeUndefined();
  });

  it('drops work taken out of every milestone, and carries over work moved to another one', () => {
    const timeline = (last: TimelineEvent[]) => [{ at: '2026-08-10T10:00:00Z', event: 'milestoned' as const, milestone: 'Sprint 2' }, ...last];
    const report = roadmapExecution({
      policy: examplePolicy(),
      milestones: EXECUTION_MILESTONES,
      items: [
        workItem({ number: 1, labels: ['size/S'], timeline: timeline([{ at: '2026-08-20T10:00:00Z', event: 'demilestoned', milestone: 'Sprint 2' }]) }),
        workItem({ number: 2, labels: ['size/S'], timeline: timeline([{ at: '2026-09-03T10:00:00Z', event: 'demilestoned', milestone: 'Sprint 2' }]) }),
        workItem({ number: 3, labels: ['size/S'], timeline: timeline([{ at: '2026-08-20T10:00:00Z', event: 'milestoned', milestone: 'Sprint 4' }]) }),
      ],
      now: EXECUTION_NOW,
      customerCategories: ['deal'],
    })!;
    const sprint2 = report.cycles.find((cycle) => cycle.title === 'Sprint 2')!;
    expect(sprint2.items.map((item) => [item.number, item.result])).toEqual([
      [1, 'dropped'],
      [2, 'dropped'],
      [3, 'carried-over'],
    ]);
  });

  it('counts an item without a timeline by its current milestone and state', () => {
    const report = roadmapExecution({
      policy: examplePolicy(),
      milestones: EXECUTION_MILESTONES,
      items: [
        workItem({ number: 1, labels: ['size/M'], milestone: 'Sprint 2', createdAt: '2026-07-20T00:00:00Z', state: 'closed', closedAt: '2026-08-10T00:00:00Z', closedAs: 'completed' }),
        workItem({ number: 2, labels: ['size/S'], milestone: 'Sprint 2', createdAt: '2026-08-03T00:00:00Z', state: 'open' }),
      ],
      now: EXECUTION_NOW,
      customerCategories: ['deal'],
    })!;
    const sprint2 = report.cycles.find((cycle) => cycle.title === 'Sprint 2')!;
    expect(sprint2.items.map((item) => [item.number, item.committed, item.result])).toEqual([
      [1, true, 'on-time'],
      [2, false, 'carried-over'],
    ]);
  });
});
