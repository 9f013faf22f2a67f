/**
 * The record of an issue's exceptions and outcomes, rebuilt from what GitHub
 * itself keeps. The bot's comment is a view of that record: a person can
 * delete it. The facts behind each decision stay on the issue: the command
 * comment (its author, time and text, as posted), the bot's 👍 on it (the bot
 * carried it out) and, for an exception, the label the bot put on or took
 * off after it, as the timeline shows with its actor. When the bot's comment
 * lacks a decision those facts show, the decision is restored from them, and
 * the trail says so. Pure: the facts were read before.
 *
 * A command comment edited after it was posted proves nothing (the bot
 * answered its first text, which GitHub no longer shows), and a deleted one
 * takes its proof with it. Facts read only in part (a timeline longer than
 * the events read, a 👍 among more reactions than GitHub listed) prove
 * nothing either way: the record then cannot tell, which is not "unproven".
 */
import { parseCommand, type Command } from './parse.js';
import { PRODUCT_ACTOR, grantedAt, mergeTrails, oldestKept, withEntry, type TrailEntry } from '../memory/trail.js';
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import { OUTCOMES } from '../core/outcomes.js';
import { hasLabel } from './decide.js';

/** One item of the timeline, in GitHub's order, as `github/timeline.ts` reads it. */
export interface RecordFact {
  type: 'comment' | 'labeled' | 'unlabeled' | 'other';
  actor: { login: string } | null;
  /** The product itself acted (its token's identity, or one it acted as before). */
  byProduct: boolean;
  label?: string;
  /** A comment read with its text and the product's reactions; `unsureReactions`: those it may have made, beyond the reactors GitHub listed. */
  command?: { postedAt: string; body: string; edited: boolean; productReactions: string[]; unsureReactions?: string[] };
}

export interface RestoredRecord {
  /** The trail with every decision the facts show: the bot's own trail, what it lacked, and a row saying what was restored from what. */
  trail: TrailEntry[];
  /** The decisions the bot's trail lacked. */
  restored: TrailEntry[];
  /** Why the facts, read only in part, cannot tell whether a decision is missing still; absent when they were read in full. */
  cannotTell?: string;
}

/**
 * True when the labels say a decision was made that the bot's trail
 * does not hold: the exemption label with no grant in force, an outcome label
 * with no such outcome recorded. Only then is the timeline read for
 * the facts, so the extra reads stay with the few issues that need them.
 */
export function lacksDecision(policy: Policy, item: WorkItem, trail: readonly TrailEntry[]): boolean {
  if (policy.exemptions && hasLabel(item, policy.exemptions.label) && grantedAt(trail) === undefined) return true;
  const outcomes = policy.enforcement.labels.outcome;
  return OUTCOMES.some((outcome) => hasLabel(item, outcomes[outcome]) && !trail.some((entry) => entry.action === 'outcome' && entry.outcome === outcome));
}

/** The bot's trail completed from GitHub's facts. */
/** `cutOff`: the facts are the latest of more events than were read. */
export function restoreRecord(input: { trail: readonly TrailEntry[]; facts: readonly RecordFact[]; exemptionLabel?: string; now: string; cutOff?: boolean }): RestoredRecord {
  const restored = unrecorded(input.trail, decisionsFromFacts(input.facts, input.exemptionLabel));
  const unsure = cannotTell(input.facts, input.cutOff === true);
  const told = unsure ? { cannotTell: unsure } : {};
  if (!restored.length) return { trail: [...input.trail], restored, ...told };
  const note: TrailEntry = { at: input.now, actor: PRODUCT_ACTOR, action: 'restore', reason: restoreReason(restored) };
  return { trail: mergeTrails([input.trail, restored, [note]]), restored, ...told };
}

/** Why the facts cannot tell, in words; undefined when they were read in full. */
function cannotTell(facts: readonly RecordFact[], cutOff: boolean): string | undefined {
  const unsure = facts.filter((fact) => decisionCommand(fact) && fact.command?.unsureReactions?.includes('THUMBS_UP') && !fact.command.productReactions.includes('THUMBS_UP'));
  const reasons = [
    ...(cutOff ? ["the issue's timeline holds more events than the last 100 GitHub gave"] : []),
    ...unsure.map((fact) => `${fact.actor!.login}'s ${parseCommand(fact.command!.body)!.name} command of ${fact.command!.postedAt.slice(0, 10)} has more 👍 than GitHub lists`),
  ];
  return reasons.length ? reasons.join('; ') : undefined;
}

