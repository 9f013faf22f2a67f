/**
 * What each item's comment says about its conversation: the audit trail
 * read back from the bot's existing comment, plus, on the issue a command
 * was given on, the new trail entry and the reply.
 */
import { readTrail, withEntry } from '../commands/trail.js';
import type { BotComment } from '../github/work-items.js';
import type { Conversation } from '../report/conversation.js';
import type { ReportInput } from '../report/types.js';
import { renderWhy } from '../report/why.js';
import type { CommandRun } from './command.js';

export function conversationsFor(options: {
  existingComments: ReadonlyMap<number, BotComment | null>;
  report: ReportInput;
  command?: CommandRun;
}): (item: number) => Conversation | undefined {
  const { existingComments, report, command } = options;
  return (item) => {
    const trail = readTrail(existingComments.get(item)?.body);
    if (!command || item !== command.gathered.syncItems[0]?.number) return trail.length ? { trail } : undefined;
    const { decision, request } = command;
    const reply = decision.explain ? renderWhy({ ...report, focusItem: item }, request.actor) : decision.reply;
    return { ...(reply ? { reply } : {}), trail: decision.entry ? withEntry(trail, decision.entry) : trail };
  };
}
