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
  const judged = judgeIssues(input.evaluation, input.linked.map((issue) => issue.number));
  const issues = input.linked.map((issue, index): IssueVerdict & { findings: Finding[] } => ({ issue, ...judged[index]! }));
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

/** The gate's answer for one issue: whether a pull request closing it may merge, and why not. */
export interface IssueJudgement {
  status: IssueVerdict['status'];
  blockers: Finding[];
  /** Every finding that concerns the issue. */
  findings: Finding[];
}

/**
 * The gate's answer for each issue, in order: the merge gate asks it for the
 * issues a pull request closes, the policy preview for every open issue under
 * each version of the policy, so "would block the merge" there is the gate's
 * own answer. Findings are indexed once, so judging every open issue stays linear.
 */
export function judgeIssues(evaluation: Evaluation, numbers: number[]): IssueJudgement[] {
  const roadmapWide: number[] = [];
  const own = new Map<number, number[]>();
  evaluation.findings.forEach((finding, index) => {
    if (!finding.item) roadmapWide.push(index);
    else own.set(finding.item.number, [...(own.get(finding.item.number) ?? []), index]);
  });
  const assessments = new Map(evaluation.items.map((a) => [a.number, a]));
  return numbers.map((number) => {
    // Only an item's own findings and the roadmap-wide ones can concern it; scopeToItem keeps those that do, in the engine's order.
    const candidates = [...roadmapWide, ...(own.get(number) ?? [])].sort((a, b) => a - b).map((index) => evaluation.findings[index]!);
    const assessment = assessments.get(number);
    const scoped = scopeToItem({ ...evaluation, items: assessment ? [assessment] : [], findings: candidates }, number);
    // An exempt item is reported but never blocked, whatever its category's budget says.
    const exempt = assessment?.exempt ?? false;
    const blockers = exempt ? [] : scoped.findings.filter((f) => f.severity === 'fail');
    return { status: exempt ? 'exempt' : blockers.length ? 'blocks' : 'passes', blockers, findings: scoped.findings };
  });
}
