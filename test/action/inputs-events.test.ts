import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { onDefaultBranch, routeEvent } from '../../src/action/events.js';
import { INPUT_NAMES, InputError, readInputs } from '../../src/action/inputs.js';

const actionYml = parse(readFileSync(join(import.meta.dirname, '..', '..', 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
const defaults = (overrides: Record<string, string> = {}) => {
  const values: Record<string, string> = { ...Object.fromEntries(Object.entries(actionYml.inputs).map(([k, v]) => [k, v.default ?? ''])), 'github-token': 'ghs_InputsTestToken', ...overrides };
  return (name: string) => values[name] ?? '';
};

describe('readInputs', () => {
  it('reads every input action.yml declares, and no other', () => {
    expect(Object.values(INPUT_NAMES).sort()).toEqual(Object.keys(actionYml.inputs).sort());
  });

  it("parses action.yml's defaults", () => {
    // Masked through a spy: the real `::add-mask::t` on the test output would make a GitHub runner hide every "t" of this project's CI log.
    const masked: string[] = [];
    expect(readInputs(defaults(), (secret) => masked.push(secret))).toEqual({
      githubToken: 'ghs_InputsTestToken',
      projectToken: '',
      policyPath: '.github/roadmap-policy.yml',
      mode: 'auto',
      dryRun: false,
      maxWrites: 50,
      dashboardIssue: '',
      trendMonths: 0,
      savedState: true,
      previousBotLogins: [],
    });
    expect(masked).toEqual(['ghs_InputsTestToken']);
  });

  it('reports every invalid input at once', () => {
    const attempt = () => readInputs(defaults({ mode: 'everything', 'dry-run': 'yes', 'max-writes': '-1', 'trend-months': '99', 'github-token': '', 'saved-state': 'maybe' }), () => undefined);
    expect(attempt).toThrow(InputError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message.split('\n')).toHaveLength(7);
    expect(message).toMatch(/`mode` must be one of auto, issue, audit, got "everything"/);
    expect(message).toMatch(/`dry-run` must be true or false, got "yes"/);
    expect(message).toMatch(/`max-writes` must be a whole number/);
    expect(message).toMatch(/`trend-months` must be a whole number from 0 to 36/);
    expect(message).toMatch(/`github-token` is empty/);
    expect(message).toMatch(/`saved-state` must be true or false, got "maybe"/);
  });

  it.each([
    ['dashboard-issue', 'Roadmap\n::error::injected', 'U+000A'],
    ['policy', '.github/policy.yml\r\n::warning::x', 'U+000D'],
    ['mode', 'audit\u001b[31m', 'U+001B'],
    ['max-writes', '5\u0085', 'U+0085'],
    ['project-token', 'ghp_a\nb', 'U+000A'],
  ])('refuses a control character in %s without repeating the value', (name, value, code) => {
    const attempt = () => readInputs(defaults({ [name]: value }), () => undefined);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(`Invalid input: \`${name}\` holds a control character (${code}, such as a line break)`);
    expect(attempt).not.toThrow(/injected|::|ghp_/);
  });

  it('masks both tokens in the log before checking anything, even when other inputs are wrong', () => {
    const masked: string[] = [];
    const attempt = () => readInputs(defaults({ 'github-token': ' ghs_workflow ', 'project-token': 'ghp_board', mode: 'everything' }), (secret) => masked.push(secret));
    expect(attempt).toThrow(InputError);
    expect(masked).toEqual(['ghs_workflow', 'ghp_board']);
  });
});

describe('routeEvent', () => {
  const issue = { number: 12 };
  it.each([
    ['issues', { action: 'opened', issue }, 'auto', { mode: 'issue', issueNumber: 12 }],
    ['issues', { action: 'closed', issue }, 'auto', { mode: 'issue', issueNumber: 12 }],
    ['issues', { action: 'demilestoned', issue }, 'auto', { mode: 'issue', issueNumber: 12 }],
    ['schedule', {}, 'auto', { mode: 'audit' }],
    ['workflow_dispatch', {}, 'auto', { mode: 'audit' }],
    ['repository_dispatch', {}, 'auto', { mode: 'audit' }],
    ['push', { ref: 'refs/heads/main', repository: { default_branch: 'main' } }, 'auto', { mode: 'audit' }],
    ['issues', { action: 'opened', issue }, 'audit', { mode: 'audit' }],
    ['issue_comment', { action: 'created', issue }, 'issue', { mode: 'issue', issueNumber: 12 }],
  ] as const)('%s %j with mode %s', (eventName, payload, mode, route) => {
    expect(routeEvent({ eventName, payload }, mode)).toEqual(route);
  });

  it.each([
    ['issue_comment', { action: 'created', issue, comment: { id: 1, body: 'Looks good', user: { login: 'alice', type: 'User' } } }, /not a \/roadmap command/],
    ['issue_comment', { action: 'edited', issue, comment: { id: 1, body: '/roadmap exempt', user: { login: 'alice', type: 'User' } } }, /only in new comments/],
    ['pull_request', { action: 'closed', pull_request: { number: 3 } }, /does nothing on "pull_request.closed"; it checks pull requests when they are opened, edited, synchronize, reopened, ready_for_review/],
    ['issues', { action: 'assigned', issue }, /does nothing on "issues.assigned"/],
    ['release', {}, /does not handle "release" events. Supported events: issues \(opened.*schedule, workflow_dispatch, repository_dispatch, push \(to the default branch\)/],
    ['push', { ref: 'refs/heads/feature', repository: { default_branch: 'main' } }, /audits on a push to the default branch only.*"refs\/heads\/feature" is not the default branch/],
    ['push', { ref: 'refs/heads/main' }, /"refs\/heads\/main" is not the default branch/],
    ['push', {}, /"unknown" is not the default branch/],
  ] as const)('ignores %s with a notice', (eventName, payload, notice) => {
    const route = routeEvent({ eventName, payload }, 'auto');
    expect(route.mode).toBe('ignored');
    expect(route.mode === 'ignored' && route.notice).toMatch(notice);
  });

  it('runs the merge gate on a pull request, knowing a draft and a fork', () => {
    const payload = {
      action: 'synchronize',
      pull_request: {
        number: 7,
        draft: true,
        base: { ref: 'main', sha: 'f'.repeat(40), repo: { full_name: 'acme/widgets' } },
        head: { ref: 'feature', sha: 'e'.repeat(40), repo: { full_name: 'mallory/widgets', fork: true } },
      },
    };
    expect(routeEvent({ eventName: 'pull_request', payload }, 'auto')).toEqual({
      mode: 'pull-request',
      pullRequest: { number: 7, draft: true, baseRef: 'main', baseSha: 'f'.repeat(40), fromFork: true },
    });
    const sameRepository = { ...payload, pull_request: { ...payload.pull_request, head: { ref: 'feature', repo: { full_name: 'acme/widgets', fork: false } } } };
    expect(routeEvent({ eventName: 'pull_request', payload: sameRepository }, 'auto')).toMatchObject({ pullRequest: { fromFork: false } });
  });

  it('tells a fork by its head repository, not by the repository being a fork itself', () => {
    const inForkedRepository = {
      action: 'opened',
      pull_request: {
        number: 8,
        base: { ref: 'main', repo: { full_name: 'dana/widgets', fork: true } },
        head: { ref: 'feature', repo: { full_name: 'dana/widgets', fork: true } },
      },
    };
    expect(routeEvent({ eventName: 'pull_request', payload: inForkedRepository }, 'auto')).toMatchObject({ pullRequest: { fromFork: false } });
    const deletedFork = { ...inForkedRepository, pull_request: { ...inForkedRepository.pull_request, head: { ref: 'feature', repo: null } } };
    expect(routeEvent({ eventName: 'pull_request', payload: deletedFork }, 'auto')).toMatchObject({ pullRequest: { fromFork: true } });
  });

  it.each([
    ['issues', { action: 'opened', issue }],
    ['issue_comment', { action: 'created', issue, comment: { id: 1, body: '/roadmap exempt', user: { login: 'alice', type: 'User' } } }],
    ['pull_request', { action: 'opened', pull_request: { number: 3 } }],
  ] as const)('refuses %s about another repository than the run\'s, in every mode', (eventName, event) => {
    const payload = { ...event, repository: { full_name: 'mallory/widgets\u202e' } };
    for (const mode of ['auto', 'issue', 'audit'] as const) {
      expect(() => routeEvent({ eventName, payload, repo: { owner: 'acme', name: 'widgets' } }, mode)).toThrow(
        `The "${eventName}" event is about the repository "mallory/widgets", but this run is in acme/widgets (GITHUB_REPOSITORY)`,
      );
    }
    // The same payload in its own repository, whatever the case GitHub spelt it in.
    const own = { ...payload, repository: { full_name: 'Acme/Widgets' } };
    expect(routeEvent({ eventName, payload: own, repo: { owner: 'acme', name: 'widgets' } }, 'auto').mode).not.toBe('ignored');
  });

  it('refuses pull_request_target, which would hand a fork a write token', () => {
    expect(() => routeEvent({ eventName: 'pull_request_target', payload: { action: 'opened' } }, 'auto')).toThrow(/does not run on "pull_request_target".*Use "on: pull_request"/);
  });

  it.each([
    ['issues', 'milestoned', 'auto'],
    ['issues', 'demilestoned', 'issue'],
    ['issue_comment', 'created', 'auto'],
  ] as const)('ignores %s.%s about a pull request with a notice (mode: %s)', (eventName, action, mode) => {
    const payload = { action, issue: { number: 31, pull_request: { url: 'https://api.github.com/repos/acme/roadmap/pulls/31' } } };
    expect(routeEvent({ eventName, payload }, mode)).toEqual({
      mode: 'ignored',
      notice: `#31 is a pull request, not an issue: Roadmap Guard checks issues only, so there is nothing to do on "${eventName}.${action}" for it.`,
    });
    expect(routeEvent({ eventName, payload }, 'audit')).toEqual({ mode: 'audit' });
  });

  it('refuses mode: issue without an issue', () => {
    expect(() => routeEvent({ eventName: 'schedule', payload: {} }, 'issue')).toThrow(/`mode: issue` needs an issues event/);
  });
});

describe('onDefaultBranch', () => {
  const payload = { repository: { full_name: 'acme/widgets', default_branch: 'main' } };
  it('tells a workflow_dispatch on the default branch from one on another branch, and assumes nothing it cannot tell', () => {
    expect(onDefaultBranch({ eventName: 'workflow_dispatch', payload, ref: 'refs/heads/main' })).toBe(true);
    expect(onDefaultBranch({ eventName: 'workflow_dispatch', payload, ref: 'refs/heads/try-policy' })).toBe(false);
    expect(onDefaultBranch({ eventName: 'workflow_dispatch', payload: {}, ref: 'refs/heads/main' })).toBe(false);
    expect(onDefaultBranch({ eventName: 'workflow_dispatch', payload, ref: undefined })).toBe(false);
    // A push names its ref in the payload (GITHUB_REF repeats it).
    expect(onDefaultBranch({ eventName: 'push', payload: { ...payload, ref: 'refs/heads/main' } })).toBe(true);
    expect(onDefaultBranch({ eventName: 'push', payload: { ...payload, ref: 'refs/heads/try-policy' }, ref: 'refs/heads/main' })).toBe(false);
    expect(onDefaultBranch({ eventName: 'push', payload: { ref: 'refs/heads/main' } })).toBe(false);
    // Other events run on the default branch by GitHub's rules: nothing to tell.
    expect(onDefaultBranch({ eventName: 'issues', payload, ref: 'refs/heads/main' })).toBeUndefined();
  });
});
