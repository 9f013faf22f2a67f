/**
 * Decisions about exceptions and outcomes inside a run: a `/roadmap`
 * command, an exemption label added by hand, exceptions that lapsed. Each
 * is decided as data first; the run then sees the issues as the decisions
 * leave them, so the evaluation, comment and labels all agree with them.
 */
import { isThisRepositorysIssue, itemName } from '../core/item-name.js';
import { checkApprover, type ApproverCheck, type MembershipLookup } from '../commands/approvers.js';
import { decide, needsApprover, type Decision } from '../commands/decide.js';
import { capExemptions, decideExpiry, decideHandLabel, type LabelAdded } from '../commands/exemption-label.js';
import type { CommandRequest } from '../commands/parse.js';
import { rememberedTrail } from '../memory/remembered.js';
import type { Timeline, TimelineEvent } from '../ports/reads.js';
import { lacksDecision, restoreRecord } from '../commands/record.js';
import { hasLabel } from '../commands/decide.js';
import { grantedAt, withEntry, type TrailEntry } from '../memory/trail.js';
import type { WorkItem } from '../core/types.js';
import type { PlannedWrite } from '../plan/types.js';
import type { Forge, RepoRef } from '../ports/forge.js';
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
  /** What the decisions could not check (a team the token cannot read), for the job summary. */
  notes: string[];
  /** The record of each issue whose facts were read: the bot's trail completed from GitHub's own (commands/record.ts). */
  trails?: Map<number, TrailEntry[]>;
}

interface DecideOptions {
  forge: Forge;
  repo: RepoRef;
  policy: Policy;
  gathered: Gathered;
  now: Date;
  warn: (message: string) => void;
}

export async function runCommand(options: DecideOptions & { request: CommandRequest }): Promise<Omit<Decided, 'notes'>> {
  const { policy, request, gathered } = options;
  const item = gathered.syncItems[0]!;
  const approver = needsApprover(request) ? await approverCheck(options, request.actor) : undefined;
  const exemptLabel = policy.exemptions?.label.toLowerCase();
  const otherOpenExemptions = exemptLabel
    ? gathered.items.filter((other) => isThisRepositorysIssue(other) && other.number !== item.number && other.state === 'open' && other.labels.some((l) => l.toLowerCase() === exemptLabel)).map(itemName)
    : [];
  const decision = decide({ policy, request, item, ...(approver ? { approver } : {}), otherOpenExemptions, now: options.now.toISOString() });
  const content = decision.status === 'done' ? '+1' : 'confused';
  return {
    ...applied(gathered, [{ issue: item.number, actor: request.actor, decision }], `${request.command.name} by ${request.actor}`),
    reaction: { kind: 'add-reaction', issue: item.number, commentId: request.commentId, content, description: `react ${content === '+1' ? '👍' : '😕'} to the /roadmap ${request.command.name} comment on #${item.number}` },
  };
}

/**
 * `issues.labeled` with the exemption label: kept when an approver put it on,
 * or the product did with a grant recorded; removed otherwise. Whether the
 * sender is the product is asked of GitHub (the token's identity), never
 * taken from the event.
 */
export async function checkHandLabel(options: DecideOptions & { added: LabelAdded }): Promise<Omit<Decided, 'notes'>> {
  const { policy, gathered, forge, repo } = options;
  const item = gathered.syncItems[0]!;
  const timeline = await forge.readTimeline(repo, item.number, { withRecord: true });
  const record = recordOf(options, trailOf(gathered, item.number), timeline);
  const trail = record.trail;
  const added = { ...options.added, byProduct: timeline.isProduct(options.added.sender) };
  const approver = added.byProduct ? NOT_APPROVED : await approverCheck(options, added.sender, added.senderIsBot);
  // Dated when the label went on, as every other run that records this grant dates it: runs that raced then record one row, not two.
  const labeledAt = policy.exemptions ? lastLabeled(timeline, policy.exemptions.label)?.at : undefined;
  const decision = unlessCannotTell(options, item.number, decideHandLabel({ policy, added, approver, trail, now: options.now.toISOString(), ...(labeledAt ? { labeledAt } : {}) }), record);
  const decisions = decision ? [{ issue: item.number, actor: added.sender, decision }] : [];
  return { ...applied(gathered, decisions, `label added by ${added.sender}`), trails: new Map([[item.number, trail]]) };
}

const NOT_APPROVED: ApproverCheck = { approved: false, unreadableTeams: [] };

/**
 * Audits: every open exemption is checked. One with a recorded grant lapses
 * after `exemptions.expires-after-days`. Then who put the label on last, read
 * from the issue's timeline: an approver (recorded as a grant if none is),
 * the product with a grant in force, or else it is removed. A label taken
 * off and put back by someone else since the grant needs a new grant.
 */
