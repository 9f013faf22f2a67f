/**
 * Generated repositories for the benchmark: issues the way a busy tracker
 * holds them, the same for every run (a seeded random sequence). Bodies are
 * issue forms of 0.5–8 KB, every issue has 1–6 labels, and one in ten is deal
 * work spread over 12 customers, measured against examples/roadmap-policy.yml.
 */
import type { FakeIssue, FakeMilestone } from '../test/fake-github/index.js';

export const CUSTOMERS = ['acme', 'globex', 'initech', 'hooli', 'umbrella', 'stark', 'wayne', 'wonka', 'tyrell', 'cyberdyne', 'soylent', 'massive'];

/** Labels that mean nothing to the policy, as every tracker has them. */
const EXTRA_LABELS = ['area/api', 'area/ui', 'area/billing', 'priority/p2', 'team/core', 'needs-design', 'good first issue', 'frontend', 'backend'];

const FILLER_WORDS = 'the export should keep every column and stream large files so that warehouses with many locations can reconcile stock each night without timeouts'.split(' ');

const DAY_MS = 86_400_000;

/** A small seeded generator (mulberry32): the same repository on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** Prose of about `bytes` characters. */
function filler(random: () => number, bytes: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = pick(random, FILLER_WORDS);
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

function formBody(answers: Record<string, string>): string {
  return Object.entries(answers)
    .map(([heading, answer]) => `### ${heading}\n\n${answer || '_No response_'}`)
    .join('\n\n');
}

/** A deal request filed through the form; `broken` ones leave the marketing answer empty, a business-case finding. */
export function dealBody(options: { customer: string; context: string; reviewBy: string; broken?: boolean }): string {
  const body = formBody({
    Customer: options.customer,
    'Work type': 'Customer commitment',
    Estimate: '1',
    'Who will buy it?': 'Mid-market retailers with several warehouses',
    'How will we market it?': options.broken ? '' : 'Launch post, docs, and a sales enablement session',
    'New customers or expansion?': 'Both',
    'Would we build this without this customer?': 'Yes',
    'Success metric': 'Five new accounts use it within two quarters',
    'Investment cap': '3 engineer-weeks',
    'Review by': options.reviewBy,
    Context: options.context,
  });
  return `${body}\n\n### Reviews\n\n- [X] GTM review\n- [X] Technical review`;
}

function featureBody(context: string): string {
  return formBody({ Problem: 'Teams cannot see what changed since their last visit', Proposal: context, 'Work type': 'Roadmap' });
}

interface Kind {
  labels: string[];
  body: (context: string) => string;
}

/** What issue `number` is: deal work (10%), roadmap work, docs, bugs or chores, with a size label. */
function kindOf(number: number, random: () => number, reviewBy: string): Kind {
  const slot = number % 20;
  if (slot === 0 || slot === 10) {
    const deal = Math.floor(number / 10);
    const customer = CUSTOMERS[deal % CUSTOMERS.length]!;
    // One deal request in twenty lacks an answer of its business case.
    const broken = deal % 20 === 1;
    return { labels: ['deal', `customer:${customer}`, 'size/S'], body: (context) => dealBody({ customer, context, reviewBy, broken }) };
  }
  const size = pick(random, ['size/M', 'size/M', 'size/L']);
  if (slot < 13) return { labels: ['roadmap', size], body: featureBody };
  if (slot < 15) return { labels: ['docs', 'size/S'], body: featureBody };
  return { labels: [slot < 18 ? 'bug' : 'chore'], body: (context) => formBody({ 'What happened?': context, 'Steps to reproduce': '1. Export\n2. Wait' }) };
}

/**
 * `count` open issues numbered from 1, touched within the last 60 days of
 * `now` (so nothing is stale) and one in 500 carrying a forbidden label.
 */
export function generatedIssues(count: number, now: Date): Partial<FakeIssue>[] {
  const random = seededRandom(count);
  const reviewBy = new Date(now.getTime() + 365 * DAY_MS).toISOString().slice(0, 10);
  const issues: Partial<FakeIssue>[] = [];
  for (let number = 1; number <= count; number += 1) {
    const kind = kindOf(number, random, reviewBy);
    const extras = Math.floor(random() * Math.max(0, 7 - kind.labels.length));
    const labels = [...kind.labels, ...(number % 500 === 250 ? ['one-off'] : []), ...EXTRA_LABELS.slice(0, extras)].slice(0, 6);
    const updatedAt = new Date(now.getTime() - (1 + Math.floor(random() * 60)) * DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z');
    issues.push({
      number,
      title: `Item ${number}: ${pick(random, FILLER_WORDS)} ${pick(random, FILLER_WORDS)}`,
      labels,
      author: pick(random, ['pm-paula', 'dev-dana', 'sales-sam', 'lead-lena']),
      createdAt: updatedAt,
      updatedAt,
      body: kind.body(filler(random, 400 + Math.floor(random() * 7_200))),
    });
  }
  return issues;
}

/** Finished cycles in the benchmark's repositories: the five months before this one (a six-month window), and the issues of each. */
export const CYCLES: { count: number; itemsEach: number } = { count: 5, itemsEach: 60 };

/**
 * Monthly milestones for the execution report, due on each month's last day:
 * the CYCLES.count months before this one closed, each holding
 * CYCLES.itemsEach closed issues numbered after the open ones (most delivered
 * on time, one in six late), and this month's open.
 */
export function generatedCycles(openIssues: number, now: Date): { milestones: FakeMilestone[]; issues: Partial<FakeIssue>[] } {
  const random = seededRandom(openIssues + 1);
  const milestones: FakeMilestone[] = [];
  const issues: Partial<FakeIssue>[] = [];
  const moment = (time: number) => new Date(time).toISOString().replace(/\.\d+Z$/, 'Z');
  for (let back = CYCLES.count; back >= 0; back -= 1) {
    const due = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 0, 7);
    const title = `Month ${CYCLES.count - back + 1}`;
    const open = back === 0;
    milestones.push({ number: milestones.length + 1, title, state: open ? 'open' : 'closed', dueOn: moment(due), closedAt: open ? null : moment(due + DAY_MS), createdAt: moment(due - 40 * DAY_MS) });
    if (open) continue;
    for (let index = 0; index < CYCLES.itemsEach; index += 1) {
      const assigned = due - (25 + Math.floor(random() * 10)) * DAY_MS;
      const closedAt = moment(due + (index % 6 === 0 ? 3 : -Math.floor(random() * 20)) * DAY_MS);
      issues.push({
        number: openIssues + issues.length + 1,
        title: `Cycle item ${issues.length + 1}`,
        labels: index % 10 === 0 ? ['deal', `customer:${pick(random, CUSTOMERS)}`, 'size/S'] : ['roadmap', 'size/M'],
        state: 'closed',
        stateReason: 'completed',
        milestone: title,
        createdAt: moment(assigned),
        updatedAt: closedAt,
        closedAt,
        timeline: [
          { type: 'MilestonedEvent', createdAt: moment(assigned), actor: 'pm-paula', milestoneTitle: title },
          { type: 'ClosedEvent', createdAt: closedAt, actor: 'dev-dana', stateReason: 'completed' },
        ],
      });
    }
  }
  return { milestones, issues };
}
