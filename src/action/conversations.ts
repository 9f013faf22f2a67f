/**
 * What each item's comment says about its conversation: the audit trail
 * and the latest reply, read back from the bot's existing comment; on issues
 * something was decided about in this run, the new trail entry and reply.
 */
import { withEntry, type TrailEntry } from '../memory/trail.js';
import { rememberedReply, rememberedTrail } from '../memory/remembered.js';
import type { BotComment } from '../plan/types.js';
import type { Conversation } from '../memory/conversation.js';
import type { ReportInput } from '../report/types.js';
import { renderWhy } from '../report/why.js';
import type { Decided, IssueDecision } from './command.js';
import type { Decision } from '../commands/decide.js';
import type { ExemptionRecords } from '../report/exemption-records.js';

export function conversationsFor(options: {
  existingComments: ReadonlyMap<number, BotComment | null>;
  report: ReportInput;
  decisions: readonly IssueDecision[];
  /** The record of the issues whose facts were read (the bot's trail completed from GitHub's own); the bot's comment for the rest. */
  trails?: ReadonlyMap<number, TrailEntry[]>;
}): (item: number) => Conversation | undefined {
  const { existingComments, report } = options;
  const decided = new Map(options.decisions.map((decision) => [decision.issue, decision]));
  return (item) => {
    const comment = existingComments.get(item);
    const trail = options.trails?.get(item) ?? rememberedTrail(comment);
    const made = decided.get(item);
    if (!made) {
      const kept = rememberedReply(comment);
      return trail.length || kept ? { ...(kept ? { reply: kept } : {}), trail } : undefined;
    }
    const { decision, actor } = made;
    const reply = decision.explain ? renderWhy({ ...report, focusItem: item }, actor) : decision.reply;
    const entries = trailAfter(trail, decision);
    return reply || entries.length ? { ...(reply ? { reply } : {}), trail: entries } : undefined;
  };
}

/** The trail once this run's decision about the issue is recorded. */
function trailAfter(trail: TrailEntry[], decision: Decision | undefined): TrailEntry[] {
  return decision?.entry ? withEntry(trail, decision.entry) : trail;
}

/** The job summary's view of the same record: each exempt issue's trail as its comment will show it, and the grants nothing proves. */
export function exemptionRecordsOf(decided: Pick<Decided, 'trails' | 'decisions'>): ExemptionRecords | undefined {
  if (!decided.trails) return undefined;
  const byIssue = new Map(decided.decisions.map(({ issue, decision }) => [issue, decision]));
  return {
    trails: [...decided.trails].map(([issue, trail]) => ({ issue, trail: trailAfter(trail, byIssue.get(issue)) })),
    unproven: decided.decisions.filter(({ decision }) => decision.unproven).map(({ issue }) => issue),
  };
}