export async function auditExemptions(options: DecideOptions): Promise<Omit<Decided, 'notes'>> {
  const { policy, gathered } = options;
  const label = policy.exemptions?.label.trim().toLowerCase();
  const decisions: IssueDecision[] = [];
  const trails = new Map<number, TrailEntry[]>();
  // Another repository's board item keeps its label where this token can neither read the record nor write: it is counted as labelled, not audited here.
  const ownIssues = gathered.items.filter(isThisRepositorysIssue);
  for (const item of ownIssues) {
    if (!label || item.state !== 'open' || !hasLabel(item, label)) continue;
    const audited = await auditExemption(options, item, label);
    trails.set(item.number, audited.trail);
    if (audited.decision) decisions.push(audited.decision);
  }
  const trailFor = (issue: number) => trails.get(issue) ?? trailOf(gathered, issue);
  const capped = capExemptions({ policy, items: ownIssues, trails: trailFor, decided: decisions, now: options.now.toISOString() });
  for (const { issue } of capped) options.warn(`Exceptions over exemptions.max-open (${policy.exemptions?.maxOpen}): the grant on #${issue} came after the others that were open, so it was revoked.`);
  return { ...applied(gathered, [...decisions, ...capped], 'exemption audit'), trails };
}

/**
 * One exempt issue: its record first (the bot's trail, completed from the
 * commands, reactions and label events GitHub keeps), then its expiry, then
 * who put the label on last.
 */
async function auditExemption(options: DecideOptions, item: WorkItem, label: string): Promise<{ trail: TrailEntry[]; decision?: IssueDecision }> {
  const { policy, repo, forge } = options;
  const kept = await botTrail(options, item.number);
  // With no approvers to check, the timeline is read only when the bot's comment lacks the grant.
  const checksWho = !!policy.exemptions?.approvers.length;
  const timeline = checksWho || lacksDecision(policy, item, kept) ? await forge.readTimeline(repo, item.number, { withRecord: true }) : undefined;
  const record = timeline ? recordOf(options, kept, timeline) : { trail: kept };
  const trail = record.trail;
  const now = options.now.toISOString();
  const expired = decideExpiry({ policy, item, trail, now });
  if (expired) return { trail, decision: { issue: item.number, actor: 'roadmap-guard', decision: expired } };
  if (!checksWho || !timeline || !policy.exemptions) return { trail };
  const byLastHand = await lastHandDecision(options, item, label, trail, timeline);
  // The timeline does not say (a deleted account, or more than 100 events since): a recorded grant still stands, nothing else is decided.
  if (!byLastHand) return { trail };
  const decision = unlessCannotTell(options, item.number, byLastHand.decision, record);
  return decision && (decision.entry || decision.removeLabels.length) ? { trail, decision: { issue: item.number, actor: byLastHand.actor, decision } } : { trail };
}

/** What the exemption label's last hand decides, read from the timeline (an approver's is a grant); undefined when the timeline does not say who. */
async function lastHandDecision(options: DecideOptions, item: WorkItem, label: string, trail: TrailEntry[], timeline: Timeline): Promise<{ actor: string; decision: Decision } | undefined> {
  const last = lastLabeled(timeline, label);
  if (!last?.actor) return undefined;
  const added = { label: item.labels.find((name) => name.trim().toLowerCase() === label.trim().toLowerCase()) ?? label, sender: last.actor.login, senderIsBot: last.actor.isBot, byProduct: last.byProduct };
  const approver = added.byProduct ? NOT_APPROVED : await approverCheck(options, added.sender, added.senderIsBot);
  return { actor: added.sender, decision: decideHandLabel({ policy: options.policy, added, approver, trail, now: options.now.toISOString(), labeledAt: last.at }) };
}

/**
 * The record of the issues whose labels say a decision was made that the
 * bot's comment lacks (its comment deleted, or a copy that held it gone, or
 * a run that raced the one which recorded it rewrote the comment without
 * it), beside those the decisions read already: one timeline read per such
 * issue. An exemption label an approver put on by hand is recorded as their
 * grant here too, as the run for that label records it: an issue's other
 * runs (a command, an edit) may start before that run's comment is written,
 * and each writes the whole comment.
 */
