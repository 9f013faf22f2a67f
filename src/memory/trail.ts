/**
 * The audit trail of an issue: every exception granted, revoked, expired or
 * refused as hand-added, and every bet outcome, with who and when and why.
 * It is shown in the bot's one comment on the issue, as a visible table and as
 * data in a hidden line the bot reads back (this file), so it survives every
 * edit of that comment and needs no storage of its own. Only the bot's own comment
 * (found by marker and author) is ever read back, so nobody else can forge it.
 * The comment is a view: when it is deleted, the decisions are rebuilt from
 * the commands, reactions and label events GitHub keeps (commands/record.ts).
 */
import { OUTCOMES, type Outcome } from '../core/outcomes.js';
import { hiddenData, readHiddenData } from './hidden-data.js';

/** `restore`: decisions the bot's comment had lost, restored from GitHub's own facts (commands/record.ts); the row says from what. */
const TRAIL_ACTIONS = ['exempt', 'revoke', 'expire', 'label-removed', 'outcome', 'restore'] as const;
export type TrailAction = (typeof TRAIL_ACTIONS)[number];

/** The actor the product's own trail entries name. */
export const PRODUCT_ACTOR = 'roadmap-guard';

export interface TrailEntry {
  /** ISO 8601. */
  at: string;
  /** The login GitHub named as the actor. */
  actor: string;
  action: TrailAction;
  outcome?: Outcome;
  /** The reason or evidence as typed: untrusted, escaped wherever it is shown. */
  reason: string;
}

/** The oldest entries give way past this many, so the comment stays readable and under GitHub's size limit. */
export const MAX_TRAIL_ENTRIES = 30;
const MAX_REASON_CHARS = 300;

const TRAIL = 'trail';

/** The hidden line that carries the trail (memory/hidden-data.ts). */
export function trailData(entries: readonly TrailEntry[]): string {
  return hiddenData(TRAIL, entries.slice(-MAX_TRAIL_ENTRIES));
}

/** The trail kept in a comment of the bot's; empty when there is none or it cannot be read. */
export function readTrail(body: string | undefined): TrailEntry[] {
  const parsed = readHiddenData(body, TRAIL);
  return Array.isArray(parsed) ? parsed.flatMap(toEntry).slice(-MAX_TRAIL_ENTRIES) : [];
}

/** The trail with one more entry, its reason cut to size. */
export function withEntry(entries: readonly TrailEntry[], entry: TrailEntry): TrailEntry[] {
  return [...entries, { ...entry, reason: Array.from(entry.reason).slice(0, MAX_REASON_CHARS).join('') }].slice(-MAX_TRAIL_ENTRIES);
}

/**
 * Trails read from several comments of the bot's (runs that raced each left
 * one) as one: every entry once, oldest first, so consolidating the
 * comments never drops a decision.
 */
export function mergeTrails(trails: readonly (readonly TrailEntry[])[]): TrailEntry[] {
  const seen = new Map<string, TrailEntry>();
  for (const entry of trails.flat()) seen.set(entryKey(entry), entry);
  return [...seen.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-MAX_TRAIL_ENTRIES);
}

/** True when `trail` holds every entry of `other` (or the entries of `other` it lacks are older than any it keeps, past the cap). */
export function holdsTrail(trail: readonly TrailEntry[], other: readonly TrailEntry[]): boolean {
  const held = new Set(trail.map(entryKey));
  const oldest = oldestKept(trail);
  return other.every((entry) => held.has(entryKey(entry)) || Date.parse(entry.at) < oldest);
}

/** Past the cap, entries older than the oldest kept were dropped on purpose: that moment (ms), or -Infinity while the trail is under the cap. */
export function oldestKept(trail: readonly TrailEntry[]): number {
  return trail.length >= MAX_TRAIL_ENTRIES ? Date.parse(trail[0]!.at) : Number.NEGATIVE_INFINITY;
}

function entryKey(entry: TrailEntry): string {
  return JSON.stringify([entry.at, entry.actor, entry.action, entry.outcome ?? '', entry.reason]);
}

/** When the exemption in force was granted: the last grant, unless something ended it since. */
export function grantedAt(entries: readonly TrailEntry[]): string | undefined {
  const last = entries.filter((entry) => entry.action !== 'outcome' && entry.action !== 'restore').at(-1);
  return last?.action === 'exempt' ? last.at : undefined;
}

function toEntry(value: unknown): TrailEntry[] {
  if (typeof value !== 'object' || value === null) return [];
  const { at, actor, action, outcome, reason } = value as Record<string, unknown>;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof actor !== 'string' || typeof reason !== 'string') return [];
  if (!TRAIL_ACTIONS.includes(action as TrailAction)) return [];
  const known = OUTCOMES.find((candidate) => candidate === outcome);
  return [{ at, actor, action: action as TrailAction, ...(known ? { outcome: known } : {}), reason }];
}
