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

/**
 * The audit trail, newest last, with its data in a hidden line. A list, not a
 * table: a table gives its narrow columns no more than their narrowest width
 * once the evidence beside them is long, and at 900 px GitHub broke dates and
 * logins at their hyphens ("2026-11-/03", "lead-/lena"). GitHub's sanitizer
 * strips `style` and `<nobr>`; it keeps `nowrap` on a cell (html-pipeline's
 * SanitizationFilter allowlist, which GitHub published), but that does not
 * reach a login in a code span, whose CSS on github.com is
 * `white-space: break-spaces`, and an HTML table would not render the
 * markdown of the evidence. Each entry starts with its date and login, so
 * both sit on its first line at any width a comment has
 * (`scripts/measure-screens.mjs --unbroken` checks it), and both copy exactly.
 */
export function trailSection(trail: readonly TrailEntry[]): string {
  if (trail.length === 0) return '';
  const entries = trail.map((entry) => {
    const what = entry.action === 'outcome' && entry.outcome ? `${WHAT.outcome}: **${OUTCOME_WORDS[entry.outcome]}**` : WHAT[entry.action];
    const why = escapeText(entry.reason, 300);
    return `- **${day(entry.at)}** · ${codeSpan(entry.actor)} · ${what}${why ? ` — ${why}` : ''}`;
  });
  return ['### Decisions', ...entries, trailData(trail)].join('\n');
}
