/**
 * What each item's comment says about its conversation: the audit trail
 * read back from the bot's existing comment, plus, on issues something was
 * decided about in this run, the new trail entry and the reply.
 */
import { readTrail, withEntry } from '../commands/trail.js';
import type { BotComment } from '../github/work-items.js';
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
    const trail = readTrail(existingComments.get(item)?.body);
    const made = decided.get(item);
    if (!made) return trail.length ? { trail } : undefined;
    const { decision, actor } = made;
    const reply = decision.explain ? renderWhy({ ...report, focusItem: item }, actor) : decision.reply;
    const entries = decision.entry ? withEntry(trail, decision.entry) : trail;
    return reply || entries.length ? { ...(reply ? { reply } : {}), trail: entries } : undefined;
  };
}