/** Every exception granted or revoked and every outcome recorded that the facts prove, oldest first. */
export function decisionsFromFacts(facts: readonly RecordFact[], exemptionLabel: string | undefined): TrailEntry[] {
  const answered = facts.flatMap((fact, index) => {
    const command = answeredCommand(fact);
    return command ? [{ index, fact, command }] : [];
  });
  return answered.flatMap(({ index, fact, command }, position) => {
    const until = answered[position + 1]?.index ?? facts.length;
    const at = fact.command!.postedAt;
    const actor = fact.actor!.login;
    if (command.name === 'outcome' && command.outcome) return [cut({ at, actor, action: 'outcome', outcome: command.outcome, reason: command.evidence })];
    if (command.name !== 'exempt' && command.name !== 'revoke') return [];
    // The label write the bot made for this command: after it, before the next command it answered.
    const wanted = command.name === 'exempt' ? 'labeled' : 'unlabeled';
    const wrote = facts.slice(index + 1, until).some((later) => later.type === wanted && later.byProduct && sameLabel(later.label, exemptionLabel));
    return wrote ? [cut({ at, actor, action: command.name, reason: command.reason })] : [];
  });
}

/** A person's command comment, posted as it reads now, that the product carried out (its 👍). */
function answeredCommand(fact: RecordFact): Command | undefined {
  return personComment(fact) && fact.command?.productReactions.includes('THUMBS_UP') ? parseCommand(fact.command.body) : undefined;
}

/** A person's comment read with its facts, unedited since posted. */
function personComment(fact: RecordFact): boolean {
  return fact.type === 'comment' && !fact.byProduct && !!fact.actor && !!fact.command && !fact.command.edited;
}

/** A person's command that records a decision (an exception granted or revoked, an outcome). */
function decisionCommand(fact: RecordFact): boolean {
  const name = personComment(fact) ? parseCommand(fact.command!.body)?.name : undefined;
  return name === 'exempt' || name === 'revoke' || name === 'outcome';
}

/**
 * The decisions the facts show that the bot's trail does not hold. Each of
 * the trail's rows answers for one decision at most (the same reason granted
 * twice is two grants), matched by kind, person and text: the row's time is
 * when the bot recorded it, not when the command was posted. Past the trail's
 * cap, decisions older than its oldest row were dropped on purpose.
 */
function unrecorded(trail: readonly TrailEntry[], shown: readonly TrailEntry[]): TrailEntry[] {
  const unclaimed = [...trail];
  const oldest = oldestKept(trail);
  return shown.filter((entry) => {
    const index = unclaimed.findIndex((kept) => records(kept, entry));
    if (index >= 0) unclaimed.splice(index, 1);
    return index < 0 && Date.parse(entry.at) >= oldest;
  });
}

/** True when `kept` (the bot's own row) records the decision `shown` rebuilt: same kind, person and text. */
function records(kept: TrailEntry, shown: TrailEntry): boolean {
  return kept.action === shown.action && kept.actor.toLowerCase() === shown.actor.toLowerCase() && (kept.outcome ?? '') === (shown.outcome ?? '') && kept.reason === shown.reason;
}

function restoreReason(restored: readonly TrailEntry[]): string {
  const commands = restored.map((entry) => `${entry.actor}'s /roadmap ${entry.action} of ${entry.at.slice(0, 10)}`);
  const labels = restored.some((entry) => entry.action !== 'outcome') ? ", the label events in the issue's timeline" : '';
  return `the bot's comment no longer held ${restored.length === 1 ? 'this decision' : 'these decisions'}; restored from ${commands.join(', ')}, the bot's 👍 on ${restored.length === 1 ? 'it' : 'them'}${labels}`;
}

function cut(entry: TrailEntry): TrailEntry {
  return withEntry([], entry)[0]!;
}

function sameLabel(label: string | undefined, wanted: string | undefined): boolean {
  return label !== undefined && wanted !== undefined && label.trim().toLowerCase() === wanted.trim().toLowerCase();
}
