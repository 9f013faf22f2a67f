/**
 * The conversation on an issue the bot's one comment carries: the answer to
 * the latest `/roadmap` command and the audit trail of exceptions and
 * outcomes (report/conversation.ts renders them, with their hidden lines).
 */
import type { TrailEntry } from './trail.js';

export interface Conversation {
  /** The answer to the command that triggered this run, as markdown we wrote (untrusted parts escaped). */
  reply?: string;
  trail: TrailEntry[];
}

export function hasConversation(conversation: Conversation | undefined): conversation is Conversation {
  return !!conversation && (!!conversation.reply || conversation.trail.length > 0);
}
