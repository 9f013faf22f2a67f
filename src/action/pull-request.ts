/**
 * The two pull-request checks, step by step: read the pull request → load the
 * base branch's policy → the merge gate → the policy preview (when the pull
 * request edits the policy) → comments → report. The base branch's policy
 * judges the change; the pull request's own version is only ever previewed,
 * so a change cannot loosen the rules it is judged by.
 */
import { evaluate } from '../core/evaluate.js';
import type { Evaluation, WorkItem } from '../core/types.js';
import { MERGE_GATE_CONTEXT, type ApplyResult, type Forge } from '../ports/forge.js';
import { describeApplied, describeCounts } from '../ports/describe.js';
import type { PullRequestRead } from '../ports/reads.js';
import type { Runner } from '../ports/runner.js';
import { policyReads, type BodyReads } from '../core/body-reads.js';
import { formatProblem, PolicyError } from '../policy/errors.js';
import { loadPolicy, missingPolicyProblem, type LoadedPolicy } from '../policy/load.js';
import { parsePolicy } from '../policy/normalize.js';
import { stamp as stampLine } from '../report/comment.js';
import { isMarkerLine, MERGE_GATE_MARKER, POLICY_PREVIEW_MARKER } from '../memory/markers.js';
import { judgeWithEvaluation, type GateVerdict } from '../pull-request/gate.js';
import { planGateStatus } from '../pull-request/gate-status.js';
import type { PlannedWrite } from '../plan/types.js';
import { savedStateStore } from '../saved-state/saved-state.js';
import { readLinkedWork } from './linked-work.js';
import { planUncheckedStatus, uncheckedIssues } from './pull-request-statuses.js';
import { gateFailure, renderGateComment, renderGateResolved } from '../pull-request/gate-comment.js';
import { diffPolicies } from '../pull-request/policy-diff.js';
import { renderInvalidPreview, renderNoPolicyChange, renderPolicyPreview } from '../pull-request/preview-comment.js';
import { policyFiles } from '../pull-request/policy-files.js';
import { planStickyComment } from '../pull-request/sticky-comment.js';
import type { EventContext } from './events.js';
import type { ActionInputs } from './inputs.js';
import { annotatePolicyProblems, annotatePolicyWarnings } from './policy-annotations.js';
import type { PullRequestEvent } from './pull-request-event.js';
import { writeReportMarkdown } from './job-summary.js';
import { plural } from '../core/wording.js';
import { escapeText, terminalText } from '../report/escape.js';

export interface PullRequestRun {
  forge: Forge;
  runner: Runner;
  context: EventContext;
  inputs: ActionInputs;
  pullRequest: PullRequestEvent;
  now: Date;
  state: { evaluation?: Evaluation; reportPath: string };
}

/** The preview's outcome: a comment body to keep current, and why the check fails, if it does. */
interface Preview {
  markdown: string;
  /** A new preview comment may be posted (the policy is valid); otherwise only an existing one is kept current. */
  mayCreate: boolean;
  failure?: string;
}

export async function guardPullRequest(run: PullRequestRun): Promise<{ failure?: string; applied: ApplyResult }> {
  const { forge, runner, context, inputs } = run;
  // 1. The pull request: what it closes, what it changes, the bot's comments on it.
  const pr = await forge.readPullRequest(context.repo, run.pullRequest.number);
  const draft = pr.isDraft || run.pullRequest.draft;

  // 2. The rules the change must meet: the base branch's policy, read through the API, never from the checkout.
  const base = await loadBasePolicy(run, pr);
  const stamp = stampLine({ policySources: base.sources, policyUrl: policyUrl(run, base), evaluation: { at: run.now.toISOString() } });

  // 3. The merge gate; it passes nothing it could not check.
  const verdict = await mergeGate(run, pr, base);
  if (verdict instanceof Unchecked) return failUnchecked(run, pr, verdict.what);
  const gateComment = renderGateComment({ verdict, pullRequest: pr, stamp, ...(context.runUrl ? { summaryUrl: context.runUrl } : {}) });

  // 4. The policy preview, when the pull request edits the policy or a file it extends in this repository.
  const touched = pr.files.some((file) => policyFiles(inputs.policyPath, base.sources, context.repo).includes(file));
  const preview = touched ? await previewPolicyChange(run, base, stamp) : undefined;

  // 5. The merge gate's status on the head commit, then the sticky comments: the gate's while it fails (then resolved), the preview's while the policy changes.
  const plan = [...planStatus(run, pr, verdict), ...(mayComment(run, base, draft) ? planComments({ run, pr, verdict, gateComment, preview, stamp }) : [])];
  const applied = await forge.applyWrites(context.repo, plan, { dryRun: inputs.dryRun, maxWrites: inputs.maxWrites, log: runner });
  if (!inputs.dryRun && plan.length) runner.info(describeApplied(applied));

  // 6. The report: the same text as the comments, what was written, and what the run cost.
  run.state.reportPath = await writeReportMarkdown(reportMarkdown({ run, pr, gateComment, preview, plan, applied }), runner);
  const failures = [gateFailure(verdict), preview?.failure].filter((f): f is string => !!f);
  return { ...(failures.length ? { failure: failures.join(' ') } : {}), applied };
}