export async function restoreRecords(options: DecideOptions, decided: Omit<Decided, 'notes'>): Promise<Omit<Decided, 'notes'>> {
  const trails = new Map(decided.trails);
  // A decision of this run is recorded with it: its issue's record lacks nothing it made.
  const made = new Map(decided.decisions.flatMap(({ issue, decision }) => (decision.entry ? [[issue, decision.entry] as const] : [])));
  const recorded = (issue: number) => [...trailOf(decided.gathered, issue), ...(made.has(issue) ? [made.get(issue)!] : [])];
  for (const item of decided.gathered.syncItems) {
    if (trails.has(item.number) || !lacksDecision(options.policy, item, recorded(item.number))) continue;
    const trail = await botTrail(options, item.number);
    if (!lacksDecision(options.policy, item, trail)) continue;
    const timeline = await options.forge.readTimeline(options.repo, item.number, { withRecord: true });
    trails.set(item.number, await withHandGrant(options, item, recordOf(options, trail, timeline).trail, timeline));
  }
  return trails.size ? { ...decided, trails } : decided;
}

/** The trail with the grant of the approver who last put the exemption label on by hand, when it holds no grant in force. */
async function withHandGrant(options: DecideOptions, item: WorkItem, trail: TrailEntry[], timeline: Timeline): Promise<TrailEntry[]> {
  const exemptions = options.policy.exemptions;
  if (!exemptions || !hasLabel(item, exemptions.label) || grantedAt(trail) !== undefined) return trail;
  const entry = (await lastHandDecision(options, item, exemptions.label, trail, timeline))?.decision.entry;
  return entry?.action === 'exempt' ? withEntry(trail, entry) : trail;
}

/** The bot's trail on an issue: its comment is read in full when the audit's window of comments did not show it. */
async function botTrail(options: DecideOptions, issue: number): Promise<TrailEntry[]> {
  const lookup = options.gathered.comments.get(issue);
  if (lookup && !lookup.complete) {
    const read = await options.forge.readBotComment(options.repo, issue);
    options.gathered.comments.set(issue, read);
  }
  return trailOf(options.gathered, issue);
}

/** The trail completed from the timeline's facts (a restored decision adds a row that says from what), and why they cannot tell, when read in part. */
function recordOf(options: DecideOptions, trail: TrailEntry[], timeline: Timeline): { trail: TrailEntry[]; cannotTell?: string } {
  const { policy, now } = options;
  const { trail: restored, cannotTell } = restoreRecord({ trail, facts: timeline.events, ...(policy.exemptions ? { exemptionLabel: policy.exemptions.label } : {}), now: now.toISOString(), cutOff: timeline.cutOff === true });
  return { trail: restored, ...(cannotTell ? { cannotTell } : {}) };
}

/**
 * A grant the facts, read in part, can neither prove nor rule out is not
 * "unproven": the label stays, nothing is recorded, and the run says why in
 * its log and job summary. Any other decision stands.
 */
function unlessCannotTell(options: DecideOptions, issue: number, decision: Decision, record: { cannotTell?: string }): Decision | undefined {
  if (!decision.unproven || !record.cannotTell) return decision;
  options.warn(
    `Cannot tell whether the exception on #${issue} was granted: ${record.cannotTell}. Its label was put on with this workflow's token and stays; no record proves or rules out the grant. An approver can record it again with \`/roadmap exempt <reason>\`.`,
  );
  return undefined;
}

function trailOf(gathered: Gathered, issue: number) {
  return rememberedTrail(gathered.comments.get(issue)?.comment);
}

/** A bot is an approver only when the policy lists its login: no bot is a member of a team. */
async function approverCheck(options: DecideOptions, login: string, isBot = false): Promise<ApproverCheck> {
  const membership: MembershipLookup = isBot ? async () => 'not-member' : (org, slug, who) => options.forge.teamMembership(org, slug, who);
  const check = await checkApprover(options.policy.exemptions?.approvers ?? [], login, membership);
  for (const team of check.unreadableTeams) {
    options.warn(
      `Could not tell whether ${login} is a member of ${team}: GitHub answered "not found", and this token cannot read that team (the workflow's GITHUB_TOKEN never can). Nothing was granted on that team's behalf; give the action a GitHub App token with the organization "Members" permission (read), or a personal token with read:org, or list approvers by login.`,
    );
  }
  return check;
}

/** The label writes the decisions make, and the read data as it will be once they are made. */
function applied(gathered: Gathered, decisions: IssueDecision[], why: string): Omit<Decided, 'reaction' | 'notes'> {
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

/** The latest time `label` was put on the issue, and by whom; undefined when the timeline does not show it. */
function lastLabeled(timeline: Timeline, label: string): TimelineEvent | undefined {
  const wanted = label.trim().toLowerCase();
  return timeline.events.filter((event) => event.type === 'labeled' && event.label?.trim().toLowerCase() === wanted).at(-1);
}
