/**
 * An audit keeps of each body only what the policy reads: the same findings
 * and the same comments as when every form is kept whole, for far less.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import type { WorkItem } from '../../src/core/types.js';
import { policyReads, readIssues, type AuditReadOptions } from '../../src/github/read.js';
import { renderComment } from '../../src/report/comment.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { generatedIssues } from '../../bench/generate.js';
import { DEFAULT_TOKEN, FakeGitHub, type FakeIssue } from '../fake-github/index.js';
import { examplePolicy } from '../fixtures.js';
import { testClient } from './fixtures.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const policy = examplePolicy();
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'roadmap' } });
  fake.seed({ issues: generatedIssues(300, NOW) });
  // Findings that quote or read the kept parts: an answer in the wrong form, a review not ticked, a bet past its date.
  const edit = (number: number, from: string, to: string) => {
    const issue = fake.issue(number) as FakeIssue;
    issue.body = (issue.body ?? '').replace(from, to);
  };
  edit(40, '- [X] GTM review', '- [ ] GTM review');
  const deal60 = fake.issue(60) as FakeIssue;
  deal60.body = (deal60.body ?? '').replace(/### Review by\n\n[\d-]+/, '### Review by\n\nsoon');
  const deal80 = fake.issue(80) as FakeIssue;
  deal80.body = (deal80.body ?? '').replace(/### Review by\n\n[\d-]+/, '### Review by\n\n2026-01-05');
});

afterAll(() => fake.stop());

async function read(options: Partial<AuditReadOptions>): Promise<WorkItem[]> {
  const client = testClient({ apiUrl: fake.url, graphqlUrl: fake.graphqlUrl, token: DEFAULT_TOKEN });
  const open = await readIssues(client, { owner: 'acme', name: 'roadmap' }, { states: ['OPEN'], withBody: true, withComments: true, ...options });
  return open.records.map((record) => record.item);
}

function commentsOf(items: WorkItem[]): Map<number, string> {
  const input = buildReportInput({ mode: 'audit', policy, items, now: NOW, policySources: ['.github/roadmap-policy.yml'], sourceName: 'acme/roadmap' });
  const commented = new Set(input.evaluation.findings.flatMap((finding) => (finding.item ? [finding.item.number] : [])));
  return new Map([...commented].map((number) => [number, renderComment({ ...input, focusItem: number })]));
}

const formBytes = (items: WorkItem[]) => items.reduce((sum, item) => sum + Object.values(item.form).join('').length + item.checklist.length, 0);

describe('an audit keeping only what the policy reads of each body', () => {
  it('finds and comments exactly as with every form kept whole, holding a fraction of the text', async () => {
    const whole = await read({});
    const kept = await read({ reads: policyReads(policy) });
    expect(kept.map((item) => item.number)).toEqual(whole.map((item) => item.number));
    const findings = evaluate(policy, kept, NOW.toISOString()).findings;
    expect(findings).toEqual(evaluate(policy, whole, NOW.toISOString()).findings);
    // The edits above are among them: each kind of finding that reads the kept answers and boxes.
    expect(findings.map((finding) => `${finding.kind} #${finding.item?.number}`)).toEqual(
      expect.arrayContaining(['unchecked-review #40', 'invalid-field #60', 'bet-overdue #80', 'missing-field #10']),
    );
    expect(commentsOf(kept)).toEqual(commentsOf(whole));
    expect(formBytes(kept)).toBeLessThan(formBytes(whole) / 5);
  });

  it('keeps every answer and box the business case, the budgets and the bets read', () => {
    const reads = policyReads(policy);
    expect([...reads.headings]).toEqual(
      expect.arrayContaining(['work type', 'customer', 'estimate', 'who will buy it', 'how will we market it', 'would we build this without this customer', 'success metric', 'review by']),
    );
    expect([...reads.checklist].sort()).toEqual(['gtm review', 'technical review']);
  });
});
