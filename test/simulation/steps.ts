/**
 * The steps of a life, as plain data: what a person, a bot or GitHub does
 * next. A life is a list of steps, so it can be printed, shrunk and replayed.
 * Issues and pull requests are named in the script (`i4`, `p2`, seeded `s1`),
 * not by number, so a shorter script still means the same thing; a step whose
 * issue no longer exists (its opening was shrunk away) does nothing.
 */
import { createHash } from 'node:crypto';
import { WORKFLOW_BOT } from '../fake-github/index.js';
import { dealRequestBody, POLICY_PATH } from '../e2e/fixtures.js';
import { queueCommentEvent, queueIssueEvent, queuePolicyPush, queuePullRequestEvent } from './deliveries.js';
import { APP_BOT, APP_TOKEN, DAY_MS, iso, noteTouch, simulationPolicy, type World } from './world.js';

/** Text a hostile user types: a mention, raw HTML, a script link and a workflow command. */
export const HOSTILE = '@everyone <img src=x onerror=alert(1)> [win](javascript:alert(1))\n::error::pwned';

export type Step =
  | { do: 'open'; ref: string; kind: 'deal' | 'feature' | 'bug'; by: string; complete: boolean; customer: string; size: 'S' | 'M' | 'L'; hostile?: boolean }
  | { do: 'edit'; issue: string; by: string; complete: boolean }
  | { do: 'command'; issue: string; by: string; text: string }
  | { do: 'label'; issue: string; by: string; label: string }
  | { do: 'unlabel'; issue: string; by: string; label: string }
  | { do: 'close'; issue: string; by: string }
  | { do: 'reopen'; issue: string; by: string }
  | { do: 'bot-comment'; issue: string; by: string; change: 'edit' | 'delete' }
  | { do: 'open-pr'; ref: string; closes: string[]; base: 'main' | 'release'; fork: boolean; by: string }
  | { do: 'policy-pr'; ref: string; dealCap: number; by: string; businessCaseFor?: string[] }
  | { do: 'push-pr'; pr: string; by: string }
  | { do: 'merge-pr'; pr: string; by: string }
  | { do: 'token-change' }
  | { do: 'workflow-edit'; concurrency: boolean }
  | { do: 'fault'; kind: 'server-error' | 'landed' | 'dropped'; on: 'write' | 'read' }
  | { do: 'wait'; minutes: number }
  | { do: 'deliver'; hold: number; reverse: boolean }
  | { do: 'fork-repository' };

/** One line of the readable script. */
export function describeStep(step: Step): string {
  switch (step.do) {
    case 'open':
      return `${step.by} opens ${step.ref}: a ${step.kind}${step.kind === 'bug' ? '' : ` (${step.complete ? 'complete' : 'incomplete'} business case)`} for ${step.customer}, size ${step.size}${step.hostile ? ', hostile text' : ''}`;
    case 'edit':
      return `${step.by} edits ${step.issue}: business case ${step.complete ? 'completed' : 'emptied'}`;
    case 'command':
      return `${step.by} comments on ${step.issue}: ${JSON.stringify(step.text)}`;
    case 'label':
    case 'unlabel':
      return `${step.by} ${step.do === 'label' ? 'adds' : 'removes'} label "${step.label}" on ${step.issue}`;
    case 'close':
    case 'reopen':
      return `${step.by} ${step.do === 'close' ? 'closes' : 'reopens'} ${step.issue}`;
    case 'bot-comment':
      return `${step.by} ${step.change === 'edit' ? 'edits' : 'deletes'} the bot's comment on ${step.issue}`;
    case 'open-pr':
      return `${step.by} opens ${step.ref} into ${step.base}${step.fork ? ' from a fork' : ''}, closing ${step.closes.join(', ') || 'nothing'}`;
    case 'policy-pr':
      return `${step.by} opens ${step.ref}: the deal cap becomes ${step.dealCap}%${step.businessCaseFor ? `, a business case for ${step.businessCaseFor.join(' and ')}` : ''}`;
    case 'push-pr':
      return `${step.by} pushes to ${step.pr}`;
    case 'merge-pr':
      return `${step.by} merges ${step.pr}`;
    case 'token-change':
      return `the workflow switches its token to a GitHub App (${APP_BOT})`;
    case 'workflow-edit':
      return `a maintainer ${step.concurrency ? 'puts back' : 'removes'} the issue workflow's concurrency block`;
    case 'fault':
      return `GitHub's next delivery meets a fault: ${step.kind} on a ${step.on}`;
    case 'wait':
      return `${formatMinutes(step.minutes)} pass`;
    case 'deliver':
      return `GitHub delivers the queued events${step.hold ? `, the oldest ${step.hold} held back` : ''}${step.reverse ? ', newest first' : ''}`;
    case 'fork-repository':
      return 'the repository turns out to be a fork of an upstream project (GitHub marks it `fork: true`)';
  }
}

