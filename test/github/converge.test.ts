/** After runs that raced, the next run leaves one bot comment per issue and one dashboard. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { planDashboard, planWrites } from '../../src/plan/planned-writes.js';
import { findBotComment, type CommentNode } from '../../src/github/work-items.js';
import type { BotComment } from '../../src/plan/types.js';
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../../src/memory/markers.js';
import { policy as readPolicy, workItem } from '../fixtures.js';
import { DEAL_POLICY } from './fixtures.js';

const NOW = '2026-03-01T12:00:00Z';
const body = `${COMMENT_MARKER}\nFix #1`;
// Ids above 2^53, as GitHub's comment ids may be: strings, compared digit for digit.
const BIG = '9007199254740993';
const node = (id: number, overrides: Partial<CommentNode> = {}): CommentNode => ({ fullDatabaseId: `${BIG}${id}`, viewerDidAuthor: true, body, ...overrides });
const big = (id: number) => `${BIG}${id}`;

describe('the bot comment among several', () => {
  it('is the oldest; later copies of the bot are extras, a pasted marker and a repeated read are not', () => {
    const window = [node(10), node(11, { viewerDidAuthor: false }), node(12), node(13, { body: 'thanks' }), node(12), node(14)];
    expect(findBotComment(window)).toEqual({ id: big(10), body, extras: [{ id: big(12), body }, { id: big(14), body }] });
    expect(findBotComment([node(10), node(10)])).toEqual({ id: big(10), body });
  });
});

function planFor(comment: BotComment | null, rendered: string) {
  const policy = readPolicy(DEAL_POLICY);
  const items = [workItem({ number: 1, labels: ['deal', 'roadmap:needs-work'] })];
  return planWrites({
    evaluation: evaluate(policy, items, NOW),
    items,
    existingComments: new Map([[1, comment]]),
    existingLabels: new Set(['roadmap:needs-work', 'roadmap:over-budget']),
    policy,
    mode: 'issue',
    focusItem: 1,
    renderedComments: () => `${rendered}\n\n_Checked on ${NOW.slice(0, 10)}._`,
  });
}

describe('planning after a race', () => {
  it('deletes the extra copies and keeps the oldest, whatever else changes', () => {
    const raced = { id: big(10), body: `${body}\n\n_Checked on ${NOW.slice(0, 10)}._`, extras: [{ id: big(12), body }, { id: big(14), body }] };
    const commentWrites = (writes: ReturnType<typeof planFor>) => writes.filter((w) => w.kind.endsWith('comment')).map((w) => [w.kind, 'commentId' in w ? w.commentId : w.issue]);
    expect(commentWrites(planFor(raced, body))).toEqual([
      ['delete-comment', big(12)],
      ['delete-comment', big(14)],
    ]);
    // Findings changed at the same time: the oldest is the one edited, and the extras go after it.
    expect(commentWrites(planFor(raced, `${body}\nand the budget`))).toEqual([
      ['update-comment', big(10)],
      ['delete-comment', big(12)],
      ['delete-comment', big(14)],
    ]);
  });

  it('closes newer dashboard issues as duplicates pointing at the oldest', () => {
    const writes = planDashboard({ title: 'Roadmap health', body: `${DASHBOARD_MARKER}\nNew`, existing: { number: 40, body: `${DASHBOARD_MARKER}\nOld` }, extras: [41] });
    expect(writes).toEqual([
      { kind: 'close-duplicate-dashboard', issue: 41, body: expect.stringContaining('The dashboard is #40.'), description: 'close #41, a duplicate of the dashboard issue #40' },
      expect.objectContaining({ kind: 'update-issue', issue: 40 }),
    ]);
  });
});
