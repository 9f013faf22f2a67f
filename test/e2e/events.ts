/**
 * Webhook payloads for end-to-end runs, taken from GitHub's own examples
 * (`@octokit/webhooks-examples`) and pointed at the fake's repository and
 * issues, so the action sees the exact shape a runner hands it.
 */
import { createRequire } from 'node:module';
import type { FakeGitHub } from '../fake-github/index.js';
import { commentJson, issueJson, repositoryJson, userJson } from '../fake-github/rest-shapes.js';
import type { WorkflowEvent } from './run-action.js';

interface WebhookDefinition {
  name: string;
  examples: Record<string, unknown>[];
}

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];

/** Deep copies of every example payload GitHub publishes for an event; none for an event without a webhook. */
export function examplePayloads(name: string): Record<string, unknown>[] {
  return structuredClone(definitions.find((definition) => definition.name === name)?.examples ?? []);
}

/** A deep copy of GitHub's example payload for an event (and action, when given). */
export function examplePayload(name: string, action?: string): Record<string, unknown> {
  // Only the example taken is copied: a simulated quarter builds thousands of payloads.
  const examples = definitions.find((definition) => definition.name === name)?.examples ?? [];
  const example = action === undefined ? examples[0] : examples.find((candidate) => candidate.action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `.${action}` : ''} payload`);
  return structuredClone(example);
}

/** The example's `repository` object with the fake repository's identity. */
function repositoryOf(fake: FakeGitHub, example: unknown): Record<string, unknown> {
  return { ...(example as Record<string, unknown>), ...repositoryJson(fake.store, fake.repository) };
}

/**
 * `issues` with the given activity type for an issue of the fake, as it is now.
 * GitHub's examples have no `closed` payload: it is the `opened` one with the
 * action and the issue's state changed, which is all that differs.
 */
export function issuesEvent(fake: FakeGitHub, options: { action: string; number: number; label?: string }): WorkflowEvent {
  const issue = fake.issue(options.number);
  if (!issue) throw new Error(`the fake has no issue #${options.number}`);
  const example = examplePayload('issues', options.action === 'closed' ? 'opened' : options.action);
  const payload: Record<string, unknown> = {
    ...example,
    action: options.action,
    issue: { ...(example.issue as Record<string, unknown>), ...issueJson(fake.store, fake.repository, issue) },
    repository: repositoryOf(fake, example.repository),
  };
  if (options.label !== undefined) payload.label = { ...(example.label as Record<string, unknown>), name: options.label };
  return { name: 'issues', payload };
}

/** A manual run (`workflow_dispatch`): what the schedule does too, an audit. */
export function workflowDispatchEvent(fake: FakeGitHub): WorkflowEvent {
  const example = examplePayload('workflow_dispatch');
  return {
    name: 'workflow_dispatch',
    payload: {
      ...example,
      inputs: null,
      ref: `refs/heads/${fake.repository.defaultBranch}`,
      workflow: '.github/workflows/roadmap.yml',
      repository: repositoryOf(fake, example.repository),
    },
  };
}

/** `schedule` has no webhook; the runner's payload is the cron line, the repository and the workflow. */
export function scheduleEvent(fake: FakeGitHub): WorkflowEvent {
  const example = examplePayload('workflow_dispatch');
  return {
    name: 'schedule',
    payload: {
      schedule: '17 6 * * 1',
      workflow: '.github/workflows/roadmap.yml',
      repository: repositoryOf(fake, example.repository),
    },
  };
}

/**
 * A push to a branch of the fake (its default branch unless named), as the
 * workflow's `push` trigger delivers it when a commit changes the policy file:
 * GitHub's example payload with the fake's repository, the branch's ref and
 * the fake's head commit.
 */
export function pushEvent(fake: FakeGitHub, options: { branch?: string } = {}): WorkflowEvent {
  const example = examplePayload('push');
  const ref = `refs/heads/${options.branch ?? fake.repository.defaultBranch}`;
  return { name: 'push', payload: { ...example, ref, base_ref: null, after: fake.repository.headSha, repository: repositoryOf(fake, example.repository) } };
}

/** Any event the action does not handle, e.g. a star. */
export function otherEvent(fake: FakeGitHub, name: string): WorkflowEvent {
  const example = examplePayload(name);
  return { name, payload: { ...example, repository: repositoryOf(fake, example.repository) } };
}

