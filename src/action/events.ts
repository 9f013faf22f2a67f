/**
 * Which kind of run an event asks for. Issue events check one issue; schedules,
 * manual runs and pushes to the default branch (a merged policy change) audit
 * the repository; pull requests get the merge gate (and
 * the policy preview when they edit the policy); comment events are reserved
 * for commands, and ignored cleanly for now, as are issue events about pull
 * requests.
 */
import { readFileSync } from 'node:fs';
import type { ModeInput } from './inputs.js';
import { readCommentEvent, type CommandRequest } from '../commands/parse.js';
import type { LabelAdded } from '../commands/exemption-label.js';
import { PULL_REQUEST_ACTIONS, readPullRequestEvent, type PullRequestEvent } from './pull-request-event.js';
import { relayedProjectItem, routeRelayedItem } from './project-dispatch.js';
import type { RelayedTarget } from '../ports/reads.js';
import { cut, plainText } from '../report/escape.js';

export type Route =
  | { mode: 'issue'; issueNumber: number; command?: CommandRequest; labelAdded?: LabelAdded }
  | { mode: 'audit' }
  | { mode: 'pull-request'; pullRequest: PullRequestEvent }
  /** A relayed board item whose content GitHub must name first (an issue of this repository is then checked). */
  | { mode: 'relayed'; target: RelayedTarget }
  | { mode: 'ignored'; notice: string };

const ISSUE_ACTIONS = ['opened', 'edited', 'labeled', 'unlabeled', 'reopened', 'closed', 'milestoned', 'demilestoned'];
const AUDIT_EVENTS = ['schedule', 'workflow_dispatch', 'repository_dispatch'];
const SUPPORTED = `issues (${ISSUE_ACTIONS.join(', ')}), issue_comment (/roadmap commands), pull_request (${PULL_REQUEST_ACTIONS.join(', ')}), ${AUDIT_EVENTS.join(', ')}, push (to the default branch)`;

export interface EventContext {
  eventName: string;
  payload: Record<string, unknown>;
  /** owner and name of the repository the workflow runs in. */
  repo: { owner: string; name: string };
  workspace: string | undefined;
  sha: string | undefined;
  /** `GITHUB_REF`: the branch or tag the run is on (`refs/heads/main`). */
  ref?: string | undefined;
  serverUrl: string;
  /** The run's page (its job summary), when the runner says which run this is. */
  runUrl?: string;
}

/** The run's context, from the variables the runner sets. */
export function readEventContext(env: NodeJS.ProcessEnv = process.env): EventContext {
  const [owner, name] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !name) throw new Error('GITHUB_REPOSITORY is not set to owner/name: Roadmap Guard runs as a step of a GitHub Actions workflow.');
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    repo: { owner, name },
    workspace: env.GITHUB_WORKSPACE || undefined,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    serverUrl,
    ...(env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? { runUrl: `${serverUrl}/${owner}/${name}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
  };
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Could not read the event payload at ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, { cause: error });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    const what = text.trim() === '' ? 'is empty' : `is not JSON (${error instanceof Error ? error.message : String(error)})`;
    throw new Error(`The event payload at ${path} ${what}. The runner writes it for every run, so a step before this one may have changed it.`, { cause: error });
  }
}

/**
 * Whether the run is on the repository's default branch, as far as the event
 * says: a `workflow_dispatch` names its branch in GITHUB_REF, a `push` in its
 * payload's `ref` (the ref pushed, which GITHUB_REF repeats), and both payloads
 * name the default (`repository.default_branch`); false when either is
 * missing, since a branch not shown to be the default is not trusted as it.
 * Undefined for every other event: issue, comment, schedule and
 * repository_dispatch runs are always on the default branch (GitHub docs,
 * "Events that trigger workflows").
 */
export function onDefaultBranch(context: Pick<EventContext, 'eventName' | 'payload' | 'ref'>): boolean | undefined {
  if (!BRANCH_EVENTS.includes(context.eventName)) return undefined;
  const defaultBranch = (context.payload.repository as { default_branch?: unknown } | undefined)?.default_branch;
  const ref = context.eventName === 'push' ? context.payload.ref : context.ref;
  if (typeof defaultBranch !== 'string' || typeof ref !== 'string' || !ref) return false;
  return ref === `refs/heads/${defaultBranch}`;
}

/** Events that run on a branch they name, which may not be the default. */
const BRANCH_EVENTS = ['workflow_dispatch', 'push'];

type RoutedContext = Pick<EventContext, 'eventName' | 'payload'> & { repo?: EventContext['repo'] };

export function routeEvent(context: RoutedContext, modeInput: ModeInput): Route {
  const { eventName, payload } = context;
  refuseForeignRepository(context);
  if (modeInput === 'audit') return { mode: 'audit' };
  const action = typeof payload.action === 'string' ? payload.action : '';
  const issueNumber = numberOf(payload.issue);
  if (isPullRequest(payload.issue)) return { mode: 'ignored', notice: pullRequestNotice(issueNumber, action ? `${eventName}.${action}` : eventName) };
  // A comment is read before anything else: one that is not a command costs no API request
  // (unless the workflow asked for `mode: issue`, which checks the issue on every event).
  const commented = eventName === 'issue_comment' ? routeComment(payload, modeInput) : undefined;
  if (commented) return commented;
  if (modeInput === 'issue') return forcedIssue(eventName, issueNumber);
  if (eventName === 'issues') return routeIssueEvent(payload, action, issueNumber);
  return routeOtherEvent(context);
}

/**
 * Every webhook payload names the repository it is about (`repository.full_name`),
 * and the runner's GITHUB_REPOSITORY is where this run reads and writes. They
 * differ only when the payload was not the runner's own (a step rewrote the
 * event file, or a run outside Actions borrowed one): issue #12 of another
 * repository is not issue #12 here, so the run stops rather than judge the
 * wrong issue.
 */
function refuseForeignRepository(context: RoutedContext): void {
  const named = (context.payload.repository as { full_name?: unknown } | undefined)?.full_name;
  if (!context.repo || typeof named !== 'string') return;
  const here = `${context.repo.owner}/${context.repo.name}`;
  if (named.toLowerCase() === here.toLowerCase()) return;
  throw new Error(
    `The "${context.eventName || 'unknown'}" event is about the repository "${cut(plainText(named), 140)}", but this run is in ${here} (GITHUB_REPOSITORY): ` +
      'Roadmap Guard checks only the repository its workflow runs in. Run the workflow in that repository, or check the event file a step before this one may have replaced.',
  );
}

/** A `/roadmap` command checks its issue; any other comment is ignored, unless `mode: issue` checks the issue anyway. */
function routeComment(payload: Record<string, unknown>, modeInput: ModeInput): Route | undefined {
  const comment = readCommentEvent(payload);
  if (comment.kind === 'command') return { mode: 'issue', issueNumber: comment.issueNumber, command: comment.request };
  return modeInput === 'auto' ? { mode: 'ignored', notice: comment.notice } : undefined;
}

/** `mode: issue` checks the event's issue, whatever the event. */
function forcedIssue(eventName: string, issueNumber: number | undefined): Route {
  if (issueNumber === undefined) {
    throw new Error(`\`mode: issue\` needs an issues event with an issue; the "${eventName}" event has none. Use \`mode: auto\` or \`mode: audit\`.`);
  }
  return { mode: 'issue', issueNumber };
}

