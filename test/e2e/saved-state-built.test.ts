// The built action (dist/index.js, run like a runner runs it) with the
// runner's cache service: the bundle saves the state on an audit and an
// issue event reads it back, through Node's own fetch and zlib.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/index.js';
import { issuesEvent, scheduleEvent } from './events.js';
import { examplePolicy, healthyRoadmap, POLICY_PATH, stopFake } from './fixtures.js';
import { runAction } from './run-action.js';

let fake: FakeGitHub | undefined;
afterEach(() => stopFake(fake));

describe('the built action with the Actions cache', () => {
  it('an audit saves the state and an issue event reads only the changes since', { timeout: 120_000 }, async () => {
    fake = await FakeGitHub.start();
    fake.seed({ files: { [POLICY_PATH]: await examplePolicy() }, issues: healthyRoadmap({ count: 150 }) });
    const env = { ACTIONS_RESULTS_URL: fake.cacheUrl, ACTIONS_RUNTIME_TOKEN: fake.cache.runtimeToken, GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '1' };
    const audit = await runAction({ fake, event: scheduleEvent(fake), env });
    expect(audit.stderr).toBe('');
    expect(audit.stdout).toMatch(/^Saved state: saved 150 open issues \(\d+ KB\) for the next issue events; 3 cache requests in all\.$/m);
    fake.clearRequests();
    const event = await runAction({ fake, event: issuesEvent(fake, { action: 'edited', number: 13 }), env });
    expect(event.exitCode).toBe(0);
    expect(event.stdout).toMatch(/^Saved state: 150 open issues saved at .*, 0 issues changed since; 2 cache requests\.$/m);
    // At 150 issues a full read would take 2 pages; with the state it takes one request for the changes, whatever the size (the last is the open pull requests).
    expect(fake.requests.map((request) => request.kind)).toEqual(['rest-read', 'graphql', 'cache', 'cache', 'graphql', 'graphql']);
  });
});
