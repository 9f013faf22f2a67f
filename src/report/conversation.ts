/**
 * What the bot's one comment says about the conversation on the issue: the
 * answer to the latest `/roadmap` command, and the audit trail of exceptions
 * and outcomes. Kept in the same comment so an issue never gets a second one.
 */
import type { Conversation } from '../memory/conversation.js';
import { replyData } from '../memory/reply.js';
import { trailData, type TrailEntry } from '../memory/trail.js';
import { codeSpan, escapeText } from './escape.js';
import { day } from './format.js';

/** The reply, shown first so the person who asked sees it without scrolling. */
export function replySection(conversation: Conversation | undefined): string {
  return conversation?.reply ? `${conversation.reply}\n${replyData(conversation.reply)}` : '';
}

const WHAT: Record<TrailEntry['action'], string> = {
  exempt: 'exception granted',
  revoke: 'exception revoked',
  expire: 'exception expired',
  'label-removed': 'exemption label removed (not added by an approver)',
  outcome: 'outcome recorded',
  restore: 'record restored from GitHub',
};

const OUTCOME_WORDS = { hit: 'hit', missed: 'missed', 'walked-away': 'walked away' } as const;

/** The audit trail as a table (newest last), with its data in a hidden line. */
export function trailSection(trail: readonly TrailEntry[]): string {
  if (trail.length === 0) return '';
  const rows = trail.map((entry) => {
    const what = entry.action === 'outcome' && entry.outcome ? `${WHAT.outcome}: **${OUTCOME_WORDS[entry.outcome]}**` : WHAT[entry.action];
    return `| ${day(entry.at)} | ${codeSpan(entry.actor)} | ${what} | ${escapeText(entry.reason, 300) || '—'} |`;
  });
  return ['### Decisions', '| When | Who | What | Why / evidence |', '|---|---|---|---|', ...rows, trailData(trail)].join('\n');
}
