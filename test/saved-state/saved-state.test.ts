/**
 * The saved state against the fake GitHub and its cache service: every
 * reason an issue event reads every open issue instead, and the exactness of
 * what it returns when it does not.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.js';
import { forgeOver } from '../../src/github/forge.js';
import { policyReads, readBudgetItems } from '../../src/github/read.js';
import { createActionsCache } from '../../src/github/actions-cache.js';
import { gatherAudit } from '../../src/action/gather.js';
import { encodeState, policyDigest, STATE_FORMAT, type SavedState } from '../../src/saved-state/format.js';
import { savedStateStore, type SavedStateOptions } from '../../src/saved-state/saved-state.js';
import { stateItems } from '../../src/saved-state/merge.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { FakeGitHub, DEFAULT_TOKEN } from '../fake-github/index.js';
import { dealRequest, healthyRoadmap } from '../e2e/fixtures.js';
import { createHash } from 'node:crypto';

const POLICY = parsePolicy({
  version: 1,
  work: { 'exclude-labels': ['bug'], size: { field: 'Estimate', labels: { 'size/S': 1, 'size/M': 3 } } },
  categories: { deal: { match: { labels: ['deal'] }, budget: { 'max-share': '10%' } }, strategic: { match: { labels: ['roadmap'] } } },
  customer: { labels: 'customer:*' },
});
const VERSION = createHash('sha256').update(`roadmap-guard-state|gzip-json|${STATE_FORMAT}`).digest('hex');

let now = Date.parse('2026-12-01T09:00:00Z');
let fake: FakeGitHub;
let client: GitHubClient;
let lines: string[];
const repo = { owner: 'acme', name: 'widgets' };
const prefix = () => `roadmap-guard-state-acme/widgets-${policyDigest(POLICY, undefined)}-`;

beforeAll(async () => {
  fake = await FakeGitHub.start({ clock: () => new Date(now).toISOString().replace(/\.\d+Z$/, 'Z') });
  fake.seed({ issues: healthyRoadmap({ count: 60 }) });
  client = createGitHubClient({ token: DEFAULT_TOKEN, apiUrl: fake.url, graphqlUrl: fake.graphqlUrl, pacing: { writeGapMs: 0, contentGapMs: 0 }, warn: () => {} });
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.cache.entries.length = 0;
  fake.clearFailures();
  fake.clearRequests();
  lines = [];
});

/** The runner's cache, retrying without waiting for real, and giving up on a silent download after a quarter of a second. */
const runnerCache = () => createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: fake.cache.runtimeToken }, { sleep: async () => {}, idleTimeoutMs: 250 });

function store(overrides: Partial<SavedStateOptions> = {}) {
  return savedStateStore({
    cache: runnerCache(),
    forge: forgeOver(client),
    repo,
    policy: POLICY,
    enabled: true,
    dryRun: false,
    eventName: 'issues',
    env: { ACTIONS_RESULTS_URL: fake.cacheUrl, ACTIONS_RUNTIME_TOKEN: fake.cache.runtimeToken, GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '42' },
    log: (line) => lines.push(line),
    ...overrides,
  });
}

const fullRead = (policy = POLICY) => readBudgetItems(client, repo, policy);

/** A state put in the cache as an audit would, with any field overridden. */
async function putState(overrides: Partial<SavedState> = {}, data?: Buffer) {
  const items = stateItems(await fullRead(), policyReads(POLICY), forgeOver(client));
  const state = { format: STATE_FORMAT, repository: 'acme/widgets', policyDigest: policyDigest(POLICY, undefined), savedAt: new Date(now).toISOString(), items, skipped: [], ...overrides } as SavedState;
  await createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: fake.cache.runtimeToken }).save(`${prefix()}${fake.cache.entries.length + 1}`, VERSION, data ?? encodeState(state));
}

async function expectFullRead(options: Partial<SavedStateOptions>, reason: string | RegExp) {
  const graphqlBefore = client.counts().graphql;
  const items = await store(options).budgetItems();
  expect(items).toEqual(await fullRead(options.policy));
  expect(lines[0]).toMatch(reason);
  expect(lines[0]).toMatch(/reading every open issue\.$/);
  return client.counts().graphql - graphqlBefore;
}