function routeIssueEvent(payload: Record<string, unknown>, action: string, issueNumber: number | undefined): Route {
  if (!ISSUE_ACTIONS.includes(action) || issueNumber === undefined) {
    return { mode: 'ignored', notice: `Roadmap Guard does nothing on "issues.${action}"; it checks issues when they are ${ISSUE_ACTIONS.join(', ')}.` };
  }
  const labelAdded = action === 'labeled' ? labelAddedBy(payload) : undefined;
  return { mode: 'issue', issueNumber, ...(labelAdded ? { labelAdded } : {}) };
}

/** A relayed board item, an audit, a pull request, or an event Roadmap Guard does not handle. */
function routeOtherEvent(context: RoutedContext): Route {
  const { eventName, payload } = context;
  // A relay's dispatch for one board item is checked like an issue event (project-dispatch.ts).
  const relayed = eventName === 'repository_dispatch' ? relayedProjectItem(payload) : undefined;
  if (relayed) {
    const routed = routeRelayedItem(relayed, context.repo);
    return 'target' in routed ? { mode: 'relayed', target: routed.target } : { mode: 'ignored', notice: routed.notice };
  }
  if (AUDIT_EVENTS.includes(eventName)) return { mode: 'audit' };
  if (eventName === 'push') return routePush(context);
  if (eventName === 'pull_request') return routePullRequest(payload);
  if (eventName === 'pull_request_target') throw new Error(PULL_REQUEST_TARGET_REFUSED);
  return { mode: 'ignored', notice: `Roadmap Guard does not handle "${eventName || 'unknown'}" events. Supported events: ${SUPPORTED}. Set \`mode: audit\` to audit on any event.` };
}

/**
 * `pull_request_target` runs with a write token and the repository's secrets
 * while a fork controls the pull request: a required check there could be
 * steered by the very change it judges. Refusing it fails loudly instead of
 * passing a required check unchecked.
 */
const PULL_REQUEST_TARGET_REFUSED =
  'Roadmap Guard does not run on "pull_request_target": that event gives a fork\'s pull request a write token and the repository\'s secrets. ' +
  'Use "on: pull_request" instead; the merge gate and the policy preview work with the read-only token a fork gets.';

/**
 * A push to the default branch is how a merged policy change arrives (the
 * workflow's `push` trigger filters on the policy's path): it is audited at
 * once, so every open pull request's merge gate status is set under the new
 * policy instead of keeping the old policy's until the next scheduled audit.
 * A push to any other branch changes no policy the product reads, and is
 * ignored without a write.
 */
function routePush(context: RoutedContext): Route {
  if (onDefaultBranch({ ...context, ref: undefined }) === true) return { mode: 'audit' };
  const ref = typeof context.payload.ref === 'string' ? cut(plainText(context.payload.ref), 140) : 'unknown';
  return {
    mode: 'ignored',
    notice: `Roadmap Guard audits on a push to the default branch only (a merged policy change); "${ref}" is not the default branch, so there is nothing to do.`,
  };
}

function routePullRequest(payload: Record<string, unknown>): Route {
  const action = typeof payload.action === 'string' ? payload.action : '';
  const pullRequest = readPullRequestEvent(payload);
  if (!PULL_REQUEST_ACTIONS.includes(action) || !pullRequest) {
    return { mode: 'ignored', notice: `Roadmap Guard does nothing on "pull_request.${action}"; it checks pull requests when they are ${PULL_REQUEST_ACTIONS.join(', ')}.` };
  }
  return { mode: 'pull-request', pullRequest };
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

/** Which label an `issues.labeled` event added, and who added it: from the payload, as GitHub reports it. */
function labelAddedBy(payload: Record<string, unknown>): LabelAdded | undefined {
  const label = (payload.label as { name?: unknown } | undefined)?.name;
  const sender = payload.sender as { login?: unknown; type?: unknown } | undefined;
  if (typeof label !== 'string' || typeof sender?.login !== 'string') return undefined;
  return { label, sender: sender.login, senderIsBot: sender.type === 'Bot' || sender.login.endsWith('[bot]') };
}
