/**
 * Data for end-to-end runs: the example roadmap seeded into the fake GitHub,
 * deal requests as GitHub renders a submitted issue form, and a generated
 * repository of any size. Builders take one partial-override object.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { join } from 'node:path';
import { FakeGitHub, type FakeIssue, type FakeIssueEvent, type FakeMilestone } from '../fake-github/index.js';
import { REPOSITORY_ROOT } from './run-action.js';
import type { Milestone, TimelineEvent, WorkItem } from '../../src/core/types.js';

export const POLICY_PATH = '.github/roadmap-policy.yml';
export const NON_COMPLIANT_LABEL = 'roadmap: needs business case';
export const OVER_BUDGET_LABEL = 'roadmap: over budget';

/** A policy with approvers (a login and a team), at most one open exception, and bets judged 30 days after delivery: for /roadmap commands. */
export const COMMANDS_POLICY = `version: 1
categories:
  deal:
    match: { labels: [deal] }
    budget: { max-share: 50% }
business-case:
  applies-to: [deal]
  fields:
    - heading: Who will buy it?
      min-words: 3
exemptions:
  label: roadmap-exempt
  approvers: [lead-lena, "@acme/product-leads"]
  max-open: 1
bets:
  outcome-due-days: 30
enforcement:
  fail-on: [missing-field, over-budget]
  labels: { non-compliant: "roadmap: needs business case" }
`;

export async function examplePolicy(): Promise<string> {
  return readFile(join(REPOSITORY_ROOT, 'examples', 'roadmap-policy.yml'), 'utf8');
}

/** An item of the example snapshot as stored: a work item that may carry its issue body. */
type SnapshotItem = Pick<WorkItem, 'number' | 'title' | 'state' | 'labels' | 'author' | 'createdAt' | 'updatedAt' | 'closedAt' | 'milestone' | 'timeline'> & {
  body?: string | null;
};

const EVENT_TYPES = { milestoned: 'MilestonedEvent', demilestoned: 'DemilestonedEvent', closed: 'ClosedEvent', reopened: 'ReopenedEvent' } as const;
const STATE_REASONS = { completed: 'completed', 'not-planned': 'not_planned', duplicate: 'duplicate' } as const;

/** A snapshot's timeline event as the fake GitHub keeps it on the issue. */
export function fakeTimelineEvent(event: TimelineEvent, actor = 'pm-paula'): FakeIssueEvent {
  return {
    type: EVENT_TYPES[event.event],
    createdAt: event.at,
    actor,
    ...(event.milestone ? { milestoneTitle: event.milestone } : {}),
    ...(event.closedAs ? { stateReason: STATE_REASONS[event.closedAs] } : {}),
  };
}

/** A snapshot's milestones as the repository's, numbered in order. */
export function fakeMilestones(milestones: readonly Milestone[]): FakeMilestone[] {
  return milestones.map((milestone, index) => ({ number: index + 1, ...milestone }));
}

/** A fake serving the example roadmap (examples/acme-snapshot.json) with the example policy committed. */
export async function startExampleFake(): Promise<FakeGitHub> {
  const snapshot = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'examples', 'acme-snapshot.json'), 'utf8')) as {
    source: { name: string };
    items: SnapshotItem[];
    milestones?: Milestone[];
  };
  const [owner = 'acme', name = 'platform'] = snapshot.source.name.split('/');
  const fake = await FakeGitHub.start({ repository: { owner, name } });
  fake.seed({
    files: { [POLICY_PATH]: await examplePolicy() },
    issues: snapshot.items.map((item) => ({
      number: item.number,
      title: item.title,
      state: item.state,
      labels: item.labels,
      author: item.author ?? 'ghost',
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      closedAt: item.closedAt,
      milestone: item.milestone,
      body: item.body ?? null,
      ...(item.timeline ? { timeline: item.timeline.map((event) => fakeTimelineEvent(event)) } : {}),
    })),
  });
  fake.repository.milestones.push(...fakeMilestones(snapshot.milestones ?? []));
  return fake;
}

