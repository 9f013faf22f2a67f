import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, MAX_STATE_BYTES, policyDigest, STATE_FORMAT, UnusableStateError, type SavedState } from '../../src/saved-state/format.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { workItemFromIssue } from '../../src/github/work-items.js';

const item = workItemFromIssue({
  number: 7,
  title: 'Deal: export',
  url: 'https://github.com/acme/widgets/issues/7',
  state: 'OPEN',
  labels: ['deal'],
  author: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  closedAt: null,
  milestone: null,
  body: '### __proto__\n\nan answer like any other\n\n### Estimate\n\n3\n\n- [x] GTM review',
});
const state: SavedState = { format: STATE_FORMAT, repository: 'acme/widgets', policyDigest: 'd'.repeat(64), savedAt: '2026-12-01T09:00:00Z', items: [item], skipped: [9] };

describe('the saved state file', () => {
  it('reads back exactly the items it was given, form answers with any heading included', () => {
    const back = decodeState(encodeState(state));
    expect(back).toEqual(state);
    expect(Object.getPrototypeOf(back.items[0]!.form)).toBeNull();
    expect(back.items[0]!.form.__proto__).toBe('an answer like any other');
  });

  it('refuses what is not a state, whole, with the reason', () => {
    expect(() => decodeState(Buffer.from('plain'))).toThrow(/not gzip'd JSON/);
    expect(() => decodeState(gzipSync('[1]'))).toThrow('it is not a JSON object');
    expect(() => decodeState(encodeState({ ...state, savedAt: 'yesterday' }))).toThrow(/time is missing/);
    expect(() => decodeState(encodeState({ ...state, savedAt: '2026-12-01 09:00 (\n::error::forged)' }))).toThrow(/time is missing/);
    expect(() => decodeState(encodeState({ ...state, items: [{ ...item, state: 'closed' }] }))).toThrow('item 1 is not an open issue');
    expect(() => decodeState(encodeState({ ...state, items: [{ ...item, labels: [3] as unknown as string[] }] }))).toThrow(UnusableStateError);
  });

  it('bounds the size, both ways', () => {
    const huge = { ...state, items: [{ ...item, title: 'x'.repeat(MAX_STATE_BYTES) }] };
    expect(() => encodeState(huge)).toThrow(/more than the 64 MB a state may/);
    const bomb = gzipSync(Buffer.alloc(MAX_STATE_BYTES + 1, 32));
    expect(() => decodeState(bomb)).toThrow(/not gzip'd JSON/);
  });

  it('gives another digest for any change to the policy or the dashboard title', () => {
    const policy = parsePolicy({ version: 1, categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } } } });
    const other = parsePolicy({ version: 1, categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '11%' } } } });
    expect(policyDigest(policy, undefined)).toBe(policyDigest(policy, ''));
    expect(policyDigest(policy, undefined)).not.toBe(policyDigest(other, undefined));
    expect(policyDigest(policy, undefined)).not.toBe(policyDigest(policy, 'Roadmap dashboard'));
  });
});
