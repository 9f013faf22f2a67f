/**
 * What went wrong with the run itself, said before anything else in the job
 * summary: a refused write means the bot is not labelling or commenting, and
 * a lead reading budgets two screens down would never know. Each problem
 * comes with what to do about it, and problems with the same fix share it.
 */
import { formatNumber, plural } from '../core/wording.js';
import { escapeText } from './escape.js';
import type { RunFacts, WriteFailureCause } from './types.js';

/** Failed writes named per fix before "and N more". */
const MAX_NAMED = 3;
/** Below this many requests left, the next runs may stop early: worth saying at the top. */
export const LOW_RATE_LIMIT = 100;

const PERMISSION_FIX =
  'Give the job the write permission under `permissions:` (`issues: write`; for the merge gate `pull-requests: write` and `statuses: write`), ' +
  'and check that Settings → Actions → General → Workflow permissions does not keep the token read-only.';
const RATE_LIMIT_FIX = 'Nothing to change now: the next run does the rest. If it keeps happening, run audits less often or lower `max-writes`.';
const LOCKED_FIX = 'Unlock the issue if it should be checked; the other writes were made.';
const RETRY_FIX = 'The next run tries again; the step log has the full response.';

/** The fix for a write GitHub refused, chosen by its cause as GitHub gave it: a status, a GraphQL error type, never the wording of a message. */
function fixFor(cause: WriteFailureCause | undefined): string {
  if (cause?.permission) return `Give the job \`${cause.permission}: write\` under \`permissions:\`, and check that Settings → Actions → General → Workflow permissions does not keep the token read-only.`;
  if (cause?.rateLimited || cause?.status === 429 || cause?.graphqlType === 'RATE_LIMITED') return RATE_LIMIT_FIX;
  if (cause?.locked) return LOCKED_FIX;
  if (cause?.status === 403 || cause?.graphqlType === 'FORBIDDEN') return PERMISSION_FIX;
  return RETRY_FIX;
}

/** The run's problems as one short block, or '' when there are none. */
export function runProblemsSection(run: RunFacts | undefined): string {
  if (!run) return '';
  const lines = [...failedWriteLines(run.writes.failed), ...noteLines(run.notes ?? []), ...rateLimitLines(run.rateLimitRemaining)];
  if (lines.length === 0) return '';
  return [`**⚠ This run could not do everything it should.** Fix this first: until then the check's labels and comments are incomplete.`, lines.join('\n')].join('\n\n');
}

/** One line per fix: how many writes failed, the first few named, then the fix. */
function failedWriteLines(failed: RunFacts['writes']['failed']): string[] {
  const byFix = new Map<string, RunFacts['writes']['failed']>();
  for (const write of failed) {
    const fix = fixFor(write.cause);
    byFix.set(fix, [...(byFix.get(fix) ?? []), write]);
  }
  return [...byFix].map(([fix, writes]) => {
    const named = writes.slice(0, MAX_NAMED).map((w) => `${escapeText(w.description, 120)} (${escapeText(firstLine(w.reason), 160)})`);
    const rest = writes.length - named.length;
    const list = named.join('; ') + (rest > 0 ? `; and ${formatNumber(rest)} more` : '');
    return `- **${plural(writes.length, 'write')} failed:** ${list}.\n  **Fix:** ${fix}`;
  });
}

function noteLines(notes: string[]): string[] {
  const shown = notes.slice(0, MAX_NAMED).map((note) => `- **Could not check, or undid:** ${escapeText(note, 300)}`);
  if (notes.length > MAX_NAMED) shown.push(`- …and ${formatNumber(notes.length - MAX_NAMED)} more in the step log`);
  return shown;
}

function rateLimitLines(remaining: number | undefined): string[] {
  if (remaining === undefined || remaining >= LOW_RATE_LIMIT) return [];
  return [`- **Rate limit nearly used up:** ${formatNumber(remaining)} requests left for this token.\n  **Fix:** ${RATE_LIMIT_FIX}`];
}

/** GitHub's reasons can run to several lines (a workflow snippet): the first says what happened. */
function firstLine(reason: string): string {
  return reason.split('\n')[0] ?? reason;
}