function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${minutes} minutes`;
  if (minutes < 2 * 1440) return `${Math.round(minutes / 60)} hours`;
  return `${Math.round(minutes / 1440)} days`;
}

function issueBody(step: { kind: string; complete: boolean; customer: string; size: string; hostile?: boolean }): string {
  const extra = step.hostile ? `\n\n${HOSTILE}` : '';
  if (step.kind !== 'deal') return `Planned work.${extra}`;
  const missing = step.complete ? {} : { 'Who will buy it?': null, 'Success metric': null };
  return dealRequestBody({ Customer: step.customer, Estimate: null, ...missing }) + extra;
}

const LABELS: Record<string, (customer: string, size: string) => string[]> = {
  deal: (customer, size) => ['deal', `customer:${customer}`, `size/${size}`],
  feature: (_customer, size) => ['feature', `size/${size}`],
  bug: (customer) => ['bug', `customer:${customer}`],
};

/** Applies a step: what the actor does on GitHub, and the events GitHub queues for it. */
export function applyStep(world: World, step: Step): void {
  const number = (ref: string) => {
    const found = world.model.refs.get(ref);
    return found !== undefined && world.fake.issue(found) ? found : undefined;
  };
  const touch = (issue: number) => noteTouch(world, issue, iso(world.now));
  const at = () => iso(world.now).replace('.000Z', 'Z');
  switch (step.do) {
    case 'open': {
      const labels = LABELS[step.kind]!(step.customer, step.size);
      const title = `${step.kind === 'bug' ? 'Bug' : step.kind === 'deal' ? 'Deal' : 'Feature'}: ${step.ref} for ${step.customer}${step.hostile ? ` ${HOSTILE.split('\n')[0]}` : ''}`;
      const issue = world.fake.addIssue({ title, body: issueBody(step), labels, author: step.by, createdAt: at(), updatedAt: at() });
      world.model.refs.set(step.ref, issue.number);
      touch(issue.number);
      // An issue opened with labels (an issue form applies them) sends `opened`, then `labeled` once per label
      // (public reports: canonical/gh-jira-sync-bot#71, calcom/synclinear.com#31, the review thread of metabase/metabase#50271).
      queueIssueEvent(world, { action: 'opened', number: issue.number, by: step.by });
      for (const label of labels) queueIssueEvent(world, { action: 'labeled', number: issue.number, by: step.by, label });
      return;
    }
    case 'edit': {
      const issue = number(step.issue);
      if (issue === undefined) return;
      const record = world.fake.issue(issue)!;
      const customer = record.labels.find((label) => label.startsWith('customer:'))?.slice('customer:'.length) ?? 'globex';
      Object.assign(record, { body: issueBody({ kind: record.labels.includes('deal') ? 'deal' : 'feature', complete: step.complete, customer, size: 'S' }), updatedAt: at(), lastEditedAt: at() });
      touch(issue);
      queueIssueEvent(world, { action: 'edited', number: issue, by: step.by });
      return;
    }
    case 'command': {
      const issue = number(step.issue);
      if (issue === undefined) return;
      const comment = world.fake.addComment({ issueNumber: issue, author: step.by, body: step.text, createdAt: at(), updatedAt: at() });
      world.fake.issue(issue)!.updatedAt = at();
      touch(issue);
      if (/^\/roadmap\b/i.test(step.text)) world.model.commands.push({ issue, commentId: comment.id, at: at() });
      queueCommentEvent(world, comment);
      return;
    }
    case 'label':
    case 'unlabel':
      return changeLabel(world, step, number(step.issue));
    case 'close':
    case 'reopen': {
      const issue = number(step.issue);
      const record = issue === undefined ? undefined : world.fake.issue(issue);
      if (!record || (record.state === 'closed') === (step.do === 'close')) return;
      Object.assign(record, step.do === 'close' ? { state: 'closed', stateReason: 'completed', closedAt: at() } : { state: 'open', stateReason: 'reopened', closedAt: null });
      record.updatedAt = at();
      // GitHub's timeline names who closed or reopened it (ClosedEvent, ReopenedEvent), as the fake's REST update records them.
      if (step.do === 'close') (record.timeline ??= []).push({ type: 'ClosedEvent', createdAt: at(), actor: step.by, stateReason: 'completed' });
      else world.fake.store.timelineEvents.push({ type: 'ReopenedEvent', repository: world.fake.repository.nodeId, issueNumber: record.number, actor: step.by, createdAt: at() });
      if (step.do === 'close') world.model.closedByPeople.add(record.number);
      else world.model.closedByPeople.delete(record.number);
      if (step.do === 'reopen') reopenedBy(world, record.number, step.by, at());
      touch(record.number);
      queueIssueEvent(world, { action: step.do === 'close' ? 'closed' : 'reopened', number: record.number, by: step.by });
      return;
    }
    case 'bot-comment':
      return changeBotComment(world, step, number(step.issue));
    case 'open-pr':
      return openPullRequest(world, step, number);
    case 'policy-pr': {
      const pr = world.fake.addPullRequest({ title: `Policy: deal cap ${step.dealCap}%`, author: step.by, changes: { [POLICY_PATH]: simulationPolicy({ dealCap: step.dealCap, ...(step.businessCaseFor ? { businessCaseFor: step.businessCaseFor } : {}) }) }, headSha: sha(world, 'policy'), mergeSha: sha(world, 'merge') });
      world.model.refs.set(step.ref, pr.number);
      queuePullRequestEvent(world, { action: 'opened', number: pr.number, by: step.by });
      return;
    }
    case 'push-pr': {
      const pr = number(step.pr);
      const record = pr === undefined ? undefined : world.fake.pullRequest(pr);
      if (!record || world.fake.issue(pr!)!.state !== 'open') return;
      record.headSha = sha(world, 'push');
      queuePullRequestEvent(world, { action: 'synchronize', number: record.number, by: step.by });
      return;
    }
    case 'merge-pr':
      return mergePullRequest(world, step, number(step.pr));
    case 'token-change':
      world.token = APP_TOKEN;
      world.model.productLogins.add(APP_BOT);
      // README, inputs: "when you switch, name the old identity in `previous-bot-logins`".
      world.inputs = { ...world.inputs, 'previous-bot-logins': WORKFLOW_BOT };
      return;
    case 'workflow-edit':
      world.concurrency = step.concurrency;
      return;
    case 'fault':
      armFault(world, step);
      return;
    case 'wait':
    case 'deliver':
      // Carried out by the life, which runs the action (passTime, deliver).
      return;
    case 'fork-repository':
      // A team's working copy of an open-source project: its own branches' pull requests still come from this repository.
      world.fake.repository.fork = true;
      return;
  }
}

/** A person's reopening shows in the issue's timeline as a ReopenedEvent with them as its actor, as GitHub records it. */
function reopenedBy(world: World, issueNumber: number, actor: string, createdAt: string): void {
  world.fake.store.timelineEvents.push({ type: 'ReopenedEvent', repository: world.fake.repository.nodeId, issueNumber, actor, createdAt });
}

/**
 * A new commit's SHA: a hash of what made it and when, numbered within the life. Two pull requests opened at
 * the same moment get different heads, as branches with different commits do; statuses are kept per commit.
 */
function sha(world: World, salt: string): string {
  world.commits += 1;
  return createHash('sha1').update(`${salt} ${world.now} ${world.commits}`).digest('hex');
}

function changeLabel(world: World, step: Extract<Step, { do: 'label' | 'unlabel' }>, issue: number | undefined): void {
  const record = issue === undefined ? undefined : world.fake.issue(issue);
  if (!record) return;
  const has = record.labels.some((name) => name.toLowerCase() === step.label.toLowerCase());
  if (has === (step.do === 'label')) return;
  const at = iso(world.now).replace('.000Z', 'Z');
  if (step.do === 'label') {
    world.fake.labelAddedBy(record.number, step.label, step.by, at);
    if (step.label === 'roadmap-exempt') world.model.exemptLabelAddedBy.set(record.number, step.by);
  } else {
    record.labels = record.labels.filter((name) => name.toLowerCase() !== step.label.toLowerCase());
    if (step.label === 'roadmap-exempt') world.model.exemptLabelRemovedAt.set(record.number, iso(world.now));
  }
  // Labelling an issue changes its `updated_at`, as on GitHub.
  record.updatedAt = at;
  noteTouch(world, record.number, iso(world.now));
  queueIssueEvent(world, { action: step.do === 'label' ? 'labeled' : 'unlabeled', number: record.number, by: step.by, label: step.label });
}

/** A maintainer edits the bot's comment (GitHub keeps its author) or deletes it; neither starts a run (the workflow listens to `created` only). */
function changeBotComment(world: World, step: Extract<Step, { do: 'bot-comment' }>, issue: number | undefined): void {
  if (issue === undefined) return;
  const comment = world.fake.comments(issue).find((candidate) => world.model.productLogins.has(candidate.author));
  if (!comment) return;
  if (step.change === 'edit') {
    comment.body = `${comment.body}\n\nEdited by ${step.by}: see the planning doc.`;
    comment.updatedAt = iso(world.now).replace('.000Z', 'Z');
    return;
  }
  world.fake.repository.comments.splice(world.fake.repository.comments.indexOf(comment), 1);
  // What a person deletes is theirs to lose: the decisions it held are no longer expected in a comment.
  world.model.botCommentDeletedAt.set(issue, iso(world.now));
}

/**
 * GitHub links closing keywords only for a pull request into the default
 * branch ("Linking a pull request to an issue", docs.github.com): into
 * another branch, `closingIssuesReferences` is empty whatever the
 * description says. The model remembers what the description names.
 */
function openPullRequest(world: World, step: Extract<Step, { do: 'open-pr' }>, number: (ref: string) => number | undefined): void {
  const named = step.closes.map(number).filter((found): found is number => found !== undefined);
  const pr = world.fake.addPullRequest({
    title: `Change closing ${named.map((n) => `#${n}`).join(', ')}`,
    author: step.fork ? 'outside-olga' : step.by,
    baseRef: step.base,
    // GitHub links the description's closing keywords only into the default branch; the description names them whatever the base.
    body: named.map((issue) => `Closes #${issue}`).join('\n'),
    closes: step.base === 'main' ? named : [],
    headRepository: step.fork ? 'outside-olga/quarter' : 'acme/quarter',
    headSha: sha(world, 'open'),
    mergeSha: sha(world, 'merge'),
  });
  world.model.refs.set(step.ref, pr.number);
  world.model.pullRequestsClosing.set(pr.number, named);
  queuePullRequestEvent(world, { action: 'opened', number: pr.number, by: step.fork ? 'outside-olga' : step.by });
}

