/**
 * The events GitHub sends the two workflows when someone acts, built from
 * GitHub's example payloads (test/e2e/events.ts) with the person who acted
 * as `sender`, and queued with their concurrency group. A payload is taken
 * when the event happens, so one delivered late carries the issue as it was.
 */
import { commentJson, userJson } from '../fake-github/rest-shapes.js';
import type { FakeComment } from '../fake-github/index.js';
import { examplePayload, issuesEvent, pullRequestEvent, pushEvent, scheduleEvent } from '../e2e/events.js';
import { gateWorkflowGroup, issueWorkflowGroup } from './concurrency.js';
import type { World } from './world.js';

let nextRunId = 5000;

/** The event's group in the issue workflow; without a `concurrency` block, a group of its own. */
function groupOf(world: World, name: string, payload: Record<string, unknown>, runId: number): string {
  return world.concurrency ? issueWorkflowGroup(name, payload) : `ungrouped-${runId}`;
}

function senderOf(world: World, login: string) {
  return userJson(world.fake.store, world.fake.store.user(login));
}

/** `issues` with the person who acted as sender; `label` for labeled and unlabeled. */
export function queueIssueEvent(world: World, options: { action: string; number: number; by: string; label?: string }): void {
  const event = issuesEvent(world.fake, options);
  event.payload.sender = senderOf(world, options.by);
  const runId = (nextRunId += 1);
  world.queue.push({
    event,
    group: groupOf(world, event.name, event.payload, runId),
    cancelInProgress: false,
    issue: options.number,
    label: `issues.${options.action}${options.label ? ` ${options.label}` : ''} #${options.number} by ${options.by}`,
  });
}

/**
 * `issue_comment.created` for a comment already on the fake. The README's
 * workflow starts a job only for comments containing `/roadmap`; the others
 * start nothing the action sees, so they are not queued.
 */
export function queueCommentEvent(world: World, comment: FakeComment): void {
  if (!comment.body.toLowerCase().includes('/roadmap')) return;
  const issue = world.fake.issue(comment.issueNumber)!;
  const example = examplePayload('issue_comment', 'created');
  const base = issuesEvent(world.fake, { action: 'opened', number: issue.number }).payload;
  const payload: Record<string, unknown> = {
    ...example,
    action: 'created',
    issue: base.issue,
    comment: { ...(example.comment as Record<string, unknown>), ...commentJson(world.fake.store, world.fake.repository, comment) },
    repository: base.repository,
    sender: senderOf(world, comment.author),
  };
  const runId = (nextRunId += 1);
  world.queue.push({
    event: { name: 'issue_comment', payload },
    group: groupOf(world, 'issue_comment', payload, runId),
    cancelInProgress: false,
    issue: issue.number,
    label: `issue_comment.created #${issue.number} by ${comment.author}`,
  });
}

/** The weekly schedule: the audit, in the group 'audit'. */
export function queueAudit(world: World): void {
  const event = scheduleEvent(world.fake);
  world.queue.push({ event, group: groupOf(world, 'schedule', event.payload, (nextRunId += 1)), cancelInProgress: false, label: 'schedule (audit)' });
}

/**
 * A push to the default branch that changes the policy file (a merged policy
 * change): the issue workflow's `push` trigger, filtered on the policy's path
 * (README, "Add the workflow"), runs an audit in the audits' group.
 */
export function queuePolicyPush(world: World, by: string): void {
  const event = pushEvent(world.fake);
  event.payload.sender = senderOf(world, by);
  world.queue.push({ event, group: groupOf(world, 'push', event.payload, (nextRunId += 1)), cancelInProgress: false, label: `push to ${world.fake.repository.defaultBranch} (the policy) by ${by}` });
}

/** The merge gate's workflow (docs/pull-requests.md): one group per pull request, cancel-in-progress. */
export function queuePullRequestEvent(world: World, options: { action: string; number: number; by: string }): void {
  const event = pullRequestEvent(world.fake, options);
  event.payload.sender = senderOf(world, options.by);
  world.queue.push({ event, group: gateWorkflowGroup(event.payload), cancelInProgress: true, pullRequest: options.number, label: `pull_request.${options.action} #${options.number} by ${options.by}` });
}
