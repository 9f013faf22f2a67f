import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import type { WorkItem } from '../../src/core/types.js';
import { planDashboard, planWrites, sameText } from '../../src/plan/planned-writes.js';
import type { BotComment, PlanInput } from '../../src/plan/types.js';
import { renderResolvedComment } from '../../src/report/comment.js';
import { isResolvedComment } from '../../src/memory/settled.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { policy as readPolicy, workItem } from '../fixtures.js';
import { DEAL_POLICY } from '../github/fixtures.js';

const NOW = '2026-03-01T12:00:00Z';
const ANSWERED = { 'Who will buy it?': 'Retail chains in Europe' };
const NEEDS_WORK = 'roadmap:needs-work';
const OVER_BUDGET = 'roadmap:over-budget';

/** A plan over the given items; every item has no bot comment unless `comments` says otherwise. */
function plan(options: {
  items: WorkItem[];
  sync?: number[];
  comments?: Record<number, BotComment | null | undefined>;
  labelsExist?: string[];
  mode?: 'issue' | 'audit';
  focusItem?: number;
  policy?: Record<string, unknown>;
}) {
  const policy = readPolicy({ ...DEAL_POLICY, ...options.policy });
  const evaluation = evaluate(policy, options.items, NOW);
  const sync = options.items.filter((i) => !options.sync || options.sync.includes(i.number));
  const existingComments = new Map<number, BotComment | null>();
  for (const item of sync) {
    const comment = options.comments && item.number in options.comments ? options.comments[item.number] : null;
    if (comment !== undefined) existingComments.set(item.number, comment);
  }
  const input: PlanInput = {
    evaluation,
    items: sync,
    existingComments,
    existingLabels: new Set(options.labelsExist ?? [NEEDS_WORK, OVER_BUDGET]),
    policy,
    mode: options.mode ?? 'audit',
    ...(options.focusItem ? { focusItem: options.focusItem } : {}),
    renderedComments: (n) => `${COMMENT_MARKER}\nFix #${n}\n\n_Checked on ${NOW.slice(0, 10)}._`,
  };
  return planWrites(input);
}

const summary = (writes: ReturnType<typeof plan>) => writes.map((w) => `${w.kind} ${w.issue ?? ''}`.trim());

const dealMissing = (overrides: Partial<WorkItem> = {}) => workItem({ number: 1, labels: ['deal'], ...overrides });
const other = (number: number) => workItem({ number, labels: [] });

