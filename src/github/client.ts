/**
 * The one Octokit the action uses, built once: retries for server errors,
 * rate-limit handling that waits only briefly, pacing for writes only, and a
 * count of every request by kind for the report.
 */
// Not the package's index: importing it parses the event payload file, so a
// broken payload would crash before the run could report it and set outputs.
import type { getOctokit } from '@actions/github';
import { GitHub, defaults, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { isPrimaryRateLimit, rateLimitReset, RateLimitExhaustedError, responseHeader } from './errors.js';
import { WritePacer, pacingFromEnvironment, type PacingOptions } from './pacing.js';
import { reportedCost, withQueryCost } from './query-cost.js';
import type { RequestCounts } from '../ports/forge.js';

export type Octokit = ReturnType<typeof getOctokit>;

export type RequestKind = 'graphql' | 'rest-read' | 'write';

export interface GitHubClient {
  octokit: Octokit;
  /** Sends a GraphQL document to `GITHUB_GRAPHQL_URL`, and counts the points GitHub says it cost. */
  graphql<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** The requests made so far (a copy). */
  counts(): RequestCounts;
  /** Waits before the next try of a request that failed: longer each time, like the client's own retries. */
  pauseBeforeRetry(attempt: number): Promise<void>;
  /** Reports something the run should know but that does not stop it (a warning annotation in the action). */
  warn?: (message: string) => void;
  /** Logins the product acted as before this token (input `previous-bot-logins`): their marked comments are adopted, and their writes are the product's own. */
  earlierIdentities?: readonly string[];
}

export interface ClientOptions {
  token: string;
  /** Defaults to `GITHUB_API_URL`, then https://api.github.com. */
  apiUrl?: string;
  /** Defaults to `GITHUB_GRAPHQL_URL`, then `<apiUrl>/graphql`. */
  graphqlUrl?: string;
  /** The most seconds a run spends waiting on rate limits, all waits together; a wait that does not fit stops the request. */
  maxWaitSeconds?: number;
  pacing?: Partial<PacingOptions>;
  /**
   * The most milliseconds one try of a request may wait for GitHub's answer
   * (30 s by default): a hung connection then fails like a dropped one, is
   * retried a few times, and the run reports it instead of holding the job.
   */
  requestTimeoutMs?: number;
  /** Milliseconds per second of `retry-after` and of retry back-off (1000 in real use). */
  retryTimeUnitMs?: number;
  warn?: (message: string) => void;
  earlierIdentities?: readonly string[];
}

/**
 * 4xx answers are final: retrying a bad request, a missing resource or a
 * permission refusal only burns quota. Rate limits (403/429 with rate-limit
 * headers) are the throttling plugin's job, not the retry plugin's.
 */
const DO_NOT_RETRY = [400, 401, 402, 403, 404, 405, 406, 409, 410, 412, 413, 415, 422, 429, 451];

/** The default of `requestTimeoutMs`: GitHub answers in well under a second; 30 s of silence is a hang. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** How many times a rate-limited request may be retried after a short wait. */
const MAX_RATE_LIMIT_RETRIES = 2;

/**
 * The wait after a secondary rate limit that came without `retry-after`:
 * "wait for at least one minute before retrying" (docs.github.com, REST API
 * → Rate limits for the REST API → Exceeding the rate limit).
 */
const SECONDARY_LIMIT_DEFAULT_WAIT = 60;

/**
 * Stands in for the throttling plugin's `write` and `notifications` limiters.
 * The plugin sends every `/graphql` request through its write limiter (one per
 * second), reads included; our GraphQL documents are all reads, so that would
 * idle a 100-page audit for 100 s. Writes are paced by WritePacer instead, and
 * the plugin keeps what it is good at: retrying after rate-limit answers.
 * The plugin only ever calls `key(id).schedule(options, task)` on a limiter.
 */
const unpaced = {
  key: () => ({ schedule: <T>(_options: unknown, task: () => Promise<T>): Promise<T> => task() }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const apiUrl = trimSlash(options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com');
  const graphqlUrl = options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`;
  const maxWaitSeconds = options.maxWaitSeconds ?? 60;
  const timeUnitMs = options.retryTimeUnitMs ?? 1000;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const counts: RequestCounts = { graphql: 0, graphqlPoints: 0, restRead: 0, write: 0 };
  const pacer = new WritePacer({ ...pacingFromEnvironment(process.env), ...options.pacing });

  // Every wait of the run comes out of one budget: waits add up, and a runner held for minutes costs more than a run the next one completes.
  let waitedSeconds = 0;
  const waitWithinBudget = (what: string) => (retryAfter: number, request: RequestOptions, _octokit: unknown, retryCount: number) => {
    const retrying = retryCount < MAX_RATE_LIMIT_RETRIES && waitedSeconds + retryAfter <= maxWaitSeconds;
    const target = `${request.method ?? ''} ${pathOf(expandUrl(request))}`;
    if (retrying) {
      waitedSeconds += retryAfter;
      counts.waitedSeconds = waitedSeconds;
    }
    warn(
      retrying
        ? `Waiting ${retryAfter}s before retrying ${target}: ${what}.`
        : `Not waiting ${retryAfter}s more for ${target} (${what}): this run already waited ${waitedSeconds}s of its ${maxWaitSeconds}s; the next run will do what this one could not.`,
    );
    return retrying;
  };

  const GitHubWithPlugins = GitHub.plugin(throttling, retry);
  const octokit: Octokit = new GitHubWithPlugins(
    getOctokitOptions(options.token, {
      baseUrl: apiUrl,
      throttle: {
        onRateLimit: waitWithinBudget("GitHub's rate limit for this token was reached"),
        onSecondaryRateLimit: waitWithinBudget(
          `GitHub's secondary rate limit (too many requests at once) asked to wait; it says how long in retry-after, and without one GitHub asks for at least ${SECONDARY_LIMIT_DEFAULT_WAIT}s`,
        ),
        fallbackSecondaryRateRetryAfter: SECONDARY_LIMIT_DEFAULT_WAIT,
        write: unpaced,
        notifications: unpaced,
        retryAfterBaseValue: timeUnitMs,
      },
      retry: { doNotRetry: DO_NOT_RETRY, retries: 3, retryAfterBaseValue: timeUnitMs },
      request: { fetch: fetchWithTimeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) },
    }),
  );

  // Registered after the plugins, so this wrap is outermost: it counts each
  // request once, sees the final outcome after retries, and paces writes
  // before the plugins queue them.
  octokit.hook.wrap('request', async (request, endpoint) => {
    const kind = requestKind(endpoint.method, endpoint.url, graphqlUrl);
    if (kind === 'write') await pacer.beforeWrite(throttling.triggersNotification(pathOf(endpoint.url)));
    counts[kind === 'rest-read' ? 'restRead' : kind] += 1;
    try {
      const response = await request(endpoint);
      noteRemaining(counts, response.headers['x-ratelimit-remaining']);
      return response;
    } catch (error) {
      noteRemaining(counts, responseHeader(error, 'x-ratelimit-remaining'));
      if (isPrimaryRateLimit(error)) throw new RateLimitExhaustedError(rateLimitReset(error), { cause: error });
      throw error;
    }
  });

  return {
    octokit,
    ...(options.earlierIdentities?.length ? { earlierIdentities: options.earlierIdentities } : {}),
    graphql: async <T>(document: string, variables: Record<string, unknown> = {}) => {
      try {
        // The object form lets `url` name the endpoint; none of our variables is called query or url.
        const data = await octokit.graphql<T>({ ...variables, query: withQueryCost(document), url: graphqlUrl });
        counts.graphqlPoints += reportedCost(data) ?? 0;
        return data;
      } catch (error) {
        // An answer with errors may still carry data, and GitHub charged for it.
        counts.graphqlPoints += reportedCost((error as { data?: unknown }).data) ?? 0;
        throw error;
      }
    },
    counts: () => ({ ...counts }),
    pauseBeforeRetry: (attempt) => new Promise((resolve) => setTimeout(resolve, attempt * attempt * timeUnitMs)),
    warn,
  };
}

