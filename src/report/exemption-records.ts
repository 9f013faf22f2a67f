/**
 * The exemptions section's lines about each exception's record: who granted
 * it, when, why and when it lapses, read from the same record the issue's
 * comment shows (the bot's trail, completed from GitHub's own facts), and
 * the exceptions whose grant nothing proves any more.
 */
import { grantedAt, type TrailEntry } from '../memory/trail.js';
import { codeSpan, escapeText } from './escape.js';
import { day } from './format.js';
import { plural } from '../core/wording.js';
import { DAY_MS } from '../core/rules/context.js';

/** What an audit read of each exception's record. */
export interface ExemptionRecords {
  /** The record of each exempt issue the run read, oldest entry first. */
  trails: { issue: number; trail: TrailEntry[] }[];
  /** Exempt issues whose label was removed because no record proves a grant. */
  unproven: number[];
}

/** " — granted by `lena` on 2026-11-20: “reason”; lapses 2026-12-20", or what is missing. */
export function grantNote(records: ExemptionRecords | undefined, issue: number, expiresAfterDays: number | undefined): string {
  const trail = records?.trails.find((record) => record.issue === issue)?.trail;
  if (!trail) return '';
  const at = grantedAt(trail);
  const grant = at === undefined ? undefined : trail.findLast((entry) => entry.action === 'exempt' && entry.at === at);
  if (!grant) return ' — _no grant on record_';
  const lapses = expiresAfterDays === undefined ? '' : `; lapses ${day(new Date(Date.parse(grant.at) + expiresAfterDays * DAY_MS).toISOString())}`;
  const restored = trail.some((entry) => entry.action === 'restore') ? ' _(record restored from GitHub)_' : '';
  return ` — granted by ${codeSpan(grant.actor)} on ${day(grant.at)}: “${escapeText(grant.reason, 120)}”${lapses}${restored}`;
}

/** The exceptions no record proves, counted, or nothing when there are none. */
export function unprovenNote(records: ExemptionRecords | undefined): string {
  const unproven = records?.unproven ?? [];
  if (!unproven.length) return '';
  const which = unproven.map((issue) => `#${issue}`).join(', ');
  return `**${plural(unproven.length, 'exemption')} could not be proven** (${which}): the label was put on with this workflow's token, but no grant by an approver is recorded, in the bot's comment or in a command it answered. The label was removed and the issue is checked like any other until an approver grants it again.`;
}
