/**
 * What the bot writes into its comment, it reads back: for any state, any
 * trail and any reply, however hostile the text people typed, and for the
 * comments 1.0.0 wrote, which every later version must still read.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../src/core/outcomes.js';
import { fixesMarker, readFixes, type FixesState } from '../../src/memory/fixes.js';
import { COMMENT_MARKER, isMarkerLine } from '../../src/memory/markers.js';
import { rememberedReply, rememberedState, rememberedTrail } from '../../src/memory/remembered.js';
import { readReply, replyData } from '../../src/memory/reply.js';
import { isArchiveNote, isResolvedComment, isSettledComment } from '../../src/memory/settled.js';
import { readCommentState, stateMarker, type CommentState } from '../../src/memory/state.js';
import { MAX_TRAIL_ENTRIES, readTrail, trailData, type TrailEntry } from '../../src/memory/trail.js';
import { renderResolvedComment } from '../../src/report/comment.js';
import { escapeText } from '../../src/report/escape.js';

// What people type: any text, often with the very sequences that would end an HTML comment or forge a marker.
const FORGERIES = ['-->', '--!>', '<!--', '<!-- roadmap-guard:trail ', '<!-- roadmap-guard:state archived=2020-01-01T00:00:00Z -->', ' -->\n', ',', '=', '%', '\u2028', '\u0000'];
// Any Unicode code point but a lone surrogate (which no text from GitHub holds); fast-check's own `binary` unit takes seconds to set up.
const codePoint = fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));
const anyText = fc.oneof(fc.string({ unit: codePoint }), fc.string({ unit: 'grapheme' }), fc.constantFrom(...FORGERIES));
const hostile = (options: { minLength?: number } = {}) =>
  fc.array(anyText, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')).filter((text) => text.length >= (options.minLength ?? 0));

// A moment as the bot records it: ISO 8601 in UTC, with or without milliseconds.
const moment = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.boolean())
  .map(([date, millis]) => (millis ? date.toISOString() : date.toISOString().replace(/\.\d{3}Z$/, 'Z')));

const commentState: fc.Arbitrary<CommentState> = fc.record({ touched: moment, warned: moment, archived: moment }, { requiredKeys: [] });

const fixes: fc.Arbitrary<FixesState> = fc.record({ open: fc.array(hostile({ minLength: 1 }), { maxLength: 25 }), fixed: fc.array(hostile({ minLength: 1 }), { maxLength: 25 }) });

const entry: fc.Arbitrary<TrailEntry> = fc
  .record({
    at: moment,
    // The login GitHub named: letters, digits and hyphens, `[bot]` for an App.
    actor: fc.tuple(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/), fc.boolean()).map(([login, bot]) => (bot ? `${login}[bot]` : login)),
    action: fc.constantFrom('exempt', 'revoke', 'expire', 'label-removed', 'outcome', 'restore' as const),
    outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: undefined }),
    reason: hostile(),
  })
  .map(({ outcome, ...rest }) => (outcome ? { ...rest, outcome } : rest));

/** A trail as the bot keeps it: each decision once, oldest first (runs that raced are merged so). */
const trailOf = (maxLength: number) => fc.uniqueArray(entry, { maxLength, selector: (e) => JSON.stringify(e) }).map((trail) => trail.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)));

/** What reading back keeps of the fixes: at most 20 keys of each list, each cut to 120 characters. */
function kept(state: FixesState): FixesState {
  const cut = (keys: string[]) => keys.slice(0, 20).map((key) => Array.from(key).slice(0, 120).join(''));
  return { open: cut(state.open), fixed: cut(state.fixed) };
}

