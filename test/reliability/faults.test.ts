/**
 * Faults: GitHub failing in every way we know of, on reads and on writes,
 * once and repeatedly. After each, GitHub is well again and the next runs
 * must converge on what fault-free runs leave: nothing lost, nothing doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureRule, FakeGitHub } from '../fake-github/index.js';
import { audit, countRun, duplicatesIn, figures, issueOpened, repositoryState, reportFigures, runTogether, secretsEchoed, startRoadmap } from './harness.js';

const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const COMMENTS = /^\/repos\/acme\/reliable\/issues\/\d+\/comments$/;
const LABELS = /^\/repos\/acme\/reliable\/issues\/\d+\/labels$/;

/** Each scenario: the faults GitHub shows during one audit and one issue event. */
const SCENARIOS: { name: string; faults?: FailureRule[]; exhaust?: boolean }[] = [
  { name: '502 once on a read', faults: [{ method: 'POST', path: '/graphql', status: 502, message: 'Bad Gateway', times: 1 }] },
  { name: '500 on every read', faults: [{ method: 'POST', path: '/graphql', status: 500 }] },
  { name: '503 once on a comment', faults: [{ method: 'POST', path: COMMENTS, status: 503, message: 'Service Unavailable', times: 1 }] },
  { name: '502 on every comment', faults: [{ method: 'POST', path: COMMENTS, status: 502, message: 'Bad Gateway' }] },
  { name: 'a comment that landed but answered 502', faults: [{ method: 'POST', path: COMMENTS, status: 502, landed: true, times: 2 }] },
  { name: 'a dashboard that landed but answered 502', faults: [{ method: 'POST', path: '/repos/acme/reliable/issues', status: 502, landed: true, times: 1 }] },
  { name: 'a dropped connection on a read', faults: [{ method: 'POST', path: '/graphql', status: 0, drop: true, times: 2 }] },
  { name: 'a label write that landed, then the connection dropped', faults: [{ method: 'POST', path: LABELS, status: 0, drop: true, landed: true, times: 2 }] },
  { name: 'a secondary limit with retry-after', faults: [{ method: 'POST', path: COMMENTS, status: 403, message: SECONDARY, headers: { 'retry-after': '3' }, times: 1 }] },
  { name: 'a secondary limit (429) without retry-after', faults: [{ method: 'POST', path: COMMENTS, status: 429, message: SECONDARY }] },
  { name: 'an exhausted primary limit', exhaust: true },
  {
    name: 'GraphQL errors with partial data',
    faults: [{ method: 'POST', path: '/graphql', status: 200, times: 1, body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: 'Could not resolve to a Repository.' }] } }],
  },
];

const tally = figures('faults');
let reference: ReturnType<typeof repositoryState>;

/** An audit, then the issue event: what every scenario runs, with and without faults. */
async function auditAndEvent(fake: FakeGitHub) {
  const first = await runTogether(fake, [audit(fake)]);
  const second = await runTogether(fake, [issueOpened(fake)]);
  return [first, second];
}

beforeAll(async () => {
  const fake = await startRoadmap();
  try {
    await auditAndEvent(fake);
    reference = repositoryState(fake);
  } finally {
    await fake.stop();
  }
  // The reference itself: one comment on each non-compliant deal, one dashboard.
  expect(reference.openDashboards).toBe(1);
  expect(Object.values(reference.issues).filter((issue) => issue.botComments === 1)).toHaveLength(2);
});

afterAll(() => reportFigures(tally));

describe('after a fault, the next runs converge', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const fake = await startRoadmap();
      try {
        for (const fault of scenario.faults ?? []) fake.failOn(fault);
        if (scenario.exhaust) fake.setRateLimit('core', { remaining: 0 });
        if (scenario.exhaust) fake.setRateLimit('graphql', { remaining: 0 });
        tally.faultsInjected += 1;
        const faulty = await auditAndEvent(fake);
        fake.clearFailures();
        if (scenario.exhaust) {
          fake.setRateLimit('core', { remaining: 5000 });
          fake.setRateLimit('graphql', { remaining: 5000 });
        }
        const recovery = await auditAndEvent(fake);
        for (const record of [...faulty, ...recovery]) {
          countRun(tally, record, fake);
          expect(record.crashed).toBe(false);
          expect(Object.keys(record.outputs)).toContain('compliant');
          expect(secretsEchoed(record, fake)).toEqual([]);
        }
        const state = repositoryState(fake);
        const lost = Object.entries(reference.issues).filter(([number, want]) => JSON.stringify(state.issues[Number(number)]) !== JSON.stringify(want));
        tally.writesLost += lost.length + Math.max(0, reference.openDashboards - state.openDashboards);
        tally.duplicateComments += duplicatesIn(fake);
        expect(state).toEqual(reference);
        expect(duplicatesIn(fake)).toBe(0);
      } finally {
        await fake.stop();
      }
    });
  }
});
