/**
 * The merge gate's status follows its issues. A fixed business case, an
 * approver's exemption, another deal closed, or a new deal pushing its
 * category over budget starts no `pull_request` run; the issue event or audit
 * that sees the change judges the open pull requests into the default branch
 * again, with the issues as this run leaves them, and sets the status of each
 * whose verdict changed on its head commit.
 *
 * Only in a repository that uses the status: one whose open pull requests
 * already carry it (the merge gate's workflow sets it on every run). A token
 * without `pull-requests: read` cannot list pull requests: the run says so
 * in its log and goes on with its issues.
 *
 * Each pull request is judged on its own: one that closes an issue GitHub
 * would not show gets a failing status that says which (never a stale
 * success), with a warning; an issue deleted since it was linked cannot be
 * closed, so its pull request is judged on the rest; the others as usual.
 */
import { evaluate } from '../core/evaluate.js';
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import { plural } from '../core/wording.js';
import { terminalText } from '../report/escape.js';
import { MERGE_GATE_CONTEXT, STATUS_DESCRIPTION_LIMIT, type Forge } from '../ports/forge.js';
import type { OpenPullRequest } from '../ports/reads.js';
import { getErrorMessage } from '../ports/errors.js';
import type { Runner } from '../ports/runner.js';
import type { PlannedWrite } from '../plan/types.js';
import { judgeWithEvaluation } from '../pull-request/gate.js';
import { planGateStatus } from '../pull-request/gate-status.js';
import type { EventContext } from './events.js';
import { goneNotice, readLinkedWork, unreadableList, type LinkedWork } from './linked-work.js';

export interface StatusSyncInput {
  forge: Forge;
  runner: Runner;
  context: EventContext;
  policy: Policy;
  /** The open issues the run evaluates, as its decisions leave them. */
  items: WorkItem[];
  /** The issues among them the run read in full (the event's issue; every one in an audit): they stand for themselves. */
  fullItems: WorkItem[];
  now: Date;
  /** Also says a warning in the job summary's run problems. */
  note?: (message: string) => void;
}

export async function planPullRequestStatuses(input: StatusSyncInput): Promise<PlannedWrite[]> {
  const { forge, runner, context, policy } = input;
  const open = await openPullRequests(forge, runner, context);
  if (!open) return [];
  if (!open.some((pr) => pr.gateStatus)) {
    if (open.length) runner.info(`Merge gate: no open pull request carries the \`${MERGE_GATE_CONTEXT}\` status, so there is none to keep current.`);
    return [];
  }
  // A pull request into another branch is judged by that branch's policy, in its own runs.
  const gated = open.filter((pr) => pr.defaultBranch === undefined || pr.baseRef === pr.defaultBranch);
  const known = await forge.readLinkedIssues(gated.flatMap((pr) => pr.closes));
  const works: LinkedWork[] = [];
  for (const pr of gated) works.push(await readLinkedWork(forge, runner, context.repo, pr, policy, { known, quiet: true }));
  const evaluation = evaluate(policy, withLinkedIssues(input, [...known.read.values()].map((issue) => issue.item)), input.now);
  const target = context.runUrl ? { targetUrl: context.runUrl } : {};
  const writes = gated.flatMap((pr, index) => {
    const work = works[index]!;
    if (work.gone.length) runner.info(goneNotice(pr.number, work.gone));
    const unchecked = uncheckedIssues(pr, work);
    if (unchecked) return planUncheckedStatus(pr, unchecked, { target, runner, ...(input.note ? { note: input.note } : {}) });
    const verdict = judgeWithEvaluation({ evaluation, policy, linked: work.linked, ...(work.linking ? { linking: work.linking } : {}) });
    return planGateStatus({ pullRequest: pr.number, headSha: pr.headSha, verdict, current: pr.gateStatus, ...target });
  });
  runner.info(`Merge gate: ${plural(gated.length, 'open pull request')} judged again; ${plural(writes.length, 'status')} to update.`);
  return writes;
}

/** What GitHub would not show of the issues the pull request closes, in words; undefined when it showed them all. */
export function uncheckedIssues(pr: { hiddenReferences: readonly string[] }, work: Pick<LinkedWork, 'unreadable'>): string | undefined {
  const hidden = pr.hiddenReferences.length ? [`${plural(pr.hiddenReferences.length, 'closing reference')} (${[...new Set(pr.hiddenReferences)].join(', ')})`] : [];
  const unread = work.unreadable.length ? [unreadableList(work.unreadable)] : [];
  const parts = [...unread, ...hidden];
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * The gate cannot pass what it did not check: a failing status that names
 * what GitHub would not show, in place of whatever the commit carried, and a
 * warning in the run's log and summary.
 */
export function planUncheckedStatus(
  pr: Pick<OpenPullRequest, 'number' | 'headSha' | 'gateStatus'>,
  unchecked: string,
  options: { target: { targetUrl?: string }; runner: Pick<Runner, 'warning'>; note?: (message: string) => void },
): PlannedWrite[] {
  const { target, runner } = options;
  const statusDescription = terminalText(`Not checked: GitHub would not show ${unchecked}`, STATUS_DESCRIPTION_LIMIT);
  const warning = `Merge gate: pull request #${pr.number} closes issues GitHub would not show this token (${unchecked}), so it was not checked and its \`${MERGE_GATE_CONTEXT}\` status fails. Grant the token read access to them, or unlink them (docs/pull-requests.md).`;
  runner.warning(warning);
  options.note?.(warning);
  if (pr.gateStatus?.state === 'failure' && pr.gateStatus.description === statusDescription) return [];
  return [
    {
      kind: 'set-status',
      issue: pr.number,
      sha: pr.headSha,
      state: 'failure',
      statusDescription,
      ...target,
      description: `set the merge gate's status on pull request #${pr.number} to failure (${statusDescription})`,
    },
  ];
}

/** The open pull requests; undefined when the token may not list them. */
async function openPullRequests(forge: Forge, runner: Runner, context: EventContext): Promise<OpenPullRequest[] | undefined> {
  try {
    return await forge.readOpenPullRequests(context.repo);
  } catch (error) {
    if (!/not accessible by integration|FORBIDDEN/i.test(getErrorMessage(error))) throw error;
    runner.info(
      `Merge gate: the token may not list pull requests (\`pull-requests: read\`), so their \`${MERGE_GATE_CONTEXT}\` status was not brought up to date with this run's issues. Grant \`pull-requests: read\` and \`statuses: write\` to keep it current (docs/pull-requests.md).`,
    );
    return undefined;
  }
}

/** The run's open issues with the linked issues' full reads in place of narrow copies; what the run read in full stays. */
function withLinkedIssues(input: StatusSyncInput, linked: WorkItem[]): WorkItem[] {
  const full = new Set(input.fullItems.map((item) => item.number));
  const fresh = new Map(linked.filter((item) => !full.has(item.number)).map((item) => [item.number, item]));
  const held = new Set(input.items.map((item) => item.number));
  return [...input.items.map((item) => fresh.get(item.number) ?? item), ...[...fresh.values()].filter((item) => !held.has(item.number))];
}
