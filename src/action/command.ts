/**
 * Decisions about exceptions and outcomes inside a run: a `/roadmap`
 * command, an exemption label added by hand, exceptions that lapsed. Each
 * is decided as data first; the run then sees the issues as the decisions
 * leave them, so the evaluation, comment and labels all agree with them.
 */
import { checkApprover, type ApproverCheck } from '../commands/approvers.js';
import { decide, needsApprover, type Decision } from '../commands/decide.js';
import { decideExpiry, decideHandLabel, type LabelAdded } from '../commands/exemption-label.js';
import type { CommandRequest } from '../commands/parse.js';
import { grantedAt } from '../report/trail.js';
import { rememberedTrail } from '../plan/bot-memory.js';
import { lastAddedBy } from '../github/label-history.js';
import type { WorkItem } from '../core/types.js';
import type { GitHubClient } from '../github/client.js';
import type { PlannedWrite } from '../plan/types.js';
import type { RepoRef } from '../github/read.js';
import { teamMembership } from '../github/teams.js';
import type { Policy } from '../core/policy.js';
import type { Gathered } from './gather.js';

/** One decision about one issue, and who it is attributed to. */
export interface IssueDecision {
  issue: number;
  actor: string;
  decision: Decision;
}

export interface Decided {
  decisions: IssueDecision[];
  /** The decisions' own label writes, made before the run's usual ones. */
  labelWrites: PlannedWrite[];
  /** A command's 👍 or 😕, made last, once everything else was. */
  reaction?: PlannedWrite;
  /** What was read, with the decisions' label changes applied. */
  gathered: Gathered;
}

interface DecideOptions {
  client: GitHubClient;
  repo: RepoRef;
  policy: Policy;
  gathered: Gathered;
  now: Date;
  warn: (message: string) => void;
}

export async function runCommand(options: DecideOptions & { request: CommandRequest }): Promise<Decided> {
  const { policy, request, gathered } = options;
  const item = gathered.syncItems[0]!;
  const approver = needsApprover(request) ? await approverCheck(options, request.actor) : undefined;
  const exemptLabel = policy.exemptions?.label.toLowerCase();
  const otherOpenExemptions = exemptLabel
    ? gathered.items.filter((other) => other.number !== item.number && other.state === 'open' && other.labels.some((l) => l.toLowerCase() === exemptLabel)).map((other) => other.number)
    : [];
  const decision = decide({ policy, request, item, ...(approver ? { approver } : {}), otherOpenExemptions, now: options.now.toISOString() });
  const content = decision.status === 'done' ? '+1' : 'confused';
  return {
    ...applied(gathered, [{ issue: item.number, actor: request.actor, decision }], `${request.command.name} by ${request.actor}`),
    reaction: { kind: 'add-reaction', issue: item.number, commentId: request.commentId, content, description: `react ${content === '+1' ? '👍' : '😕'} to the /roadmap ${request.command.name} comment on #${item.number}` },
  };
}

/** `issues.labeled` with the exemption label: kept when an approver (or a recorded grant) stands behind it, removed otherwise. */
export async function checkHandLabel(options: DecideOptions & { added: LabelAdded }): Promise<Decided> {
  const { policy, gathered, added } = options;
  const item = gathered.syncItems[0]!;
  const trail = trailOf(gathered, item.number);
  const approver: ApproverCheck = added.senderIsBot ? { approved: false, unreadableTeams: [] } : await approverCheck(options, added.sender);
  const decision = decideHandLabel({ policy, added, approver, trail, now: options.now.toISOString() });
  return applied(gathered, [{ issue: item.number, actor: added.sender, decision }], `label added by ${added.sender}`);
}

/**
 * Audits: every open exemption is checked. One with a recorded grant lapses
 * after `exemptions.expires-after-days`; one without is only as good as who
 * added the label last, read from the issue's timeline.
 */
export async function auditExemptions(options: DecideOptions): Promise<Decided> {
  const { policy, gathered, repo, client } = options;
  const label = policy.exemptions?.label.trim().toLowerCase();
  const decisions: IssueDecision[] = [];
  for (const item of gathered.items) {
    if (!label || item.state !== 'open' || !item.labels.some((name) => name.trim().toLowerCase() === label)) continue;
    const trail = trailOf(gathered, item.number);
    const now = options.now.toISOString();
    const expired = decideExpiry({ policy, item, trail, now });
    if (expired) decisions.push({ issue: item.number, actor: 'roadmap-guard', decision: expired });
    if (expired || grantedAt(trail) !== undefined || !policy.exemptions?.approvers.length) continue;
    const adder = await lastAddedBy(client, repo, item.number, policy.exemptions.label);
    if (!adder) continue;
    const added = { label: item.labels.find((name) => name.trim().toLowerCase() === label)!, sender: adder.login, senderIsBot: adder.isBot };
    const approver: ApproverCheck = adder.isBot ? { approved: false, unreadableTeams: [] } : await approverCheck(options, adder.login);
    const decision = decideHandLabel({ policy, added, approver, trail, now });
    if (decision.entry || decision.removeLabels.length) decisions.push({ issue: item.number, actor: adder.login, decision });
  }
  return applied(gathered, decisions, 'exemption audit');
}

function trailOf(gathered: Gathered, issue: number) {
  return rememberedTrail(gathered.comments.get(issue)?.comment);
}

async function approverCheck(options: DecideOptions, login: string): Promise<ApproverCheck> {
  const check = await checkApprover(options.policy.exemptions?.approvers ?? [], login, (org, slug, who) => teamMembership(options.client, org, slug, who));
  for (const team of check.unreadableTeams) {
    options.warn(`Could not read the members of ${team}: the token needs permission to read organization members (GITHUB_TOKEN cannot). The team was treated as not matching ${login}.`);
  }
  return check;
}

/** The label writes the decisions make, and the read data as it will be once they are made. */
function applied(gathered: Gathered, decisions: IssueDecision[], why: string): Omit<Decided, 'reaction'> {
  const labelWrites = decisions.flatMap(({ issue, decision }): PlannedWrite[] => [
    ...(decision.addLabels.length ? [{ kind: 'add-labels' as const, issue, labels: decision.addLabels, description: `add label ${decision.addLabels.join(', ')} to #${issue} (${why})` }] : []),
    ...decision.removeLabels.map((label) => ({ kind: 'remove-label' as const, issue, label, description: `remove label ${label} from #${issue} (${why})` })),
  ]);
  const byIssue = new Map(decisions.map(({ issue, decision }) => [issue, decision]));
  const relabel = (items: WorkItem[]) => items.map((item) => (byIssue.has(item.number) ? relabeled(item, byIssue.get(item.number)!) : item));
  return { decisions, labelWrites, gathered: { ...gathered, items: relabel(gathered.items), syncItems: relabel(gathered.syncItems) } };
}

function relabeled(item: WorkItem, decision: Decision): WorkItem {
  const removed = new Set(decision.removeLabels.map((label) => label.toLowerCase()));
  return { ...item, labels: [...item.labels.filter((label) => !removed.has(label.toLowerCase())), ...decision.addLabels] };
}