describe('planWrites', () => {
  it('comments on and labels an item with a missing business case, creating the label with a colour', () => {
    const writes = plan({ items: [dealMissing(), other(2), other(3)], labelsExist: [] });
    expect(summary(writes)).toEqual(['create-label', 'create-comment 1', 'add-labels 1']);
    expect(writes[0]).toMatchObject({ name: NEEDS_WORK, color: expect.stringMatching(/^[0-9a-f]{6}$/), labelDescription: expect.any(String) });
    expect(writes[2]).toMatchObject({ labels: [NEEDS_WORK] });
    expect(writes[1]!.description).toBe('comment on #1: missing-field');
  });

  it('plans nothing when the comment and labels are already right, even on a later day', () => {
    const body = `${COMMENT_MARKER}\nFix #1\n\n_Checked on 2026-02-27._`;
    const writes = plan({ items: [dealMissing({ labels: ['deal', NEEDS_WORK] }), other(2), other(3)], comments: { 1: { id: '3500000005', body } } });
    expect(writes).toEqual([]);
  });

  it('neither edits nor posts again when its comment came without a usable id', () => {
    const writes = plan({ items: [dealMissing({ labels: ['deal', NEEDS_WORK] }), other(2), other(3)], comments: { 1: { id: null, body: `${COMMENT_MARKER}\nstale` } } });
    expect(writes.filter((write) => write.kind === 'create-comment' || write.kind === 'update-comment')).toEqual([]);
  });

  it('edits the comment in place when its text changed', () => {
    const writes = plan({ items: [dealMissing({ labels: ['deal', NEEDS_WORK] }), other(2), other(3)], comments: { 1: { id: '3500000005', body: `${COMMENT_MARKER}\nstale` } } });
    expect(writes).toEqual([expect.objectContaining({ kind: 'update-comment', issue: 1, commentId: '3500000005' })]);
  });

  it('turns the comment into the resolved note and removes the label once the item complies', () => {
    const fixed = dealMissing({ form: ANSWERED, labels: ['deal', NEEDS_WORK, 'team:web'] });
    const writes = plan({ items: [fixed, other(2), other(3)], comments: { 1: { id: '3500000005', body: `${COMMENT_MARKER}\nFix #1` } } });
    expect(summary(writes)).toEqual(['update-comment 1', 'remove-label 1']);
    expect(writes[0]).toMatchObject({ commentId: '3500000005', description: 'mark the comment on #1 resolved' });
    expect(isResolvedComment((writes[0] as { body: string }).body)).toBe(true);
    expect(writes[1]).toMatchObject({ label: NEEDS_WORK });
  });

  it('leaves a resolved note alone, whatever day it was written', () => {
    const fixed = dealMissing({ form: ANSWERED });
    const body = renderResolvedComment({ item: fixed, at: '2026-01-02T00:00:00Z' });
    expect(plan({ items: [fixed, other(2), other(3)], comments: { 1: { id: '3500000005', body } } })).toEqual([]);
  });

  it('never comments on an item whose comments it could not fully read', () => {
    expect(summary(plan({ items: [dealMissing(), other(2), other(3)], comments: { 1: undefined } }))).toEqual(['add-labels 1']);
  });

  it('with enforcement.comment false, labels but never comments', () => {
    const writes = plan({
      items: [dealMissing(), other(2), other(3)],
      policy: { enforcement: { comment: false, labels: { 'non-compliant': NEEDS_WORK } } },
    });
    expect(summary(writes)).toEqual(['add-labels 1']);
  });

  it('never removes a label it does not manage, and matches managed labels case-insensitively', () => {
    const fixed = dealMissing({ form: ANSWERED, labels: ['deal', 'Roadmap:Needs-Work', 'needs-work'] });
    const writes = plan({ items: [fixed, other(2), other(3)] });
    expect(writes).toEqual([expect.objectContaining({ kind: 'remove-label', label: 'Roadmap:Needs-Work' })]);
  });

  describe('budget overage', () => {
    // Two of three items are deal work: 67% against a 50% cap.
    const items = [workItem({ number: 1, labels: ['deal'], form: ANSWERED }), workItem({ number: 2, labels: ['deal'], form: ANSWERED }), other(3)];

    it('in an audit, labels every item of the category but comments on none', () => {
      expect(summary(plan({ items }))).toEqual(['add-labels 1', 'add-labels 2']);
    });

    it('in issue mode, comments on the focus item only', () => {
      const writes = plan({ items, sync: [2], mode: 'issue', focusItem: 2 });
      expect(summary(writes)).toEqual(['create-comment 2', 'add-labels 2']);
      expect(writes[0]!.description).toBe('comment on #2: over-budget');
    });

    it('in an audit, keeps an existing budget comment current instead of resolving it', () => {
      const writes = plan({ items, comments: { 2: { id: '3500000008', body: `${COMMENT_MARKER}\nolder budget text` } } });
      expect(summary(writes)).toEqual(['add-labels 1', 'update-comment 2', 'add-labels 2']);
    });

    it('posts no new comment on an exempt item, but keeps an existing one current', () => {
      const exemptPolicy = { exemptions: { label: 'roadmap:exception' }, 'forbidden-labels': ['one-off'] };
      const exemptItem = workItem({ number: 2, labels: ['deal', 'one-off', 'roadmap:exception'] });
      const fresh = plan({ items: [exemptItem, other(3)], policy: exemptPolicy });
      expect(summary(fresh)).toEqual([]);
      const known = plan({ items: [exemptItem, other(3)], policy: exemptPolicy, comments: { 2: { id: '3500000009', body: `${COMMENT_MARKER}\nolder text` } } });
      expect(summary(known)).toEqual(['update-comment 2']);
    });

    it('does not label exempt items over budget', () => {
      const exempt = [...items.slice(0, 1), workItem({ number: 2, labels: ['deal', 'roadmap:exception'], form: ANSWERED }), other(3)];
      const writes = plan({ items: exempt, policy: { exemptions: { label: 'roadmap:exception' } } });
      expect(summary(writes)).toEqual(['add-labels 1']);
    });
  });

  it('resolves the comment of a closed issue and removes its bot labels, but no other labels', () => {
    const closed = dealMissing({ state: 'closed', closedAt: NOW, labels: ['deal', NEEDS_WORK, OVER_BUDGET] });
    const writes = plan({ items: [closed, other(2)], sync: [1], mode: 'issue', focusItem: 1, comments: { 1: { id: '3500000005', body: `${COMMENT_MARKER}\nFix #1` } } });
    expect(summary(writes)).toEqual(['update-comment 1', 'remove-label 1', 'remove-label 1']);
    expect(writes.filter((w) => w.kind === 'remove-label').map((w) => (w as { label: string }).label)).toEqual([NEEDS_WORK, OVER_BUDGET]);
  });
});

