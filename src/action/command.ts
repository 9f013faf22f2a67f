/**
 * A `/roadmap` command in an issue-mode run: settle whether the commenter is
 * an approver (from GitHub, only when the command needs it), decide, and
 * hand the run the issue as it will be once the command's labels are
 * written, so the evaluation, comment and labels all agree with it.
 */
import { checkApprover, type ApproverCheck } from '../commands/approvers.js';
import { decide, needsApprover, type Decision } from '../commands/decide.js';
import type { CommandRequest } from '../commands/parse.js';
import type { WorkItem } from '../core/types.js';
import type { GitHubClient } from '../github/client.js';
import type { PlannedWrite } from '../github/plan.js';
import type { RepoRef } from '../github/read.js';
import { teamMembership } from '../github/teams.js';
import type { Policy } from '../policy/schema.js';
import type { Gathered } from './gather.js';

export interface CommandRun {
  request: CommandRequest;
  decision: Decision;
  /** The command's own label writes, made before the run's usual ones. */
  labelWrites: PlannedWrite[];
  /** 👍 or 😕 on the command comment, made last, once everything else was. */
  reaction: PlannedWrite;
  /** What was read, with the command's label changes applied to the issue. */
  gathered: Gathered;
}

export interface CommandOptions {
  client: GitHubClient;
  repo: RepoRef;
  policy: Policy;
  request: CommandRequest;
  gathered: Gathered;
  now: Date;
  warn: (message: string) => void;
}

export async function runCommand(options: CommandOptions): Promise<CommandRun> {
  const { policy, request, gathered } = options;
  const item = gathered.syncItems[0]!;
  const approver = needsApprover(request) ? await approverCheck(options) : undefined;
  const exemptLabel = policy.exemptions?.label.toLowerCase();
  const otherOpenExemptions = exemptLabel
    ? gathered.items.filter((other) => other.number !== item.number && other.state === 'open' && other.labels.some((l) => l.toLowerCase() === exemptLabel)).map((other) => other.number)
    : [];
  const decision = decide({ policy, request, item, ...(approver ? { approver } : {}), otherOpenExemptions, now: options.now.toISOString() });
  const number = item.number;
  const labelWrites: PlannedWrite[] = [
    ...(decision.addLabels.length ? [{ kind: 'add-labels' as const, issue: number, labels: decision.addLabels, description: `add label ${decision.addLabels.join(', ')} to #${number} (${request.command.name} by ${request.actor})` }] : []),
    ...decision.removeLabels.map((label) => ({ kind: 'remove-label' as const, issue: number, label, description: `remove label ${label} from #${number} (${request.command.name} by ${request.actor})` })),
  ];
  const content = decision.status === 'done' ? '+1' : 'confused';
  return {
    request,
    decision,
    labelWrites,
    reaction: { kind: 'add-reaction', issue: number, commentId: request.commentId, content, description: `react ${content === '+1' ? '👍' : '😕'} to the /roadmap ${request.command.name} comment on #${number}` },
    gathered: withLabels(gathered, relabeled(item, decision)),
  };
}

async function approverCheck(options: CommandOptions): Promise<ApproverCheck> {
  const { client, request } = options;
  const check = await checkApprover(options.policy.exemptions?.approvers ?? [], request.actor, (org, slug, login) => teamMembership(client, org, slug, login));
  for (const team of check.unreadableTeams) {
    options.warn(`Could not read the members of ${team}: the token needs permission to read organization members (GITHUB_TOKEN cannot). The team was treated as not matching ${request.actor}.`);
  }
  return check;
}

function relabeled(item: WorkItem, decision: Decision): WorkItem {
  const removed = new Set(decision.removeLabels.map((label) => label.toLowerCase()));
  return { ...item, labels: [...item.labels.filter((label) => !removed.has(label.toLowerCase())), ...decision.addLabels] };
}

function withLabels(gathered: Gathered, item: WorkItem): Gathered {
  const swap = (items: WorkItem[]) => items.map((other) => (other.number === item.number ? item : other));
  return { ...gathered, items: swap(gathered.items), syncItems: swap(gathered.syncItems) };
}
