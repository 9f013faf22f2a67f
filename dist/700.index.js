export const id = 700;
export const ids = [700];
export const modules = {

/***/ 700:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: requestKind

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(5250);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./lib/github/errors.js
var errors = __webpack_require__(9452);
;// CONCATENATED MODULE: ./lib/github/pacing.js
const DEFAULT_PACING = { writeGapMs: 1000, contentGapMs: 3000 };
/**
 * For the project's own benchmark and smoke tests only, which run the built
 * action against a local fake GitHub: `ROADMAP_GUARD_UNPACED_WRITES=true`
 * sends writes without spacing. Not an option for workflows: on github.com
 * unpaced writes run into the secondary rate limit.
 */
function pacingFromEnvironment(env) {
    return env.ROADMAP_GUARD_UNPACED_WRITES === 'true' ? { writeGapMs: 0, contentGapMs: 0 } : {};
}
class WritePacer {
    options;
    lastWrite = Number.NEGATIVE_INFINITY;
    lastContent = Number.NEGATIVE_INFINITY;
    queue = Promise.resolve();
    constructor(options = {}) {
        this.options = { ...DEFAULT_PACING, ...options };
    }
    /** Resolves when the next write may go; writes queue up in call order. */
    beforeWrite(createsContent) {
        const turn = this.queue.then(async () => {
            const now = Date.now();
            const earliest = Math.max(this.lastWrite + this.options.writeGapMs, createsContent ? this.lastContent + this.options.contentGapMs : 0);
            if (earliest > now)
                await sleep(earliest - now);
            const sent = Date.now();
            this.lastWrite = sent;
            if (createsContent)
                this.lastContent = sent;
        });
        this.queue = turn;
        return turn;
    }
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

;// CONCATENATED MODULE: ./lib/github/query-cost.js
/**
 * GraphQL points: what GitHub charges a query against the token's hourly
 * GraphQL budget, which is counted in points, not requests. GitHub computes
 * the cost from the query's `first`/`last` arguments before running it
 * (docs.github.com, "Rate limits and query limits for the GraphQL API":
 * requests every connection could need, divided by 100, rounded, at least 1),
 * and says what it charged in the query's own `rateLimit { cost }`
 * (`RateLimit.cost` in the published schema: "The point cost for the current
 * query counting against the rate limit"). So every query document asks for
 * it, added here rather than written into each document, and a new query is
 * counted without anyone remembering to.
 */
/** The selection added to every query; `cost` is all the run needs. */
const COST_SELECTION = 'rateLimit { cost }';
/**
 * The opening brace of a query operation's selection set: `query Name($a:
 * T = {…}) @directive {`, or a shorthand `{`. Default values sit inside the
 * parentheses, so the first brace after them opens the selection.
 */
const QUERY_OPENING = /^\s*(?:query\b[^({]*(?:\([^)]*\))?[^{]*)?\{/;
/**
 * The document with `rateLimit { cost }` among its top-level fields. Left as
 * it is when it already asks for `rateLimit`, or is not a query (a mutation
 * has no `rateLimit`: its cost is not reported in the answer).
 */
function withQueryCost(document) {
    if (/\brateLimit\s*(?:\(|\{)/.test(document))
        return document;
    const opening = QUERY_OPENING.exec(document);
    if (!opening)
        return document;
    const at = opening[0].length;
    return `${document.slice(0, at)} ${COST_SELECTION}${document.slice(at)}`;
}
/** The points GitHub reports it charged in an answer's data; undefined when the answer does not say. */
function reportedCost(data) {
    const cost = data?.rateLimit?.cost;
    return typeof cost === 'number' && Number.isFinite(cost) ? cost : undefined;
}

;// CONCATENATED MODULE: ./lib/github/client.js






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
    key: () => ({ schedule: (_options, task) => task() }),
};
function createGitHubClient(options) {
    const apiUrl = trimSlash(options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com');
    const graphqlUrl = options.graphqlUrl ?? process.env.GITHUB_GRAPHQL_URL ?? `${apiUrl}/graphql`;
    const maxWaitSeconds = options.maxWaitSeconds ?? 60;
    const timeUnitMs = options.retryTimeUnitMs ?? 1000;
    const warn = options.warn ?? ((message) => console.warn(message));
    const counts = { graphql: 0, graphqlPoints: 0, restRead: 0, write: 0 };
    const pacer = new WritePacer({ ...pacingFromEnvironment(process.env), ...options.pacing });
    // Every wait of the run comes out of one budget: waits add up, and a runner held for minutes costs more than a run the next one completes.
    let waitedSeconds = 0;
    const waitWithinBudget = (what) => (retryAfter, request, _octokit, retryCount) => {
        const retrying = retryCount < MAX_RATE_LIMIT_RETRIES && waitedSeconds + retryAfter <= maxWaitSeconds;
        const target = `${request.method ?? ''} ${pathOf(expandUrl(request))}`;
        if (retrying) {
            waitedSeconds += retryAfter;
            counts.waitedSeconds = waitedSeconds;
        }
        warn(retrying
            ? `Waiting ${retryAfter}s before retrying ${target}: ${what}.`
            : `Not waiting ${retryAfter}s more for ${target} (${what}): this run already waited ${waitedSeconds}s of its ${maxWaitSeconds}s; the next run will do what this one could not.`);
        return retrying;
    };
    const GitHubWithPlugins = utils/* GitHub */.gq.plugin(plugin_throttling_dist_bundle/* throttling */.A, dist_bundle/* retry */.L);
    const octokit = new GitHubWithPlugins((0,utils/* getOctokitOptions */.EG)(options.token, {
        baseUrl: apiUrl,
        throttle: {
            onRateLimit: waitWithinBudget("GitHub's rate limit for this token was reached"),
            onSecondaryRateLimit: waitWithinBudget(`GitHub's secondary rate limit (too many requests at once) asked to wait; it says how long in retry-after, and without one GitHub asks for at least ${SECONDARY_LIMIT_DEFAULT_WAIT}s`),
            fallbackSecondaryRateRetryAfter: SECONDARY_LIMIT_DEFAULT_WAIT,
            write: unpaced,
            notifications: unpaced,
            retryAfterBaseValue: timeUnitMs,
        },
        retry: { doNotRetry: DO_NOT_RETRY, retries: 3, retryAfterBaseValue: timeUnitMs },
        request: { fetch: fetchWithTimeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) },
    }));
    // Registered after the plugins, so this wrap is outermost: it counts each
    // request once, sees the final outcome after retries, and paces writes
    // before the plugins queue them.
    octokit.hook.wrap('request', async (request, endpoint) => {
        const kind = requestKind(endpoint.method, endpoint.url, graphqlUrl);
        if (kind === 'write')
            await pacer.beforeWrite(plugin_throttling_dist_bundle/* throttling */.A.triggersNotification(pathOf(endpoint.url)));
        counts[kind === 'rest-read' ? 'restRead' : kind] += 1;
        try {
            const response = await request(endpoint);
            noteRemaining(counts, response.headers['x-ratelimit-remaining']);
            return response;
        }
        catch (error) {
            noteRemaining(counts, (0,errors/* responseHeader */.Rd)(error, 'x-ratelimit-remaining'));
            if ((0,errors/* isPrimaryRateLimit */.WB)(error))
                throw new errors/* RateLimitExhaustedError */.Z0((0,errors/* rateLimitReset */.xm)(error), { cause: error });
            throw error;
        }
    });
    return {
        octokit,
        ...(options.earlierIdentities?.length ? { earlierIdentities: options.earlierIdentities } : {}),
        graphql: async (document, variables = {}) => {
            try {
                // The object form lets `url` name the endpoint; none of our variables is called query or url.
                const data = await octokit.graphql({ ...variables, query: withQueryCost(document), url: graphqlUrl });
                counts.graphqlPoints += reportedCost(data) ?? 0;
                return data;
            }
            catch (error) {
                // An answer with errors may still carry data, and GitHub charged for it.
                counts.graphqlPoints += reportedCost(error.data) ?? 0;
                throw error;
            }
        },
        counts: () => ({ ...counts }),
        pauseBeforeRetry: (attempt) => new Promise((resolve) => setTimeout(resolve, attempt * attempt * timeUnitMs)),
        warn,
    };
}
/**
 * The runner's fetch (through its proxy, if any) with a deadline on each try.
 * Every try, retries included, goes through here, so each gets its own
 * deadline. A try that runs out fails as a TimeoutError whose message says
 * so; Octokit turns it into a 500 without a response, which the retry plugin
 * retries (a bounded number of times) like a dropped connection.
 */
function fetchWithTimeout(timeoutMs) {
    const base = utils/* defaults */.NT.request?.fetch ?? fetch;
    return async (input, init = {}) => {
        const deadline = AbortSignal.timeout(timeoutMs);
        const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
        try {
            return await base(input, { ...init, signal });
        }
        catch (error) {
            if (deadline.aborted && !init.signal?.aborted) {
                throw new DOMException(`no answer within ${formatSeconds(timeoutMs)}`, 'TimeoutError');
            }
            throw error;
        }
    };
}
function formatSeconds(ms) {
    return `${Number((ms / 1000).toFixed(3))}s`;
}
function requestKind(method, url, graphqlUrl) {
    const path = pathOf(url ?? '');
    if (url === graphqlUrl || path === pathOf(graphqlUrl) || path.endsWith('/graphql'))
        return 'graphql';
    return method === undefined || method === 'GET' || method === 'HEAD' ? 'rest-read' : 'write';
}
/** `/repos/{owner}/{repo}/issues/{issue_number}/comments` with the request's own values filled in. */
function expandUrl(request) {
    return (request.url ?? '').replace(/\{(\w+)\}/g, (placeholder, key) => {
        const value = request[key];
        return typeof value === 'string' || typeof value === 'number' ? String(value) : placeholder;
    });
}
function pathOf(url) {
    try {
        return new URL(url, 'http://github.invalid').pathname;
    }
    catch {
        return url;
    }
}
function noteRemaining(counts, header) {
    const remaining = Number(header);
    if (header !== undefined && header !== null && header !== '' && Number.isFinite(remaining))
        counts.rateLimitRemaining = remaining;
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}


/***/ })

};
