/**
 * The saved board: its file read back exactly or refused whole, a cache that
 * fails costing one full read of the board and no save, and the event's own
 * issue put in its place on the saved board.
 */
import { gzipSync } from 'node:zlib';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withIssueFresh } from '../../src/action/board-work.js';
import type { BoardRead } from '../../src/github/board.js';
import { issueBoardItemsQuery } from '../../src/github/board-item.js';
import { CacheServiceError, type ActionsCache } from '../../src/github/actions-cache.js';
import type { GitHubClient } from '../../src/github/client.js';
import { forgeOver } from '../../src/github/forge.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { BOARD_STATE_FORMAT, boardReadOf, decodeBoard, encodeBoard, type SavedBoard } from '../../src/saved-state/board-format.js';
import { boardStateStore } from '../../src/saved-state/board-state.js';
import { UnusableStateError } from '../../src/saved-state/format.js';
import { githubGraphqlSchema } from '../fake-github/index.js';
import { workItem } from '../fixtures.js';

const deal = workItem({ number: 113, title: 'Deal: SSO', labels: ['deal'], assignees: ['ada'], fields: { Estimate: { type: 'number', value: 3 }, Sprint: { type: 'iteration', title: 'Sprint 12', startDate: '2026-11-16', durationDays: 14 } } });
const saved: SavedBoard = {
  format: BOARD_STATE_FORMAT,
  board: 'acme/7',
  boardId: 'PVT_1',
  reader: 'roadmap-app[bot]',
  policyDigest: 'd'.repeat(64),
  savedAt: '2026-11-21T10:00:00.000Z',
  title: 'Roadmap',
  fieldNames: ['Estimate', 'Sprint'],
  redacted: 1,
  forbidden: 0,
  pullRequests: 2,
  items: [
    { repository: 'acme/widgets', item: deal },
    { repository: 'acme/api', item: workItem({ number: 113, title: 'Same number, other repository', state: 'closed', closedAt: '2026-11-20T00:00:00Z', closedAs: 'completed' }) },
    { repository: null, item: workItem({ number: -1, title: 'A draft', fields: { Customer: { type: 'text', value: 'Initech' } } }) },
  ],
};

describe('the saved board file', () => {
  it('reads back exactly the board it was given', () => {
    expect(decodeBoard(encodeBoard(saved))).toEqual(saved);
    expect(boardReadOf(decodeBoard(encodeBoard(saved))).items.map((entry) => [entry.repository, entry.item.number])).toEqual([
      ['acme/widgets', 113],
      ['acme/api', 113],
      [null, -1],
    ]);
  });

  it('refuses what is not a saved board, whole, with the reason', () => {
    const withItem = (item: unknown) => encodeBoard({ ...saved, items: [{ repository: 'acme/widgets', item: item as typeof deal }] });
    expect(() => decodeBoard(gzipSync('[1]'))).toThrow('it is not a JSON object');
    expect(() => decodeBoard(encodeBoard({ ...saved, format: 9 as typeof BOARD_STATE_FORMAT }))).toThrow('it has format 9, this version reads 1');
    expect(() => decodeBoard(encodeBoard({ ...saved, savedAt: 'yesterday' }))).toThrow(/time is missing/);
    // Times and logins reach the log, the summary and comments: V8 reads a date with text in parentheses after it, the check does not.
    expect(Number.isFinite(Date.parse('2026-11-21 10:00 (<img src=x onerror=alert(1)>)'))).toBe(true);
    expect(() => decodeBoard(encodeBoard({ ...saved, savedAt: '2026-11-21 10:00 (<img src=x onerror=alert(1)>)' }))).toThrow(/time is missing/);
    expect(() => decodeBoard(encodeBoard({ ...saved, reader: 'app[bot]\n::error::forged' }))).toThrow(/reader/);
    expect(() => decodeBoard(encodeBoard({ ...saved, forbidden: -1 }))).toThrow(/counts, fields or items/);
    expect(() => decodeBoard(withItem({ ...deal, state: 'merged' }))).toThrow('item 1 is not an issue or a draft');
    expect(() => decodeBoard(withItem({ ...deal, labels: [3] }))).toThrow('item 1 has unreadable labels or assignees');
    expect(() => decodeBoard(withItem({ ...deal, fields: { Estimate: { type: 'number', value: '3' } } }))).toThrow('item 1 has an unreadable value of the field "Estimate"');
    expect(() => decodeBoard(withItem({ ...deal, fields: { Owner: { type: 'user', value: 'ada' } } }))).toThrow(UnusableStateError);
  });

  it('keeps nothing but a work item\'s fields', () => {
    const extra = { ...deal, body: 'the whole body', fields: { Estimate: { type: 'number', value: 3, raw: 'x' } } };
    const back = decodeBoard(encodeBoard({ ...saved, items: [{ repository: 'acme/widgets', item: extra as typeof deal }] })).items[0]!.item;
    expect(back).not.toHaveProperty('body');
    expect(back.fields).toEqual({ Estimate: { type: 'number', value: 3 } });
  });
});

