/**
 * The merge gate's verdict, pure: a pull request may merge when every issue
 * it closes meets the roadmap policy with its work counted in the budgets.
 * Exempt issues pass; a pull request that closes nothing passes unless the
 * policy asks for a linked issue.
 */
import { scopeToItem } from '../plan/scope.js';
import type { Evaluation, Finding } from '../core/types.js';

export interface LinkedIssue {
  number: number;
  title: string;
  url: string;
  /** The bot's comment on the issue, where its fixes are spelled out; absent when it has none. */
  commentUrl?: string;
}

export interface IssueVerdict {
  issue: LinkedIssue;
  status: 'blocks' | 'passes' | 'exempt';
  /** The failing findings that concern the issue: its own and its category's or customer's budget. */
  blockers: Finding[];
}

export interface GateVerdict {
  passes: boolean;
  issues: IssueVerdict[];
  /** The pull request closes no issue of this repository. */
  noLinkedIssue: boolean;
  /** The policy asks every pull request to close an issue (`pull-requests.require-linked-issue`). */
  requireLinkedIssue: boolean;
  /** Every finding about the linked issues, for the outputs. */
  findings: Finding[];
}

export function judgePullRequest(input: { evaluation: Evaluation; linked: LinkedIssue[]; requireLinkedIssue: boolean }): GateVerdict {
  const issues = input.linked.map((issue): IssueVerdict & { findings: Finding[] } => {
    const scoped = scopeToItem(input.evaluation, issue.number);
    const exempt = input.evaluation.items.find((a) => a.number === issue.number)?.exempt ?? false;
    // An exempt item is reported but never blocked, whatever its category's budget says.
    const blockers = exempt ? [] : scoped.findings.filter((f) => f.severity === 'fail');
    return { issue, status: exempt ? 'exempt' : blockers.length ? 'blocks' : 'passes', blockers, findings: scoped.findings };
  });
  const noLinkedIssue = input.linked.length === 0;
  const findings = [...new Set(issues.flatMap((verdict) => verdict.findings))];
  return {
    passes: issues.every((verdict) => verdict.status !== 'blocks') && !(noLinkedIssue && input.requireLinkedIssue),
    issues: issues.map(({ issue, status, blockers }) => ({ issue, status, blockers })),
    noLinkedIssue,
    requireLinkedIssue: input.requireLinkedIssue,
    findings,
  };
}
