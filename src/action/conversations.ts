/**
 * What each item's comment says about its conversation: the audit trail
 * and the latest reply, read back from the bot's existing comment; on issues
 * something was decided about in this run, the new trail entry and reply.
 */
import { withEntry } from '../report/trail.js';
import { rememberedReply, rememberedTrail } from '../plan/bot-memory.js';
import type { BotComment } from '../plan/types.js';
import type { Conversation } from '../report/conversation.js';
import type { ReportInput } from '../report/types.js';
import { renderWhy } from '../report/why.js';
import type { IssueDecision } from './command.js';

export function conversationsFor(options: {
  existingComments: ReadonlyMap<number, BotComment | null>;
  report: ReportInput;
  decisions: readonly IssueDecision[];
}): (item: number) => Conversation | undefined {
  const { existingComments, report } = options;
  const decided = new Map(options.decisions.map((decision) => [decision.issue, decision]));
  return (item) => {
    const comment = existingComments.get(item);
    const trail = rememberedTrail(comment);
    const made = decided.get(item);
    if (!made) {
      const kept = rememberedReply(comment);
      return trail.length || kept ? { ...(kept ? { reply: kept } : {}), trail } : undefined;
    }
    const { decision, actor } = made;
    const reply = decision.explain ? renderWhy({ ...report, focusItem: item }, actor) : decision.reply;
    const entries = decision.entry ? withEntry(trail, decision.entry) : trail;
    return reply || entries.length ? { ...(reply ? { reply } : {}), trail: entries } : undefined;
  };
}
