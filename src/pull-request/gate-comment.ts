/**
 * What the merge gate says: the sticky comment on a pull request that may not
 * merge yet, the note it becomes once the pull request passes, and the one
 * line the check shows. The same markdown goes into the job summary.
 */
import { COMMENT_MARKER, MERGE_GATE_MARKER } from '../report/markers.js';
import { renderResolvedComment } from '../report/comment.js';
import { escapeText, safeUrl, terminalText } from '../report/escape.js';
import { itemLink } from '../report/format.js';
import { plural } from '../core/wording.js';
import type { GateVerdict, IssueVerdict } from './gate.js';

/** The most blocking findings listed per issue; the issue's own comment has the rest. */
const MAX_BLOCKERS = 5;

export interface GateCommentInput {
  verdict: GateVerdict;
  pullRequest: { number: number; title: string; url: string };
  /** The last line of the comment, the stamp: which policy and when (see sameText). */
  stamp: string;
}

export function renderGateComment(input: GateCommentInput): string {
  const { verdict } = input;
  const sections = [`${COMMENT_MARKER}\n${MERGE_GATE_MARKER}`, `**Roadmap Guard:** ${headline(verdict)}`];
  if (verdict.noLinkedIssue && verdict.requireLinkedIssue) {
    sections.push(
      'This repository ties every change to planned work (`pull-requests.require-linked-issue`). Add "Closes #123" to the description, or link the issue under **Development** in the sidebar; the check runs again when the pull request is edited.',
    );
  }
  if (verdict.issues.length) sections.push(verdict.issues.map(issueLines).join('\n'));
  if (!verdict.passes && !verdict.noLinkedIssue) {
    sections.push('The check passes once each blocking issue meets the policy (its own comment lists the fixes) or carries an approved exception. This comment updates as the pull request and its issues change.');
  }
  sections.push(input.stamp);
  return sections.join('\n\n') + '\n';
}

/** The short note the comment becomes once the pull request passes; never deleted. */
export function renderGateResolved(input: { pullRequest: { number: number; title: string; url: string }; at: string }): string {
  return `${MERGE_GATE_MARKER}\n${renderResolvedComment({ item: input.pullRequest, at: input.at })}`;
}

/** One sentence on the whole pull request. */
function headline(verdict: GateVerdict): string {
  if (verdict.noLinkedIssue) {
    return verdict.requireLinkedIssue ? "this pull request can't merge yet: it closes no issue." : 'this pull request closes no issue, so there is no planned work to check.';
  }
  const blocking = verdict.issues.filter((v) => v.status === 'blocks').length;
  const closes = `it closes ${plural(verdict.issues.length, 'issue')}`;
  if (blocking === 0) return `this pull request meets the roadmap policy: ${closes}, and none is blocked.`;
  return `this pull request can't merge yet: ${closes}, and ${blocking} of them ${blocking === 1 ? "doesn't" : "don't"} meet the roadmap policy.`;
}

function issueLines(verdict: IssueVerdict): string {
  const link = itemLink(verdict.issue, 80);
  if (verdict.status === 'exempt') return `- ${link}: exempt (an approved exception), does not block.`;
  if (verdict.status === 'passes') return `- ${link}: meets the policy.`;
  const fixes = verdict.issue.commentUrl ? safeUrl(verdict.issue.commentUrl) : undefined;
  const lines = [`- ${link}: **blocks the merge**${fixes ? ` ([what to fix](${fixes}))` : ''}`];
  for (const finding of verdict.blockers.slice(0, MAX_BLOCKERS)) lines.push(`  - ${escapeText(finding.message, 300)}`);
  const more = verdict.blockers.length - MAX_BLOCKERS;
  if (more > 0) lines.push(`  - and ${plural(more, 'more finding')}`);
  return lines.join('\n');
}

/** The check's one line: why it fails, or undefined when it passes. */
export function gateFailure(verdict: GateVerdict): string | undefined {
  if (verdict.passes) return undefined;
  if (verdict.noLinkedIssue) return 'The pull request closes no issue, and the roadmap policy requires every pull request to close one (pull-requests.require-linked-issue).';
  const blocking = verdict.issues.filter((v) => v.status === 'blocks');
  const shown = blocking.slice(0, 3).map((v) => `#${v.issue.number} (${terminalText(v.blockers[0]?.message ?? 'fails the policy', 120)})`);
  const more = blocking.length > shown.length ? ` and ${blocking.length - shown.length} more` : '';
  return `The pull request closes ${plural(blocking.length, 'issue')} that ${blocking.length === 1 ? 'does' : 'do'} not meet the roadmap policy: ${shown.join(', ')}${more}. See the pull request comment or the job summary.`;
}