type Fetch = typeof fetch;

/**
 * The runner's fetch (through its proxy, if any) with a deadline on each try.
 * Every try, retries included, goes through here, so each gets its own
 * deadline. A try that runs out fails as a TimeoutError whose message says
 * so; Octokit turns it into a 500 without a response, which the retry plugin
 * retries (a bounded number of times) like a dropped connection.
 */
function fetchWithTimeout(timeoutMs: number): Fetch {
  const base = (defaults.request?.fetch as Fetch | undefined) ?? fetch;
  return async (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await base(input, { ...init, signal });
    } catch (error) {
      if (deadline.aborted && !init.signal?.aborted) {
        throw new DOMException(`no answer within ${formatSeconds(timeoutMs)}`, 'TimeoutError');
      }
      throw error;
    }
  };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export function requestKind(method: string | undefined, url: string | undefined, graphqlUrl: string): RequestKind {
  const path = pathOf(url ?? '');
  if (url === graphqlUrl || path === pathOf(graphqlUrl) || path.endsWith('/graphql')) return 'graphql';
  return method === undefined || method === 'GET' || method === 'HEAD' ? 'rest-read' : 'write';
}

/** The options the throttling plugin passes: the URL template and the values of its `{placeholders}`. */
type RequestOptions = { method?: string; url?: string } & Record<string, unknown>;

/** `/repos/{owner}/{repo}/issues/{issue_number}/comments` with the request's own values filled in. */
function expandUrl(request: RequestOptions): string {
  return (request.url ?? '').replace(/\{(\w+)\}/g, (placeholder, key: string) => {
    const value = request[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : placeholder;
  });
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://github.invalid').pathname;
  } catch {
    return url;
  }
}

function noteRemaining(counts: RequestCounts, header: unknown): void {
  const remaining = Number(header);
  if (header !== undefined && header !== null && header !== '' && Number.isFinite(remaining)) counts.rateLimitRemaining = remaining;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
