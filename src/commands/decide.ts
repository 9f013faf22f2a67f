/**
 * What a `/roadmap` command does, decided as data: the labels to add and
 * remove, the entry for the audit trail, the reply, and whether it was done
 * or refused. Pure: who is an approver was settled before, from GitHub.
 * Every piece of the command's text that reaches the reply is escaped.
 */
import { classify } from '../core/classify.js';
import type { WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { codeSpan, escapeText } from '../report/escape.js';
import { joinWords, markdownName } from '../report/format.js';
import { plural } from '../core/wording.js';
import type { ApproverCheck } from './approvers.js';
import { OUTCOMES, type Outcome } from '../core/outcomes.js';
import { MAX_COMMAND_CHARS, wordCount, type CommandRequest } from './parse.js';
import { COMMANDS, commandList, isSubCommand } from './registry.js';
import type { TrailEntry } from '../memory/trail.js';

const MIN_REASON_WORDS = 3;

export interface DecisionInput {
  policy: Policy;
  request: CommandRequest;
  item: WorkItem;
  /** Settled only for the commands that need it. */
  approver?: ApproverCheck;
  /** Open items other than this one that carry the exemption label, by name (`itemName`). */
  otherOpenExemptions: string[];
  now: string;
}

export interface Decision {
  status: 'done' | 'refused';
  /** Markdown for the bot's comment; absent for `check` (the reaction says enough) and `why` (rendered from the evaluation). */
  reply?: string;
  addLabels: string[];
  removeLabels: string[];
  entry?: TrailEntry;
  /** `/roadmap why`: the reply is the evaluation in full. */
  explain?: boolean;
  /** An exemption label the product's token put on whose grant no record proves: removed, and counted in the job summary. */
  unproven?: boolean;
}

/** Who needs to be an approver for this command, from the registry: always for exceptions, for outcomes only someone outside the issue. */
export function needsApprover(request: CommandRequest): boolean {
  const { command } = request;
  if (!isSubCommand(command.name)) return false;
  const user = COMMANDS[command.name].user;
  return user === 'approver' || (user === 'author' && !isAuthorOrAssignee(request));
}

export function decide(input: DecisionInput): Decision {
  const { command } = input.request;
  switch (command.name) {
    case 'check':
      return done();
    case 'why':
      return { ...done(), explain: true };
    case 'exempt':
      return decideExempt(input, command.reason);
    case 'revoke':
      return decideRevoke(input, command.reason);
    case 'outcome':
      return decideOutcome(input, command.outcome, command.evidence);
    case 'help':
      return refused(input, `${command.asked ? `“/roadmap ${escapeText(command.asked, 40)}” is not a command I know.` : 'Here is what I can do.'} ${commandList()}`);
    case 'too-long':
      return refused(input, `That command is longer than ${MAX_COMMAND_CHARS} characters, so I did not read it. Put the command and a short reason on the first line; discuss below it.`);
  }
}

function decideExempt(input: DecisionInput, reason: string): Decision {
  const exemptions = input.policy.exemptions;
  if (!exemptions) return refused(input, 'This repository\'s roadmap policy has no `exemptions` section, so there is no exception to grant.');
  const gate = approverGate(input, 'grant an exception');
  if (gate) return gate;
  if (hasLabel(input.item, exemptions.label)) return { ...done(), reply: replyTo(input, `This issue is already exempt (label ${codeSpan(exemptions.label)}); nothing changed.`) };
  if (wordCount(reason) < MIN_REASON_WORDS) {
    return refused(input, `An exception needs a reason of at least ${plural(MIN_REASON_WORDS, 'word')}: ${codeSpan('/roadmap exempt <reason>')}. Nothing changed.`);
  }
  const others = input.otherOpenExemptions;
  if (exemptions.maxOpen !== undefined && others.length >= exemptions.maxOpen) {
    const open = others.length ? `: ${others.map(markdownName).join(', ')}` : '';
    return refused(
      input,
      `Exceptions stay rare: at most ${exemptions.maxOpen} may be open at a time, and ${others.length} ${others.length === 1 ? 'is' : 'are'} open already${open}. Revoke one first (${codeSpan('/roadmap revoke')} on that issue). Nothing changed.`,
    );
  }
  const expiry = exemptions.expiresAfterDays ? ` It lapses after ${plural(exemptions.expiresAfterDays, 'day')}.` : '';
  return {
    ...done(),
    addLabels: [exemptions.label],
    entry: entry(input, 'exempt', reason),
    reply: replyTo(input, `Exception granted: label ${codeSpan(exemptions.label)} added. This issue is still reported, but no longer fails the check.${expiry}`),
  };
}

function decideRevoke(input: DecisionInput, reason: string): Decision {
  const exemptions = input.policy.exemptions;
  if (!exemptions) return refused(input, 'This repository\'s roadmap policy has no `exemptions` section, so there is no exception to revoke.');
  const gate = approverGate(input, 'revoke an exception');
  if (gate) return gate;
  if (!hasLabel(input.item, exemptions.label)) return refused(input, `This issue is not exempt (no label ${codeSpan(exemptions.label)}); nothing to revoke.`);
  return {
    ...done(),
    removeLabels: [labelOn(input.item, exemptions.label)],
    entry: entry(input, 'revoke', reason),
    reply: replyTo(input, `Exception revoked: label ${codeSpan(exemptions.label)} removed. The policy applies to this issue in full again.`),
  };
}

function decideOutcome(input: DecisionInput, outcome: Outcome | undefined, evidence: string): Decision {
  const usage = codeSpan('/roadmap outcome <hit|missed|walked-away> <evidence>');
  const bets = input.policy.bets.appliesTo;
  const category = classify(input.policy, input.item).category;
  if (!bets.includes(category)) {
    const which = bets.length ? `work in ${joinWords(bets.map((text) => codeSpan(text)))}` : 'nothing yet (set `bets.applies-to`)';
    return refused(input, `Outcomes are recorded for bets, which this policy defines as ${which}; this issue is ${codeSpan(category)} work. Nothing changed.`);
  }
  if (needsApprover(input.request) && !input.approver?.approved) {
    return refused(input, `Only the issue's author, an assignee or an approver${approverNames(input.policy)} can record how this bet turned out. Nothing changed.${unreadableNote(input)}`);
  }
  if (!outcome) return refused(input, `Say how the bet turned out: ${usage}. Nothing changed.`);
  if (wordCount(evidence) < 1) return refused(input, `Add the evidence (a sentence, or a link to the dashboard): ${usage}. Nothing changed.`);
  const labels = input.policy.enforcement.labels.outcome;
  const wanted = labels[outcome];
  const others = OUTCOMES.filter((other) => other !== outcome).map((other) => labels[other]);
  return {
    ...done(),
    addLabels: hasLabel(input.item, wanted) ? [] : [wanted],
    removeLabels: others.filter((label) => hasLabel(input.item, label)).map((label) => labelOn(input.item, label)),
    entry: { ...entry(input, 'outcome', evidence), outcome },
    reply: replyTo(input, `Outcome recorded: **${outcome === 'walked-away' ? 'walked away' : outcome}** (label ${codeSpan(wanted)}).`),
  };
}

/** A refusal when the commenter is not an approver, or undefined when they are. */
function approverGate(input: DecisionInput, what: string): Decision | undefined {
  if (input.approver?.approved) return undefined;
  if (!input.policy.exemptions?.approvers.length) {
    return refused(input, `Only an approver can ${what}, and this policy names none: list them under ${codeSpan('exemptions.approvers')}. Nothing changed.`);
  }
  return refused(input, `Only an approver can ${what}:${approverNames(input.policy)}. Nothing changed; please ask one of them.${unreadableNote(input)}`);
}

function approverNames(policy: Policy): string {
  const approvers = policy.exemptions?.approvers ?? [];
  // As code spans, so the reply never pings a person or a team.
  return approvers.length ? ` ${joinWords(approvers.map((text) => codeSpan(text)))}` : '';
}

function unreadableNote(input: DecisionInput): string {
  return cannotTellNote(input.approver?.unreadableTeams ?? []);
}

/** Said wherever a team's membership decided nothing: the run could not tell, and which token can. */
export function cannotTellNote(teams: readonly string[]): string {
  if (!teams.length) return '';
  return ` (Could not tell whether you are in ${joinWords(teams.map((text) => codeSpan(text)))}: this workflow's token cannot read ${teams.length === 1 ? 'that team' : 'those teams'}, and GitHub answers "not found" either way. A GitHub App token with the organization "Members" permission, or a personal token with ${codeSpan('read:org')}, can.)`;
}

/** "**Reply to `alice`** (`/roadmap exempt`): …" */
function replyTo(input: DecisionInput, text: string): string {
  return `**Reply to ${codeSpan(input.request.actor)}** (${codeSpan(`/roadmap ${input.request.command.name === 'too-long' ? '…' : input.request.command.name}`)}): ${text}`;
}

function done(): Decision {
  return { status: 'done', addLabels: [], removeLabels: [] };
}

function refused(input: DecisionInput, text: string): Decision {
  return { status: 'refused', addLabels: [], removeLabels: [], reply: replyTo(input, text) };
}

function entry(input: DecisionInput, action: TrailEntry['action'], reason: string): TrailEntry {
  return { at: input.now, actor: input.request.actor, action, reason };
}

function isAuthorOrAssignee(request: CommandRequest): boolean {
  const actor = request.actor.toLowerCase();
  return request.issueAuthor?.toLowerCase() === actor || request.assignees.some((login) => login.toLowerCase() === actor);
}

/** The issue carries `label`, as GitHub compares label names (case and surrounding spaces aside). */
export function hasLabel(item: WorkItem, label: string): boolean {
  return item.labels.some((name) => name.trim().toLowerCase() === label.trim().toLowerCase());
}

/** The label as the issue spells it, for removal by exact name. */
export function labelOn(item: WorkItem, label: string): string {
  return item.labels.find((name) => name.trim().toLowerCase() === label.trim().toLowerCase()) ?? label;
}
