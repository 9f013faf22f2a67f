import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CacheServiceError, createActionsCache, findCacheService, type ActionsCache } from '../../src/github/actions-cache.js';
import { FakeGitHub } from '../fake-github/index.js';

const VERSION = 'a'.repeat(64);
let fake: FakeGitHub;
let cache: ActionsCache;

beforeAll(async () => {
  fake = await FakeGitHub.start();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.cache.entries.length = 0;
  fake.clearFailures();
  fake.clearRequests();
  cache = createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: fake.cache.runtimeToken });
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
    fake.failOn({ path: /GetCacheEntryDownloadURL$/, status: 500, times: 1 });
    await expect(cache.restore('state-', VERSION, 1000)).rejects.toThrow('GetCacheEntryDownloadURL answered 500');
    const stranger = createActionsCache({ resultsUrl: fake.cacheUrl, runtimeToken: 'not-the-runner' });
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
    fake.failOn({ path: /GetCacheEntryDownloadURL$/, status: 0, drop: true, times: 1 });
    await expect(cache.restore('state-', VERSION, 10)).rejects.toThrow('GetCacheEntryDownloadURL got no answer');
  });
});