/** Answers of the deal request form; null renders as GitHub's `_No response_`. */
export interface DealAnswers {
  Customer: string | null;
  'Work type': string | null;
  Estimate: string | null;
  'Who will buy it?': string | null;
  'How will we market it?': string | null;
  'New customers or expansion?': string | null;
  'Would we build this without this customer?': string | null;
  'Success metric': string | null;
  'Investment cap': string | null;
  'Review by': string | null;
  reviews: { 'GTM review': boolean; 'Technical review': boolean };
}

/** A complete, compliant business case; override what a scenario needs. */
export function dealRequestBody(overrides: Partial<DealAnswers> = {}): string {
  const answers: DealAnswers = {
    Customer: 'Globex',
    'Work type': 'Customer commitment',
    Estimate: '1',
    'Who will buy it?': 'Mid-market retailers with several warehouses',
    'How will we market it?': 'Launch post, docs, and a sales enablement session',
    'New customers or expansion?': 'Both',
    'Would we build this without this customer?': 'Yes',
    'Success metric': 'Five new accounts use it within two quarters',
    'Investment cap': '3 engineer-weeks',
    'Review by': '2027-06-30',
    ...overrides,
    reviews: { 'GTM review': true, 'Technical review': true, ...overrides.reviews },
  };
  const { reviews, ...fields } = answers;
  const sections = Object.entries(fields).map(([heading, answer]) => `### ${heading}\n\n${answer ?? '_No response_'}`);
  const checklist = Object.entries(reviews)
    .map(([text, checked]) => `- [${checked ? 'X' : ' '}] ${text}`)
    .join('\n');
  return [...sections, `### Reviews\n\n${checklist}`].join('\n\n');
}

/** A deal request issue as a product manager files it through the form. */
export function dealRequest(overrides: Partial<FakeIssue> & { answers?: Partial<DealAnswers> } = {}): Partial<FakeIssue> {
  const { answers, ...issue } = overrides;
  return {
    title: 'Deal: bulk export for Globex',
    labels: ['deal', 'customer:globex', 'size/S'],
    author: 'pm-paula',
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    body: dealRequestBody(answers),
    ...issue,
  };
}

/**
 * A healthy repository of `count` issues: mostly strategic roadmap work,
 * some bugs, and deal requests with complete business cases well inside the
 * 10% budget, spread over four customers. Recently updated, so nothing is stale.
 */
export function healthyRoadmap(options: { count: number; nonCompliantDeals?: number }): Partial<FakeIssue>[] {
  const customers = ['globex', 'initech', 'hooli', 'umbrella'];
  const issues: Partial<FakeIssue>[] = [];
  let deals = 0;
  for (let number = 1; number <= options.count; number += 1) {
    const updatedAt = new Date(Date.UTC(2026, 9, 1 + (number % 28))).toISOString().replace('.000', '');
    const base = { number, createdAt: updatedAt, updatedAt, author: 'pm-paula' };
    if (number % 25 === 0) {
      const customer = customers[deals % customers.length] ?? 'globex';
      const broken = deals < (options.nonCompliantDeals ?? 0);
      deals += 1;
      issues.push(
        dealRequest({
          ...base,
          title: `Deal request ${number} for ${customer}`,
          labels: ['deal', `customer:${customer}`, 'size/S'],
          answers: { Customer: customer, ...(broken ? { 'Success metric': null } : {}) },
        }),
      );
    } else if (number % 10 === 0) {
      issues.push({ ...base, title: `Bug ${number}`, labels: ['bug'] });
    } else {
      issues.push({ ...base, title: `Roadmap item ${number}`, labels: ['roadmap', 'size/S'] });
    }
  }
  return issues;
}

/** Stops a scenario's fake GitHub; whatever the scenario did, the action may only have used routes GitHub has. */
export async function stopFake(fake: FakeGitHub | undefined): Promise<void> {
  const unknownRoutes = fake?.unknownRoutes ?? [];
  await fake?.stop();
  expect(unknownRoutes).toEqual([]);
}
