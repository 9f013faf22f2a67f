import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CacheServiceError, createActionsCache, findCacheService, type ActionsCache } from '../../src/github/actions-cache.js';
import { FakeGitHub } from '../fake-github/index.js';

const VERSION = 'a'.repeat(64);
let fake: FakeGitHub;
let cache: ActionsCache;
/** The waits between tries, instead of waiting them. */
let waits: number[];
/** A silence the fake on a busy machine never reaches between two chunks, short enough that a stalled download costs little time. */
const IDLE_TIMEOUT_MS = 250;
const instant = { sleep: async (ms: number) => void waits.push(ms), idleTimeoutMs: IDLE_TIMEOUT_MS };

beforeAll(async () => {
  fake = await FakeGitHub.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.cache.entries.length = 0;
  fake.clearFailures();
  fake.clearRequests();
  waits = [];
  cache = createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: fake.cache.runtimeToken }, instant);
});

describe('findCacheService', () => {
  it('finds the service from the variables the runner gives a JavaScript action', () => {
    expect(findCacheService({ ACTIONS_RESULTS_URL: 'https://results.example/', ACTIONS_RUNTIME_TOKEN: 't', GITHUB_SERVER_URL: 'https://github.com' })).toEqual({
      available: true,
      location: { resultsUrl: 'https://results.example/', runtimeToken: 't' },
    });
    expect(findCacheService({ ACTIONS_RESULTS_URL: 'https://results.example/', ACTIONS_RUNTIME_TOKEN: 't', GITHUB_SERVER_URL: 'https://acme.ghe.com' }).available).toBe(true);
  });

  it('has none on a local run, or on GitHub Enterprise Server', () => {
    expect(findCacheService({})).toMatchObject({ available: false, reason: expect.stringContaining('ACTIONS_RESULTS_URL') });
    expect(findCacheService({ ACTIONS_RESULTS_URL: 'https://results.example/' })).toMatchObject({ available: false });
    expect(findCacheService({ ACTIONS_RESULTS_URL: 'https://x/', ACTIONS_RUNTIME_TOKEN: 't', GITHUB_SERVER_URL: 'https://github.acme.internal' })).toMatchObject({
      available: false,
      reason: expect.stringContaining('Enterprise Server'),
    });
  });
});

describe('createActionsCache against the fake cache service', () => {
  it('saves an entry and restores it by prefix, in three requests and two', async () => {
    await cache.save('state-acme-1', VERSION, Buffer.from('first'));
    expect(cache.requests()).toBe(3);
    expect(fake.requests.map((r) => `${r.method} ${r.path.split('/').at(-1)}`)).toEqual(['POST CreateCacheEntry', `PUT ${fake.cache.entry('state-acme-1')!.created}`, 'POST FinalizeCacheEntryUpload']);
    const restored = await cache.restore('state-acme-', VERSION, 1000);
    expect(restored).toEqual({ key: 'state-acme-1', data: Buffer.from('first') });
    expect(cache.requests()).toBe(5);
  });

  it('restores the newest entry whose key starts with the prefix, and only of the same version', async () => {
    await cache.save('state-acme-1', VERSION, Buffer.from('older'));
    await cache.save('state-acme-2', VERSION, Buffer.from('newer'));
    await cache.save('state-acme-3', 'b'.repeat(64), Buffer.from('other version'));
    await cache.save('state-other-4', VERSION, Buffer.from('other prefix'));
    expect((await cache.restore('state-acme-', VERSION, 1000))?.data.toString()).toBe('newer');
    expect(await cache.restore('state-none-', VERSION, 1000)).toBeNull();
  });

  it('never overwrites a key: saving it again is refused with the service message', async () => {
    await cache.save('state-acme-1', VERSION, Buffer.from('first'));
    const again = cache.save('state-acme-1', VERSION, Buffer.from('second'));
    await expect(again).rejects.toThrow(CacheServiceError);
    await expect(cache.save('state-acme-1', VERSION, Buffer.from('second'))).rejects.toThrow('409: cache entry with the same key, version, and scope already exists');
    expect((await cache.restore('state-acme-', VERSION, 1000))?.data.toString()).toBe('first');
  });

  it('reports the service answering an error, a wrong token, and a download larger than allowed', async () => {
    fake.failOn({ path: /GetCacheEntryDownloadURL$/, status: 500 });
    await expect(cache.restore('state-', VERSION, 1000)).rejects.toThrow('GetCacheEntryDownloadURL answered 500');
    fake.clearFailures();
    const stranger = createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: 'not-the-runner' }, instant);
    await expect(stranger.restore('state-', VERSION, 1000)).rejects.toThrow('answered 401');
    await cache.save('state-big-1', VERSION, Buffer.alloc(2000));
    await expect(cache.restore('state-big-', VERSION, 1000)).rejects.toThrow('larger than 1000 bytes');
  });

  it('rejects keys the service would refuse before sending anything', async () => {
    await expect(cache.save('a,b', VERSION, Buffer.from('x'))).rejects.toThrow('without commas');
    await expect(cache.restore('k'.repeat(513), VERSION, 10)).rejects.toThrow('at most 512');
    expect(fake.requests).toHaveLength(0);
  });

  it('gives up on a dropped connection with an error, not a crash', async () => {
    fake.failOn({ path: /GetCacheEntryDownloadURL$/, status: 0, drop: true });
    await expect(cache.restore('state-', VERSION, 10)).rejects.toThrow('GetCacheEntryDownloadURL got no answer');
  });

  it('names itself in User-Agent on every request', async () => {
    const agents: string[] = [];
    const spy: typeof fetch = (input, init) => (agents.push(String((init?.headers as Record<string, string>)['user-agent'])), fetch(input, init));
    const named = createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: fake.cache.runtimeToken }, { ...instant, fetch: spy, userAgent: 'roadmap-guard/1.0.0' });
    await named.save('state-ua-1', VERSION, Buffer.from('x'));
    await named.restore('state-ua-', VERSION, 10);
    expect(agents).toEqual(Array.from({ length: 5 }, () => 'roadmap-guard/1.0.0'));
  });
});