describe('cache faults', () => {
  const faults = [
    ['a 503', { path: /GetCacheEntryDownloadURL$/, status: 503 }],
    ['a 429', { path: /GetCacheEntryDownloadURL$/, status: 429 }],
    ['a 200 that is not JSON', { path: /GetCacheEntryDownloadURL$/, status: 200, rawBody: '<html>Unicorn</html>' }],
    ['a hung download', { path: /^\/_cache-blobs\//, method: 'GET', status: 200, pass: true, cutBody: { bytes: 100, then: 'hang' } }],
    ['a truncated download', { path: /^\/_cache-blobs\//, method: 'GET', status: 200, pass: true, cutBody: { bytes: 100, then: 'close' } }],
  ] as const;
  type Rule = Parameters<FakeGitHub['failOn']>[0];

  /** Full reads of every open issue, and saves, that one issue event made. */
  async function issueEvent(): Promise<{ fullReads: number; saves: number }> {
    lines = [];
    const saved = fake.cache.entries.length;
    await store().budgetItems();
    return { fullReads: lines.filter((line) => line.endsWith('reading every open issue.')).length, saves: fake.cache.entries.length - saved };
  }

  it.each(faults)('%s once costs no full read: the state is used', async (_, rule) => {
    await putState();
    fake.failOn({ ...rule, times: 1 } as Rule);
    expect(await issueEvent()).toEqual({ fullReads: 0, saves: 0 });
    expect(lines[0]).toMatch(/^Saved state: 60 open issues saved at/);
  });

  it.each(faults)('%s every time costs one full read, and no save to the failing cache', async (_, rule) => {
    await putState();
    fake.failOn(rule as Rule);
    expect(await issueEvent()).toEqual({ fullReads: 1, saves: 0 });
    expect(lines).toEqual([expect.stringMatching(/^Saved state: not used, (GetCacheEntryDownloadURL answered|The cache download)/)]);
  });
});

describe('an issue event reads every open issue, saying why, when', () => {
  it('the input turns the state off, the policy plans on a board, or the run is not on the default branch', async () => {
    await putState();
    await expectFullRead({ enabled: false }, /^Saved state: turned off \(`saved-state: false`\)/);
    lines = [];
    await expectFullRead({ policy: parsePolicy({ version: 1, work: { project: { owner: 'acme', number: 7 } } }) }, /not used with a board \(`work\.project`\)/);
    lines = [];
    await expectFullRead({ eventName: 'release' }, /not used for release runs, whose cache is not the default branch's/);
    lines = [];
    await expectFullRead({ eventName: 'push', onDefaultBranch: false }, /not used for a push run on another branch than the default: its cache is that branch's/);
    lines = [];
    await expectFullRead({ eventName: 'workflow_dispatch', onDefaultBranch: false }, /not used for a workflow_dispatch run on another branch than the default: its cache is that branch's/);
    // None of them even looked at the cache.
    expect(fake.requests.filter((request) => request.kind === 'cache' && request.path.endsWith('GetCacheEntryDownloadURL'))).toHaveLength(0);
  });

  it("a pull request's run restores the default branch's state but never saves one: its cache would be its merge ref's", async () => {
    await expectFullRead({ eventName: 'pull_request' }, /^Saved state: not used, none saved yet for this policy/);
    expect(lines).toHaveLength(1);
    expect(fake.cache.entries).toHaveLength(0);
    await putState();
    lines = [];
    const graphqlBefore = client.counts().graphql;
    const items = await store({ eventName: 'pull_request' }).budgetItems();
    // One request: the issues changed since, whatever the number of open issues.
    expect(client.counts().graphql - graphqlBefore).toBe(1);
    expect(items).toEqual(await fullRead());
    expect(lines).toEqual([expect.stringMatching(/^Saved state: 60 open issues saved at .*, 0 issues changed since/)]);
  });

  it('the runner offers no cache (a local run) or it is GitHub Enterprise Server', async () => {
    await expectFullRead({ env: {} }, /the runner offers no Actions cache here/);
    lines = [];
    await expectFullRead({ env: { ACTIONS_RESULTS_URL: fake.cacheUrl, ACTIONS_RUNTIME_TOKEN: 't', GITHUB_SERVER_URL: 'https://github.acme.internal' } }, /GitHub Enterprise Server/);
  });

  it('no state was saved yet; the full read then saves one', async () => {
    await expectFullRead({}, /^Saved state: not used, none saved yet for this policy \(an audit saves it\)/);
    expect(lines[1]).toMatch(/^Saved state: saved \d+ open issues/);
    expect(fake.cache.entries.filter((entry) => entry.finalized)).toHaveLength(1);
  });

  it('the cache answers an error: the run goes on, reading everything', async () => {
    fake.failOn({ path: /GetCacheEntryDownloadURL$/, status: 500 });
    await expectFullRead({}, /not used, GetCacheEntryDownloadURL answered 500/);
    // The failing cache is not asked to save as well.
    expect(lines).toHaveLength(1);
    expect(fake.cache.entries).toHaveLength(0);
    fake.clearFailures();
    fake.failOn({ path: /^\/_cache-blobs\//, method: 'GET', status: 503 });
    await putState();
    lines = [];
    await expectFullRead({}, /not used, The cache download answered 503/);
  });

  it('the state is unreadable, of another format, or of another policy', async () => {
    await putState({}, Buffer.from('not gzip'));
    await expectFullRead({}, /not used, it is not gzip'd JSON/);
    await putState({ format: 3 as typeof STATE_FORMAT });
    lines = [];
    await expectFullRead({}, /not used, it has format 3, this version reads 2/);
    await putState({ policyDigest: 'f'.repeat(64) });
    lines = [];
    await expectFullRead({}, /not used, it was saved for another policy or repository/);
    await putState({ items: [{ number: 'one' }] as unknown as SavedState['items'] });
    lines = [];
    await expectFullRead({}, /not used, item 1 is not an open issue/);
  });

  it('the state is older than a day by GitHub clock', async () => {
    await putState({ savedAt: new Date(now - 25 * 3_600_000).toISOString() });
    await expectFullRead({}, /not used, it is 25 hours old, more than the 24 it is trusted for/);
  });

  it('GitHub counts other open issues than the state and the changes make (one was deleted)', async () => {
    await putState();
    const gone = fake.repository.issues.pop()!;
    try {
      await expectFullRead({}, /not used, GitHub counts 59 open issues where the state and the changes since make 60 \(an issue was deleted or transferred\)/);
    } finally {
      fake.repository.issues.push(gone);
    }
  });
});

describe('with a usable state', () => {
  it('returns exactly what a full read returns after closing, relabelling, resizing and opening issues, in 1 GraphQL request and 2 cache requests', async () => {
    await putState();
    now += 60_000;
    const stamp = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
    Object.assign(fake.issue(3)!, { labels: ['deal', 'customer:initech', 'size/M'], updatedAt: stamp });
    Object.assign(fake.issue(4)!, { state: 'closed', closedAt: stamp, updatedAt: stamp });
    Object.assign(fake.issue(25)!, { body: dealRequest({ answers: { Estimate: '8' } }).body, updatedAt: stamp });
    fake.addIssue(dealRequest({ createdAt: stamp, updatedAt: stamp }));
    const graphqlBefore = client.counts().graphql;
    const cacheBefore = fake.count('cache');
    const items = await store().budgetItems();
    expect(client.counts().graphql - graphqlBefore).toBe(1);
    expect(fake.count('cache') - cacheBefore).toBe(2);
    expect(items).toEqual(await fullRead());
    expect(lines).toEqual([expect.stringMatching(/^Saved state: \d+ open issues saved at .*, 4 issues changed since; 2 cache requests\.$/)]);
  });

  it('an audit saves what the budget read would give, unless it is a dry run', async () => {
    const audit = () => gatherAudit({ forge: forgeOver(client), repo, policy: POLICY });
    const dry = await store({ dryRun: true, eventName: 'schedule' }).afterAuditRead(audit);
    expect(lines).toEqual(['Saved state: not saved (dry run: nothing is written).']);
    expect(fake.cache.entries).toHaveLength(0);
    expect(stateItems(dry.items, policyReads(POLICY), forgeOver(client))).toEqual(await fullRead());
    await store({ eventName: 'schedule' }).afterAuditRead(audit);
    expect(lines[1]).toMatch(/^Saved state: saved \d+ open issues \(\d+ KB\) for the next issue events; 3 cache requests in all\.$/);
    expect(fake.cache.entries[0]?.key).toMatch(/^roadmap-guard-state-acme\/widgets-[0-9a-f]{64}-42-1-\d+$/);
  });

  it('a save the cache refuses is a line in the log, not a failure', async () => {
    fake.failOn({ path: /CreateCacheEntry$/, status: 429, message: 'rate limited' });
    const read = await store({ eventName: 'schedule' }).afterAuditRead(() => gatherAudit({ forge: forgeOver(client), repo, policy: POLICY }));
    expect(read.items.length).toBeGreaterThan(50);
    expect(lines).toEqual([expect.stringMatching(/^Saved state: not saved, CreateCacheEntry answered 429: rate limited; the next issue event reads every open issue\.$/)]);
  });
});
