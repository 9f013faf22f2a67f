/**
 * What the merge gate says: the sticky comment on a pull request that may not
 * merge yet, the note it becomes once the pull request passes, the one line
 * the check shows, and the commit status's description. The same markdown
 * goes into the job summary.
 */
import { COMMENT_MARKER, MERGE_GATE_MARKER } from '../memory/markers.js';
import { MERGE_GATE_CONTEXT } from '../ports/forge.js';
import { renderResolvedComment } from '../report/comment.js';
import { codeSpan, escapeText, safeUrl, terminalText } from '../report/escape.js';
import { itemLink } from '../report/format.js';
import { plural } from '../core/wording.js';
import type { Finding } from '../core/types.js';
import type { GateVerdict, IssueVerdict, Linking } from './gate.js';

/** The most blocking findings listed per issue; the issue's own comment has the rest. */
const MAX_BLOCKERS = 5;

export interface GateCommentInput {
  verdict: GateVerdict;
  pullRequest: { number: number; title: string; url: string };
  /** The last line of the comment, the stamp: which policy and when (see sameText). */
  stamp: string;
  /** The run's page, whose job summary has the budgets; absent outside a workflow run. */
  summaryUrl?: string;
}

export function renderGateComment(input: GateCommentInput): string {
  const { verdict } = input;
  const sections = [`${COMMENT_MARKER}\n${MERGE_GATE_MARKER}`, `**Roadmap Guard:** ${headline(verdict)}`];
  if (verdict.noLinkedIssue && verdict.otherBase) sections.push(otherBaseNote(verdict.otherBase, verdict.requireLinkedIssue));
  if (verdict.noLinkedIssue && verdict.requireLinkedIssue && !verdict.otherBase) {
    sections.push(
      'This repository ties every change to planned work (`pull-requests.require-linked-issue`). Add "Closes #123" to the description, or link the issue under **Development** in the sidebar; the check runs again when the pull request is edited.',
    );
  }
  if (verdict.issues.length) sections.push(verdict.issues.map(issueLines).join('\n'));
  if (verdict.budgetBlockers.length) sections.push(budgetSection(verdict, input.summaryUrl));
  if (!verdict.passes && !verdict.noLinkedIssue) {
    sections.push(
      'The check passes once each blocking issue meets the policy (its own comment lists the fixes) or carries an approved exception. ' +
        `The \`${MERGE_GATE_CONTEXT}\` status follows the issues: it turns green as soon as they are fixed, with no push; this comment is updated on the pull request's next run.`,
    );
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

/** Why a pull request into another branch closes nothing, and how such teams are gated. */
function otherBaseNote(linking: Linking, required: boolean): string {
  const into = `This pull request merges into ${codeSpan(linking.base)}, not the default branch ${codeSpan(linking.defaultBranch)}`;
  if (linking.keywordsRead) return `${into}; its description names no issue of this repository after a closing keyword ("Closes #123").`;
  return (
    `${into}: GitHub links closing keywords ("Closes #123") only for pull requests into the default branch, so only issues linked under **Development** in the sidebar count here.` +
    ` To gate pull requests into other branches by their description too, set \`pull-requests.keywords-on-other-bases: true\` in the policy.${required ? ' Link the issue, then the check runs again when the pull request is edited.' : ''}`
  );
}

function issueLines(verdict: IssueVerdict): string {
  const link = itemLink(verdict.issue, 80);
  if (verdict.status === 'exempt') return `- ${link}: exempt (an approved exception), does not block.`;
  if (verdict.status === 'passes') return `- ${link}: meets the policy.`;
  const fixes = verdict.issue.commentUrl ? safeUrl(verdict.issue.commentUrl) : undefined;
  const why = verdict.blockers.length ? '' : ': its budget is over the cap (below)';
  const lines = [`- ${link}: **blocks the merge**${fixes ? ` ([what to fix](${fixes}))` : ''}${why}`];
  for (const finding of verdict.blockers.slice(0, MAX_BLOCKERS)) lines.push(`  - ${escapeText(finding.message, 300)}`);
  const more = verdict.blockers.length - MAX_BLOCKERS;
  if (more > 0) lines.push(`  - and ${plural(more, 'more finding')}`);
  if (verdict.blockers.length && verdict.overBudget) lines.push('  - and its budget is over the cap (below)');
  return lines.join('\n');
}

/** The budgets over their cap, once: the repository's state, which the pull request's author cannot change alone. */
function budgetSection(verdict: GateVerdict, summaryUrl: string | undefined): string {
  const held = verdict.issues.filter((v) => v.overBudget && v.status === 'blocks').map((v) => `#${v.issue.number}`);
  const summary = summaryUrl ? safeUrl(summaryUrl) : undefined;
  return [
    `**Over budget, repository-wide** (holds up ${held.join(', ')}):`,
    ...verdict.budgetBlockers.map((finding) => `- ${escapeText(finding.message, 300)}`),
    '',
    `Nothing in this pull request changes that. It clears when an approver exempts the issue (\`/roadmap exempt <reason>\` on it), when other ${budgetWords(verdict.budgetBlockers)} work is closed or deferred, or when the policy's cap is changed.${summary ? ` [The run's summary](${summary}).` : ''}`,
  ].join('\n');
}

function budgetWords(findings: readonly Finding[]): string {
  const categories = [...new Set(findings.map((f) => f.category).filter((c): c is string => !!c))];
  return categories.length === 1 ? escapeText(categories[0]!, 40) : 'such';
}

/** The check's one line: why it fails, or undefined when it passes. */
export function gateFailure(verdict: GateVerdict): string | undefined {
  if (verdict.passes) return undefined;
  if (verdict.noLinkedIssue) return `The pull request closes no issue, and the roadmap policy requires every pull request to close one (pull-requests.require-linked-issue).${otherBaseLine(verdict)}`;
  const blocking = verdict.issues.filter((v) => v.status === 'blocks');
  const shown = blocking.slice(0, 3).map((v) => `#${v.issue.number} (${terminalText(v.blockers[0]?.message ?? verdict.budgetBlockers[0]?.message ?? 'fails the policy', 120)})`);
  const more = blocking.length > shown.length ? ` and ${blocking.length - shown.length} more` : '';
  return `The pull request closes ${plural(blocking.length, 'issue')} that ${blocking.length === 1 ? 'does' : 'do'} not meet the roadmap policy: ${shown.join(', ')}${more}. See the pull request comment or the job summary.`;
}

function otherBaseLine(verdict: GateVerdict): string {
  const base = verdict.otherBase;
  if (!base || base.keywordsRead) return '';
  return ` It merges into ${terminalText(base.base, 60)}, not ${terminalText(base.defaultBranch, 60)}, where GitHub ignores closing keywords: link the issue under Development, or set pull-requests.keywords-on-other-bases.`;
}

/** The commit status's description: the verdict in GitHub's 140 characters. */
export function gateStatusDescription(verdict: GateVerdict): string {
  const blocking = verdict.issues.filter((v) => v.status === 'blocks');
  let text: string;
  if (verdict.passes) text = verdict.noLinkedIssue ? 'Closes no issue: nothing to check' : `${plural(verdict.issues.length, 'linked issue')} ${verdict.issues.length === 1 ? 'meets' : 'meet'} the roadmap policy`;
  else if (verdict.noLinkedIssue) text = 'Closes no issue; the policy requires one';
  else text = `Blocked by ${blocking.slice(0, 5).map((v) => `#${v.issue.number}`).join(', ')}${blocking.length > 5 ? ` and ${blocking.length - 5} more` : ''}${verdict.budgetBlockers.length ? ' (over budget)' : ''}`;
  return terminalText(text, 140);
}
