import { describe, expect, it } from 'vitest';
import { personActivityAt, toWorkItem, type CommentNode } from '../../src/github/work-items.js';
import { issueNode } from './fixtures.js';

const bot = (at: string): CommentNode => ({ fullDatabaseId: '3500000001', viewerDidAuthor: true, body: 'ours', createdAt: at, updatedAt: at });
const person = (at: string): CommentNode => ({ fullDatabaseId: '3500000002', viewerDidAuthor: false, body: 'theirs', createdAt: at, updatedAt: at });

describe("a person's last touch", () => {
  const old = issueNode({ createdAt: '2024-01-10T00:00:00Z', lastEditedAt: '2024-06-01T00:00:00Z', updatedAt: '2026-11-20T09:00:03Z' });

  it("looks past the bot's own comment and labels when they are the latest change", () => {
    expect(personActivityAt(old, [person('2025-02-01T00:00:00Z'), bot('2026-11-20T09:00:00Z')])).toBe('2025-02-01T00:00:00.000Z');
    expect(personActivityAt(old, [bot('2026-11-20T09:00:00Z')])).toBe('2024-06-01T00:00:00.000Z');
    expect(personActivityAt({ ...old, lastEditedAt: null }, [bot('2026-11-20T09:00:00Z')])).toBe('2024-01-10T00:00:00.000Z');
  });

  it('trusts updatedAt when a person changed the issue after the bot', () => {
    const touched = { ...old, updatedAt: '2026-11-21T15:00:00Z' };
    expect(personActivityAt(touched, [bot('2026-11-20T09:00:00Z')])).toBeUndefined();
    expect(personActivityAt(old, [person('2026-11-20T09:00:00Z')])).toBeUndefined();
  });

  it('reaches the work item, with the reason a closed issue was closed', () => {
    const item = toWorkItem({ ...old, state: 'CLOSED', closedAt: '2026-11-20T09:00:00Z', stateReason: 'NOT_PLANNED' }, [bot('2026-11-20T09:00:00Z')]);
    expect(item).toMatchObject({ activityAt: '2024-06-01T00:00:00.000Z', closedAs: 'not-planned' });
    expect(toWorkItem(issueNode())).not.toHaveProperty('activityAt');
  });
});
