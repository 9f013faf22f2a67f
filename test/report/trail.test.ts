import { describe, expect, it } from 'vitest';
import { checkApprover } from '../../src/commands/approvers.js';
import { grantNote, unprovenNote } from '../../src/report/exemption-records.js';
import { grantedAt, holdsTrail, MAX_TRAIL_ENTRIES, mergeTrails, readTrail, trailData, withEntry, type TrailEntry } from '../../src/memory/trail.js';

const grant: TrailEntry = { at: '2026-10-01T00:00:00.000Z', actor: 'lena', action: 'exempt', reason: 'launch partner --> <script>' };

describe('the audit trail', () => {
  it('round-trips through the hidden line, which nothing in a reason can close early', () => {
    const line = trailData([grant]);
    expect(line.indexOf('-->')).toBe(line.length - 3);
    expect(readTrail(`text\n${line}\nmore`)).toEqual([grant]);
  });

  it('reads nothing from garbage, and drops malformed entries', () => {
    expect(readTrail('<!-- roadmap-guard:trail not-base64!! -->')).toEqual([]);
    const mixed = Buffer.from(JSON.stringify([grant, { at: 'never', actor: 'x', action: 'exempt', reason: '' }, { ...grant, action: 'delete-repo' }])).toString('base64url');
    expect(readTrail(`<!-- roadmap-guard:trail ${mixed} -->`)).toEqual([grant]);
  });

  it('keeps the last entries and cuts long reasons', () => {
    let trail: TrailEntry[] = [];
    for (let index = 0; index < MAX_TRAIL_ENTRIES + 5; index += 1) trail = withEntry(trail, { ...grant, reason: `r${index} ${'x'.repeat(400)}` });
    expect(trail).toHaveLength(MAX_TRAIL_ENTRIES);
    expect(trail[0]?.reason.startsWith('r5 ')).toBe(true);
    expect(trail[0]?.reason).toHaveLength(300);
  });

  it('knows when the exception in force was granted', () => {
    expect(grantedAt([grant])).toBe(grant.at);
    expect(grantedAt([grant, { ...grant, action: 'outcome', outcome: 'hit' }])).toBe(grant.at);
    expect(grantedAt([grant, { ...grant, action: 'revoke' }])).toBeUndefined();
    // A row saying the record was restored ends nothing.
    expect(grantedAt([grant, { ...grant, at: '2026-10-05T00:00:00.000Z', actor: 'roadmap-guard', action: 'restore' }])).toBe(grant.at);
  });
});

describe("the job summary's lines from the record", () => {
  const records = { trails: [{ issue: 4, trail: [grant] }, { issue: 5, trail: [] }], unproven: [7] };

  it('names the approver, the date, the reason (escaped) and when it lapses', () => {
    expect(grantNote(records, 4, 30)).toBe(' — granted by `lena` on 2026-10-01: “launch partner --\\> \\<script\\>”; lapses 2026-10-31');
    expect(grantNote(records, 4, undefined)).toBe(' — granted by `lena` on 2026-10-01: “launch partner --\\> \\<script\\>”');
  });

  it('says when no grant is on record, and says nothing of an issue whose record was not read', () => {
    expect(grantNote(records, 5, 30)).toBe(' — _no grant on record_');
    expect(grantNote(records, 6, 30)).toBe('');
  });

  it('counts the exemptions no record proves', () => {
    expect(unprovenNote(records)).toMatch(/^\*\*1 exemption could not be proven\*\* \(#7\)/);
    expect(unprovenNote({ trails: [], unproven: [] })).toBe('');
  });
});

describe('checkApprover', () => {
  it('matches logins without a request, and asks about teams only after', async () => {
    const asked: string[] = [];
    const lookup = async (org: string, slug: string) => (asked.push(`${org}/${slug}`), slug === 'leads' ? ('member' as const) : ('unreadable' as const));
    expect(await checkApprover(['@Lena', '@acme/leads'], 'lena', lookup)).toEqual({ approved: true, unreadableTeams: [] });
    expect(asked).toEqual([]);
    expect(await checkApprover(['@acme/secret', '@acme/leads'], 'tara', lookup)).toEqual({ approved: true, unreadableTeams: ['@acme/secret'] });
    expect(await checkApprover(['@acme/secret'], 'tara', lookup)).toEqual({ approved: false, unreadableTeams: ['@acme/secret'] });
  });
});

describe('trails from several comments of the bot', () => {
  const revoke: TrailEntry = { at: '2026-10-05T00:00:00.000Z', actor: 'lena', action: 'revoke', reason: 'walked away' };
  const later: TrailEntry = { ...grant, at: '2026-10-09T00:00:00.000Z' };

  it('merge into one, every entry once, oldest first', () => {
    expect(mergeTrails([[later], [grant, revoke], [grant]])).toEqual([grant, revoke, later]);
  });

  it('tell whether a trail holds everything another holds', () => {
    expect(holdsTrail([grant, revoke], [revoke])).toBe(true);
    expect(holdsTrail([grant], [grant, revoke])).toBe(false);
    // A full trail has let its oldest entries go: an entry older than any it keeps is not missing.
    const full = Array.from({ length: MAX_TRAIL_ENTRIES }, (_, day) => ({ ...grant, at: `2026-11-${String(day + 1).padStart(2, '0')}T00:00:00.000Z` }));
    expect(holdsTrail(full, [grant])).toBe(true);
  });
});
