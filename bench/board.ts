/**
 * An organization that plans on one Projects v2 board: 50,000 items (a
 * board's most) from 50 repositories of 1,000 generated issues each (one of
 * them an issue of the repository that holds the policy), read by an audit
 * of that repository through `project-token`, which saves the board; then an
 * issue event on that repository's issue, which reads only its place on the
 * board and takes the rest from the saved board.
 */
import { FakeGitHub } from '../test/fake-github/index.js';
import { costOfCall, type GraphqlBody } from '../test/fake-github/graphql.js';
import { DEFAULT_PROJECT_FIELDS, fakeProjectItem, projectKey, type FakeProjectItem } from '../test/fake-github/projects.js';
import { issuesEvent, scheduleEvent } from '../test/e2e/events.js';
import { generatedIssues } from './generate.js';
import { measureBuiltRun } from './measure.js';
import type { ScenarioResult } from './results.js';

export const BOARD = { repositories: 50, itemsEach: 1_000 } as const;
export const BOARD_ITEMS = BOARD.repositories * BOARD.itemsEach;
const BOARD_TOKEN = 'board-token';
const BOARD_READER = 'roadmap-app[bot]';
/** The issue of the policy's repository on the board: a compliant deal request (see generate.ts), in place of the last repository's. */
const OWN_ISSUE = 20;

/** The example policy, planning on the board instead of the repository's issues. */
export function boardPolicy(policy: string): string {
  const withBoard = policy.replace('  # project: { owner: acme, number: 7, iteration-field: Sprint }', '  project: { owner: acme, number: 1 }');
  if (withBoard === policy) throw new Error("The example policy's commented-out board line moved: the board benchmark cannot name its board.");
  return withBoard;
}

/** The board's audit, then an issue event on the saved board. */
export async function measureBoardRuns(options: { policy: string; policyPath: string; now: Date; latencyMs: number }): Promise<ScenarioResult[]> {
  const fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'roadmap-board' }, latencyMs: options.latencyMs });
  try {
    fake.addToken(BOARD_TOKEN, BOARD_READER);
    fake.seed({ files: { [options.policyPath]: boardPolicy(options.policy) } });
    const issues = generatedIssues(BOARD.itemsEach, options.now);
    const items: FakeProjectItem[] = [];
    for (let index = 1; index <= BOARD.repositories; index += 1) {
      const name = `service-${index}`;
      const repository = fake.addRepository({ owner: 'acme', name });
      for (const issue of issues) {
        fake.store.putIssue(repository, { ...issue, labels: [...(issue.labels ?? [])] });
        const own = index === BOARD.repositories && issue.number === OWN_ISSUE;
        if (!own) items.push(fakeProjectItem({ kind: 'issue', owner: 'acme', repo: name, number: issue.number! }));
      }
    }
    const own = issues.find((issue) => issue.number === OWN_ISSUE)!;
    fake.seed({ issues: [{ ...own, labels: [...(own.labels ?? [])] }] });
    items.push(fakeProjectItem({ kind: 'issue', owner: 'acme', repo: 'roadmap-board', number: OWN_ISSUE }));
    // The fields the example policy names, empty on every item: the issues' forms and labels answer instead.
    const fields = [...DEFAULT_PROJECT_FIELDS, { name: 'Estimate', dataType: 'NUMBER' as const }, { name: 'Work type', dataType: 'SINGLE_SELECT' as const }, { name: 'Customer', dataType: 'TEXT' as const }, { name: 'Review by', dataType: 'DATE' as const }];
    fake.store.projects.set(projectKey('acme', 1), { owner: 'acme', ownerType: 'Organization', number: 1, title: 'Roadmap', fields, items, readers: [BOARD_READER] });
    const inputs = { 'project-token': BOARD_TOKEN };
    const audit = withBoardReads(await measureBuiltRun({ issues: BOARD_ITEMS, scenario: 'board-audit', fake, event: scheduleEvent(fake), inputs }), fake);
    const event = issuesEvent(fake, { action: 'labeled', number: OWN_ISSUE, label: 'size/S' });
    return [audit, withBoardReads(await measureBuiltRun({ issues: BOARD_ITEMS, scenario: 'board-issue-event', fake, event, inputs }), fake)];
  } finally {
    await fake.stop();
  }
}

/**
 * The `requests` output counts the workflow token's requests; the board's go
 * through `project-token` (the log's "Board read" line): counted here from
 * what the fake served that token, each page at the points GitHub charges.
 */
function withBoardReads(run: ScenarioResult, fake: FakeGitHub): ScenarioResult {
  const board = fake.requests.filter((request) => request.login === BOARD_READER && request.kind === 'graphql');
  const points = board.reduce((sum, request) => sum + costOfCall(request.body as GraphqlBody | null).cost, 0);
  return { ...run, graphql: (run.graphql ?? 0) + board.length, points: run.points === null ? null : run.points + points };
}