/**
 * Faults the cache service and its blob store really give (see the fake's
 * `cutBody` and `rawBody`), once each: the restore still succeeds, at the cost
 * of one more request of the kind that failed, and the run waits as the
 * toolkit would (3 s for a first retry). Persistent, each is a cache error
 * after a bounded number of tries, never a state that reads as empty.
 */
describe('the cache client under faults', () => {
  const STATE = Buffer.alloc(50_000, 7);
  const download = /^\/_cache-blobs\//;
  const lookup = /GetCacheEntryDownloadURL$/;
  // Tries per fault: the toolkit's five for a call, of which 20 s of waits (3 s, 4.5 s, 6.75 s) allow four; two for a download.
  const faults = [
    ['a 503 of the service', { path: lookup, status: 503 }, 'GetCacheEntryDownloadURL answered 503', 4],
    ['a 429 of the service', { path: lookup, status: 429, message: 'too many requests' }, 'GetCacheEntryDownloadURL answered 429: too many requests', 4],
    ['a 200 whose body is not JSON', { path: lookup, status: 200, rawBody: '<html>Gateway</html>' }, 'GetCacheEntryDownloadURL answered 200 with a body that is not JSON', 4],
    ['a 503 of the download', { path: download, method: 'GET', status: 503 }, 'The cache download answered 503', 2],
    ['a download that stops sending', { path: download, method: 'GET', status: 200, pass: true, cutBody: { bytes: 1000, then: 'hang' } }, 'The cache download got no answer (nothing for 0.25 s)', 2],
    ['a download cut short', { path: download, method: 'GET', status: 200, pass: true, cutBody: { bytes: 1000, then: 'close' } }, /The cache download (ended after 1000 of 50000 bytes|got no answer)/, 2],
  ] as const;

  it.each(faults)('%s once: restored with one more request', async (_, rule) => {
    await cache.save('state-fault-1', VERSION, STATE);
    fake.clearRequests();
    fake.failOn({ ...rule, times: 1 } as Parameters<FakeGitHub['failOn']>[0]);
    const before = cache.requests();
    const restored = await cache.restore('state-fault-', VERSION, 100_000);
    expect(restored?.data.equals(STATE)).toBe(true);
    expect(cache.requests() - before).toBe(3);
    expect(waits).toEqual([3000]);
  });

  it.each(faults)('%s every time: a cache error after a bounded number of tries, within the waiting budget', async (_, rule, message, attempts) => {
    await cache.save('state-fault-1', VERSION, STATE);
    fake.failOn(rule as Parameters<FakeGitHub['failOn']>[0]);
    const before = cache.requests();
    const error: unknown = await cache.restore('state-fault-', VERSION, 100_000).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CacheServiceError);
    expect((error as Error).message).toMatch(message);
    // Its own tries, plus the lookup before a failing download.
    const lookups = rule.path === lookup ? 0 : 1;
    expect(cache.requests() - before).toBe(attempts + lookups);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual(20_000);
  });
});
