/**
 * The Actions cache (cache service v2), reached the way the runner's own
 * toolkit reaches it, on `fetch` alone: `@actions/cache` would bring tar and
 * the Azure SDK into the bundle for a file of a few hundred kilobytes.
 *
 * Where each behaviour comes from (actions/toolkit, packages/cache/src):
 * - the service's address and token: `internal/config.ts` (`getCacheServiceURL`:
 *   `ACTIONS_RESULTS_URL` for v2; v2 "is not supported on GHES") and
 *   `internal/cacheUtils.ts` (`getRuntimeToken`: `ACTIONS_RUNTIME_TOKEN`);
 * - the calls: `internal/shared/cacheTwirpClient.ts` POSTs JSON to
 *   `/twirp/github.actions.results.api.v1.CacheService/<Method>` with the token
 *   as a bearer credential; request fields use the proto names
 *   (`generated/results/api/v1/cache.twirp-client.ts`: `useProtoFieldName: true`);
 * - restore: `cache.ts` `restoreCacheV2` sends `key`, `restore_keys` and
 *   `version`; `ok: false` means no entry matched; `matched_key` names the one
 *   that did, and `signed_download_url` is fetched with a plain GET
 *   (`internal/cacheHttpClient.ts` `downloadCache`);
 * - save: `cache.ts` `saveCacheV2`: `CreateCacheEntry` (key, version) answers a
 *   signed upload URL, the archive goes there as an Azure block blob, then
 *   `FinalizeCacheEntryUpload` (key, version, size_bytes as an int64 string).
 *   An entry's key is immutable: creating one that exists answers 409 Conflict
 *   "cache entry with the same key, version, and scope already exists"
 *   (actions/cache#1541), so every save uses a new key;
 * - keys: at most 512 characters and no commas (`cache.ts` `checkKey`);
 * - retries: `internal/shared/cacheTwirpClient.ts` tries a call up to 5 times,
 *   3 s apart and then 1.5 times longer each time, on 500, 502, 503, 504 and
 *   429, on no answer, and on a body that is not JSON; a download is tried
 *   twice on a 5xx (`internal/requestUtils.ts`, `DefaultRetryAttempts = 2`);
 *   here every wait of a run together stays within `CACHE_WAIT_MS`, since a
 *   run that gives up on the cache still has GitHub to read;
 * - a download is given up after 5 s without data, not after a total time
 *   (`internal/downloadUtils.ts`, `SocketTimeout = 5000`), and its length is
 *   checked against `Content-Length` ("Incomplete download");
 * - every request names its client in `User-Agent`, as the toolkit's do.
 *
 * The signed URLs carry their own credentials: they are never logged, and no
 * error message here quotes one.
 */
import type { CacheEntry, ActionsCache } from '../ports/reads.js';
import { CacheServiceError } from '../ports/errors.js';
export { CacheServiceError };
export type { CacheEntry, ActionsCache };

const SERVICE = 'github.actions.results.api.v1.CacheService';

/** `checkKey` in the toolkit's cache.ts. */
const MAX_KEY_LENGTH = 512;

/** A cache request that sends no data for this long is given up: the run falls back to reading GitHub. */
const IDLE_TIMEOUT_MS = 5_000;
/** An upload hears nothing back until it is all sent: it may be silent this many times longer. */
const UPLOAD_SILENCE_FACTOR = 6;
/** The toolkit's Twirp retries: attempts, first wait, growth. */
const CALL_ATTEMPTS = 5;
const DOWNLOAD_ATTEMPTS = 2;
const FIRST_WAIT_MS = 3_000;
const WAIT_GROWTH = 1.5;
/** All waits between retries in one run, together: past this, the run reads GitHub instead. */
const CACHE_WAIT_MS = 20_000;
/** Statuses worth another try (the toolkit's `isRetryableHttpStatusCode`, and any 5xx for a download). */
const RETRIED_CALL_STATUSES = [429, 500, 502, 503, 504];

export interface CacheLocation {
  resultsUrl: string;
  runtimeToken: string;
}

/** Where the cache service is, or why this run has none. */
export type CacheAvailability = { available: true; location: CacheLocation } | { available: false; reason: string };

/**
 * The runner gives a JavaScript action these variables; a local run has
 * none, and GitHub Enterprise Server has no cache service v2.
 */
