/**
 * Which kind of run an event asks for. Issue events check one issue; schedules
 * and manual runs audit the repository; comment and pull-request events are
 * reserved for commands and a merge gate, and ignored cleanly for now, as are
 * issue events about pull requests.
 */
import { readFileSync } from 'node:fs';
import type { ModeInput } from './inputs.js';
import { relayedProjectItem, routeRelayedItem } from './project-dispatch.js';

export type Route =
  | { mode: 'issue'; issueNumber: number }
  | { mode: 'audit' }
  | { mode: 'ignored'; notice: string };

const ISSUE_ACTIONS = ['opened', 'edited', 'labeled', 'unlabeled', 'reopened', 'closed', 'milestoned', 'demilestoned'];
const AUDIT_EVENTS = ['schedule', 'workflow_dispatch', 'repository_dispatch'];
const RESERVED_EVENTS = ['issue_comment', 'pull_request', 'pull_request_target'];
const SUPPORTED = `issues (${ISSUE_ACTIONS.join(', ')}), ${AUDIT_EVENTS.join(', ')}`;

export interface EventContext {
  eventName: string;
  payload: Record<string, unknown>;
  /** owner and name of the repository the workflow runs in. */
  repo: { owner: string; name: string };
  workspace: string | undefined;
  sha: string | undefined;
  serverUrl: string;
}

/** The run's context, from the variables the runner sets. */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const [owner, name] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !name) throw new Error('GITHUB_REPOSITORY is not set to owner/name: Roadmap Guard runs as a step of a GitHub Actions workflow.');
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    repo: { owner, name },
    workspace: env.GITHUB_WORKSPACE || undefined,
    sha: env.GITHUB_SHA || undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
  };
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    throw new Error(`Could not read the event payload at ${path}`, { cause: error });
  }
}

export function routeEvent(context: Pick<EventContext, 'eventName' | 'payload'> & { repo?: EventContext['repo'] }, modeInput: ModeInput): Route {
  const { eventName, payload } = context;
  if (modeInput === 'audit') return { mode: 'audit' };
  const action = typeof payload.action === 'string' ? payload.action : '';
  const issueNumber = numberOf(payload.issue);
  if (isPullRequest(payload.issue)) return { mode: 'ignored', notice: pullRequestNotice(issueNumber, action ? `${eventName}.${action}` : eventName) };
  if (modeInput === 'issue') {
    if (issueNumber === undefined) {
      throw new Error(`\`mode: issue\` needs an issues event with an issue; the "${eventName}" event has none. Use \`mode: auto\` or \`mode: audit\`.`);
    }
    return { mode: 'issue', issueNumber };
  }
  if (eventName === 'issues') {
    if (!ISSUE_ACTIONS.includes(action) || issueNumber === undefined) {
      return { mode: 'ignored', notice: `Roadmap Guard does nothing on "issues.${action}"; it checks issues when they are ${ISSUE_ACTIONS.join(', ')}.` };
    }
    return { mode: 'issue', issueNumber };
  }
  // A relay's dispatch for one board item is checked like an issue event (project-dispatch.ts).
  const relayed = eventName === 'repository_dispatch' ? relayedProjectItem(payload) : undefined;
  if (relayed) {
    const routed = routeRelayedItem(relayed, context.repo);
    return 'issueNumber' in routed ? { mode: 'issue', issueNumber: routed.issueNumber } : { mode: 'ignored', notice: routed.notice };
  }
  if (AUDIT_EVENTS.includes(eventName)) return { mode: 'audit' };
  if (RESERVED_EVENTS.includes(eventName)) {
    return { mode: 'ignored', notice: `Roadmap Guard does not act on "${eventName}" events yet; nothing to do. Supported events: ${SUPPORTED}.` };
  }
  return { mode: 'ignored', notice: `Roadmap Guard does not handle "${eventName || 'unknown'}" events. Supported events: ${SUPPORTED}. Set \`mode: audit\` to audit on any event.` };
}

/**
 * GitHub sends some `issues` activity (milestoned, demilestoned) and every
 * `issue_comment` for pull requests too: the payload's `issue` then carries a
 * `pull_request` object (see the examples in @octokit/webhooks-examples). A
 * pull request is not roadmap work, and the issue query cannot read one.
 */
function pullRequestNotice(number: number | undefined, activity: string): string {
  const subject = number === undefined ? 'The event is about a pull request' : `#${number} is a pull request`;
  return `${subject}, not an issue: Roadmap Guard checks issues only, so there is nothing to do on "${activity}" for it.`;
}

function numberOf(issue: unknown): number | undefined {
  const value = typeof issue === 'object' && issue !== null ? (issue as { number?: unknown }).number : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function isPullRequest(issue: unknown): boolean {
  return typeof issue === 'object' && issue !== null && !!(issue as { pull_request?: unknown }).pull_request;
}
