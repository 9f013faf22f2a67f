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
 * - keys: at most 512 characters and no commas (`cache.ts` `checkKey`).
 *
 * The signed URLs carry their own credentials: they are never logged, and no
 * error message here quotes one.
 */

const SERVICE = 'github.actions.results.api.v1.CacheService';

/** `checkKey` in the toolkit's cache.ts. */
const MAX_KEY_LENGTH = 512;

/** A cache request that gets no answer within this long is given up: the run falls back to reading GitHub. */
const CACHE_TIMEOUT_MS = 15_000;

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

/** The cache answered with an error, or not at all. */
export class CacheServiceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CacheServiceError';
  }
}

export interface CacheEntry {
  key: string;
  data: Buffer;
}

export interface ActionsCache {
  /** The newest entry whose key starts with `prefix` (for this version); null when there is none. */
  restore(prefix: string, version: string, maxBytes: number): Promise<CacheEntry | null>;
  /** Stores `data` under `key`, which must be new. */
  save(key: string, version: string, data: Buffer): Promise<void>;
  /** Requests sent to the cache so far: the service's and the blob store's. */
  requests(): number;
}

export function createActionsCache(location: CacheLocation, fetchImpl: typeof fetch = fetch): ActionsCache {
  let requests = 0;
  const send = async (url: string, init: RequestInit, what: string): Promise<Response> => {
    requests += 1;
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(CACHE_TIMEOUT_MS) });
    } catch (error) {
      throw new CacheServiceError(`${what} got no answer (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  };
  const call = async (method: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const url = new URL(`/twirp/${SERVICE}/${method}`, location.resultsUrl).href;
    const response = await send(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${location.runtimeToken}` }, body: JSON.stringify(body) }, method);
    const answer = await readJson(response);
    if (!response.ok) throw new CacheServiceError(`${method} answered ${response.status}${typeof answer.msg === 'string' ? `: ${answer.msg.slice(0, 200)}` : ''}`);
    return answer;
  };

  return {
    async restore(prefix, version, maxBytes) {
      checkKey(prefix);
      // The prefix is both the key and the one restore key: no entry has it exactly, so the newest whose key starts with it answers.
      const found = await call('GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version });
      if (found.ok !== true) return null;
      const url = field(found, 'signed_download_url', 'signedDownloadUrl');
      if (!url) throw new CacheServiceError('GetCacheEntryDownloadURL answered without a download address');
      const response = await send(url, { method: 'GET' }, 'The cache download');
      if (!response.ok) throw new CacheServiceError(`The cache download answered ${response.status}`);
      const data = await readCapped(response, maxBytes);
      return { key: field(found, 'matched_key', 'matchedKey') ?? prefix, data };
    },
    async save(key, version, data) {
      checkKey(key);
      const created = await call('CreateCacheEntry', { key, version });
      const url = field(created, 'signed_upload_url', 'signedUploadUrl');
      if (created.ok !== true || !url) throw new CacheServiceError(`CreateCacheEntry refused the entry${messageOf(created)}`);
      // One Put Blob of a block blob: what the Azure SDK the toolkit uses sends for a file this small.
      const uploaded = await send(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' }, body: new Uint8Array(data) }, 'The cache upload');
      if (!uploaded.ok) throw new CacheServiceError(`The cache upload answered ${uploaded.status}`);
      const finalized = await call('FinalizeCacheEntryUpload', { key, version, size_bytes: String(data.length) });
      if (finalized.ok !== true) throw new CacheServiceError(`FinalizeCacheEntryUpload refused the entry${messageOf(finalized)}`);
    },
    requests: () => requests,
  };
}

function checkKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || key.includes(',')) throw new CacheServiceError(`A cache key must be at most ${MAX_KEY_LENGTH} characters without commas`);
}

/** Twirp answers JSON, errors included (`{ code, msg }`); anything else reads as an empty answer. */
async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = await response.json();
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A download of at most `maxBytes`: the saved state is bounded like any other input. */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw new CacheServiceError(`The saved state is larger than ${maxBytes} bytes`);
  }
  const data = Buffer.from(await response.arrayBuffer());
  if (data.length > maxBytes) throw new CacheServiceError(`The saved state is larger than ${maxBytes} bytes`);
  return data;
}

/** Twirp's JSON uses the proto names; protobuf-ts clients accept the camel-case names too, and so does this one. */
function field(answer: Record<string, unknown>, protoName: string, jsonName: string): string | undefined {
  const value = answer[protoName] ?? answer[jsonName];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function messageOf(answer: Record<string, unknown>): string {
  return typeof answer.message === 'string' && answer.message ? `: ${answer.message.slice(0, 200)}` : '';
}
