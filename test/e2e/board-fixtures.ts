/**
 * A Projects v2 board seeded into the fake GitHub, shaped like a team's
 * roadmap board: an estimate (number), a work type (single select), a
 * customer (text), a review date (date) and sprints (iteration); items from
 * the workflow's repository and from another one, a draft issue, an item
 * whose issue was deleted, and more than 100 items so reads page.
 */
import { FakeGitHub } from '../fake-github/index.js';
import { DEFAULT_PROJECT_FIELDS, fakeProjectItem, projectKey, type FakeFieldValue, type FakeProject, type FakeProjectItem } from '../fake-github/projects.js';
import { POLICY_PATH } from './fixtures.js';

export const BOARD_TOKEN = 'board-token';
export const BOARD_READER = 'roadmap-app[bot]';
export const NOW = new Date('2026-11-21T12:00:00Z');
const CURRENT_SPRINT: FakeFieldValue = { type: 'iteration', title: 'Sprint 12', startDate: '2026-11-16', duration: 14 };
const LAST_SPRINT: FakeFieldValue = { type: 'iteration', title: 'Sprint 11', startDate: '2026-11-02', duration: 14 };

export const BOARD_POLICY = `version: 1
work:
  include: iteration
  exclude-labels: [bug]
  project: { owner: acme, number: 7, iteration-field: Sprint }
  size: { field: Estimate, default: 3 }
categories:
  deal:
    match: { fields: { "Work type": "Customer commitment" } }
    budget: { max-share: 10% }
  strategic:
    match: { fields: { "Work type": "Roadmap" } }
customer: { field: Customer }
bets: { review-field: Review by }
enforcement:
  fail-on: [over-budget]
  comment: true
  labels: { over-budget: "roadmap: over budget" }
`;

const estimate = (points: number): FakeFieldValue => ({ type: 'number', number: points });
const select = (name: string): FakeFieldValue => ({ type: 'single-select', name });

/**
 * acme/widgets #1–#100: roadmap work, 2 points each, this sprint (200).
 * acme/widgets #101–#112: deals of last sprint, 50 points each (out of scope).
 * acme/widgets #113: a deal this sprint for Initech, 3 points, review date passed.
 * acme/api #1–#5: deals this sprint for Globex, 6 points each (30).
 * A draft issue: roadmap work (or `draftWorkType`), 5 points. An item whose issue was deleted.
 * Deal work: 33 of 238 points (13.9%), over its 10% cap.
 */
export async function startBoardFake(options: { policy?: string; items?: number; elsewhere?: number; clock?: () => string; draftWorkType?: string } = {}): Promise<FakeGitHub> {
  const fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'widgets' }, clock: options.clock ?? (() => '2026-11-21T10:00:00Z') });
  fake.addToken(BOARD_TOKEN, BOARD_READER);
  fake.seed({ files: { [POLICY_PATH]: options.policy ?? BOARD_POLICY } });
  const api = fake.addRepository({ owner: 'acme', name: 'api' });
  const items: FakeProjectItem[] = [];
  const issue = (repo: string, number: number) => ({ kind: 'issue' as const, owner: 'acme', repo, number });
  const roadmapCount = options.items ?? 100;
  for (let number = 1; number <= roadmapCount; number += 1) {
    fake.addIssue({ number, title: `Roadmap item ${number}`, createdAt: '2026-11-16T09:00:00Z', updatedAt: '2026-11-20T09:00:00Z' });
    items.push(fakeProjectItem(issue('widgets', number), { Estimate: estimate(2), 'Work type': select('Roadmap'), Sprint: CURRENT_SPRINT }));
  }
  for (let number = roadmapCount + 1; number <= roadmapCount + 12; number += 1) {
    fake.addIssue({ number, title: `Last sprint's deal ${number}`, state: 'closed', updatedAt: '2026-11-14T09:00:00Z' });
    items.push(fakeProjectItem(issue('widgets', number), { Estimate: estimate(50), 'Work type': select('Customer commitment'), Sprint: LAST_SPRINT }));
  }
  const deal = fake.addIssue({ number: roadmapCount + 13, title: 'Deal: SSO for Initech', createdAt: '2026-11-16T09:00:00Z', updatedAt: '2026-11-20T09:00:00Z' });
  items.push(
    fakeProjectItem(issue('widgets', deal.number), {
      Estimate: estimate(3),
      'Work type': select('Customer commitment'),
      Customer: { type: 'text', text: 'Initech' },
      'Review by': { type: 'date', date: '2026-11-01' },
      Sprint: CURRENT_SPRINT,
    }),
  );
  for (let number = 1; number <= (options.elsewhere ?? 5); number += 1) {
    fake.store.putIssue(api, { number, title: `API deal ${number}`, createdAt: '2026-11-16T09:00:00Z' });
    items.push(
      fakeProjectItem(issue('api', number), { Estimate: estimate(6), 'Work type': select('Customer commitment'), Customer: { type: 'text', text: 'Globex' }, Sprint: CURRENT_SPRINT }),
    );
  }
  items.push(fakeProjectItem({ kind: 'draft', title: 'Spike: SSO protocols', body: '', createdAt: '2026-11-17T09:00:00Z' }, { Estimate: estimate(5), 'Work type': select(options.draftWorkType ?? 'Roadmap'), Sprint: CURRENT_SPRINT }));
  items.push(fakeProjectItem({ kind: 'redacted' }, { Estimate: estimate(40), 'Work type': select('Customer commitment'), Sprint: CURRENT_SPRINT }));
  const project: FakeProject = {
    owner: 'acme',
    ownerType: 'Organization',
    number: 7,
    title: 'Roadmap',
    fields: [
      ...DEFAULT_PROJECT_FIELDS,
      { name: 'Estimate', dataType: 'NUMBER' },
      { name: 'Work type', dataType: 'SINGLE_SELECT' },
      { name: 'Customer', dataType: 'TEXT' },
      { name: 'Review by', dataType: 'DATE' },
      { name: 'Sprint', dataType: 'ITERATION' },
    ],
    items,
    readers: [BOARD_READER],
  };
  fake.store.projects.set(projectKey(project.owner, project.number), project);
  return fake;
}
