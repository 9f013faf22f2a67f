/**
 * The merge gate's verdict, pure: a pull request may merge when every issue
 * it closes meets the roadmap policy with its work counted in the budgets.
 * Exempt issues pass; a pull request that closes nothing passes unless the
 * policy asks for a linked issue. A budget over its cap is the repository's
 * state, not any one issue's: it is stated once, with the issues it holds up.
 *
 * `judgePullRequest(policy, items, linked)` evaluates and judges at once;
 * the action's runs evaluate once and call `judgeWithEvaluation` (one pull
 * request, or every open one), and the policy preview asks `judgeIssues` for
 * every open issue.
 */
import { evaluate } from '../core/evaluate.js';
import { isBudgetFinding } from '../core/finding-kinds.js';
import type { Policy } from '../core/policy.js';
import type { Evaluation, Finding, WorkItem } from '../core/types.js';
import { scopeToItem } from '../plan/scope.js';

export interface LinkedIssue {
  number: number;
  title: string;
  url: string;
  /** The bot's comment on the issue, where its fixes are spelled out; absent when it has none. */
  commentUrl?: string;
}

/** How the pull request's issues were found, when that explains an empty list. */
export interface Linking {
  /** The branch the pull request merges into. */
  base: string;
  /** The repository's default branch: the only base GitHub links closing keywords for. */
  defaultBranch: string;
  /** The description's closing keywords were read by Roadmap Guard itself (`pull-requests.keywords-on-other-bases`). */
  keywordsRead: boolean;
}

export interface IssueVerdict {
  issue: LinkedIssue;
  status: 'blocks' | 'passes' | 'exempt';
  /** The issue's own failing findings (its business case, labels…). */
  blockers: Finding[];
  /** The issue counts toward a budget that is over its cap (`budgetBlockers`). */
  overBudget: boolean;
}

export interface GateVerdict {
  passes: boolean;
  issues: IssueVerdict[];
  /** The failing budget findings that hold up a linked issue: repository-wide, stated once. */
  budgetBlockers: Finding[];
  /** The pull request closes no issue of this repository. */
  noLinkedIssue: boolean;
  /** The policy asks every pull request to close an issue (`pull-requests.require-linked-issue`). */
  requireLinkedIssue: boolean;
  /** Set when the pull request merges into another branch than the default one. */
  otherBase?: Linking;
  /** Every finding about the linked issues, for the outputs. */
  findings: Finding[];
}

export interface GateInput {
  policy: Policy;
  /** Every open issue (budgets need them all), with the linked issues read in full. */
  items: WorkItem[];
  linked: LinkedIssue[];
  now: Date | string;
  linking?: Linking;
}

export function judgePullRequest(input: GateInput): GateVerdict {
  return judgeWithEvaluation({ evaluation: evaluate(input.policy, input.items, input.now), policy: input.policy, linked: input.linked, ...(input.linking ? { linking: input.linking } : {}) });
}

export function judgeWithEvaluation(input: { evaluation: Evaluation; policy: Policy; linked: LinkedIssue[]; linking?: Linking }): GateVerdict {
  const { evaluation } = input;
  const requireLinkedIssue = input.policy.pullRequests.requireLinkedIssue;
  const judgements = judgeIssues(evaluation, input.linked.map((issue) => issue.number));
  const judged = input.linked.map((issue, index) => separateBudget(issue, judgements[index]!));
  const noLinkedIssue = input.linked.length === 0;
  const budgetBlockers = [...new Set(judged.flatMap((verdict) => verdict.budget))];
  const findings = [...new Set(judged.flatMap((verdict) => verdict.findings))];
  const otherBase = input.linking && input.linking.base !== input.linking.defaultBranch ? input.linking : undefined;
  return {
    passes: judged.every((verdict) => verdict.status !== 'blocks') && !(noLinkedIssue && requireLinkedIssue),
    issues: judged.map(({ issue, status, blockers, overBudget }) => ({ issue, status, blockers, overBudget })),
    budgetBlockers,
    noLinkedIssue,
    requireLinkedIssue,
    ...(otherBase ? { otherBase } : {}),
    findings,
  };
}

/** A budget over its cap holds up the issue, but it is the repository's state: the verdict states it once, apart from the issue's own blockers. */
function separateBudget(issue: LinkedIssue, judgement: IssueJudgement): IssueVerdict & { findings: Finding[]; budget: Finding[] } {
  const budget = judgement.blockers.filter((f) => !f.item && isBudgetFinding(f));
  const blockers = judgement.blockers.filter((f) => !budget.includes(f));
  return { issue, status: judgement.status, blockers, overBudget: budget.length > 0, findings: judgement.findings, budget };
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