describe("the event's issue on the saved board", () => {
  const read = boardReadOf(saved);
  const repo = { owner: 'Acme', name: 'widgets' };
  const now = workItem({ number: 113, title: 'Deal: SSO, as it is now' });
  const numbers = (board: BoardRead) => board.items.map((entry) => `${entry.repository ?? 'draft'}#${entry.item.number}`);

  it('replaces its item in place with its fields as read now', () => {
    const fresh = withIssueFresh(read, repo, now, { Estimate: { type: 'number', value: 20 } });
    expect(numbers(fresh)).toEqual(['acme/widgets#113', 'acme/api#113', 'draft#-1']);
    expect(fresh.items[0]!.item).toMatchObject({ title: 'Deal: SSO, as it is now', fields: { Estimate: { type: 'number', value: 20 } } });
  });

  it('adds it at the end when it was added to the board since, and takes it out when it was removed', () => {
    const other = workItem({ number: 7 });
    expect(numbers(withIssueFresh(read, repo, other, {}))).toEqual(['acme/widgets#113', 'acme/api#113', 'draft#-1', 'Acme/widgets#7']);
    expect(numbers(withIssueFresh(read, repo, now, null))).toEqual(['acme/api#113', 'draft#-1']);
    expect(numbers(withIssueFresh(read, repo, other, null))).toEqual(numbers(read));
  });
});

describe("the query of an issue's place on the board", () => {
  it.each([0, 1, 5])("is valid against GitHub's published schema with %i policy fields", (count) => {
    expect(validate(githubGraphqlSchema(), parse(issueBoardItemsQuery(count))).map((error) => error.message)).toEqual([]);
  });
});

describe('a cache that fails', () => {
  const policy = parsePolicy({ version: 1, work: { project: { owner: 'acme', number: 7 } } });
  const failing = (): ActionsCache & { saves: number } => ({
    saves: 0,
    restore: async () => {
      throw new CacheServiceError('GetCacheEntryDownloadURL answered 503', { transient: true });
    },
    async save() {
      this.saves += 1;
    },
    requests: () => 5,
  });
  const forge = forgeOver({ octokit: { hook: { after: () => {} } } } as unknown as GitHubClient);
  const full: BoardRead = { ...boardReadOf(saved), id: 'PVT_1', reader: 'roadmap-app[bot]' };

  it('costs one full read of the board, said in the log, and no save to it', async () => {
    const lines: string[] = [];
    const cache = failing();
    const store = boardStateStore({ forge, repo: { owner: 'acme', name: 'widgets' }, board: { owner: 'acme', number: 7 }, policy, enabled: true, dryRun: false, eventName: 'issues', env: { ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/', ACTIONS_RUNTIME_TOKEN: 'runtime', GITHUB_SERVER_URL: 'https://github.com' }, log: (line) => lines.push(line), cache });
    let freshReads = 0;
    const restored = await store.restore(async () => ((freshReads += 1), { reader: 'roadmap-app[bot]' }));
    expect(restored).toEqual({ unusable: 'not used, GetCacheEntryDownloadURL answered 503' });
    expect(freshReads).toBe(0);
    const read = await store.readInFull(async () => full, 'unusable' in restored ? restored.unusable : '');
    expect(read.read).toBe(full);
    expect(cache.saves).toBe(0);
    expect(lines).toEqual(['Saved board: not used, GetCacheEntryDownloadURL answered 503; reading every item of the board.']);
  });
});