export function findCacheService(env: NodeJS.ProcessEnv): CacheAvailability {
  const resultsUrl = env.ACTIONS_RESULTS_URL?.trim();
  const runtimeToken = env.ACTIONS_RUNTIME_TOKEN?.trim();
  if (!resultsUrl || !runtimeToken) return { available: false, reason: 'the runner offers no Actions cache here (ACTIONS_RESULTS_URL or ACTIONS_RUNTIME_TOKEN is not set)' };
  if (isEnterpriseServer(env.GITHUB_SERVER_URL)) return { available: false, reason: 'GitHub Enterprise Server has no cache service that a JavaScript action can reach' };
  return { available: true, location: { resultsUrl, runtimeToken } };
}

/** The toolkit's `isGhes()` (internal/config.ts): anything but github.com, *.ghe.com and *.localhost. */
function isEnterpriseServer(serverUrl: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(serverUrl || 'https://github.com').hostname.toLowerCase();
  } catch {
    return true;
  }
  return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}

export interface CacheClientOptions {
  fetch?: typeof fetch;
  /** How the client waits between tries; tests pass a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** `User-Agent` of every request. */
  userAgent?: string;
  /** Without data for this long, a request is given up (5 s). */
  idleTimeoutMs?: number;
}

export function createActionsCache(location: CacheLocation, options: CacheClientOptions = {}): ActionsCache {
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const userAgent = options.userAgent ?? 'roadmap-guard';
  let requests = 0;
  let waitedMs = 0;

  /** One request and its whole body, given up after `idleMs` without data. */
  const send = async (url: string, init: RequestInit, what: string, maxBytes: number, silenceMs = idleMs): Promise<{ status: number; body: Buffer }> => {
    requests += 1;
    const idle = new IdleTimer(silenceMs);
    try {
      const headers = { ...(init.headers as Record<string, string>), 'user-agent': userAgent };
      const response = await idle.race(fetchImpl(url, { ...init, headers, signal: idle.signal }));
      return { status: response.status, body: await readBody(response, maxBytes, idle, what) };
    } catch (error) {
      if (error instanceof CacheServiceError) throw error;
      throw new CacheServiceError(`${what} got no answer (${idle.expired ? `nothing for ${idleMs / 1000} s` : error instanceof Error ? error.message : String(error)})`, { cause: error, transient: true });
    } finally {
      idle.stop();
    }
  };

  /** `attempt` again while its error is transient, the attempts last and the run's waits allow. */
  const retried = async <T>(attempts: number, attempt: () => Promise<T>): Promise<T> => {
    for (let tried = 1; ; tried += 1) {
      try {
        return await attempt();
      } catch (error) {
        const wait = Math.round(FIRST_WAIT_MS * WAIT_GROWTH ** (tried - 1));
        if (!(error instanceof CacheServiceError) || !error.transient || tried >= attempts || waitedMs + wait > CACHE_WAIT_MS) throw error;
        waitedMs += wait;
        await sleep(wait);
      }
    }
  };

  const call = (method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> =>
    retried(CALL_ATTEMPTS, async () => {
      const url = new URL(`/twirp/${SERVICE}/${method}`, location.resultsUrl).href;
      const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${location.runtimeToken}` }, body: JSON.stringify(body) };
      const answer = await send(url, init, method, MAX_ANSWER_BYTES);
      const json = parseAnswer(answer, method);
      if (answer.status < 200 || answer.status > 299) {
        throw new CacheServiceError(`${method} answered ${answer.status}${typeof json.msg === 'string' ? `: ${json.msg.slice(0, 200)}` : ''}`, { transient: RETRIED_CALL_STATUSES.includes(answer.status) });
      }
      return json;
    });

  const download = (url: string, maxBytes: number): Promise<Buffer> =>
    retried(DOWNLOAD_ATTEMPTS, async () => {
      const answer = await send(url, { method: 'GET' }, 'The cache download', maxBytes);
      if (answer.status < 200 || answer.status > 299) throw new CacheServiceError(`The cache download answered ${answer.status}`, { transient: answer.status >= 500 || answer.status === 429 });
      return answer.body;
    });

  return {
    async restore(prefix, version, maxBytes) {
      checkKey(prefix);
      // The prefix is both the key and the one restore key: no entry has it exactly, so the newest whose key starts with it answers.
      const found = await call('GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version });
      if (found.ok !== true) return null;
      const url = field(found, 'signed_download_url', 'signedDownloadUrl');
      if (!url) throw new CacheServiceError('GetCacheEntryDownloadURL answered without a download address');
      const data = await download(url, maxBytes);
      return { key: field(found, 'matched_key', 'matchedKey') ?? prefix, data };
    },
    async save(key, version, data) {
      checkKey(key);
      const created = await call('CreateCacheEntry', { key, version });
      const url = field(created, 'signed_upload_url', 'signedUploadUrl');
      if (created.ok !== true || !url) throw new CacheServiceError(`CreateCacheEntry refused the entry${messageOf(created)}`);
      // One Put Blob of a block blob: what the Azure SDK the toolkit uses sends for a file this small.
      // The blob store answers only once the whole state is sent: a slow link gets the time a large state takes.
      const put = { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' }, body: new Uint8Array(data) };
      const uploaded = await send(url, put, 'The cache upload', MAX_ANSWER_BYTES, idleMs * UPLOAD_SILENCE_FACTOR);
      if (uploaded.status < 200 || uploaded.status > 299) throw new CacheServiceError(`The cache upload answered ${uploaded.status}`);
      const finalized = await call('FinalizeCacheEntryUpload', { key, version, size_bytes: String(data.length) });
      if (finalized.ok !== true) throw new CacheServiceError(`FinalizeCacheEntryUpload refused the entry${messageOf(finalized)}`);
    },
    requests: () => requests,
  };
}

/** The most a Twirp answer or an upload's answer may be: they are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Gives up a request once no data came for `ms`: the timer restarts with every chunk. */
class IdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private rejectIdle: ((error: Error) => void) | undefined;
  private readonly idle: Promise<never>;
  expired = false;

  constructor(private readonly ms: number) {
    this.idle = new Promise<never>((_, reject) => (this.rejectIdle = reject));
    this.idle.catch(() => undefined);
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
      this.rejectIdle?.(new Error('idle'));
    }, this.ms);
  }

  /** `promise`, or the idle timeout's error, whichever comes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.idle]);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/**
 * The whole body, at most `maxBytes` (the saved state is bounded like any
 * other input), and as long as its `Content-Length` says: a connection that
 * ends early is a cache fault, never a shorter state.
 */
async function readBody(response: Response, maxBytes: number, idle: IdleTimer, what: string): Promise<Buffer> {
  const declared = response.headers.get('content-length');
  const tooLarge = () => new CacheServiceError(`${what === 'The cache download' ? 'The saved state' : `${what}'s answer`} is larger than ${maxBytes} bytes`);
  if (Number(declared ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  for (;;) {
    if (!reader) break;
    idle.restart();
    const { done, value } = await idle.race(reader.read());
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  if (declared !== null && Number(declared) !== length) {
    throw new CacheServiceError(`${what} ended after ${length} of ${declared} bytes`, { transient: true });
  }
  return Buffer.concat(chunks);
}

function checkKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || key.includes(',')) throw new CacheServiceError(`A cache key must be at most ${MAX_KEY_LENGTH} characters without commas`);
}

/** Twirp answers JSON, errors included (`{ code, msg }`): anything else (a proxy's HTML page) is a fault, tried again as the toolkit does. */
function parseAnswer(answer: { status: number; body: Buffer }, method: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new CacheServiceError(`${method} answered ${answer.status} with a body that is not JSON`, { transient: true });
  }
  if (typeof parsed !== 'object' || parsed === null) throw new CacheServiceError(`${method} answered ${answer.status} with JSON that is not an object`, { transient: true });
  return parsed as Record<string, unknown>;
}

/** Twirp's JSON uses the proto names; protobuf-ts clients accept the camel-case names too, and so does this one. */
function field(answer: Record<string, unknown>, protoName: string, jsonName: string): string | undefined {
  const value = answer[protoName] ?? answer[jsonName];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function messageOf(answer: Record<string, unknown>): string {
  return typeof answer.message === 'string' && answer.message ? `: ${answer.message.slice(0, 200)}` : '';
}
