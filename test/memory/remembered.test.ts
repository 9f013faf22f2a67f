import { describe, expect, it } from 'vitest';
import { rememberedReply, rememberedState, rememberedTrail } from '../../src/memory/remembered.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { stateMarker } from '../../src/memory/state.js';
import { replyData } from '../../src/memory/reply.js';
import { trailData, type TrailEntry } from '../../src/memory/trail.js';

const grant: TrailEntry = { at: '2026-10-01T00:00:00.000Z', actor: 'lena', action: 'exempt', reason: 'launch partner' };
const body = (...parts: string[]) => [COMMENT_MARKER, ...parts].join('\n');

describe("what the bot remembers across its comments on an issue", () => {
  const kept = { id: '1', body: body(replyData('first answer'), stateMarker({ touched: '2025-01-01T00:00:00Z', warned: '2026-11-01T00:00:00Z' })) };
  const copy = { id: '2', body: body(replyData('newer answer'), trailData([grant]), stateMarker({ touched: '2025-03-01T00:00:00Z', warned: '2026-11-02T00:00:00Z' })) };

  it('holds every decision any copy recorded, and the newest answer', () => {
    expect(rememberedTrail({ ...kept, extras: [copy] })).toEqual([grant]);
    expect(rememberedReply({ ...kept, extras: [copy] })).toBe('newer answer');
    expect(rememberedTrail(kept)).toEqual([]);
    expect(rememberedTrail(null)).toEqual([]);
  });

  it('takes the latest touch and the latest warning, so no item is archived before a date any warning gave', () => {
    expect(rememberedState({ ...kept, extras: [copy] })).toEqual({ touched: '2025-03-01T00:00:00Z', warned: '2026-11-02T00:00:00Z' });
  });
});