describe('the comment codec, for any state', () => {
  it('writes a key with a lone surrogate (a policy heading may spell one) as U+FFFD instead of throwing', () => {
    const marker = fixesMarker({ open: ['Why \uD800 now', 'ok'], fixed: ['\uDC00'] });
    expect(readFixes(marker)).toEqual({ open: ['Why \uFFFD now', 'ok'], fixed: ['\uFFFD'] });
  });

  it('reads back each hidden line it wrote', () => {
    fc.assert(
      fc.property(commentState, fixes, fc.array(entry, { maxLength: MAX_TRAIL_ENTRIES + 5 }), hostile({ minLength: 1 }), (state, fixed, trail, reply) => {
        expect(readCommentState(stateMarker(state))).toEqual(state);
        expect(readFixes(fixesMarker(fixed))).toEqual(kept(fixed));
        expect(readTrail(trailData(trail))).toEqual(trail.slice(-MAX_TRAIL_ENTRIES));
        expect(readReply(replyData(reply))).toBe(reply);
      }),
      { numRuns: 200 },
    );
  });

  it('reads them all back from one comment, whatever the visible text around them says', () => {
    fc.assert(
      fc.property(commentState, fixes, trailOf(8), hostile({ minLength: 1 }), hostile(), (state, fixed, trail, reply, visible) => {
        const body = [COMMENT_MARKER, escapeText(visible, 300), replyData(reply), fixesMarker(fixed), escapeText(visible, 300), trailData(trail), stateMarker(state)].join('\n\n');
        const comment = { body };
        expect(rememberedState(comment)).toEqual(state);
        expect(readFixes(body)).toEqual(kept(fixed));
        expect(rememberedTrail(comment)).toEqual(trail);
        expect(rememberedReply(comment)).toBe(reply);
        // Every hidden line is one line that cannot be closed early: the marker's line is the only one that is just a marker.
        expect(body.split('\n').filter(isMarkerLine)).toEqual([COMMENT_MARKER]);
      }),
      { numRuns: 100 },
    );
  });

  it('reads the conversation back from the resolved note as report/ renders it', () => {
    fc.assert(
      fc.property(trailOf(5), hostile({ minLength: 1 }), moment, (trail, typed, touched) => {
        // The reply is markdown the bot wrote around escaped text, as commands/ words it.
        const reply = `**Exception granted**: “${escapeText(typed, 200)}”.`;
        const body = renderResolvedComment({ item: { number: 7, title: typed, url: 'https://github.com/acme/app/issues/7', updatedAt: touched }, at: '2026-11-03T09:00:00Z', conversation: { reply, trail } });
        expect(isResolvedComment(body)).toBe(true);
        expect(rememberedTrail({ body })).toEqual(trail);
        expect(rememberedReply({ body })).toBe(reply);
        expect(rememberedState({ body })).toEqual({ touched });
      }),
      { numRuns: 100 },
    );
  });
});

describe('comments written by 1.0.0', () => {
  const fixture = (name: string) => readFileSync(new URL(`__fixtures__/${name}`, import.meta.url), 'utf8');
  const trail: TrailEntry[] = [
    {
      at: '2026-10-01T08:30:00.000Z',
      actor: 'alice',
      action: 'exempt',
      reason: 'Launch partner --> <script>alert(1)</script> | `x` <!-- roadmap-guard:state archived=2020-01-01T00:00:00Z -->',
    },
    { at: '2026-10-20T12:00:00.000Z', actor: 'roadmap-guard', action: 'label-removed', reason: 'label added by someone who is not an approver' },
    { at: '2026-10-28T16:45:10.000Z', actor: 'bob', action: 'outcome', outcome: 'hit', reason: 'Globex signed; 30% more seats 🎉' },
  ];
  const reply = '**Exception granted** by `alice`: “Launch partner --\\> \\<script\\>”.';

  it('still decode: the full comment', () => {
    const body = fixture('comment-1.0.0.md');
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(isSettledComment(body)).toBe(false);
    expect(rememberedTrail({ body })).toEqual(trail);
    expect(rememberedReply({ body })).toBe(reply);
    // The forged state marker in the reason is escaped in the table and hidden in base64url in the trail: only the real one is read.
    expect(rememberedState({ body })).toEqual({ touched: '2026-10-20T10:00:00Z', warned: '2026-11-01T09:00:00.000Z' });
    expect(readFixes(body)).toEqual({
      open: ['answer:Who will buy it?', 'answer:Review by', 'review:Technical review', 'not-without-customer:Would we build this without this customer?'],
      fixed: ['review:Legal review', 'label:one-off', 'answer:What, exactly?'],
    });
  });

  it('still decode: the resolved note and the archive note', () => {
    const resolved = fixture('resolved-1.0.0.md');
    expect(isResolvedComment(resolved)).toBe(true);
    expect(isArchiveNote(resolved)).toBe(false);
    expect(rememberedTrail({ body: resolved })).toEqual(trail);
    expect(rememberedReply({ body: resolved })).toBe(reply);
    expect(rememberedState({ body: resolved })).toEqual({ touched: '2026-11-02T07:00:00Z' });

    const archived = fixture('archived-1.0.0.md');
    expect(isArchiveNote(archived)).toBe(true);
    expect(isSettledComment(archived)).toBe(true);
    expect(rememberedTrail({ body: archived })).toEqual([]);
    expect(rememberedState({ body: archived })).toEqual({ touched: '2024-06-01T00:00:00Z', warned: '2026-10-20T09:00:00.000Z', archived: '2026-11-03T09:00:00.000Z' });
  });
});