function mergePullRequest(world: World, step: Extract<Step, { do: 'merge-pr' }>, number: number | undefined): void {
  const pr = number === undefined ? undefined : world.fake.pullRequest(number);
  const record = number === undefined ? undefined : world.fake.issue(number);
  if (!pr || !record || record.state !== 'open') return;
  const at = iso(world.now).replace('.000Z', 'Z');
  Object.assign(record, { state: 'closed', stateReason: 'completed', closedAt: at, updatedAt: at });
  world.model.gateVerdicts.delete(pr.number);
  // A merge into the default branch is a push to it; one that changes the policy starts the issue workflow's audit.
  const policyPush = pr.files.includes(POLICY_PATH) && pr.baseRef === world.fake.repository.defaultBranch;
  if (policyPush) {
    world.fake.repository.files[POLICY_PATH] = world.fake.repository.refs[pr.mergeSha]![POLICY_PATH]!;
    queuePolicyPush(world, step.by);
  }
  // Merging closes the linked issues, each with an `issues.closed` event sent by whoever merged.
  for (const issue of pr.closes) {
    const closed = world.fake.issue(issue);
    if (!closed || closed.state !== 'open') continue;
    Object.assign(closed, { state: 'closed', stateReason: 'completed', closedAt: at, updatedAt: at });
    world.model.closedByPeople.add(issue);
    noteTouch(world, issue, iso(world.now));
    queueIssueEvent(world, { action: 'closed', number: issue, by: step.by });
  }
}

/** The next delivery meets one fault; the life clears it once the delivery is done. */
function armFault(world: World, step: Extract<Step, { do: 'fault' }>): void {
  const write = { method: undefined, path: /^\/repos\/[^/]+\/[^/]+\/issues/, times: 1 };
  const rule =
    step.on === 'write'
      ? { ...write, bodyMatches: /./, status: 502, ...(step.kind === 'landed' ? { landed: true } : {}), ...(step.kind === 'dropped' ? { drop: true } : {}) }
      : { path: '/graphql', status: 502, times: 1, ...(step.kind === 'dropped' ? { drop: true } : {}) };
  if (step.on === 'write') world.fake.failOn({ ...rule, method: 'POST' });
  else world.fake.failOn(rule);
  world.faultArmed = true;
}

export function nextAuditAfter(time: number): number {
  const date = new Date(time);
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7), 6, 17);
  return monday > time ? monday : monday + 7 * DAY_MS;
}