/**
 * `issue_comment` for a new comment on an issue of the fake: the comment is
 * added to the fake (it exists on GitHub when the event fires) and the
 * payload is GitHub's example with that comment and issue. `edited` sends
 * the example's `changes` too; `assignees` stands in for the issue's.
 */
export function issueCommentEvent(
  fake: FakeGitHub,
  options: { number: number; body: string; author: string; action?: 'created' | 'edited' | 'deleted'; assignees?: string[] },
): WorkflowEvent {
  const issue = fake.issue(options.number);
  if (!issue) throw new Error(`the fake has no issue #${options.number}`);
  const action = options.action ?? 'created';
  const comment = fake.addComment({ issueNumber: options.number, author: options.author, body: options.body });
  const example = examplePayload('issue_comment', action);
  const assignees = (options.assignees ?? []).map((login) => userJson(fake.store, fake.store.user(login)));
  return {
    name: 'issue_comment',
    payload: {
      ...example,
      action,
      issue: { ...(example.issue as Record<string, unknown>), ...issueJson(fake.store, fake.repository, issue), assignees, assignee: assignees[0] ?? null },
      comment: { ...(example.comment as Record<string, unknown>), ...commentJson(fake.store, fake.repository, comment) },
      repository: repositoryOf(fake, example.repository),
      sender: userJson(fake.store, fake.store.user(options.author)),
    },
  };
}

/**
 * `pull_request` with the given activity type for a pull request of the fake:
 * GitHub's example payload with the fake's number, title, draft flag, branches
 * and head repository (another one for a fork, as GitHub marks it with `fork: true`).
 */
export function pullRequestEvent(fake: FakeGitHub, options: { action: string; number: number }): WorkflowEvent {
  const pullRequest = fake.pullRequest(options.number);
  const issue = fake.issue(options.number);
  if (!pullRequest || !issue) throw new Error(`the fake has no pull request #${options.number}`);
  // GitHub's examples have no `edited` payload: it is the `opened` one with the action changed.
  const example = examplePayload('pull_request', options.action === 'edited' ? 'opened' : options.action);
  const exampleRequest = example.pull_request as Record<string, unknown> & { base: Record<string, unknown>; head: Record<string, unknown> };
  const repository = repositoryOf(fake, example.repository);
  const [headOwner = '', headName = ''] = pullRequest.headRepository.split('/');
  const fromFork = pullRequest.headRepository.toLowerCase() !== String(repository.full_name).toLowerCase();
  const headRepository = fromFork
    ? { ...repository, id: repository.id as number + 1, name: headName, full_name: pullRequest.headRepository, owner: { login: headOwner }, fork: true }
    : repository;
  return {
    name: 'pull_request',
    payload: {
      ...example,
      action: options.action,
      number: pullRequest.number,
      pull_request: {
        ...exampleRequest,
        number: pullRequest.number,
        title: issue.title,
        draft: pullRequest.isDraft,
        html_url: `https://github.com/${fake.repository.owner}/${fake.repository.name}/pull/${pullRequest.number}`,
        base: { ...exampleRequest.base, ref: pullRequest.baseRef, sha: pullRequest.baseSha, repo: repository },
        head: { ...exampleRequest.head, ref: 'change', sha: pullRequest.headSha, repo: headRepository },
      },
      repository,
    },
  };
}

/**
 * GitHub's own `projects_v2_item` webhook payload (an example whose content is
 * an issue) about one of the fake's issues: what an organization webhook or a
 * GitHub App receives when that issue's board item changes.
 */
export function projectItemPayload(fake: FakeGitHub, options: { number: number; action?: string }): Record<string, unknown> {
  const issue = fake.issue(options.number);
  if (!issue) throw new Error(`the fake has no issue #${options.number}`);
  const example = examplePayloads('projects_v2_item').find((candidate) => (candidate.projects_v2_item as { content_type?: string }).content_type === 'Issue');
  if (!example) throw new Error('@octokit/webhooks-examples has no projects_v2_item payload about an issue');
  return { ...example, action: options.action ?? example.action, projects_v2_item: { ...(example.projects_v2_item as Record<string, unknown>), content_node_id: issue.nodeId } };
}

/** That payload forwarded verbatim by a relay: the `repository_dispatch` run GitHub starts (`action` is the dispatch's event_type). */
export function relayedProjectItemEvent(fake: FakeGitHub, options: { number: number; action?: string }): WorkflowEvent {
  return { name: 'repository_dispatch', payload: { action: 'projects_v2_item', branch: fake.repository.defaultBranch, client_payload: projectItemPayload(fake, options) } };
}
