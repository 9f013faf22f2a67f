/**
 * The runner's cache service (v2) as a JavaScript action sees it, served by
 * the fake GitHub: its base URL is what tests pass as `ACTIONS_RESULTS_URL`
 * (with a trailing `/`, as the runner sets it), and the signed blob URLs it
 * hands out point back to it.
 *
 * Behaviour, from actions/toolkit packages/cache/src (cache.ts,
 * internal/shared/cacheTwirpClient.ts, generated/results/api/v1/cache.ts):
 * Twirp JSON POSTs to `/twirp/github.actions.results.api.v1.CacheService/<Method>`
 * with the runtime token as a bearer credential; request and answer fields use
 * the proto names; a lookup with no match answers 200 `{ ok: false }`; a
 * lookup tries the key exactly, then each restore key as a prefix, newest
 * entry first (GitHub docs, "Caching dependencies": "If there are multiple
 * partial matches for a restore key, the action returns the most recently
 * created cache"); only finalized entries of the same `version` match.
 * An entry's key is immutable: creating one that exists answers Twirp's
 * `already_exists` as 409 with "cache entry with the same key, version, and
 * scope already exists" (actions/cache#1541). Blobs take one
 * `PUT` with `x-ms-blob-type: BlockBlob` (Azure Put Blob answers 201 Created;
 * without the header, 400) and a plain `GET`.
 * One scope: the default branch, which issue, comment and scheduled runs share.
 */
import { randomBytes } from 'node:crypto';

export const CACHE_SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB_PATH = '/_cache-blobs/';

export interface FakeCacheEntry {
  key: string;
  version: string;
  /** Order of creation: larger is newer. */
  created: number;
  data: Buffer | undefined;
  finalized: boolean;
  signature: string;
}

export interface CacheAnswer {
  status: number;
  body?: unknown;
  raw?: Buffer;
}

export class FakeActionsCache {
  readonly entries: FakeCacheEntry[] = [];
  /** The token the runner hands the action (`ACTIONS_RUNTIME_TOKEN`). */
  readonly runtimeToken = 'fake-runtime-token';
  private created = 0;

  constructor(private readonly baseUrl: () => string) {}

  /** True for the paths this service answers. */
  static serves(path: string): boolean {
    return path.startsWith(CACHE_SERVICE_PATH) || path.startsWith(BLOB_PATH);
  }

  /** The entry a test inspects, by exact key. */
  entry(key: string): FakeCacheEntry | undefined {
    return this.entries.find((entry) => entry.key === key);
  }

  handle(request: { method: string; path: string; url: URL; headers: Record<string, string | string[] | undefined>; body: unknown; raw: Buffer }): CacheAnswer {
    if (request.path.startsWith(BLOB_PATH)) return this.blob(request);
    if (request.method !== 'POST') return twirpError(404, 'bad_route', `no handler for ${request.method} ${request.path}`);
    if (request.headers.authorization !== `Bearer ${this.runtimeToken}`) return twirpError(401, 'unauthenticated', 'the runtime token is missing or not valid');
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const method = request.path.slice(CACHE_SERVICE_PATH.length);
    if (method === 'GetCacheEntryDownloadURL') return this.lookup(body);
    if (method === 'CreateCacheEntry') return this.create(body);
    if (method === 'FinalizeCacheEntryUpload') return this.finalize(body);
    return twirpError(404, 'bad_route', `no handler for ${request.path}`);
  }

  private lookup(body: Record<string, unknown>): CacheAnswer {
    const version = String(body.version ?? '');
    const ready = this.entries.filter((entry) => entry.finalized && entry.version === version).sort((a, b) => b.created - a.created);
    const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : [];
    const match = ready.find((entry) => entry.key === body.key) ?? restoreKeys.map((prefix) => ready.find((entry) => entry.key.startsWith(prefix))).find(Boolean);
    if (!match) return { status: 200, body: { ok: false, signed_download_url: '', matched_key: '' } };
    return { status: 200, body: { ok: true, signed_download_url: this.blobUrl(match), matched_key: match.key } };
  }

  private create(body: Record<string, unknown>): CacheAnswer {
    const key = String(body.key ?? '');
    const version = String(body.version ?? '');
    if (!key || !version) return twirpError(400, 'invalid_argument', 'key and version are required');
    if (this.entries.some((entry) => entry.key === key && entry.version === version)) {
      return twirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
    }
    this.created += 1;
    const entry: FakeCacheEntry = { key, version, created: this.created, data: undefined, finalized: false, signature: randomBytes(12).toString('hex') };
    this.entries.push(entry);
    return { status: 200, body: { ok: true, signed_upload_url: this.blobUrl(entry), message: '' } };
  }

  private finalize(body: Record<string, unknown>): CacheAnswer {
    const entry = this.entries.find((candidate) => candidate.key === body.key && candidate.version === body.version);
    if (!entry?.data || entry.finalized || String(entry.data.length) !== String(body.size_bytes)) {
      return { status: 200, body: { ok: false, entry_id: '0', message: 'no uploaded entry matches that key, version and size' } };
    }
    entry.finalized = true;
    return { status: 200, body: { ok: true, entry_id: String(entry.created), message: '' } };
  }

  private blob(request: { method: string; url: URL; headers: Record<string, string | string[] | undefined>; raw: Buffer }): CacheAnswer {
    const id = Number(request.url.pathname.slice(BLOB_PATH.length));
    const entry = this.entries.find((candidate) => candidate.created === id);
    // A SAS URL is its own credential: a wrong signature is Azure's 403 AuthenticationFailed.
    if (!entry || request.url.searchParams.get('sig') !== entry.signature) return { status: 403, body: { error: 'AuthenticationFailed' } };
    if (request.method === 'PUT') {
      if (request.headers['x-ms-blob-type'] !== 'BlockBlob') return { status: 400, body: { error: 'MissingRequiredHeader' } };
      if (entry.finalized) return { status: 409, body: { error: 'BlobAlreadyExists' } };
      entry.data = request.raw;
      return { status: 201 };
    }
    if (request.method === 'GET' && entry.finalized && entry.data) return { status: 200, raw: entry.data };
    return { status: 404, body: { error: 'BlobNotFound' } };
  }

  private blobUrl(entry: FakeCacheEntry): string {
    return `${this.baseUrl()}${BLOB_PATH}${entry.created}?sig=${entry.signature}`;
  }
}

/** Twirp's error shape: a JSON `{ code, msg }` with the HTTP status of the code. */
function twirpError(status: number, code: string, msg: string): CacheAnswer {
  return { status, body: { code, msg } };
}