/** The writes the pull request's status and comments need (planned in pull-request/gate-status.ts and sticky-comment.ts). */
type PullRequestWrites = PlannedWrite[];

/**
 * The status a ruleset requires. A fork's token cannot set it: the job's own
 * check carries the verdict, and the next issue event or audit sets the status.
 */
function planStatus(run: PullRequestRun, pr: PullRequestRead, verdict: GateVerdict): PlannedWrite[] {
  if (run.pullRequest.fromFork) {
    run.runner.notice(`This pull request comes from a fork, whose workflow token cannot set the \`${MERGE_GATE_CONTEXT}\` status: this job's check carries the verdict, and the next issue event or audit sets the status.`);
    return [];
  }
  return planGateStatus({ pullRequest: pr.number, headSha: pr.headSha, verdict, current: pr.gateStatus, ...(run.context.runUrl ? { targetUrl: run.context.runUrl } : {}) });
}

interface Outcome {
  run: PullRequestRun;
  pr: PullRequestRead;
  gateComment: string;
  preview: Preview | undefined;
}

function planComments({ run, pr, verdict, gateComment, preview, stamp }: Outcome & { verdict: GateVerdict; stamp: string }): PullRequestWrites {
  return [
    ...planStickyComment({
      pullRequest: pr.number,
      existing: run.forge.findStickyComment(pr.comments, MERGE_GATE_MARKER),
      body: verdict.passes ? renderGateResolved({ pullRequest: pr, at: run.now.toISOString() }) : gateComment,
      mayCreate: !verdict.passes,
      what: "the merge gate's comment",
    }),
    ...planStickyComment({
      pullRequest: pr.number,
      existing: run.forge.findStickyComment(pr.comments, POLICY_PREVIEW_MARKER),
      body: preview?.markdown ?? renderNoPolicyChange({ policyPath: run.inputs.policyPath, stamp }),
      mayCreate: preview?.mayCreate ?? false,
      what: 'the policy preview',
    }),
  ];
}

