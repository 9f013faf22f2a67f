// Every example payload GitHub publishes (@octokit/webhooks-examples) for the
// events a workflow might run Roadmap Guard on, through the event router:
// each gets the mode the README's "What happens when" table documents, or a
// notice; none throws.
import { describe, expect, it } from 'vitest';
import { routeEvent, type Route } from '../../src/action/events.js';
import { examplePayloads } from '../e2e/events.js';

/** The `issues` activity types the README documents as issue mode. */
const ISSUE_MODE_ACTIONS = ['opened', 'edited', 'labeled', 'unlabeled', 'reopened', 'closed', 'milestoned', 'demilestoned'];
const AUDIT_EVENTS = ['workflow_dispatch', 'repository_dispatch', 'schedule'];
const EVENTS = ['issues', 'issue_comment', 'pull_request', 'projects_v2_item', 'workflow_dispatch', 'repository_dispatch', 'schedule'];

/**
 * `schedule` has no webhook, so the package has no example: a runner's
 * payload for it is the cron line, the workflow and the repository.
 */
const SCHEDULE_PAYLOAD = { schedule: '17 6 * * 1', workflow: '.github/workflows/roadmap.yml', repository: { full_name: 'acme/widgets' } };

function examplesOf(name: string): Record<string, unknown>[] {
  if (name === 'schedule') return [SCHEDULE_PAYLOAD];
  return examplePayloads(name);
}

const cases = EVENTS.flatMap((name) =>
  examplesOf(name).map((payload, index) => ({ name, payload, label: `${name}${typeof payload.action === 'string' ? `.${payload.action}` : ''} #${index + 1}` })),
);

interface PayloadIssue {
  number: number;
  pull_request?: unknown;
}

/** What the README documents for an event in `mode: auto`. */
function documentedRoute(name: string, payload: Record<string, unknown>): Route['mode'] | 'pull-request-notice' {
  const issue = payload.issue as PayloadIssue | undefined;
  if (issue?.pull_request) return 'pull-request-notice';
  if (name === 'issues' && ISSUE_MODE_ACTIONS.includes(String(payload.action))) return 'issue';
  if (AUDIT_EVENTS.includes(name)) return 'audit';
  return 'ignored';
}

describe('every example payload through the event router', () => {
  it('covers every event named, with real examples of issue events about pull requests', () => {
    for (const name of EVENTS) expect(examplesOf(name).length, name).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThan(70);
    const pullRequestIssueEvents = cases.filter((c) => c.name === 'issues' && (c.payload.issue as PayloadIssue).pull_request);
    expect(pullRequestIssueEvents.map((c) => c.payload.action)).toEqual(expect.arrayContaining(['milestoned', 'demilestoned']));
  });

  it.each(cases)('$label gets the documented mode or a notice (mode: auto)', ({ name, payload }) => {
    const route = routeEvent({ eventName: name, payload }, 'auto');
    const expected = documentedRoute(name, payload);
    if (expected === 'issue') {
      expect(route).toEqual({ mode: 'issue', issueNumber: (payload.issue as PayloadIssue).number });
    } else if (expected === 'pull-request-notice') {
      expect(route).toEqual({ mode: 'ignored', notice: expect.stringMatching(/^#\d+ is a pull request, not an issue: Roadmap Guard checks issues only/) });
    } else if (expected === 'audit') {
      expect(route).toEqual({ mode: 'audit' });
    } else {
      expect(route.mode).toBe('ignored');
      expect(route.mode === 'ignored' && route.notice).toMatch(new RegExp(`"${name}|Supported events`));
    }
  });

  it.each(cases)('$label audits with mode: audit', ({ name, payload }) => {
    expect(routeEvent({ eventName: name, payload }, 'audit')).toEqual({ mode: 'audit' });
  });

  it.each(cases.filter((c) => c.payload.issue))('$label with mode: issue checks the issue, or ignores a pull request', ({ name, payload }) => {
    const issue = payload.issue as PayloadIssue;
    const route = routeEvent({ eventName: name, payload }, 'issue');
    expect(route).toEqual(issue.pull_request ? { mode: 'ignored', notice: expect.stringContaining(`#${issue.number} is a pull request`) } : { mode: 'issue', issueNumber: issue.number });
  });
});
