/**
 * Faults: GitHub failing in every way we know of, on reads and on writes,
 * once and repeatedly. After each, GitHub is well again and the next runs
 * must converge on what fault-free runs leave: nothing lost, nothing doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailureRule, FakeGitHub } from '../fake-github/index.js';
import { audit, countRun, duplicatesIn, figures, issueOpened, repositoryState, reportFigures, runEvents, secretsEchoed, startRoadmap } from './harness.js';

const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const COMMENTS = /^\/repos\/acme\/reliable\/issues\/\d+\/comments$/;
const LABELS = /^\/repos\/acme\/reliable\/issues\/\d+\/labels$/;

/** GraphQL pages after the first: their `after` cursor is set. */
const LATER_PAGE = /"after":"/;
/** Issues per page in the pagination scenarios: the 31 issues span four pages. */
const SMALL_PAGES = 10;
/** A compliant issue on the first page, deleted while a run reads the second. */
const DELETED = 2;

interface Scenario {
  name: string;
  faults?: FailureRule[] | ((fake: FakeGitHub) => FailureRule[]);
  exhaust?: boolean;
  /** Issues per page of the `issues` connection, during the faults and after. */
  pageSize?: number;
  /** An issue the faults delete: gone from what the runs must converge on. */
  deletes?: number;
  /** What the log of a faulty run must say when it fails; at least one must fail. */
  failureSays?: RegExp;
  /** What the log of some faulty run must warn about. */
  warningSays?: RegExp;
}

/** Each scenario: the faults GitHub shows during one audit and one issue event. */
const SCENARIOS: Scenario[] = [
  { name: 'a read that hangs, twice', faults: [{ method: 'POST', path: '/graphql', status: 0, hang: true, times: 2 }] },
  { name: 'every read hangs', faults: [{ method: 'POST', path: '/graphql', status: 0, hang: true }], failureSays: /timed out \(no answer within 0\.2s\)/ },
  { name: 'a comment write that hangs once', faults: [{ method: 'POST', path: COMMENTS, status: 0, hang: true, times: 1 }] },
  { name: 'a comment that landed, then the answer hung', faults: [{ method: 'POST', path: COMMENTS, status: 0, hang: true, landed: true, times: 2 }] },
  {
    name: 'pagination that ends early: the next page errors',
    pageSize: SMALL_PAGES,
    faults: [{ method: 'POST', path: '/graphql', bodyMatches: LATER_PAGE, status: 502, message: 'Bad Gateway' }],
    failureSays: /POST \/graphql got no answer from GitHub|GitHub answered 502/,
  },
  {
    name: 'pagination that ends early: the next page is empty',
    pageSize: SMALL_PAGES,
    faults: [
      {
        method: 'POST',
        path: '/graphql',
        bodyMatches: LATER_PAGE,
        status: 200,
        times: 2,
        body: { data: { repository: { issues: { totalCount: 31, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } },
      },
    ],
    warningSays: /pages of open issues ended after 10 of the 31 it counted/,
  },
  {
    name: 'an issue deleted between pages',
    pageSize: SMALL_PAGES,
    deletes: DELETED,
    faults: (fake) => [
      {
        method: 'POST',
        path: '/graphql',
        bodyMatches: LATER_PAGE,
        status: 200,
        pass: true,
        times: 1,
        effect: () => fake.repository.issues.splice(fake.repository.issues.findIndex((issue) => issue.number === DELETED), 1),
      },
    ],
    warningSays: /pages of open issues ended after \d+ of the \d+ it counted/,
  },
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
  const first = await runEvents(fake, [audit(fake)]);
  const second = await runEvents(fake, [issueOpened(fake)]);
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

/** What fault-free runs leave, less an issue the scenario deleted. */
function expectedAfter(scenario: Scenario): typeof reference {
  if (!scenario.deletes) return reference;
  const deleted = String(scenario.deletes);
  return { ...reference, issues: Object.fromEntries(Object.entries(reference.issues).filter(([number]) => number !== deleted)) };
}

describe('after a fault, the next runs converge', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const fake = await startRoadmap();
      try {
        if (scenario.pageSize) fake.store.issuePageSize = scenario.pageSize;
        const faults = typeof scenario.faults === 'function' ? scenario.faults(fake) : (scenario.faults ?? []);
        for (const fault of faults) fake.failOn(fault);
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
        // The fault happened, and the run said what it was.
        if (scenario.pageSize) expect(fake.requests.some((request) => LATER_PAGE.test(JSON.stringify(request.body)))).toBe(true);
        if (scenario.failureSays) {
          expect(faulty.some((record) => record.exitCode !== 0)).toBe(true);
          for (const record of faulty) if (record.exitCode !== 0) expect(record.stdout).toMatch(scenario.failureSays);
        }
        if (scenario.warningSays) expect(faulty.some((record) => scenario.warningSays!.test(record.stdout))).toBe(true);
        if (scenario.deletes) expect(fake.repository.issues.some((issue) => issue.number === scenario.deletes)).toBe(false);
        const state = repositoryState(fake);
        const expected = expectedAfter(scenario);
        const lost = Object.entries(expected.issues).filter(([number, want]) => JSON.stringify(state.issues[Number(number)]) !== JSON.stringify(want));
        tally.writesLost += lost.length + Math.max(0, expected.openDashboards - state.openDashboards);
        tally.duplicateComments += duplicatesIn(fake);
        expect(state).toEqual(expected);
        expect(duplicatesIn(fake)).toBe(0);
      } finally {
        await fake.stop();
      }
    });
  }
});