function reportMarkdown({ run, pr, gateComment, preview, plan, applied }: Outcome & { plan: PullRequestWrites; applied: ApplyResult }): string {
  const { inputs, forge } = run;
  return [
    `## Roadmap Guard: pull request #${pr.number}`,
    withoutMarkers(gateComment),
    preview ? withoutMarkers(preview.markdown) : '',
    plan.length ? `- **Writes:** ${inputs.dryRun ? `dry run, ${plan.length} not written` : describeApplied(applied)}` : '',
    `- **API requests:** ${describeCounts(forge.counts())}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The base branch's policy. A pull request that adds the first policy is
 * judged against an empty one (nothing fails) and previewed against it, so
 * the reviewer sees what the new policy would find.
 * It is read at the base branch as it is now, not at the payload's
 * `base.sha`: that commit can be the branch's tip when the pull request was
 * opened (reported in github/docs#431), so a policy change merged since would
 * be ignored, and the gate would pass what the merge then breaks; audits read
 * the default branch's policy now too, and both must judge alike.
 */
async function loadBasePolicy(run: PullRequestRun, pr: PullRequestRead): Promise<LoadedPolicy> {
  const { policyPath } = run.inputs;
  try {
    return await loadPolicy(policyPath, policyReader(run, run.pullRequest.baseRef, false));
  } catch (error) {
    const addsFirstPolicy = error instanceof PolicyError && isMissingPolicy(error, policyPath) && pr.files.includes(policyFiles(policyPath, [], run.context.repo)[0]!);
    if (!addsFirstPolicy) throw error;
    run.runner.notice(`The base branch has no roadmap policy yet: this pull request adds ${policyPath}, so nothing is enforced until it merges; the preview shows what it would find.`);
    return { policy: parsePolicy({ version: 1 }), sources: [], warnings: [] };
  }
}

function isMissingPolicy(error: PolicyError, path: string): boolean {
  return error.problems.length === 1 && formatProblem(error.problems[0]!) === formatProblem(missingPolicyProblem(path));
}

/** Reads the linked issues in full and the budgets (from the saved state when it can), and judges the pull request. */
async function mergeGate(run: PullRequestRun, pr: PullRequestRead, base: LoadedPolicy): Promise<GateVerdict | Unchecked> {
  const { forge, runner, context } = run;
  const work = await readLinkedWork(forge, runner, context.repo, pr, base.policy);
  const unchecked = uncheckedIssues(pr, work);
  if (unchecked) return new Unchecked(unchecked);
  // Every open issue narrowly, for the budgets; the linked issues replace their narrow copies.
  const budgetItems = work.linked.length ? await budgetRead(run, base) : [];
  const linkedNumbers = new Set(work.items.map((item) => item.number));
  const items = [...budgetItems.filter((item) => !linkedNumbers.has(item.number)), ...work.items];
  const evaluation = evaluate(base.policy, items, run.now);
  const verdict = judgeWithEvaluation({ evaluation, policy: base.policy, linked: work.linked, ...(work.linking ? { linking: work.linking } : {}) });
  run.state.evaluation = { ...evaluation, findings: verdict.findings, compliant: verdict.passes };
  if (verdict.noLinkedIssue && !verdict.requireLinkedIssue) runner.notice(`Pull request #${pr.number} closes no issue, so there is no planned work to check; it passes.${otherBaseNotice(verdict)}`);
  runner.info(`Merge gate: ${verdict.passes ? 'passes' : 'fails'} (${plural(work.linked.length, 'linked issue')}).`);
  return verdict;
}

/** What the gate could not read of the issues the pull request closes, in words. */
class Unchecked {
  constructor(readonly what: string) {}
}

/**
 * The gate cannot pass what it did not check: the status fails and names
 * what GitHub would not show (never a success left from before), and so does
 * the job.
 */
async function failUnchecked(run: PullRequestRun, pr: PullRequestRead, what: string): Promise<{ failure: string; applied: ApplyResult }> {
  const { forge, runner, context, inputs } = run;
  const target = context.runUrl ? { targetUrl: context.runUrl } : {};
  const plan = run.pullRequest.fromFork ? [] : planUncheckedStatus(pr, what, { target, runner });
  const applied = await forge.applyWrites(context.repo, plan, { dryRun: inputs.dryRun, maxWrites: inputs.maxWrites, log: runner });
  const failure = `GitHub would not show ${what}, which pull request #${pr.number} closes: the merge gate cannot pass what it could not check. Grant the token read access to the issue, or unlink it.`;
  run.state.reportPath = await writeReportMarkdown([`## Roadmap Guard: pull request #${pr.number}`, escapeText(failure, 500), `- **API requests:** ${describeCounts(forge.counts())}`].join('\n\n'), runner);
  return { failure, applied };
}

/** Why a pull request into another branch may close nothing, for the notice. */
function otherBaseNotice(verdict: GateVerdict): string {
  const base = verdict.otherBase;
  if (!base || base.keywordsRead) return '';
  return ` It merges into ${terminalText(base.base, 100)}, not ${terminalText(base.defaultBranch, 100)}: GitHub links closing keywords only for the default branch, so only issues linked under Development count (see pull-requests.keywords-on-other-bases).`;
}

/** Each run's read of the open issues, shared by the merge gate and the preview. */
const openIssueReads = new WeakMap<PullRequestRun, Promise<WorkItem[]>>();

/**
 * The open issues as the base policy reads them (budgets, business case,
 * bets): the audit's saved state and the issues changed since, like an issue
 * event, or every open issue when that state cannot be used. Read once a run.
 */
function budgetRead(run: PullRequestRun, base: LoadedPolicy): Promise<WorkItem[]> {
  let read = openIssueReads.get(run);
  if (!read) {
    read = readOpenIssues(run, base);
    openIssueReads.set(run, read);
  }
  return read;
}

function readOpenIssues(run: PullRequestRun, base: LoadedPolicy): Promise<WorkItem[]> {
  const { forge, runner, context, inputs } = run;
  const dashboardTitle = inputs.dashboardIssue || undefined;
  if (base.policy.work.project) return forge.readBudgetItems(context.repo, base.policy, { dashboardTitle });
  const state = savedStateStore({
    forge,
    repo: context.repo,
    policy: base.policy,
    ...(dashboardTitle ? { dashboardTitle } : {}),
    enabled: inputs.savedState,
    dryRun: inputs.dryRun,
    eventName: context.eventName,
    log: (line) => runner.info(line),
  });
  return state.budgetItems();
}

/** Validates the pull request's version of the policy and, when valid, compares what both versions make of today's planned work. */
async function previewPolicyChange(run: PullRequestRun, base: LoadedPolicy, stamp: string): Promise<Preview> {
  const { context, inputs, runner } = run;
  let head: LoadedPolicy;
  try {
    // The pull request's checkout is untrusted: the reader bounds what it reads, and nothing from it runs.
    head = await loadPolicy(inputs.policyPath, policyReader(run, context.sha, true));
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    annotatePolicyProblems(error, runner);
    const count = error.problems.length;
    return {
      markdown: renderInvalidPreview({ policyPath: inputs.policyPath, problems: count, stamp }),
      mayCreate: false,
      failure: `The roadmap policy in this pull request is invalid (${plural(count, 'problem')}, annotated on the diff).`,
    };
  }
  // The pull request's policy runs as 1.0 would read it; what it should still change is annotated on the diff.
  annotatePolicyWarnings(head.warnings, runner);
  const items = await previewRead(run, base, head);
  const diff = diffPolicies({
    items,
    before: { policy: base.policy, evaluation: evaluate(base.policy, items, run.now) },
    after: { policy: head.policy, evaluation: evaluate(head.policy, items, run.now) },
  });
  runner.info(`Policy preview: ${diff.changed ? 'the change alters budgets, findings or fields' : 'the change alters nothing'} for ${items.length} open issues.`);
  return { markdown: renderPolicyPreview({ diff, policyPath: inputs.policyPath, baseRef: run.pullRequest.baseRef, stamp }), mayCreate: true };
}

/**
 * Today's open issues for the preview. When the changed policy reads nothing
 * of a body the base policy does not, the base policy's read holds all both
 * judge: the saved state's, as for the merge gate, in a few requests at any
 * size. A change that reads new form answers or boxes reads every open issue.
 */
async function previewRead(run: PullRequestRun, base: LoadedPolicy, head: LoadedPolicy): Promise<WorkItem[]> {
  if (readsWithin(policyReads(head.policy), policyReads(base.policy))) return budgetRead(run, base);
  run.runner.info('Policy preview: the change reads form answers or checkboxes the base policy does not, so every open issue is read in full.');
  const { forge, context, inputs } = run;
  const withAssignees = base.policy.businessCase.requireAssignee || head.policy.businessCase.requireAssignee;
  const open = await forge.readIssues(context.repo, { states: ['OPEN'], withBody: true, withComments: false, withAssignees, dashboardTitle: inputs.dashboardIssue || undefined });
  return open.records.map((record) => record.item);
}

function readsWithin(inner: BodyReads, outer: BodyReads): boolean {
  return [...inner.headings].every((heading) => outer.headings.has(heading)) && [...inner.checklist].every((entry) => outer.checklist.has(entry));
}

/** The base branch's files through the API only; the pull request's from its checkout when there is one. */
function policyReader(run: PullRequestRun, atCommit: string | undefined, fromCheckout: boolean) {
  const { forge, runner, context } = run;
  return forge.policyReader({
    repo: context.repo,
    ...(fromCheckout && context.workspace ? { workspace: context.workspace } : {}),
    ...(fromCheckout && context.sha ? { sha: context.sha } : {}),
    ...(atCommit ? { atCommit } : {}),
    onRead: (description) => runner.info(`Policy file (${fromCheckout ? 'pull request' : 'base branch'}): ${description}.`),
  });
}

function policyUrl(run: PullRequestRun, loaded: LoadedPolicy): string {
  const { context } = run;
  return `${context.serverUrl}/${context.repo.owner}/${context.repo.name}/blob/${loaded.commit ?? 'HEAD'}/${run.inputs.policyPath}`;
}

/**
 * Comments need `pull-requests: write`, which a fork's token never has: the
 * comment is skipped with a notice and the job summary carries the report.
 * Draft pull requests are checked but never commented on.
 */
function mayComment(run: PullRequestRun, base: LoadedPolicy, draft: boolean): boolean {
  if (!base.policy.enforcement.comment) return false;
  if (draft) {
    run.runner.info('Draft pull request: checked, but not commented on until it is ready for review.');
    return false;
  }
  if (run.pullRequest.fromFork) {
    run.runner.notice("This pull request comes from a fork, whose workflow token is read-only: Roadmap Guard's comment is skipped; the job summary has the report.");
    return false;
  }
  return true;
}

function withoutMarkers(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !isMarkerLine(line))
    .join('\n')
    .trim();
}
