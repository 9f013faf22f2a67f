import { describe, expect, it } from 'vitest';
import { personActivityAt, toWorkItem, workItemFromIssue, type CommentNode } from '../../src/github/work-items.js';
import { issueNode } from './fixtures.js';
import type { TimelineEvent } from '../../src/github/timeline.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { readCommentState, stateMarker } from '../../src/memory/state.js';

const bot = (at: string): CommentNode => ({ fullDatabaseId: '3500000001', viewerDidAuthor: true, body: 'ours', createdAt: at, updatedAt: at });
const person = (at: string): CommentNode => ({ fullDatabaseId: '3500000002', viewerDidAuthor: false, body: 'theirs', createdAt: at, updatedAt: at });

describe("a person's last touch", () => {
  const old = issueNode({ createdAt: '2024-01-10T00:00:00Z', lastEditedAt: '2024-06-01T00:00:00Z', updatedAt: '2026-11-20T09:00:03Z' });

  it("looks past the bot's own comment and labels when they are the latest change", () => {
    expect(personActivityAt(old, [person('2025-02-01T00:00:00Z'), bot('2026-11-20T09:00:00Z')])).toBe('2025-02-01T00:00:00.000Z');
    expect(personActivityAt(old, [bot('2026-11-20T09:00:00Z')])).toBe('2024-06-01T00:00:00.000Z');
    expect(personActivityAt({ ...old, lastEditedAt: null }, [bot('2026-11-20T09:00:00Z')])).toBe('2024-01-10T00:00:00.000Z');
  });

  it("never takes updatedAt as a touch once the bot wrote, however long after its comment the change came", () => {
    // A day after the bot's comment something moved updatedAt: the bot's own label write, or a person's. Only the timeline tells.
    const changed = { ...old, updatedAt: '2026-11-21T15:00:00Z' };
    expect(personActivityAt(changed, [bot('2026-11-20T09:00:00Z')])).toBe('2024-06-01T00:00:00.000Z');
    // An issue the bot never wrote on: its updatedAt is all there is.
    expect(personActivityAt(old, [person('2026-11-20T09:00:00Z')])).toBeUndefined();
  });

  it("reads who acted from the timeline: a person's label counts, the product's own label and comment never do", () => {
    const event = (type: TimelineEvent['type'], at: string, byProduct: boolean): TimelineEvent => ({ type, at, byProduct, actor: { login: byProduct ? 'github-actions[bot]' : 'pm-paula', isBot: byProduct } });
    const timeline = (...events: TimelineEvent[]) => ({ events, isProduct: () => false });
    const bots = timeline(event('comment', '2026-11-20T09:00:00Z', true), event('labeled', '2026-11-20T09:30:00Z', true));
    expect(personActivityAt(old, [], bots)).toBe('2024-06-01T00:00:00.000Z');
    // Two minutes after the bot's write: a person's label is a touch all the same.
    const person = timeline(event('comment', '2026-11-20T09:00:00Z', true), event('labeled', '2026-11-20T09:02:00Z', false));
    expect(personActivityAt(old, [], person)).toBe('2026-11-20T09:02:00.000Z');
  });

  it('reaches the work item, with the reason a closed issue was closed', () => {
    const item = toWorkItem({ ...old, state: 'CLOSED', closedAt: '2026-11-20T09:00:00Z', stateReason: 'NOT_PLANNED' }, [bot('2026-11-20T09:00:00Z')]);
    expect(item).toMatchObject({ activityAt: '2024-06-01T00:00:00.000Z', closedAs: 'not-planned' });
    expect(toWorkItem(issueNode())).not.toHaveProperty('activityAt');
  });
});

describe('what the bot recorded in its comment', () => {
  const old = issueNode({ createdAt: '2024-01-10T00:00:00Z', updatedAt: '2026-11-20T09:00:03Z' });
  const ours = (state: string): CommentNode => ({ ...bot('2026-11-20T09:00:00Z'), body: `${COMMENT_MARKER}\n\nStale.\n\n_Checked._ ${state}` });

  it('reads the warning date, and never takes it from a comment someone else wrote', () => {
    const marker = '<!-- roadmap-guard:state touched=2024-01-10T00:00:00Z warned=2026-11-01T12:00:00Z -->';
    expect(toWorkItem(old, [ours(marker)]).archiveWarnedAt).toBe('2026-11-01T12:00:00Z');
    const pasted = { ...ours(marker), viewerDidAuthor: false };
    expect(toWorkItem(old, [pasted])).not.toHaveProperty('archiveWarnedAt');
  });

  it("keeps a person's touch the bot saw before it last wrote, such as a label", () => {
    const item = toWorkItem(old, [ours('<!-- roadmap-guard:state touched=2026-10-05T08:00:00Z -->')]);
    expect(item.activityAt).toBe('2026-10-05T08:00:00.000Z');
  });

  it('takes a reopened archived issue as touched when it was reopened', () => {
    const reopened = { ...old, state: 'OPEN' as const, stateReason: 'REOPENED', updatedAt: '2026-11-20T09:01:00Z' };
    const archived = ours('<!-- roadmap-guard:state touched=2024-01-10T00:00:00Z warned=2026-11-01T12:00:00Z archived=2026-11-20T09:00:00Z -->');
    expect(toWorkItem(reopened, [archived])).not.toHaveProperty('activityAt');
    // Not reopened: the archive is still being carried out, and the bot's own writes do not count.
    expect(toWorkItem({ ...reopened, stateReason: null }, [archived]).activityAt).toBe('2024-01-10T00:00:00.000Z');
  });

  it('ignores a marker whose values are not moments', () => {
    expect(readCommentState('<!-- roadmap-guard:state warned=soon touched=2026-10-05T08:00:00Z -->')).toEqual({ touched: '2026-10-05T08:00:00Z' });
    expect(stateMarker({ warned: 'x<script>' })).toBe('');
  });
});

describe('workItemFromIssue', () => {
  it('normalizes what the GitHub APIs return into a work item', () => {
    const item = workItemFromIssue({
      number: 3,
      title: 'Export',
      url: 'https://github.com/acme/app/issues/3',
      state: 'OPEN',
      labels: [{ name: 'deal' }, 'size/M'],
      author: { login: 'sam' },
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-01T10:00:00Z',
      closedAt: null,
      milestone: { title: 'Q4' },
      body: '### Success metric\r\n\r\n_No response_\r\n',
    });
    expect(item).toEqual({
      number: 3,
      title: 'Export',
      url: 'https://github.com/acme/app/issues/3',
      state: 'open',
      labels: ['deal', 'size/M'],
      author: 'sam',
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-01T10:00:00Z',
      closedAt: null,
      milestone: 'Q4',
      form: { 'Success metric': '' },
      checklist: [],
      fields: {},
    });
    expect(workItemFromIssue({ ...item, state: 'CLOSED', author: null, milestone: null, body: null })).toMatchObject({ state: 'closed', author: null, form: {} });
  });
});
