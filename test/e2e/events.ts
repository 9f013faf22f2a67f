/**
 * Webhook payloads for end-to-end runs, taken from GitHub's own examples
 * (`@octokit/webhooks-examples`) and pointed at the fake's repository and
 * issues, so the action sees the exact shape a runner hands it.
 */
import { createRequire } from 'node:module';
import type { FakeGitHub } from '../fake-github/index.js';
import { issueJson, repositoryJson } from '../fake-github/rest-shapes.js';
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
  const examples = examplePayloads(name);
  const example = action === undefined ? examples[0] : examples.find((candidate) => candidate.action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `.${action}` : ''} payload`);
  return example;
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

/** Any event the action does not handle, e.g. a star. */
export function otherEvent(fake: FakeGitHub, name: string): WorkflowEvent {
  const example = examplePayload(name);
  return { name, payload: { ...example, repository: repositoryOf(fake, example.repository) } };
}