describe('planDashboard', () => {
  const body = (at: string) => `<!-- roadmap-guard:dashboard -->\n# Report\n\n_Updated at ${at} UTC by Roadmap Guard._\n`;
  it.each([
    ['creates the issue when there is none', null, ['create-issue']],
    ['leaves it alone when only the update time differs', { number: 4, body: body('2026-02-01 08:00:00') }, []],
    ['replaces the body when the report changed', { number: 4, body: '<!-- roadmap-guard:dashboard -->\n# Old\n' }, ['update-issue']],
  ] as const)('%s', (_name, existing, kinds) => {
    const writes = planDashboard({ title: 'Roadmap health', body: body('2026-03-01 12:00:00'), existing });
    expect(writes.map((w) => w.kind)).toEqual(kinds);
  });
});

describe('sameText', () => {
  it('ignores the stamp on the last line only: its date and the commit the policy link names', () => {
    expect(sameText('a 2026-01-01\nChecked 2026-01-01', 'a 2026-01-01\nChecked 2026-03-01')).toBe(true);
    expect(sameText('a\n_Checked against [policy](https://x/blob/abc123/p.yml) on 2026-01-01._', 'a\n_Checked against [policy](https://x/blob/def456/p.yml) on 2026-01-02._')).toBe(true);
    expect(sameText('review by 2026-01-01\nChecked 2026-01-01', 'review by 2026-02-01\nChecked 2026-01-01')).toBe(false);
  });
});

describe('isResolvedComment', () => {
  it('recognizes the resolved note after the issue was renamed', () => {
    const note = renderResolvedComment({ item: { number: 4, title: 'Old title', url: 'https://github.com/acme/app/issues/4' }, at: '2026-01-01' });
    expect(isResolvedComment(note)).toBe(true);
    expect(isResolvedComment(`${COMMENT_MARKER}\nFill in **Who will buy it?**`)).toBe(false);
  });
});

describe('planWrites when the backlog is archived', () => {
  const ARCHIVING = { backlog: { 'max-age-days': 365, archive: true, 'grace-days': 14 } };
  const warning = (n: number): BotComment => ({ id: String(500 + n), body: `${COMMENT_MARKER}\nWill be archived #${n}\n\n_Checked._` });
  const stale = (number: number, overrides: Partial<WorkItem> = {}) =>
    workItem({ number, labels: [NEEDS_WORK], updatedAt: '2025-01-01T00:00:00Z', archiveWarnedAt: '2026-02-01T12:00:00Z', ...overrides });

  it('writes the archive note, closes the item as not planned and removes its labels, oldest first and before anything else', () => {
    const items = [stale(7, { updatedAt: '2025-02-01T00:00:00Z' }), stale(9, { updatedAt: '2024-06-01T00:00:00Z' }), dealMissing({ number: 1 })];
    const writes = plan({ items, comments: { 7: warning(7), 9: warning(9) }, policy: ARCHIVING });
    expect(summary(writes)).toEqual([
      'update-comment 9', 'close-issue 9', 'remove-label 9',
      'update-comment 7', 'close-issue 7', 'remove-label 7',
      'create-comment 1', 'add-labels 1',
    ]);
    expect(writes[1]).toMatchObject({ stateReason: 'not_planned', description: 'archive #9 (close it as not planned)' });
    expect(writes[0]).toMatchObject({ commentId: '509', body: expect.stringContaining('**Archived:**') });
  });

  it('only warns while the grace period runs', () => {
    const writes = plan({ items: [stale(7, { archiveWarnedAt: '2026-02-25T12:00:00Z' })], comments: { 7: warning(7) }, policy: ARCHIVING });
    expect(writes.map((w) => w.kind)).not.toContain('close-issue');
  });

  it('never archives in issue mode', () => {
    const writes = plan({ items: [stale(7)], comments: { 7: warning(7) }, policy: ARCHIVING, mode: 'issue', focusItem: 7 });
    expect(writes.map((w) => w.kind)).not.toContain('close-issue');
  });

  it('leaves the archive note of an item reopened by hand as it is', () => {
    const note = { id: '507', body: `${COMMENT_MARKER}\n\n**Archived:** #7 was closed as not planned.` };
    const reopened = workItem({ number: 7, updatedAt: '2026-02-28T12:00:00Z' });
    expect(plan({ items: [reopened], comments: { 7: note }, policy: ARCHIVING })).toEqual([]);
  });
});
