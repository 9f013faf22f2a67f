export const id = 622;
export const ids = [622];
export const modules = {

/***/ 4622:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectGitHub: () => (/* binding */ connectGitHub),
  forgeOver: () => (/* binding */ forgeOver)
});

// EXTERNAL MODULE: ./lib/ports/errors.js
var errors = __webpack_require__(5729);
;// CONCATENATED MODULE: ./lib/github/actions-cache.js


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
/**
 * The runner gives a JavaScript action these variables; a local run has
 * none, and GitHub Enterprise Server has no cache service v2.
 */
function findCacheService(env) {
    const resultsUrl = env.ACTIONS_RESULTS_URL?.trim();
    const runtimeToken = env.ACTIONS_RUNTIME_TOKEN?.trim();
    if (!resultsUrl || !runtimeToken)
        return { available: false, reason: 'the runner offers no Actions cache here (ACTIONS_RESULTS_URL or ACTIONS_RUNTIME_TOKEN is not set)' };
    if (isEnterpriseServer(env.GITHUB_SERVER_URL))
        return { available: false, reason: 'GitHub Enterprise Server has no cache service that a JavaScript action can reach' };
    return { available: true, location: { resultsUrl, runtimeToken } };
}
/** The toolkit's `isGhes()` (internal/config.ts): anything but github.com, *.ghe.com and *.localhost. */
function isEnterpriseServer(serverUrl) {
    let host;
    try {
        host = new URL(serverUrl || 'https://github.com').hostname.toLowerCase();
    }
    catch {
        return true;
    }
    return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}
function createActionsCache(location, options = {}) {
    const fetchImpl = options.fetch ?? fetch;
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
    const userAgent = options.userAgent ?? 'roadmap-guard';
    let requests = 0;
    let waitedMs = 0;
    /** One request and its whole body, given up after `idleMs` without data. */
    const send = async (url, init, what, maxBytes, silenceMs = idleMs) => {
        requests += 1;
        const idle = new IdleTimer(silenceMs);
        try {
            const headers = { ...init.headers, 'user-agent': userAgent };
            const response = await idle.race(fetchImpl(url, { ...init, headers, signal: idle.signal }));
            return { status: response.status, body: await readBody(response, maxBytes, idle, what) };
        }
        catch (error) {
            if (error instanceof errors/* CacheServiceError */.sE)
                throw error;
            throw new errors/* CacheServiceError */.sE(`${what} got no answer (${idle.expired ? `nothing for ${idleMs / 1000} s` : error instanceof Error ? error.message : String(error)})`, { cause: error, transient: true });
        }
        finally {
            idle.stop();
        }
    };
    /** `attempt` again while its error is transient, the attempts last and the run's waits allow. */
    const retried = async (attempts, attempt) => {
        for (let tried = 1;; tried += 1) {
            try {
                return await attempt();
            }
            catch (error) {
                const wait = Math.round(FIRST_WAIT_MS * WAIT_GROWTH ** (tried - 1));
                if (!(error instanceof errors/* CacheServiceError */.sE) || !error.transient || tried >= attempts || waitedMs + wait > CACHE_WAIT_MS)
                    throw error;
                waitedMs += wait;
                await sleep(wait);
            }
        }
    };
    const call = (method, body) => retried(CALL_ATTEMPTS, async () => {
        const url = new URL(`/twirp/${SERVICE}/${method}`, location.resultsUrl).href;
        const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${location.runtimeToken}` }, body: JSON.stringify(body) };
        const answer = await send(url, init, method, MAX_ANSWER_BYTES);
        const json = parseAnswer(answer, method);
        if (answer.status < 200 || answer.status > 299) {
            throw new errors/* CacheServiceError */.sE(`${method} answered ${answer.status}${typeof json.msg === 'string' ? `: ${json.msg.slice(0, 200)}` : ''}`, { transient: RETRIED_CALL_STATUSES.includes(answer.status) });
        }
        return json;
    });
    const download = (url, maxBytes) => retried(DOWNLOAD_ATTEMPTS, async () => {
        const answer = await send(url, { method: 'GET' }, 'The cache download', maxBytes);
        if (answer.status < 200 || answer.status > 299)
            throw new errors/* CacheServiceError */.sE(`The cache download answered ${answer.status}`, { transient: answer.status >= 500 || answer.status === 429 });
        return answer.body;
    });
    return {
        async restore(prefix, version, maxBytes) {
            checkKey(prefix);
            // The prefix is both the key and the one restore key: no entry has it exactly, so the newest whose key starts with it answers.
            const found = await call('GetCacheEntryDownloadURL', { key: prefix, restore_keys: [prefix], version });
            if (found.ok !== true)
                return null;
            const url = field(found, 'signed_download_url', 'signedDownloadUrl');
            if (!url)
                throw new errors/* CacheServiceError */.sE('GetCacheEntryDownloadURL answered without a download address');
            const data = await download(url, maxBytes);
            return { key: field(found, 'matched_key', 'matchedKey') ?? prefix, data };
        },
        async save(key, version, data) {
            checkKey(key);
            const created = await call('CreateCacheEntry', { key, version });
            const url = field(created, 'signed_upload_url', 'signedUploadUrl');
            if (created.ok !== true || !url)
                throw new errors/* CacheServiceError */.sE(`CreateCacheEntry refused the entry${messageOf(created)}`);
            // One Put Blob of a block blob: what the Azure SDK the toolkit uses sends for a file this small.
            // The blob store answers only once the whole state is sent: a slow link gets the time a large state takes.
            const put = { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' }, body: new Uint8Array(data) };
            const uploaded = await send(url, put, 'The cache upload', MAX_ANSWER_BYTES, idleMs * UPLOAD_SILENCE_FACTOR);
            if (uploaded.status < 200 || uploaded.status > 299)
                throw new errors/* CacheServiceError */.sE(`The cache upload answered ${uploaded.status}`);
            const finalized = await call('FinalizeCacheEntryUpload', { key, version, size_bytes: String(data.length) });
            if (finalized.ok !== true)
                throw new errors/* CacheServiceError */.sE(`FinalizeCacheEntryUpload refused the entry${messageOf(finalized)}`);
        },
        requests: () => requests,
    };
}
/** The most a Twirp answer or an upload's answer may be: they are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** Gives up a request once no data came for `ms`: the timer restarts with every chunk. */
class IdleTimer {
    ms;
    controller = new AbortController();
    timer;
    rejectIdle;
    idle;
    expired = false;
    constructor(ms) {
        this.ms = ms;
        this.idle = new Promise((_, reject) => (this.rejectIdle = reject));
        this.idle.catch(() => undefined);
        this.restart();
    }
    get signal() {
        return this.controller.signal;
    }
    restart() {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.expired = true;
            this.controller.abort();
            this.rejectIdle?.(new Error('idle'));
        }, this.ms);
    }
    /** `promise`, or the idle timeout's error, whichever comes first. */
    race(promise) {
        return Promise.race([promise, this.idle]);
    }
    stop() {
        clearTimeout(this.timer);
    }
}
/**
 * The whole body, at most `maxBytes` (the saved state is bounded like any
 * other input), and as long as its `Content-Length` says: a connection that
 * ends early is a cache fault, never a shorter state.
 */
async function readBody(response, maxBytes, idle, what) {
    const declared = response.headers.get('content-length');
    const tooLarge = () => new errors/* CacheServiceError */.sE(`${what === 'The cache download' ? 'The saved state' : `${what}'s answer`} is larger than ${maxBytes} bytes`);
    if (Number(declared ?? 0) > maxBytes) {
        await response.body?.cancel();
        throw tooLarge();
    }
    const chunks = [];
    let length = 0;
    const reader = response.body?.getReader();
    for (;;) {
        if (!reader)
            break;
        idle.restart();
        const { done, value } = await idle.race(reader.read());
        if (done)
            break;
        length += value.length;
        if (length > maxBytes) {
            await reader.cancel();
            throw tooLarge();
        }
        chunks.push(Buffer.from(value));
    }
    if (declared !== null && Number(declared) !== length) {
        throw new errors/* CacheServiceError */.sE(`${what} ended after ${length} of ${declared} bytes`, { transient: true });
    }
    return Buffer.concat(chunks);
}
function checkKey(key) {
    if (key.length > MAX_KEY_LENGTH || key.includes(','))
        throw new errors/* CacheServiceError */.sE(`A cache key must be at most ${MAX_KEY_LENGTH} characters without commas`);
}
/** Twirp answers JSON, errors included (`{ code, msg }`): anything else (a proxy's HTML page) is a fault, tried again as the toolkit does. */
function parseAnswer(answer, method) {
    let parsed;
    try {
        parsed = JSON.parse(answer.body.toString('utf8'));
    }
    catch {
        throw new errors/* CacheServiceError */.sE(`${method} answered ${answer.status} with a body that is not JSON`, { transient: true });
    }
    if (typeof parsed !== 'object' || parsed === null)
        throw new errors/* CacheServiceError */.sE(`${method} answered ${answer.status} with JSON that is not an object`, { transient: true });
    return parsed;
}
/** Twirp's JSON uses the proto names; protobuf-ts clients accept the camel-case names too, and so does this one. */
function field(answer, protoName, jsonName) {
    const value = answer[protoName] ?? answer[jsonName];
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function messageOf(answer) {
    return typeof answer.message === 'string' && answer.message ? `: ${answer.message.slice(0, 200)}` : '';
}

// EXTERNAL MODULE: ./lib/github/errors.js
var github_errors = __webpack_require__(9452);
;// CONCATENATED MODULE: ./lib/github/create-once.js
/**
 * Creating is not idempotent. GitHub can apply a `POST …/comments` and still
 * answer 502, or the connection can drop after the comment landed; sending
 * it again would post it twice. So creates go out without the client's
 * automatic retries, and after a failure that may have landed we look for
 * the result (the marker, written by this token) and send again only when it
 * is not there.
 */

/** `created`: this call made it; `found`: a try that answered with an error had made it after all. */
async function createOnce(options) {
    const tries = options.tries ?? 4;
    for (let attempt = 1;; attempt++) {
        try {
            await options.create();
            return 'created';
        }
        catch (error) {
            if (!mayHaveLanded(error) || attempt >= tries)
                throw error;
            await options.pause(attempt);
            if (await options.landed())
                return 'found';
        }
    }
}
/**
 * A 5xx, or no answer at all (Octokit reports those as 500 without a
 * response), says nothing about whether GitHub applied the request. A 4xx
 * says it did not.
 */
function mayHaveLanded(error) {
    const status = (0,github_errors/* httpStatus */.nG)(error);
    const name = error?.name;
    return (status !== undefined && status >= 500) || name === 'AbortError' || name === 'TimeoutError';
}

// EXTERNAL MODULE: ./lib/ports/describe.js
var describe = __webpack_require__(9791);
;// CONCATENATED MODULE: ./lib/github/describe-failure.js
/**
 * One line that says what failed, on which request, in GitHub's own words,
 * with advice only where the answer calls for it. Octokit's messages alone
 * lose the detail ("Request failed due to following response errors:" with
 * the errors on later lines) or the request ("other side closed").
 */



function describeFailure(error) {
    const request = requestOf(error);
    const graphqlErrors = graphqlErrorsOf(error);
    if (graphqlErrors)
        return `GitHub's GraphQL API refused ${operationOf(request)}: ${graphqlErrors.map(describeGraphqlError).join('; ')}.`;
    if (!request)
        return (0,describe/* oneLine */.TN)((0,github_errors/* getErrorMessage */.u1)(error));
    const target = `${request.method ?? 'GET'} ${pathOf(request.url)}`;
    if (isConnectionFailure(error)) {
        return `${target} got no answer from GitHub: ${connectionProblem(error)}. ${TRANSIENT_ADVICE}`;
    }
    const status = (0,github_errors/* httpStatus */.nG)(error);
    const advice = status === undefined ? undefined : adviceFor(status);
    return `${target} failed: GitHub answered ${status ?? 'with an error'}: ${(0,describe/* oneLine */.TN)((0,github_errors/* getErrorMessage */.u1)(error))}${advice ? `. ${advice}` : ''}`;
}
const TRANSIENT_ADVICE = 'This is a problem on GitHub’s side or on the way to it, not in the workflow; the next run will try again';
/** Advice that follows from the status alone; permissions and rate limits are explained where the request is known. */
function adviceFor(status) {
    if (status === 401)
        return 'The token is not valid: expired, revoked or mistyped';
    if (status >= 500)
        return TRANSIENT_ADVICE;
    return undefined;
}
/**
 * Octokit reports a request that never got an HTTP answer (connection reset,
 * DNS, TLS, timeout) as status 500 with no response, the network error as `cause`.
 */
function isConnectionFailure(error) {
    const response = error.response;
    const name = error.name;
    return ((0,github_errors/* httpStatus */.nG)(error) === 500 && response === undefined) || name === 'AbortError' || name === 'TimeoutError';
}
function connectionProblem(error) {
    const name = error.name;
    const cause = error.cause;
    // The client's own deadline: its message says how long it waited ("no answer within 30s").
    if (cause?.name === 'TimeoutError')
        return `the request timed out (${(0,describe/* oneLine */.TN)((0,github_errors/* getErrorMessage */.u1)(error))})`;
    if (name === 'AbortError' || name === 'TimeoutError')
        return 'the request timed out';
    return `the connection broke before an answer came (${(0,describe/* oneLine */.TN)((0,github_errors/* getErrorMessage */.u1)(error))})`;
}
function requestOf(error) {
    if (typeof error !== 'object' || error === null || !('request' in error))
        return undefined;
    const request = error.request;
    return typeof request === 'object' && request !== null ? request : undefined;
}
function graphqlErrorsOf(error) {
    if (typeof error !== 'object' || error === null || error.name !== 'GraphqlResponseError')
        return undefined;
    const errors = error.errors;
    return Array.isArray(errors) && errors.length > 0 ? errors : undefined;
}
function describeGraphqlError(error) {
    const where = error.path?.length ? ` (at ${error.path.join('.')})` : '';
    const kind = error.type ? `${error.type}: ` : '';
    return `${kind}${(0,describe/* oneLine */.TN)(error.message ?? 'no message')}${where}`;
}
/** "the query IssuePage" from the document's operation name, or "a query". */
function operationOf(request) {
    const name = /\b(query|mutation)\s+([A-Za-z_]\w*)/.exec(request?.query ?? '');
    return name ? `the ${name[1]} ${name[2]}` : 'a query';
}
function pathOf(url) {
    if (!url)
        return '(unknown request)';
    try {
        return new URL(url, 'http://github.invalid').pathname;
    }
    catch {
        return url;
    }
}

;// CONCATENATED MODULE: ./lib/plan/types.js
/** `after` of a deletion that waits for the comment the same plan posts on the issue. */
const NEW_COMMENT = 'new';

;// CONCATENATED MODULE: ./lib/github/queries.js
/**
 * Every GraphQL document the action sends. All are reads (writes go through
 * typed REST methods), and each is validated against GitHub's published
 * schema by a test, so a typo fails CI instead of a user's workflow.
 */
/**
 * What a work item needs from an issue, body aside (fetched only when the
 * policy reads it). Assignees only when the policy asks for owners: on a page
 * of 100 issues they are one more nested connection, a GraphQL point per page.
 * GitHub allows at most 10 assignees per issue, so one page holds them all.
 * Every operation spreading this fragment declares `$withAssignees`.
 */
const ISSUE_FIELDS = /* GraphQL */ `
  fragment RoadmapIssueFields on Issue {
    number
    title
    url
    state
    createdAt
    updatedAt
    lastEditedAt
    closedAt
    stateReason(enableDuplicate: true)
    viewerDidAuthor
    author { __typename login }
    milestone { title }
    labels(first: 100) { nodes { name } }
    assignees(first: 10) @include(if: $withAssignees) { nodes { login } }
  }
`;
/**
 * Comment ids are read as `fullDatabaseId`, a `BigInt` GitHub sends as a
 * decimal string, and stay strings until they are a REST path. The older
 * `databaseId` is a 32-bit `Int`: comment ids passed 2^31 long ago, so
 * GitHub answers it with an error instead of the id.
 *
 * Enough comments to find the bot's own without another request in the
 * common case (most issues have fewer than 13 comments), and the latest
 * comments people wrote, which tell whether an issue is stale. One window
 * only: GitHub charges a page of 100 issues one point per nested connection
 * (labels, comments), so a second window would make every audit page cost
 * 3 points instead of 2. An issue with more comments than the window is
 * looked at again only when needed.
 */
const COMMENT_WINDOW = /* GraphQL */ `
  fragment RoadmapCommentWindow on Issue {
    recentComments: comments(last: 13) { totalCount nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt } }
  }
`;
/** The labels the bot manages, to create them (with a colour) only when missing. */
const MANAGED_LABELS = /* GraphQL */ `
  fragment RoadmapManagedLabels on Repository {
    nonCompliantLabel: label(name: $nonCompliantLabel) @include(if: $withLabels) { name }
    overBudgetLabel: label(name: $overBudgetLabel) @include(if: $withLabels) { name }
  }
`;
/**
 * The milestones, for the execution report: on the audit's first page, so
 * the list costs no request of its own (nor a point: one node among 200).
 * Latest due date first, so the cycles of the window come first.
 */
const MILESTONES = /* GraphQL */ `
  fragment RoadmapMilestones on Repository {
    milestones(first: 100, orderBy: { field: DUE_DATE, direction: DESC }) @include(if: $withMilestones) {
      totalCount
      nodes { number title state dueOn closedAt createdAt }
    }
  }
`;
/** Audit: one page of 100 issues with everything the engine and the comment sync need. */
const AUDIT_ISSUES_QUERY = /* GraphQL */ `
  query RoadmapAuditIssues(
    $owner: String!
    $name: String!
    $states: [IssueState!]!
    $since: DateTime
    $labels: [String!]
    $after: String
    $withBody: Boolean!
    $withComments: Boolean!
    $withLabels: Boolean!
    $withAssignees: Boolean = false
    $nonCompliantLabel: String!
    $overBudgetLabel: String!
    $withMilestones: Boolean = false
  ) {
    repository(owner: $owner, name: $name) {
      ...RoadmapManagedLabels
      ...RoadmapMilestones
      issues(first: 100, after: $after, states: $states, labels: $labels, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          ...RoadmapIssueFields
          body @include(if: $withBody)
          ...RoadmapCommentWindow @include(if: $withComments)
        }
      }
    }
  }
  ${ISSUE_FIELDS}
  ${COMMENT_WINDOW}
  ${MANAGED_LABELS}
  ${MILESTONES}
`;
/**
 * The execution report: the issues now in one milestone, 50 a page, each with
 * its milestone and closing history. One point a page: 1 + 50 label
 * connections + 50 timelines, over 100. An issue with more than 100 such
 * events is read up to its 100th, and the report says so (`totalCount`).
 */
const CYCLE_ITEMS_QUERY = /* GraphQL */ `
  query RoadmapCycleItems($owner: String!, $name: String!, $number: Int!, $after: String, $withBody: Boolean!, $withAssignees: Boolean = false) {
    repository(owner: $owner, name: $name) {
      milestone(number: $number) {
        issues(first: 50, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
          pageInfo { hasNextPage endCursor }
          nodes {
            ...RoadmapIssueFields
            body @include(if: $withBody)
            timelineItems(first: 100, itemTypes: [MILESTONED_EVENT, DEMILESTONED_EVENT, CLOSED_EVENT, REOPENED_EVENT]) {
              totalCount
              nodes {
                __typename
                ... on MilestonedEvent { createdAt milestoneTitle }
                ... on DemilestonedEvent { createdAt milestoneTitle }
                ... on ClosedEvent { createdAt stateReason }
                ... on ReopenedEvent { createdAt }
              }
            }
          }
        }
      }
    }
  }
  ${ISSUE_FIELDS}
`;
/** Issue mode: the event's issue with its body and a page of its comments. */
const FOCUS_ISSUE_QUERY = /* GraphQL */ `
  query RoadmapFocusIssue(
    $owner: String!
    $name: String!
    $number: Int!
    $commentsAfter: String
    $withLabels: Boolean!
    # One issue: its assignees cost nothing more, so they are always read.
    $withAssignees: Boolean = true
    $nonCompliantLabel: String!
    $overBudgetLabel: String!
  ) {
    repository(owner: $owner, name: $name) {
      ...RoadmapManagedLabels
      issue(number: $number) {
        ...RoadmapIssueFields
        body
        comments(first: 100, after: $commentsAfter) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt }
        }
      }
    }
  }
  ${ISSUE_FIELDS}
  ${MANAGED_LABELS}
`;
/**
 * Issue mode's budget read: the narrowest view of an issue that still
 * classifies and sizes it. Labels always; the body only when the policy
 * matches categories, customers or sizes by form fields.
 */
const BUDGET_FIELDS = /* GraphQL */ `
  fragment RoadmapBudgetFields on Issue {
    number
    title
    url
    state
    createdAt
    updatedAt
    viewerDidAuthor
    author { __typename login }
    labels(first: 100) { nodes { name } }
    body @include(if: $withBody)
  }
`;
/** Every open issue, for the budgets. */
const BUDGET_ITEMS_QUERY = /* GraphQL */ `
  query RoadmapBudgetItems($owner: String!, $name: String!, $after: String, $withBody: Boolean!) {
    repository(owner: $owner, name: $name) {
      issues(first: 100, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ...RoadmapBudgetFields }
      }
    }
  }
  ${BUDGET_FIELDS}
`;
/**
 * With a saved state: the issues updated since it was saved, open or closed
 * (`filterBy.since`: "issues that have been updated at or after the given
 * date"), and GitHub's count of open issues, which tells whether an issue
 * left without a trace (deleted or transferred). Ordered by creation, which
 * an edit during the read does not reorder.
 */
const BUDGET_CHANGES_QUERY = /* GraphQL */ `
  query RoadmapBudgetChanges($owner: String!, $name: String!, $since: DateTime!, $after: String, $withBody: Boolean!) {
    repository(owner: $owner, name: $name) {
      open: issues(states: [OPEN]) { totalCount }
      changed: issues(first: 100, after: $after, states: [OPEN, CLOSED], filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { ...RoadmapBudgetFields }
      }
    }
  }
  ${BUDGET_FIELDS}
`;
/** The rest of one issue's comments, when the window above did not show the bot's comment. */
const ISSUE_COMMENTS_QUERY = /* GraphQL */ `
  query RoadmapIssueComments($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        comments(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt }
        }
      }
    }
  }
`;
/**
 * What a comment shows of a `/roadmap` command the bot answered, for
 * rebuilding the record of exceptions and outcomes when the bot's own comment
 * is gone: its text, whether it was edited since it was posted, and who
 * reacted how (the bot's 👍 says it carried the command out). Whether this
 * token's identity reacted is `viewerHasReacted`, however many reacted;
 * `reactors` names the others, bots too (the `Reactor` union, unlike a
 * reaction's `user`), with `totalCount` to tell a list cut off at 100.
 */
const COMMAND_FACTS = /* GraphQL */ `
  fragment RoadmapCommandFacts on IssueComment {
    body
    lastEditedAt
    reactionGroups { content viewerHasReacted reactors(first: 100) { totalCount nodes { __typename ... on Bot { login } ... on User { login } } } }
  }
`;
/**
 * An issue's timeline, latest last, with who did each thing: who put a label
 * on or took it off (to tell who stands behind an exemption label), and the
 * last time a person, not the bot, touched the issue. `viewer` names the
 * token's identity, whose own writes (comments, labels) are never a
 * person's touch; it answers for an App's installation token too (see
 * fullsend-ai/fullsend#1953, joshjohanning/bulk-github-repo-settings-sync-action#194).
 */
const ISSUE_TIMELINE_QUERY = /* GraphQL */ `
  query RoadmapIssueTimeline($owner: String!, $name: String!, $number: Int!, $withRecord: Boolean!) {
    viewer { login }
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        timelineItems(
          last: 100
          itemTypes: [ISSUE_COMMENT, LABELED_EVENT, UNLABELED_EVENT, RENAMED_TITLE_EVENT, REOPENED_EVENT, ASSIGNED_EVENT, UNASSIGNED_EVENT, MILESTONED_EVENT, DEMILESTONED_EVENT]
        ) {
          totalCount
          nodes {
            __typename
            ... on IssueComment {
              createdAt
              updatedAt
              viewerDidAuthor
              author { __typename login }
              ...RoadmapCommandFacts @include(if: $withRecord)
            }
            ... on LabeledEvent { createdAt actor { __typename login } label { name } }
            ... on UnlabeledEvent { createdAt actor { __typename login } label { name } }
            ... on RenamedTitleEvent { createdAt actor { __typename login } }
            ... on ReopenedEvent { createdAt actor { __typename login } }
            ... on AssignedEvent { createdAt actor { __typename login } }
            ... on UnassignedEvent { createdAt actor { __typename login } }
            ... on MilestonedEvent { createdAt actor { __typename login } }
            ... on DemilestonedEvent { createdAt actor { __typename login } }
          }
        }
      }
    }
  }
  ${COMMAND_FACTS}
`;
/**
 * The newest open issues, to tell whether a dashboard issue whose creation
 * answered with an error was created after all: it would be among them.
 */
const NEWEST_ISSUES_QUERY = /* GraphQL */ `
  query RoadmapNewestIssues($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      issues(last: 20, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        nodes { number title body viewerDidAuthor }
      }
    }
  }
`;
/** A relayed board item's content by number: an issue, a pull request, or nothing (deleted). */
const RELAYED_BY_NUMBER_QUERY = /* GraphQL */ `
  query RoadmapRelayedByNumber($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issueOrPullRequest(number: $number) { __typename ... on Issue { number } }
    }
  }
`;
/** A relayed board item's content by node id (`content_node_id` of GitHub's own payload). */
const RELAYED_BY_NODE_QUERY = /* GraphQL */ `
  query RoadmapRelayedByNode($id: ID!) {
    node(id: $id) { __typename ... on Issue { number repository { nameWithOwner } } }
  }
`;
/** Every document above, by name, for the schema test. */
const ALL_QUERIES = {
    AUDIT_ISSUES_QUERY,
    FOCUS_ISSUE_QUERY,
    BUDGET_ITEMS_QUERY,
    BUDGET_CHANGES_QUERY,
    ISSUE_COMMENTS_QUERY,
    ISSUE_TIMELINE_QUERY,
    NEWEST_ISSUES_QUERY,
    RELAYED_BY_NUMBER_QUERY,
    RELAYED_BY_NODE_QUERY,
    CYCLE_ITEMS_QUERY,
};

;// CONCATENATED MODULE: ./lib/github/identity.js
function isIdentity(identities, actor) {
    if (!actor?.login)
        return false;
    const login = actor.login.toLowerCase();
    return identities.some((identity) => {
        const wanted = identity?.toLowerCase();
        return wanted !== undefined && (wanted === login || (actor.__typename === 'Bot' && wanted === `${login}[bot]`));
    });
}

// EXTERNAL MODULE: ./lib/core/issue-form.js
var issue_form = __webpack_require__(5555);
;// CONCATENATED MODULE: ./lib/memory/markers.js
/**
 * Hidden markers that let the bot find its own comment and dashboard issue
 * again (together with the author), so it edits them in place instead of
 * posting duplicates. HTML comments do not show in rendered markdown.
 */
const COMMENT_MARKER = '<!-- roadmap-guard:item -->';
const DASHBOARD_MARKER = '<!-- roadmap-guard:dashboard -->';
/** Second markers that tell the bot's two sticky comments on a pull request apart (each also carries COMMENT_MARKER). */
const MERGE_GATE_MARKER = '<!-- roadmap-guard:merge-gate -->';
const POLICY_PREVIEW_MARKER = '<!-- roadmap-guard:policy-preview -->';
/** True for a line that is one of the markers above and nothing else. */
function isMarkerLine(line) {
    return /^<!-- roadmap-guard:[\w-]+ -->$/.test(line);
}

;// CONCATENATED MODULE: ./lib/memory/state.js
const STATE_KEYS = ['touched', 'warned', 'archived'];
const STATE_MARKER = /<!-- roadmap-guard:state((?: [a-z]+=[^\s>]+)*) -->/g;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** `<!-- roadmap-guard:state touched=… warned=… -->`, or '' when there is nothing to remember. */
function stateMarker(state) {
    const fields = STATE_KEYS.flatMap((key) => (state[key] && MOMENT.test(state[key]) ? [`${key}=${state[key]}`] : []));
    return fields.length ? `<!-- roadmap-guard:state ${fields.join(' ')} -->` : '';
}
/** The state recorded in a comment of the bot's; the last marker wins, and anything that is not a moment is ignored. */
function readCommentState(body) {
    const last = [...body.matchAll(STATE_MARKER)].at(-1)?.[1] ?? '';
    const state = {};
    for (const field of last.trim().split(' ')) {
        const [key, value = ''] = field.split('=');
        if (STATE_KEYS.includes(key ?? '') && MOMENT.test(value))
            state[key] = value;
    }
    return state;
}

// EXTERNAL MODULE: ./lib/memory/trail.js
var trail = __webpack_require__(8343);
;// CONCATENATED MODULE: ./lib/memory/remembered.js
/**
 * What the bot remembers about an issue, read from all of its comments there:
 * the one it keeps and the copies that runs which raced left behind. Each
 * copy may hold a decision the kept one lacks (a grant recorded by the run
 * that posted it), so the trail is the union of all of them, the state the
 * most careful reading of all of them, and the reply the newest one. The
 * copies are removed only once the kept comment holds it all.
 */



function bodies(comment) {
    return comment ? [comment.body, ...(comment.extras ?? []).map((extra) => extra.body)] : [];
}
/** Every decision recorded in any of the bot's comments on the issue. */
function rememberedTrail(comment) {
    return mergeTrails(bodies(comment).map(readTrail));
}
/** The latest reply: the newest comment's, else the kept one's. */
function rememberedReply(comment) {
    return bodies(comment).map(readReply).filter((reply) => reply !== undefined).at(-1);
}
/**
 * The state across the comments: the latest touch and the latest warning (an
 * item is never archived before a date any warning gave), the latest archiving.
 */
function rememberedState(comment) {
    const states = bodies(comment).map(readCommentState);
    const latest = (key) => states.map((state) => state[key]).filter((moment) => !!moment).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
    const state = {};
    for (const key of STATE_KEYS) {
        const moment = latest(key);
        if (moment)
            state[key] = moment;
    }
    return state;
}

;// CONCATENATED MODULE: ./lib/github/timeline.js
/**
 * An issue's timeline as who did what and when: the one place that tells the
 * product's own writes from people's, by who acted (the timeline's actor, a
 * comment's author), never by how close in time something happened to a
 * write of the bot's. One request per issue asked about: audits ask only
 * about the few issues whose answer matters (exempt issues, stale ones).
 */


/**
 * The timeline, with the product's own doings marked: this token's identity (GitHub's `viewer`) and the earlier ones the client was given.
 * `withRecord` also reads each comment's text and reactions, to rebuild the record of exceptions and outcomes (exempt and outcome-labelled issues only).
 */
async function readTimeline(client, repo, issue, options = {}) {
    const page = await client.graphql(ISSUE_TIMELINE_QUERY, { owner: repo.owner, name: repo.name, number: issue, withRecord: options.withRecord === true });
    const identities = [page.viewer?.login, ...(client.earlierIdentities ?? [])];
    const ours = (actor) => isIdentity(identities, actor);
    const items = page.repository?.issue?.timelineItems;
    const nodes = items?.nodes ?? [];
    const reactions = { ours, earlier: (client.earlierIdentities ?? []).length > 0 };
    // A webhook's sender is a REST user: its login is spelt as the identities are.
    return { events: nodes.flatMap((node) => (node ? toEvent(node, reactions) : [])), isProduct: (login) => ours({ login }), cutOff: (items?.totalCount ?? 0) > nodes.length };
}
function toEvent(node, reactions) {
    const { ours } = reactions;
    const comment = node.__typename === 'IssueComment';
    const at = comment ? (node.updatedAt ?? node.createdAt) : node.createdAt;
    if (!at || Number.isNaN(Date.parse(at)))
        return [];
    const who = comment ? node.author : node.actor;
    const actor = who ? { login: who.login, isBot: who.__typename === 'Bot' || who.login.endsWith('[bot]') } : null;
    const type = comment ? 'comment' : eventType(node.__typename);
    const byProduct = (comment && node.viewerDidAuthor === true) || ours(who);
    return [{ type, at, actor, byProduct, ...(node.label ? { label: node.label.name } : {}), ...commandFacts(node, reactions) }];
}
function eventType(typename) {
    return typename === 'LabeledEvent' ? 'labeled' : typename === 'UnlabeledEvent' ? 'unlabeled' : 'other';
}
/** A comment read with `withRecord`: its text as posted and the product's reactions on it. */
function commandFacts(node, reactions) {
    if (node.__typename !== 'IssueComment' || node.body === undefined || !node.createdAt)
        return {};
    const listed = (group) => group.reactors?.nodes ?? [];
    const reacted = (group) => group.viewerHasReacted === true || listed(group).some((reactor) => reactions.ours(reactor));
    const cutOff = (group) => reactions.earlier && (group.reactors?.totalCount ?? 0) > listed(group).length;
    const groups = node.reactionGroups ?? [];
    const productReactions = groups.filter(reacted).map((group) => group.content);
    const unsureReactions = groups.filter((group) => !reacted(group) && cutOff(group)).map((group) => group.content);
    return { command: { postedAt: node.createdAt, body: node.body, edited: !!node.lastEditedAt, productReactions, unsureReactions } };
}
/** The last time anyone but the product touched the issue, as far as the timeline shows; undefined when it shows nothing of the kind. */
function lastTouchByPeople(timeline) {
    const moments = timeline.events.filter((event) => !event.byProduct).map((event) => Date.parse(event.at));
    return moments.length ? new Date(Math.max(...moments)).toISOString() : undefined;
}

;// CONCATENATED MODULE: ./lib/github/work-items.js
/**
 * GitHub's view of an issue → the engine's WorkItem, and the bot's own
 * comment among an issue's comments.
 */





/**
 * Pull requests never get here: the queries read `Repository.issues`, which
 * holds issues only. `comments` are those read with the issue, if any: they
 * tell whether the bot's own write is the issue's latest change.
 */
/**
 * An item holding only what the policy reads of its body. An audit holds
 * every open issue at once: of forms of several kilobytes, mostly prose no
 * rule looks at, it keeps the few answers and boxes the rules judge. The kept
 * texts are copied, so nothing still points into the body and the body can
 * be freed with its page.
 */
function policyItem(item, reads) {
    const form = budgetForm(item.form, reads.headings);
    for (const key in form)
        form[key] = ownCopy(form[key]);
    const checklist = item.checklist.filter((entry) => reads.checklist.has((0,issue_form/* normalizeHeading */.MO)(entry.text))).map((entry) => ({ ...entry, text: ownCopy(entry.text) }));
    return { ...item, form, checklist };
}
/**
 * The same text in a string of its own. V8 may keep a part cut from a longer
 * string as a view of it, which keeps the whole of the longer one alive.
 */
function ownCopy(text) {
    return Buffer.from(text, 'utf8').toString('utf8');
}
/** The answers of `form` under the given headings (normalized), in the form's order. */
function budgetForm(form, headings) {
    // Like the parser's own form: no prototype, so any heading is just an answer.
    const kept = Object.create(null);
    for (const key in form) {
        if (Object.hasOwn(form, key) && headings.has((0,issue_form/* normalizeHeading */.MO)(key)))
            kept[key] = form[key];
    }
    return kept;
}
/** `timeline`, when it was read, says who touched the issue and when (see timeline.ts). */
function toWorkItem(node, comments = [], timeline) {
    const state = rememberedState(findBotComment(comments));
    const activityAt = humanActivityAt(node, comments, state, timeline);
    return workItemFromIssue({
        number: node.number,
        title: node.title,
        url: node.url,
        state: node.state,
        labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
        ...(node.assignees ? { assignees: node.assignees.nodes ?? [] } : {}),
        author: node.author ?? null,
        createdAt: node.createdAt,
        updatedAt: node.updatedAt,
        closedAt: node.closedAt ?? null,
        stateReason: node.stateReason ?? null,
        ...(activityAt ? { activityAt } : {}),
        ...(state.warned ? { archiveWarnedAt: state.warned } : {}),
        milestone: node.milestone ?? null,
        body: node.body ?? null,
    });
}
/**
 * A person's last touch, when the bot's own writes hide it from `updatedAt`.
 * The moment the bot recorded in its comment counts too: a touch it saw
 * before it last wrote. An archived issue reopened since was reopened by a
 * person: that is their touch, and `updatedAt` holds it (the timeline, when
 * read, names who reopened it).
 */
function humanActivityAt(node, comments, state, timeline) {
    if (!timeline && state.archived && node.state === 'OPEN' && node.stateReason === 'REOPENED')
        return undefined;
    const seen = personActivityAt(node, comments, timeline);
    if (!seen || !state.touched)
        return seen;
    return Date.parse(state.touched) > Date.parse(seen) ? new Date(Date.parse(state.touched)).toISOString() : seen;
}
/**
 * Every comment or label the bot writes bumps the issue's `updatedAt`, which
 * would reset the staleness clock the backlog rule reads. So once the bot
 * has written on the issue, `updatedAt` is never taken as a touch: a
 * person's last touch is the issue's creation, its last body edit, the
 * latest comment by someone else, and, when the timeline was read, the
 * latest thing anyone but the bot did (a label put on or taken off, a
 * title, an assignee, a milestone, a reopening), told apart by who acted.
 * An issue the bot never wrote on and whose timeline was not read: its
 * `updatedAt` (undefined here).
 */
function personActivityAt(node, comments, timeline) {
    const time = (moment) => (moment ? Date.parse(moment) : Number.NaN);
    const ours = (c) => c.viewerDidAuthor || c.byEarlierIdentity === true;
    const botWrote = comments.some((c) => !!c && ours(c));
    if (!botWrote && !timeline)
        return undefined;
    const people = comments.filter((c) => !!c && !ours(c)).map((c) => time(c.updatedAt ?? c.createdAt));
    const touched = timeline ? time(lastTouchByPeople(timeline)) : Number.NaN;
    // lastEditedAt is null for a body never edited.
    const latest = Math.max(...[time(node.createdAt), time(node.lastEditedAt), touched, ...people].filter(Number.isFinite));
    return Number.isFinite(latest) ? new Date(latest).toISOString() : undefined;
}
/**
 * The bot's comment: carries the hidden marker AND was written by this token's
 * identity. Anyone can paste the marker; only the author check stops them from
 * hijacking or hiding the bot's comment. The oldest wins if there are several;
 * the others were posted by runs that raced each other, and are listed so a
 * run can remove them once the kept one holds what they remember. Comments
 * with the marker written by a login the product acted as before (a token
 * change) are listed the same way: adopted, trail included, never duplicated.
 * When only those exist, the bot has no comment of its own yet (`id` null,
 * `adopting`): the next comment it posts takes over their record. Comments
 * arrive oldest first; a comment read twice (the first and the last few
 * overlap on a short thread) counts once.
 */
function findBotComment(comments) {
    const marked = (comment) => !!comment?.body.includes(COMMENT_MARKER);
    const own = comments.filter((comment) => marked(comment) && comment.viewerDidAuthor);
    const earlier = comments.filter((comment) => marked(comment) && !comment.viewerDidAuthor && comment.byEarlierIdentity === true);
    const [oldest] = own;
    const id = oldest ? usableId(oldest) : null;
    const extras = new Map();
    for (const comment of [...own.slice(1), ...earlier]) {
        const extra = usableId(comment);
        if (extra !== null && extra !== id)
            extras.set(extra, comment.body);
    }
    const listed = extras.size ? { extras: [...extras].map(([extraId, body]) => ({ id: extraId, body })) } : {};
    if (oldest)
        return { id, body: oldest.body, ...listed };
    return extras.size ? { id: null, body: earlier[0].body, adopting: true, ...listed } : null;
}
/**
 * A budget read's issue as planned work: its author is read only to recognise
 * a dashboard an earlier identity opened, and a budget item carries none, as
 * the saved state keeps none.
 */
function budgetWorkItem(node) {
    return toWorkItem({ ...node, author: null });
}
/** Marks the comments written by a login the product acted as before this token. */
function markEarlierComments(comments, earlierIdentities) {
    if (!earlierIdentities?.length)
        return [...comments];
    return comments.map((comment) => (comment && !comment.viewerDidAuthor && isIdentity(earlierIdentities, comment.author) ? { ...comment, byEarlierIdentity: true } : comment));
}
function usableId(comment) {
    return isDatabaseId(comment.fullDatabaseId) ? comment.fullDatabaseId : null;
}
/** A database id as GitHub's `BigInt` arrives: a decimal string of digits. */
function isDatabaseId(id) {
    return typeof id === 'string' && /^[1-9]\d*$/.test(id);
}
/** The dashboard issue is the bot's own report, not planned work. */
function isDashboardIssue(node, dashboardTitle, earlierIdentities = []) {
    // A dashboard an earlier identity of the product opened (`previous-bot-logins`) is the product's too: adopted, not left open beside a new one.
    if (!node.viewerDidAuthor && !isIdentity(earlierIdentities, node.author))
        return false;
    return (node.body ?? '').includes(DASHBOARD_MARKER) || (dashboardTitle !== undefined && dashboardTitle !== '' && node.title === dashboardTitle);
}
/** Normalizes one issue into a work item, reading its issue-form answers and checkboxes from the body. */
function workItemFromIssue(issue) {
    const { form, checklist } = (0,issue_form/* parseIssueBody */.HM)(issue.body);
    return {
        number: issue.number,
        title: issue.title,
        url: issue.url,
        state: issue.state.toLowerCase() === 'open' ? 'open' : 'closed',
        labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
        author: typeof issue.author === 'string' || issue.author === null ? issue.author : issue.author.login,
        createdAt: issue.createdAt,
        updatedAt: issue.updatedAt,
        closedAt: issue.closedAt,
        ...closeReason(issue.stateReason),
        ...(issue.activityAt ? { activityAt: issue.activityAt } : {}),
        ...(issue.archiveWarnedAt ? { archiveWarnedAt: issue.archiveWarnedAt } : {}),
        milestone: typeof issue.milestone === 'string' || issue.milestone === null ? issue.milestone : issue.milestone.title,
        ...(issue.assignees ? { assignees: issue.assignees.flatMap((person) => (person === null ? [] : [typeof person === 'string' ? person : person.login])) } : {}),
        form,
        checklist,
        fields: issue.fields ?? {},
    };
}
function closeReason(stateReason) {
    const reason = stateReason?.toLowerCase().replace(/_/g, '-');
    return reason === 'completed' || reason === 'not-planned' || reason === 'duplicate' ? { closedAs: reason } : {};
}

// EXTERNAL MODULE: ./lib/core/body-reads.js
var body_reads = __webpack_require__(8947);
;// CONCATENATED MODULE: ./lib/github/read.js
/**
 * Reads from GitHub, one function per question, the client passed in. All
 * reads are GraphQL pages of 100, so N issues cost about ceil(N/100) requests.
 */






/** Every issue in the given states, 100 per request. */
async function readIssues(client, repo, options) {
    const collected = { records: [], dashboards: [], pending: [] };
    let existingLabels;
    let milestones;
    let after = null;
    let counted;
    let seen = 0;
    do {
        const repository = await readAuditPage(client, repo, options, after);
        if (after === null && options.labels)
            existingLabels = labelsFound(repository);
        if (after === null && repository.milestones)
            milestones = { nodes: (repository.milestones.nodes ?? []).filter((node) => node !== null), total: repository.milestones.totalCount };
        counted ??= repository.issues.totalCount;
        seen += repository.issues.nodes.length;
        collectAuditNodes(repository.issues.nodes, { ...options, earlierIdentities: client.earlierIdentities ?? [] }, collected);
        after = repository.issues.pageInfo.hasNextPage ? repository.issues.pageInfo.endCursor : null;
    } while (after);
    // After the pages: a follow-up request between pages would not change what is read, and keeps the page loop simple.
    const records = await completeBotComments(client, repo, collected);
    warnIfShort(client, options, seen, counted);
    const [dashboard = null, ...extras] = collected.dashboards.sort((a, b) => a.number - b.number);
    return { records, dashboard, extraDashboards: extras.map((extra) => extra.number), existingLabels, ...(milestones ? { milestones } : {}) };
}
async function readAuditPage(client, repo, options, after) {
    const page = await client.graphql(AUDIT_ISSUES_QUERY, {
        owner: repo.owner,
        name: repo.name,
        states: options.states,
        since: options.since ?? null,
        labels: options.label ? [options.label] : null,
        after,
        withBody: options.withBody,
        withComments: options.withComments,
        withMilestones: options.withMilestones === true && after === null,
        withAssignees: options.withAssignees ?? false,
        ...labelVariables(options.labels, after === null),
    });
    const repository = requireRepository(page.repository, repo);
    const earlier = client.earlierIdentities;
    if (!earlier?.length)
        return repository;
    const nodes = repository.issues.nodes.map((node) => node?.recentComments ? { ...node, recentComments: { ...node.recentComments, nodes: markEarlierComments(node.recentComments.nodes ?? [], earlier) } } : node);
    return { ...repository, issues: { ...repository.issues, nodes } };
}
/** One page's issues as records; the dashboard issues aside; and the issues whose bot comment must still be read. */
function collectAuditNodes(nodes, options, collected) {
    const { records, dashboards, pending } = collected;
    for (const node of nodes) {
        if (!node)
            continue;
        if (isDashboardIssue(node, options.dashboardTitle, options.earlierIdentities)) {
            dashboards.push({ number: node.number, body: node.body ?? '' });
            continue;
        }
        const window = node.recentComments?.nodes ?? [];
        const item = toWorkItem(node, window);
        const record = { item: options.reads ? policyItem(item, options.reads) : item, comments: options.withComments ? commentWindow(node) : { comment: null, complete: false } };
        records.push(record);
        const comments = needsComments(record, node, window, options);
        const timeline = options.withComments && (options.needsTimeline?.(node, window) ?? false);
        // The body is in the record already, as the form and checklist read from it.
        if (comments || timeline)
            pending.push({ index: records.length - 1, node: { ...node, body: null }, window, comments, timeline });
    }
}
/** The window did not settle where the bot's comment is, and the issue's work item needs it. */
function needsComments(record, node, window, options) {
    return !record.comments.complete && options.withComments && (options.needsBotComment?.(node, window) ?? false);
}
/** The bot's comment and the timeline of each pending issue, as needed, read in follow-up requests for that issue only. */
async function completeBotComments(client, repo, collected) {
    const records = collected.records;
    for (const pending of collected.pending) {
        const { index, node, window } = pending;
        const read = pending.comments ? await readCommentsToBot(client, repo, node.number) : undefined;
        const timeline = pending.timeline ? await readTimeline(client, repo, node.number) : undefined;
        const { item: before, comments } = records[index];
        const item = toWorkItem(node, [...window, ...(read?.nodes ?? [])], timeline);
        records[index] = { item: { ...item, form: before.form, checklist: before.checklist }, comments: read ? { comment: read.comment, complete: true } : comments };
    }
    return records;
}
/**
 * Pages that end before the count (a page that came back empty, or issues
 * closed or deleted between pages, which shift the later pages): say so; the
 * run acts on what it read, and the next run reads the rest.
 */
function warnIfShort(client, options, seen, counted) {
    if (typeof counted === 'number' && seen < counted) {
        client.warn?.(`GitHub's pages of ${options.states.join(' and ').toLowerCase()} issues ended after ${seen} of the ${counted} it counted: this run acted on those it read; the next run reads the rest.`);
    }
}
/** The event's issue with its body, reading its comments until the bot's comment turns up. */
async function readFocusIssue(client, repo, number, labels, dashboardTitle) {
    let commentsAfter = null;
    let item;
    let existingLabels;
    let comment;
    let isDashboard = false;
    do {
        const page = await client.graphql(FOCUS_ISSUE_QUERY, {
            owner: repo.owner,
            name: repo.name,
            number,
            commentsAfter,
            ...labelVariables(labels, commentsAfter === null),
        });
        const repository = requireRepository(page.repository, repo);
        if (!repository.issue)
            throw new github_errors/* GitHubReadError */.Kq(`Issue #${number} was not found in ${repo.owner}/${repo.name} (it may be a pull request or deleted).`);
        const nodes = markEarlierComments(repository.issue.comments.nodes ?? [], client.earlierIdentities);
        if (commentsAfter === null) {
            item = toWorkItem(repository.issue, nodes);
            isDashboard = isDashboardIssue(repository.issue, dashboardTitle, client.earlierIdentities);
            if (labels)
                existingLabels = labelsFound(repository);
        }
        comment = findBotComment(nodes);
        const pageInfo = repository.issue.comments.pageInfo;
        commentsAfter = !comment && pageInfo?.hasNextPage ? pageInfo.endCursor : null;
    } while (commentsAfter);
    return { record: { item: item, comments: { comment, complete: true } }, existingLabels, isDashboard };
}
/**
 * What issue mode needs to compute budgets: every open issue, narrowly, with
 * of its body only what the policy reads (`policyReads`), so a policy
 * preview can judge them too. The one place that knows how budgets are
 * read, so a cheaper source (a saved state) can replace it without touching
 * callers.
 */
async function readBudgetItems(client, repo, policy, 
/** `onSkipped` hears of each open issue read that is not planned work (the dashboard), so a saved state can count it. */
options = {}) {
    const reads = (0,body_reads/* policyReads */._I)(policy);
    const withBody = (0,body_reads/* readsBody */.K9)(reads);
    const items = [];
    let after = null;
    do {
        const page = await client.graphql(BUDGET_ITEMS_QUERY, { owner: repo.owner, name: repo.name, after, withBody });
        const repository = requireRepository(page.repository, repo);
        for (const node of repository.issues.nodes) {
            if (node && isDashboardIssue(node, options.dashboardTitle, client.earlierIdentities))
                options.onSkipped?.(node.number);
            else if (node)
                items.push(policyItem(budgetWorkItem(node), reads));
        }
        after = repository.issues.pageInfo.hasNextPage ? repository.issues.pageInfo.endCursor : null;
    } while (after);
    return items;
}
/** Reads an issue's comments page by page until the bot's comment is found: for issues with more comments than the window shows. */
async function readBotComment(client, repo, number) {
    return { comment: (await readCommentsToBot(client, repo, number)).comment, complete: true };
}
/** The comments of an issue up to and with the bot's (all of them when it has none), and the bot's comment. */
async function readCommentsToBot(client, repo, number) {
    const nodes = [];
    let after = null;
    do {
        const page = await client.graphql(ISSUE_COMMENTS_QUERY, { owner: repo.owner, name: repo.name, number, after });
        const comments = page.repository?.issue?.comments;
        if (!comments)
            break;
        const marked = markEarlierComments(comments.nodes ?? [], client.earlierIdentities);
        nodes.push(...marked.filter((node) => node !== null));
        const comment = findBotComment(marked);
        if (comment)
            return { comment, nodes };
        after = comments.pageInfo?.hasNextPage ? comments.pageInfo.endCursor : null;
    } while (after);
    return { comment: null, nodes };
}
/** True when the bot's dashboard issue is among the newest open issues. */
async function dashboardExists(client, repo, title) {
    const page = await client.graphql(NEWEST_ISSUES_QUERY, { owner: repo.owner, name: repo.name });
    return (page.repository?.issues.nodes ?? []).some((node) => !!node && isDashboardIssue(node, title));
}
/** The bot's comment among the last comments; complete when those are all the comments there are. */
function commentWindow(node) {
    const recent = node.recentComments?.nodes ?? [];
    const comment = findBotComment(recent);
    return { comment, complete: comment !== null || (node.recentComments?.totalCount ?? recent.length) <= recent.length };
}
function labelVariables(labels, firstPage) {
    return {
        withLabels: firstPage && labels !== undefined,
        nonCompliantLabel: labels?.nonCompliant ?? '',
        overBudgetLabel: labels?.overBudget ?? '',
    };
}
function labelsFound(repository) {
    return new Set([repository.nonCompliantLabel?.name, repository.overBudgetLabel?.name].filter((name) => !!name));
}
function requireRepository(repository, repo) {
    if (!repository)
        throw new github_errors/* GitHubReadError */.Kq(`Repository ${repo.owner}/${repo.name} was not found, or the token cannot read it.`);
    return repository;
}

;// CONCATENATED MODULE: ./lib/github/writes.js

/** No automatic retries for creates: a retry could post it twice. See create-once.ts. */
const NO_RETRIES = { retries: 0 };
async function createComment(octokit, repo, issue, body) {
    await octokit.rest.issues.createComment({ owner: repo.owner, repo: repo.name, issue_number: issue, body, request: NO_RETRIES });
}
/** `commentId` is the id's decimal digits, exactly as GitHub gave them. */
async function updateComment(octokit, repo, commentId, body) {
    await octokit.rest.issues.updateComment({ owner: repo.owner, repo: repo.name, comment_id: int64(commentId), body });
}
/**
 * An id for a REST path, exact at any size. GitHub's OpenAPI description
 * makes ids int64, and a JS number is exact only up to 2^53, so the id
 * travels as a BigInt, which Octokit's URL template writes out digit for
 * digit. Newer Octokit types already accept `number | bigint` for ids; the
 * ones bundled with @actions/github still say `number`, hence the cast.
 */
function int64(digits) {
    return BigInt(digits);
}
/** Deleting a comment someone (or a racing run) already deleted is not a failure. */
async function deleteComment(octokit, repo, commentId) {
    try {
        await octokit.rest.issues.deleteComment({ owner: repo.owner, repo: repo.name, comment_id: int64(commentId) });
    }
    catch (error) {
        if ((0,github_errors/* httpStatus */.nG)(error) !== 404)
            throw error;
    }
}
async function addLabels(octokit, repo, issue, labels) {
    await octokit.rest.issues.addLabels({ owner: repo.owner, repo: repo.name, issue_number: issue, labels });
}
/** Removing a label someone already removed is not a failure. */
async function removeLabel(octokit, repo, issue, label) {
    try {
        await octokit.rest.issues.removeLabel({ owner: repo.owner, repo: repo.name, issue_number: issue, name: label });
    }
    catch (error) {
        if ((0,github_errors/* httpStatus */.nG)(error) !== 404)
            throw error;
    }
}
/** Creating a label that appeared meanwhile (422 already_exists) is not a failure; any other 422 is. */
async function createLabel(octokit, repo, label) {
    try {
        await octokit.rest.issues.createLabel({ owner: repo.owner, repo: repo.name, ...label });
    }
    catch (error) {
        if ((0,github_errors/* httpStatus */.nG)(error) !== 422 || !alreadyExists(error))
            throw error;
    }
}
function alreadyExists(error) {
    const errors = error.response?.data?.errors;
    return Array.isArray(errors) && errors.some((e) => e?.code === 'already_exists');
}
async function createIssue(octokit, repo, title, body) {
    const response = await octokit.rest.issues.create({ owner: repo.owner, repo: repo.name, title, body, request: NO_RETRIES });
    return response.data.number;
}
async function updateIssueBody(octokit, repo, issue, body) {
    await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: issue, body });
}
/** Closes a duplicate the bot made, replacing its body with a pointer to the one kept. */
async function closeAsDuplicate(octokit, repo, issue, body) {
    await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: issue, body, state: 'closed', state_reason: 'duplicate' });
}
/** Closes an issue with a reason, as the "Close as not planned" button does. */
async function closeIssue(octokit, repo, issue, stateReason) {
    await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: issue, state: 'closed', state_reason: stateReason });
}
/** A reaction on a command comment tells its author it was handled; reacting twice is answered 200 and is not a failure. */
async function addReaction(octokit, repo, commentId, content) {
    await octokit.rest.reactions.createForIssueComment({ owner: repo.owner, repo: repo.name, comment_id: commentId, content });
}

// EXTERNAL MODULE: ./lib/core/wording.js
var wording = __webpack_require__(9183);
;// CONCATENATED MODULE: ./lib/ports/forge.js
/** The status's context: the exact name a ruleset or branch protection rule requires. */
const MERGE_GATE_CONTEXT = 'roadmap-guard/merge-gate';
/**
 * GitHub refuses a status description over 140 characters with a 422
 * ("description is too long (maximum is 140 characters)", as quoted in public
 * reports such as zalando/zappr#378 and sclorg/testing-farm-as-github-action#187).
 */
const STATUS_DESCRIPTION_LIMIT = 140;

;// CONCATENATED MODULE: ./lib/github/commit-status.js


/** The merge gate's status on the pull request's head commit; none when the last commit read is not the head. */
function headGateStatus(pr) {
    const head = pr.commits?.nodes?.[0]?.commit;
    return head?.oid === pr.headRefOid ? gateStatusOf(head.status) : null;
}
function gateStatusOf(status) {
    const context = status?.context;
    if (!context)
        return null;
    const state = context.state.toLowerCase();
    const known = state === 'success' || state === 'failure' || state === 'pending' || state === 'error' ? state : 'error';
    return { state: known, description: context.description ?? '' };
}
/** Sets the merge gate's status on a commit; setting it again replaces it (the latest status of a context counts). */
async function createGateStatus(octokit, repo, status) {
    await octokit.rest.repos.createCommitStatus({
        owner: repo.owner,
        repo: repo.name,
        sha: status.sha,
        state: status.state,
        context: MERGE_GATE_CONTEXT,
        description: status.description,
        ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
    });
}

;// CONCATENATED MODULE: ./lib/github/apply.js









async function applyWrites(client, repo, plan, options) {
    const result = { made: [], skippedByDryRun: [], deferred: [], failed: [], notAttempted: [] };
    if (options.dryRun) {
        for (const write of plan)
            options.log.info(`[dry-run] would ${write.description}`);
        result.skippedByDryRun = [...plan];
        return result;
    }
    const allowed = plan.slice(0, Math.max(0, options.maxWrites));
    result.deferred = plan.slice(allowed.length);
    for (const [index, write] of allowed.entries()) {
        if (waitsOnFailedEdit(write, result)) {
            result.notAttempted.push(write);
            options.log.warning(`Did not ${write.description}: the edit of the comment that keeps what it remembers did not go through; the next run tries again.`);
            continue;
        }
        try {
            await applyWrite(client, repo, write);
            result.made.push(write);
            options.log.info(`Did ${write.description}`);
        }
        catch (thrown) {
            const error = (0,github_errors/* explainWriteError */.jy)(thrown, write.description, permissionFor(write));
            result.failed.push({ write, reason: reasonFor(error), cause: (0,github_errors/* writeFailureCause */.bj)(error) });
            if (isFatal(error)) {
                result.stoppedBy = error;
                result.notAttempted = allowed.slice(index + 1);
                options.log.warning(`Stopped writing: ${(0,github_errors/* getErrorMessage */.u1)(error)}\n${(0,describe/* describeApplied */.vl)(result)}`);
                break;
            }
            options.log.warning(`Could not ${write.description}: ${reasonFor(error)}`);
        }
    }
    if (result.deferred.length > 0) {
        options.log.warning(`Reached max-writes (${options.maxWrites}): ${(0,wording/* plural */.LS)(result.deferred.length, 'write')} left for the next run ` +
            `(${result.deferred.map((w) => w.description).slice(0, 5).join('; ')}${result.deferred.length > 5 ? '; …' : ''}).`);
    }
    return result;
}
/**
 * Whether this token's own comment is on the issue: an earlier identity's
 * comment (`previous-bot-logins`) is the one being adopted, not the create
 * that may have landed.
 */
function ownsComment(comment) {
    return comment !== null && comment.adopting !== true;
}
/** A duplicate comment is deleted only after the comment that takes over its record was edited. */
function waitsOnFailedEdit(write, result) {
    if (write.kind !== 'delete-comment' || write.after === undefined)
        return false;
    if (write.after === NEW_COMMENT)
        return !result.made.some((made) => made.kind === 'create-comment' && made.issue === write.issue);
    return !result.made.some((made) => made.kind === 'update-comment' && made.commentId === write.after);
}
/** The permission a write needs: comments on a pull request are governed by `pull-requests`, everything else by `issues`. */
function permissionFor(write) {
    if (write.kind === 'set-status')
        return 'statuses';
    return 'onPullRequest' in write && write.onPullRequest ? 'pull-requests' : 'issues';
}
/** Our own errors already say what to do; GitHub's are described with their request. */
function reasonFor(error) {
    return error instanceof github_errors/* PermissionError */.i_ || error instanceof github_errors/* RateLimitExhaustedError */.Z0 ? (0,github_errors/* getErrorMessage */.u1)(error) : describeFailure(error);
}
/** Errors that every later write would hit too. */
function isFatal(error) {
    return error instanceof github_errors/* PermissionError */.i_ || error instanceof github_errors/* RateLimitExhaustedError */.Z0 || (0,github_errors/* httpStatus */.nG)(error) === 401;
}
async function applyWrite(client, repo, write) {
    const { octokit } = client;
    switch (write.kind) {
        case 'create-comment':
            await createOnce({
                create: () => createComment(octokit, repo, write.issue, write.body),
                landed: async () => ownsComment((await readBotComment(client, repo, write.issue)).comment),
                pause: (attempt) => client.pauseBeforeRetry(attempt),
            });
            return;
        case 'update-comment':
            return updateComment(octokit, repo, write.commentId, write.body);
        case 'delete-comment':
            return deleteComment(octokit, repo, write.commentId);
        case 'add-labels':
            return addLabels(octokit, repo, write.issue, write.labels);
        case 'remove-label':
            return removeLabel(octokit, repo, write.issue, write.label);
        case 'create-label':
            return createLabel(octokit, repo, { name: write.name, color: write.color, description: write.labelDescription });
        case 'create-issue':
            await createOnce({
                create: () => createIssue(octokit, repo, write.title, write.body),
                landed: () => dashboardExists(client, repo, write.title),
                pause: (attempt) => client.pauseBeforeRetry(attempt),
            });
            return;
        case 'update-issue':
            return updateIssueBody(octokit, repo, write.issue, write.body);
        case 'close-duplicate-dashboard':
            return closeAsDuplicate(octokit, repo, write.issue, write.body);
        case 'close-issue':
            return closeIssue(octokit, repo, write.issue, write.stateReason);
        case 'add-reaction':
            return addReaction(octokit, repo, write.commentId, write.content);
        case 'set-status':
            return createGateStatus(octokit, repo, { sha: write.sha, state: write.state, description: write.statusDescription, ...(write.targetUrl ? { targetUrl: write.targetUrl } : {}) });
    }
}

;// CONCATENATED MODULE: ./lib/github/board.js





/** What the run reads of a field value, whatever its type (one fragment per type it reads). */
const FIELD_VALUE = /* GraphQL */ `
  __typename
  ... on ProjectV2ItemFieldNumberValue { number }
  ... on ProjectV2ItemFieldTextValue { text }
  ... on ProjectV2ItemFieldSingleSelectValue { name }
  ... on ProjectV2ItemFieldDateValue { date }
  ... on ProjectV2ItemFieldIterationValue { title startDate duration }
`;
/**
 * The document for a board read with these field names. `repositoryOwner`
 * covers organization and user boards in one query (both are `ProjectV2Owner`s).
 */
function boardQuery(fieldCount) {
    const variables = Array.from({ length: fieldCount }, (_, i) => `$field${i}: String!`).join(' ');
    const values = Array.from({ length: fieldCount }, (_, i) => `field${i}: fieldValueByName(name: $field${i}) { ${FIELD_VALUE} }`).join('\n');
    return /* GraphQL */ `
    query RoadmapBoardItems($owner: String!, $number: Int!, $after: String, $withFields: Boolean!, $withAssignees: Boolean = false ${variables}) {
      viewer @include(if: $withFields) { login }
      repositoryOwner(login: $owner) {
        ... on ProjectV2Owner {
          projectV2(number: $number) {
            id
            title
            fields(first: 100) @include(if: $withFields) { nodes { ... on ProjectV2FieldCommon { name } } }
            items(first: 100, after: $after) {
              pageInfo { hasNextPage endCursor }
              nodes {
                type
                ${values}
                content {
                  __typename
                  ... on Issue { ...RoadmapIssueFields body repository { nameWithOwner } }
                  ... on DraftIssue { title body createdAt updatedAt }
                }
              }
            }
          }
        }
      }
    }
    ${ISSUE_FIELDS}
  `;
}
/**
 * Every item of the board, with the values of `fieldNames` (names as the
 * policy spells them) and, with `reads`, of each body only what the policy
 * reads: a board of 50,000 items is held at once.
 */
async function readBoard(client, board, fieldNames, options = {}) {
    const { reads } = options;
    const document = boardQuery(fieldNames.length);
    const fieldVariables = Object.fromEntries(fieldNames.map((name, i) => [`field${i}`, name]));
    const read = { title: '', fieldNames: [], items: [], redacted: 0, forbidden: 0, pullRequests: 0 };
    let after = null;
    const counter = { drafts: 0 };
    do {
        const { page, forbiddenItems } = await readPage(client, board, document, { owner: board.owner, number: board.number, after, withFields: after === null, withAssignees: options.withAssignees ?? false, ...fieldVariables });
        const project = page.repositoryOwner?.projectV2;
        if (!project)
            throw new errors/* BoardAccessError */.jP(board, 'not-found', `Could not resolve to a ProjectV2 with the number ${board.number}.`);
        if (after === null)
            Object.assign(read, boardFacts(page, project));
        for (const [index, node] of (project.items.nodes ?? []).entries()) {
            if (forbiddenItems.has(index))
                read.forbidden += 1;
            else if (node)
                addBoardItem(read, node, { fieldNames, counter, ...(reads ? { reads } : {}) });
        }
        after = project.items.pageInfo.hasNextPage ? project.items.pageInfo.endCursor : null;
    } while (after);
    return read;
}
/** What the first page tells of the board itself: its title, id, fields, and who reads it. */
function boardFacts(page, project) {
    return {
        title: project.title,
        ...(project.id ? { id: project.id } : {}),
        ...(page.viewer?.login ? { reader: page.viewer.login } : {}),
        fieldNames: (project.fields?.nodes ?? []).flatMap((node) => (node?.name ? [node.name] : [])),
    };
}
/** One board item: an issue or a draft is work; a pull request or an item the token cannot see is only counted. */
function addBoardItem(read, node, options) {
    const fields = fieldValues(node, options.fieldNames);
    const content = node.content;
    const kept = (item) => (options.reads ? policyItem(item, options.reads) : item);
    if (!content)
        read.redacted += 1;
    else if (content.__typename === 'PullRequest')
        read.pullRequests += 1;
    else if (content.__typename === 'DraftIssue')
        read.items.push({ repository: null, item: kept(draftItem(content, fields, (options.counter.drafts += 1))), comments: [] });
    else
        read.items.push({ repository: content.repository?.nameWithOwner ?? null, item: kept({ ...toWorkItem(content), fields }), comments: [] });
}
/** A page, and the positions of the items whose content the token may not read. */
async function readPage(client, board, document, variables) {
    try {
        return { page: await client.graphql(document, variables), forbiddenItems: new Set() };
    }
    catch (error) {
        const partial = partialPage(error);
        if (partial)
            return partial;
        const types = graphqlErrorTypes(error);
        if (types.includes('FORBIDDEN'))
            throw new errors/* BoardAccessError */.jP(board, 'forbidden', graphqlErrorMessage(error));
        if (types.includes('NOT_FOUND'))
            throw new errors/* BoardAccessError */.jP(board, 'not-found', graphqlErrorMessage(error));
        throw error;
    }
}
/**
 * The page GitHub gave beside its errors, when every error is a FORBIDDEN on
 * one item's content (`…items.nodes.<i>.content`): the board itself was read.
 * Any other error, or no board in the data, is not a partial page.
 */
function partialPage(error) {
    const errors = graphqlErrors(error);
    const page = error?.data;
    if (!errors.length || !page?.repositoryOwner?.projectV2?.items)
        return undefined;
    const forbiddenItems = new Set();
    for (const entry of errors) {
        const index = forbiddenItemIndex(entry);
        if (index === undefined)
            return undefined;
        forbiddenItems.add(index);
    }
    return { page, forbiddenItems };
}
/** The item's position in the page for a FORBIDDEN error on `…items.nodes.<i>.content`; undefined for any other error. */
function forbiddenItemIndex(entry) {
    const path = Array.isArray(entry?.path) ? entry.path : [];
    const [items, nodes, index, content] = path.slice(-4);
    const onContent = entry?.type === 'FORBIDDEN' && items === 'items' && nodes === 'nodes' && content === 'content';
    return onContent && typeof index === 'number' ? index : undefined;
}
/** The `type` of each GraphQL error (Octokit's GraphqlResponseError keeps them in `errors`). */
function graphqlErrorTypes(error) {
    return graphqlErrors(error).map((e) => String(e?.type ?? ''));
}
/** GitHub's own words ("Resource not accessible by integration"), not Octokit's wrapper text. */
function graphqlErrorMessage(error) {
    return graphqlErrors(error).find((e) => typeof e?.message === 'string')?.message ?? (0,github_errors/* getErrorMessage */.u1)(error);
}
function graphqlErrors(error) {
    const errors = error?.errors;
    return Array.isArray(errors) ? errors : [];
}
/** The values of `fieldNames`, read through one `field<i>: fieldValueByName` alias each. */
function fieldValues(node, fieldNames) {
    const fields = {};
    fieldNames.forEach((name, i) => {
        const value = toFieldValue(node[`field${i}`]);
        if (value)
            fields[name] = value;
    });
    return fields;
}
/** One reader per field value type the board query asks for; any other type (users, labels) is not read. */
const FIELD_VALUE_READERS = new Map([
    ['ProjectV2ItemFieldNumberValue', (raw) => (typeof raw.number === 'number' ? { type: 'number', value: raw.number } : undefined)],
    ['ProjectV2ItemFieldTextValue', (raw) => (typeof raw.text === 'string' ? { type: 'text', value: raw.text } : undefined)],
    ['ProjectV2ItemFieldSingleSelectValue', (raw) => (typeof raw.name === 'string' ? { type: 'single-select', value: raw.name } : undefined)],
    ['ProjectV2ItemFieldDateValue', (raw) => (typeof raw.date === 'string' ? { type: 'date', value: raw.date } : undefined)],
    [
        'ProjectV2ItemFieldIterationValue',
        (raw) => (raw.startDate && typeof raw.duration === 'number' ? { type: 'iteration', title: raw.title ?? '', startDate: raw.startDate, durationDays: raw.duration } : undefined),
    ],
]);
function toFieldValue(raw) {
    const read = raw ? FIELD_VALUE_READERS.get(raw.__typename) : undefined;
    return raw && read ? read(raw) : undefined;
}
/**
 * A draft issue has no number and no repository. It is planned work all the
 * same, under a key no issue can have (negative), and is never written to.
 */
function draftItem(content, fields, ordinal) {
    const item = toWorkItem({ number: -ordinal, title: content.title, url: '', state: 'OPEN', createdAt: content.createdAt, updatedAt: content.updatedAt, body: content.body });
    return { ...item, fields };
}

;// CONCATENATED MODULE: ./lib/github/board-item.js

/** An issue is on few boards: one page of them, and a page that does not settle it is said so. */
const ITEMS_PER_ISSUE = 50;
function issueBoardItemsQuery(fieldCount) {
    const variables = Array.from({ length: fieldCount }, (_, i) => `$field${i}: String!`).join(' ');
    const values = Array.from({ length: fieldCount }, (_, i) => `field${i}: fieldValueByName(name: $field${i}) { ${FIELD_VALUE} }`).join('\n');
    return /* GraphQL */ `
    query RoadmapIssueBoardItems($owner: String!, $name: String!, $number: Int! ${variables}) {
      viewer { login }
      repository(owner: $owner, name: $name) {
        issue(number: $number) {
          projectItems(first: ${ITEMS_PER_ISSUE}) {
            pageInfo { hasNextPage }
            nodes {
              project { id }
              ${values}
            }
          }
        }
      }
    }
  `;
}
/**
 * Whether the issue is on the board is unknown: none of the items read is on
 * it, and more did not fit in the page, or GitHub gave some as null (items on
 * boards the token may not read, cli/cli#11703): the board itself may be one.
 */
class UnsettledBoardItemsError extends Error {
}
/** Whether the issue is on the board whose node id is `boardId`, and its values of `fieldNames` there. */
async function readIssueOnBoard(client, repo, issueNumber, board) {
    const fieldVariables = Object.fromEntries(board.fieldNames.map((name, i) => [`field${i}`, name]));
    const page = await client.graphql(issueBoardItemsQuery(board.fieldNames.length), { owner: repo.owner, name: repo.name, number: issueNumber, ...fieldVariables });
    const items = page.repository?.issue?.projectItems;
    if (!items)
        throw new Error(`GitHub gave no board items for #${issueNumber}`);
    const nodes = items.nodes ?? [];
    const item = nodes.find((node) => node?.project.id === board.id);
    if (!item && items.pageInfo.hasNextPage)
        throw new UnsettledBoardItemsError(`#${issueNumber} is on more than ${ITEMS_PER_ISSUE} boards and none of the first is this one`);
    if (!item && nodes.includes(null))
        throw new UnsettledBoardItemsError(`GitHub hides some of #${issueNumber}'s board items from \`project-token\``);
    return { reader: page.viewer.login, fields: item ? fieldValues(item, board.fieldNames) : null };
}

;// CONCATENATED MODULE: ./lib/github/budget-changes.js
/**
 * The issues changed since a saved state, and GitHub's count of open issues,
 * in one request (more only when over 100 issues changed). GitHub's own time
 * comes from the `Date` header of its answers: the runner's clock may drift,
 * and `updatedAt` is GitHub's time.
 */


async function readBudgetChanges(client, repo, options) {
    const nodes = [];
    let openCount;
    let after = null;
    do {
        const page = await client.graphql(BUDGET_CHANGES_QUERY, { owner: repo.owner, name: repo.name, since: options.since, after, withBody: options.withBody });
        if (!page.repository)
            throw new github_errors/* GitHubReadError */.Kq(`Repository ${repo.owner}/${repo.name} was not found, or the token cannot read it.`);
        openCount = page.repository.open.totalCount;
        nodes.push(...page.repository.changed.nodes.filter((node) => node !== null));
        after = page.repository.changed.pageInfo.hasNextPage ? page.repository.changed.pageInfo.endCursor : null;
    } while (after);
    return { nodes, openCount };
}
const watchers = new WeakMap();
/**
 * Runs a read and tells when it began by GitHub's clock: the `Date` header of
 * its first answer (a header GitHub sends on every answer; HTTP dates have
 * whole seconds, which the caller's margin covers). The runner's clock at the
 * start when no answer carried one.
 */
async function timedRead(client, read) {
    const local = new Date().toISOString();
    const watch = {};
    const watching = watchersOf(client);
    watching.add(watch);
    try {
        const value = await read();
        return { value, startedAt: watch.first ?? local };
    }
    finally {
        watching.delete(watch);
    }
}
function watchersOf(client) {
    let set = watchers.get(client.octokit);
    if (!set) {
        const created = new Set();
        client.octokit.hook.after('request', (response) => {
            const date = Date.parse(String(response.headers.date ?? ''));
            if (!Number.isFinite(date))
                return;
            for (const watch of created)
                watch.first ??= new Date(date).toISOString();
        });
        watchers.set(client.octokit, created);
        set = created;
    }
    return set;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(5250);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
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
        const target = `${request.method ?? ''} ${client_pathOf(expandUrl(request))}`;
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
            await pacer.beforeWrite(plugin_throttling_dist_bundle/* throttling */.A.triggersNotification(client_pathOf(endpoint.url)));
        counts[kind === 'rest-read' ? 'restRead' : kind] += 1;
        try {
            const response = await request(endpoint);
            noteRemaining(counts, response.headers['x-ratelimit-remaining']);
            return response;
        }
        catch (error) {
            noteRemaining(counts, (0,github_errors/* responseHeader */.Rd)(error, 'x-ratelimit-remaining'));
            if ((0,github_errors/* isPrimaryRateLimit */.WB)(error))
                throw new github_errors/* RateLimitExhaustedError */.Z0((0,github_errors/* rateLimitReset */.xm)(error), { cause: error });
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
    const path = client_pathOf(url ?? '');
    if (url === graphqlUrl || path === client_pathOf(graphqlUrl) || path.endsWith('/graphql'))
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
function client_pathOf(url) {
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

// EXTERNAL MODULE: ./lib/core/execution.js
var execution = __webpack_require__(2097);
// EXTERNAL MODULE: ./lib/core/trend.js
var trend = __webpack_require__(1220);
;// CONCATENATED MODULE: ./lib/github/cycles.js
/**
 * What the execution report reads: the milestones (they come with the
 * audit's first page, see `readIssues`' `withMilestones`), then the issues of
 * the cycles in the window, each with its milestone and closing history, 50
 * a request. Read only for the cycles the report covers, and the milestone
 * after the newest of them, where carried-over work goes.
 */





function toMilestone(node) {
    return { title: node.title, state: node.state === 'CLOSED' ? 'closed' : 'open', dueOn: node.dueOn, closedAt: node.closedAt, createdAt: node.createdAt };
}
/** The milestones whose issues the report needs: the cycles in the window, and the one due next after the newest of them. */
function milestonesToRead(nodes, policy, now) {
    const cycles = (0,execution/* cyclesInWindow */.Zu)(nodes.map(toMilestone), Date.parse((0,trend/* windowStart */.N)(now, policy.execution.months)), now.getTime());
    const newest = cycles.at(-1);
    if (!newest)
        return [];
    const titles = new Set(cycles.map((cycle) => cycle.title));
    const next = nodes
        .filter((node) => node.dueOn !== null && Date.parse(node.dueOn) >= newest.end && !titles.has(node.title))
        .sort((a, b) => Date.parse(a.dueOn) - Date.parse(b.dueOn))[0];
    return nodes.filter((node) => titles.has(node.title) || node === next);
}
/**
 * Everything the report needs, from the milestones the audit's first page
 * gave: none when no cycle is in the window. More than 100 milestones: the
 * 100 due latest are used, and the log says so.
 */
async function readExecution(client, repo, options) {
    const { nodes, total } = options.milestones;
    if (total > nodes.length)
        client.warn?.(`The execution report read the ${nodes.length} milestones due latest of ${total}; cycles due earlier are left out.`);
    return readCycles(client, repo, { milestones: nodes, read: milestonesToRead(nodes, options.policy, options.now), withBody: options.withBody });
}
/** The issues of the given milestones with their histories; an issue found in two milestones is read once. */
async function readCycles(client, repo, options) {
    const before = client.counts().graphql;
    const items = new Map();
    const partial = new Set();
    for (const milestone of options.read) {
        let after = null;
        do {
            const page = await client.graphql(CYCLE_ITEMS_QUERY, { owner: repo.owner, name: repo.name, number: milestone.number, after, withBody: options.withBody });
            const issues = page.repository?.milestone?.issues;
            if (!issues)
                throw new github_errors/* GitHubReadError */.Kq(`Milestone "${milestone.title}" of ${repo.owner}/${repo.name} could not be read (deleted during the run?); the execution report needs its issues.`);
            for (const node of issues.nodes) {
                if (!node || items.has(node.number))
                    continue;
                const item = toWorkItem(node);
                items.set(node.number, { ...item, timeline: timelineOf(node, item) });
                if (node.timelineItems.totalCount > (node.timelineItems.nodes?.length ?? 0))
                    partial.add(node.number);
            }
            after = issues.pageInfo.hasNextPage ? issues.pageInfo.endCursor : null;
        } while (after);
    }
    return {
        milestones: options.milestones.map(toMilestone),
        items: [...items.values()],
        partialHistories: [...partial].sort((a, b) => a - b),
        requests: client.counts().graphql - before,
    };
}
const CLOSED_AS = { COMPLETED: 'completed', NOT_PLANNED: 'not-planned', DUPLICATE: 'duplicate' };
/**
 * The issue's events, oldest first. A close event's own `stateReason` is
 * not always the issue's: it has no `enableDuplicate` argument, and it has
 * been seen to say COMPLETED for an issue closed as not planned
 * (pwntester/octo.nvim#790). So the last close of an issue closed now takes
 * the issue's reason (`stateReason(enableDuplicate: true)`, in `closedAs`).
 */
function timelineOf(node, item) {
    const events = eventsOf(node);
    const last = events.findLastIndex((event) => event.event === 'closed');
    if (item.state !== 'closed' || last === -1)
        return events;
    events[last] = { at: events[last].at, event: 'closed', ...(item.closedAs ? { closedAs: item.closedAs } : {}) };
    return events;
}
function eventsOf(node) {
    return (node.timelineItems.nodes ?? []).flatMap((event) => {
        if (!event)
            return [];
        switch (event.__typename) {
            case 'MilestonedEvent':
                return [{ at: event.createdAt, event: 'milestoned', milestone: event.milestoneTitle }];
            case 'DemilestonedEvent':
                return [{ at: event.createdAt, event: 'demilestoned', milestone: event.milestoneTitle }];
            case 'ClosedEvent': {
                const closedAs = event.stateReason ? CLOSED_AS[event.stateReason] : undefined;
                return [{ at: event.createdAt, event: 'closed', ...(closedAs ? { closedAs } : {}) }];
            }
            case 'ReopenedEvent':
                return [{ at: event.createdAt, event: 'reopened' }];
        }
    });
}

;// CONCATENATED MODULE: ./lib/github/pull-request-read.js
/**
 * Reads a pull request for the merge gate and the policy preview: the issues
 * it will close, its base and description, the merge gate's status on its
 * head commit, its changed files, and the bot's own comments on it. One
 * GraphQL request in the common case; more only for more than 100 closing
 * references, long comment threads or more than 100 changed files.
 */



/**
 * `closingIssuesReferences` holds the issues a pull request will close, from
 * closing keywords ("Closes #12") and from links made in the sidebar
 * (GitHub's GraphQL reference, PullRequest.closingIssuesReferences). Every
 * page is read: a reference left unread would be a change left unchecked.
 */
const PULL_REQUEST_QUERY = /* GraphQL */ `
  query RoadmapPullRequest(
    $owner: String!
    $name: String!
    $number: Int!
    $statusContext: String!
    $referencesAfter: String
    $commentsAfter: String
    $filesAfter: String
    $withReferences: Boolean!
    $withComments: Boolean!
    $withFiles: Boolean!
  ) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { name }
      pullRequest(number: $number) {
        number
        title
        url
        isDraft
        body
        baseRefName
        headRefOid
        commits(last: 1) { nodes { commit { oid status { context(name: $statusContext) { state description } } } } }
        closingIssuesReferences(first: 100, after: $referencesAfter) @include(if: $withReferences) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { id number repository { nameWithOwner } }
        }
        comments(first: 100, after: $commentsAfter) @include(if: $withComments) {
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt }
        }
        files(first: 100, after: $filesAfter) @include(if: $withFiles) {
          pageInfo { hasNextPage endCursor }
          nodes { path }
        }
      }
    }
  }
`;
/** The most pages of changed files read: GitHub's API lists no more than 3,000 files of a pull request. */
const MAX_FILE_PAGES = 30;
const NO_PAGES = { referencesAfter: null, commentsAfter: null, filesAfter: null, withReferences: false, withComments: false, withFiles: false };
async function readPullRequest(client, repo, number) {
    const variables = { owner: repo.owner, name: repo.name, number, statusContext: MERGE_GATE_CONTEXT };
    const { page: first, hidden } = await client.graphql(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, withReferences: true, withComments: true, withFiles: true }).then((page) => ({ page, hidden: new Map() }), (error) => answerBesideHiddenReferences(error, (path) => (path[0] === 'repository' && path[1] === 'pullRequest' && path[2] === 'closingIssuesReferences' ? 0 : undefined)));
    const pr = first.repository?.pullRequest;
    if (!pr)
        throw new github_errors/* GitHubReadError */.Kq(`Pull request #${number} was not found in ${repo.owner}/${repo.name}, or the token cannot read it.`);
    const references = await readEveryReference(pr.closingIssuesReferences ?? null, referencePages(client, repo, number));
    const comments = await readAllComments(client, variables, pr);
    const files = await readChangedFiles(client, variables, pr);
    return {
        number: pr.number,
        title: pr.title,
        url: pr.url,
        isDraft: pr.isDraft,
        body: pr.body ?? '',
        baseRef: pr.baseRefName,
        defaultBranch: first.repository?.defaultBranchRef?.name,
        headSha: pr.headRefOid,
        gateStatus: headGateStatus(pr),
        ...splitReferences(references, repo),
        hiddenReferences: hidden.get(0) ?? [],
        files,
        comments: markEarlierComments(comments, client.earlierIdentities).filter((comment) => comment !== null),
    };
}
/**
 * The answer GitHub gave beside its errors when each error is on a closing
 * reference it would not show this token (FORBIDDEN: an issue of a repository
 * the token cannot read): `referenceOf` places an error's path (the pull
 * request's key, or undefined for any other error, which fails the read).
 * Each key gets the types of the errors on its references.
 */
function answerBesideHiddenReferences(error, referenceOf) {
    const partial = (0,github_errors/* graphqlPartialAnswer */.Dx)(error);
    const located = partial?.errors.map((entry) => ({ key: referenceOf(entry.path ?? []), type: entry.type ?? 'ERROR' }));
    if (!partial || !located?.every((entry) => entry.key !== undefined))
        throw error;
    const hidden = new Map();
    for (const { key, type } of located)
        hidden.set(key, [...(hidden.get(key) ?? []), type]);
    return { page: partial.data, hidden };
}
/** The pages of a pull request's closing references after the first, through its own query. */
function referencePages(client, repo, number) {
    return async (referencesAfter) => {
        const variables = { owner: repo.owner, name: repo.name, number, statusContext: MERGE_GATE_CONTEXT };
        const page = await client.graphql(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, referencesAfter, withReferences: true });
        return page.repository?.pullRequest?.closingIssuesReferences ?? null;
    };
}
/**
 * The references of a connection, page after page. GitHub's count is the
 * check: a reference missing from the pages (a null node, pages that end
 * early) could be the one that fails, so the read fails instead of passing
 * what it did not see.
 */
async function readEveryReference(first, nextPage) {
    const references = [];
    // GitHub answers null for an issue the token cannot see: one of another, private repository, never this one's.
    let hidden = 0;
    let connection = first;
    let pages = 0;
    while (connection) {
        for (const node of connection.nodes ?? []) {
            if (node)
                references.push(node);
            else
                hidden += 1;
        }
        pages += 1;
        const after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        connection = after && pages < MAX_REFERENCE_PAGES ? await nextPage(after) : null;
    }
    const counted = first?.totalCount ?? 0;
    if (references.length + hidden < counted) {
        throw new github_errors/* GitHubReadError */.Kq(`GitHub counts ${counted} issues the pull request closes but listed ${references.length}: the merge gate checks every one, so it cannot pass what it could not read. Run it again.`);
    }
    return references;
}
/** A pull request can link thousands of issues by keywords; 50 pages is 5,000, beyond any real change. */
const MAX_REFERENCE_PAGES = 50;
/** The issues the pull request closes, in this repository and elsewhere. */
function splitReferences(references, repo) {
    const here = `${repo.owner}/${repo.name}`.toLowerCase();
    const ours = references.filter((node) => node.repository.nameWithOwner.toLowerCase() === here);
    return {
        closes: ours.map((node) => ({ number: node.number, id: node.id })),
        closesElsewhere: references.filter((node) => node.repository.nameWithOwner.toLowerCase() !== here).map((node) => `${node.repository.nameWithOwner}#${node.number}`),
    };
}
/** Every comment: the first page's, then the next pages. */
async function readAllComments(client, variables, pr) {
    const comments = [...(pr.comments?.nodes ?? [])];
    let commentsAfter = nextCursor(pr.comments?.pageInfo);
    while (commentsAfter) {
        const page = await client.graphql(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, commentsAfter, withComments: true });
        comments.push(...(page.repository?.pullRequest?.comments?.nodes ?? []));
        commentsAfter = nextCursor(page.repository?.pullRequest?.comments?.pageInfo);
    }
    return comments;
}
/** The changed files' paths, up to GitHub's own limit. */
async function readChangedFiles(client, variables, pr) {
    const files = pathsOf(pr.files);
    let filesAfter = nextCursor(pr.files?.pageInfo);
    for (let pages = 1; filesAfter && pages < MAX_FILE_PAGES; pages += 1) {
        const page = await client.graphql(PULL_REQUEST_QUERY, { ...variables, ...NO_PAGES, filesAfter, withFiles: true });
        const more = page.repository?.pullRequest?.files;
        files.push(...pathsOf(more));
        filesAfter = nextCursor(more?.pageInfo);
    }
    return files;
}
function pathsOf(files) {
    return (files?.nodes ?? []).flatMap((node) => (node ? [node.path] : []));
}
function nextCursor(pageInfo) {
    return pageInfo?.hasNextPage ? pageInfo.endCursor : null;
}
/**
 * The bot's sticky comment of one kind on a pull request (the merge gate's or
 * the policy preview's): its own, carrying the item marker and `marker`. One
 * an earlier identity wrote (`previous-bot-logins`) is adopted in place: the
 * token edits it, as anyone with write access may edit a comment (GraphQL
 * schema, `CommentCannotUpdateReason.INSUFFICIENT_ACCESS`: "You must be the
 * author or have write access to this repository to update this comment"),
 * so the pull request keeps one comment.
 */
function findStickyComment(comments, marker) {
    const found = findBotComment(comments.filter((comment) => comment.body.includes(marker)));
    if (!found?.adopting)
        return found;
    const [oldest, ...rest] = found.extras ?? [];
    return oldest ? { id: oldest.id, body: oldest.body, ...(rest.length ? { extras: rest } : {}) } : null;
}

;// CONCATENATED MODULE: ./lib/github/linked-issues.js




/**
 * The bot comments on an issue soon after it is opened, so its comment is
 * among the first few; its id links the gate's comment to the fixes.
 */
const LINKED_ISSUE_FIELDS = /* GraphQL */ `
  fragment RoadmapLinkedIssue on Issue {
    ...RoadmapIssueFields
    body
    firstComments: comments(first: 10) { nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt } }
  }
  ${ISSUE_FIELDS}
`;
const LINKED_ISSUES_QUERY = /* GraphQL */ `
  query RoadmapLinkedIssues($ids: [ID!]!, $withAssignees: Boolean = true) {
    nodes(ids: $ids) { ... on Issue { ...RoadmapLinkedIssue } }
  }
  ${LINKED_ISSUE_FIELDS}
`;
const ISSUE_BY_NUMBER_QUERY = /* GraphQL */ `
  query RoadmapIssueByNumber($owner: String!, $name: String!, $number: Int!, $withAssignees: Boolean = true) {
    repository(owner: $owner, name: $name) { issue(number: $number) { ...RoadmapLinkedIssue } }
  }
  ${LINKED_ISSUE_FIELDS}
`;
/** GitHub answers at most 100 ids per `nodes` query. */
const IDS_PER_REQUEST = 100;
/**
 * Every issue of `ids`, by number, with what could not be read set apart: an
 * id GitHub no longer resolves (NOT_FOUND: the issue was deleted since it was
 * linked) is `gone`; one it refuses, or answers with no issue, `unreadable`.
 */
async function readLinkedIssues(client, ids) {
    const result = { read: new Map(), gone: [], unreadable: [] };
    // Many pull requests can close the same issue: it is read once.
    const unique = [...new Map(ids.map((entry) => [entry.id, entry])).values()];
    for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
        const batch = unique.slice(start, start + IDS_PER_REQUEST);
        const { nodes, errors } = await linkedIssuesPage(client, batch.map((entry) => entry.id));
        for (const [index, entry] of batch.entries()) {
            const node = nodes[index];
            const type = errors.get(index);
            if (node && typeof node.number === 'number')
                result.read.set(node.number, linkedRead(node, client.earlierIdentities));
            else if (type === 'NOT_FOUND')
                result.gone.push(entry.number);
            else
                result.unreadable.push({ number: entry.number, reason: type ?? (node ? 'not an issue' : 'no answer') });
        }
    }
    return result;
}
/** One `nodes` page, and the type of the error GitHub gave for each id it did not resolve (its path is `nodes.<index>`). */
async function linkedIssuesPage(client, ids) {
    try {
        const page = await client.graphql(LINKED_ISSUES_QUERY, { ids });
        return { nodes: page.nodes, errors: new Map() };
    }
    catch (error) {
        const { page, hidden } = answerBesideHiddenReferences(error, (path) => (path[0] === 'nodes' && typeof path[1] === 'number' ? path[1] : undefined));
        if (!page.nodes)
            throw error;
        // The last error GitHub gave on a node names why it was not read.
        return { nodes: page.nodes, errors: new Map([...hidden].map(([index, types]) => [index, types.at(-1)])) };
    }
}
/**
 * Issues named by number in a description. A number that is no issue of the
 * repository (a pull request, a typo) is not a link GitHub would make either:
 * it is left out, and named in `notIssues`.
 */
async function readIssuesByNumber(client, repo, numbers) {
    const read = new Map();
    const notIssues = [];
    for (const number of numbers) {
        try {
            const page = await client.graphql(ISSUE_BY_NUMBER_QUERY, { owner: repo.owner, name: repo.name, number });
            const node = page.repository?.issue;
            if (node)
                read.set(number, linkedRead(node, client.earlierIdentities));
            else
                notIssues.push(number);
        }
        catch (error) {
            if (!(0,github_errors/* isGraphqlNotFound */.vX)(error))
                throw error;
            notIssues.push(number);
        }
    }
    return { read, notIssues };
}
/** The issue and the bot's comment on it, an earlier identity's (`previous-bot-logins`) recognised as the product's, as an issue event reads them. */
function linkedRead(node, earlierIdentities) {
    const comments = markEarlierComments(node.firstComments?.nodes ?? [], earlierIdentities);
    const comment = findBotComment(comments);
    return { item: toWorkItem(node, comments), botCommentId: comment?.id ?? comment?.extras?.[0]?.id ?? null };
}

;// CONCATENATED MODULE: ./lib/github/open-pull-requests.js



const OPEN_PULL_REQUESTS_QUERY = /* GraphQL */ `
  query RoadmapOpenPullRequests($owner: String!, $name: String!, $after: String, $statusContext: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { name }
      pullRequests(first: 50, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number
          body
          baseRefName
          headRefOid
          commits(last: 1) { nodes { commit { oid status { context(name: $statusContext) { state description } } } } }
          closingIssuesReferences(first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { id number repository { nameWithOwner } }
          }
        }
      }
    }
  }
`;
async function readOpenPullRequests(client, repo) {
    const pullRequests = [];
    let after = null;
    do {
        const { page, hidden } = await openPullRequestsPage(client, repo, after);
        const repository = page.repository;
        if (!repository)
            throw new github_errors/* GitHubReadError */.Kq(`Repository ${repo.owner}/${repo.name} was not found, or the token cannot read it.`);
        for (const [index, node] of (repository.pullRequests.nodes ?? []).entries()) {
            if (node)
                pullRequests.push(await openPullRequest(client, repo, node, { defaultBranch: repository.defaultBranchRef?.name, hidden: hidden.get(index) ?? [] }));
        }
        after = repository.pullRequests.pageInfo.hasNextPage ? repository.pullRequests.pageInfo.endCursor : null;
    } while (after);
    return pullRequests;
}
/**
 * One page, and the closing references GitHub would not show, by pull
 * request: GitHub answers the rest of the page beside a FORBIDDEN error on
 * each reference it refuses (`repository.pullRequests.nodes.<i>.closingIssuesReferences…`).
 * Any other error fails the read, as the pull requests themselves were not listed.
 */
async function openPullRequestsPage(client, repo, after) {
    const variables = { owner: repo.owner, name: repo.name, after, statusContext: MERGE_GATE_CONTEXT };
    try {
        return { page: await client.graphql(OPEN_PULL_REQUESTS_QUERY, variables), hidden: new Map() };
    }
    catch (error) {
        const answered = answerBesideHiddenReferences(error, referenceErrorIndex);
        if (!answered.page.repository?.pullRequests)
            throw error;
        return answered;
    }
}
/** The pull request's position in the page, for an error on one of its closing references. */
function referenceErrorIndex(path) {
    const [repository, pullRequests, nodes, index, references] = path;
    const onReference = repository === 'repository' && pullRequests === 'pullRequests' && nodes === 'nodes' && references === 'closingIssuesReferences';
    return onReference && typeof index === 'number' ? index : undefined;
}
async function openPullRequest(client, repo, node, read) {
    // Past a hundred references, the rest come page by page through the pull request's own query.
    const references = await readEveryReference(node.closingIssuesReferences, referencePages(client, repo, node.number));
    return {
        number: node.number,
        body: node.body ?? '',
        baseRef: node.baseRefName,
        defaultBranch: read.defaultBranch,
        headSha: node.headRefOid,
        gateStatus: headGateStatus(node),
        ...splitReferences(references, repo),
        hiddenReferences: read.hidden,
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/policy/errors.js
var policy_errors = __webpack_require__(2323);
// EXTERNAL MODULE: ./lib/policy/load.js
var load = __webpack_require__(6964);
;// CONCATENATED MODULE: ./lib/github/policy-reader.js
/**
 * Reads policy files for the policy loader: the repository's own file from
 * the checked-out workspace when it is there, otherwise (and for `extends`
 * to other repositories) through the contents API.
 */






function createPolicyReader(options) {
    return async ({ repo, path, ref }) => {
        if (repo === null && options.workspace) {
            const local = await readWorkspaceFile(options.workspace, path);
            if (local !== null) {
                options.onRead?.(`${path} from the checked-out workspace`);
                return { text: local, ...(options.sha ? { commit: options.sha } : {}) };
            }
        }
        const target = repo === null ? options.repo : parseRepo(repo);
        const at = ref ?? (repo === null ? options.atCommit : undefined);
        const text = await readRepositoryFile(options.client, target, path, at);
        if (text !== null)
            options.onRead?.(`${path} from ${target.owner}/${target.name}${at ? `@${at}` : ' (default branch)'} through the API`);
        if (text === null)
            return null;
        return { text, ...(repo === null && options.atCommit ? { commit: options.atCommit } : {}) };
    };
}
/**
 * Reads only policies in other repositories (an `extends` target), through
 * the contents API; the command line reads the repository's own file from disk.
 */
function createExtendsReader(client) {
    return async ({ repo, path, ref }) => {
        if (repo === null)
            return null;
        const text = await readRepositoryFile(client, parseRepo(repo), path, ref);
        return text === null ? null : { text };
    };
}
/**
 * The policy file from the checkout, or null when it is not there. The
 * checkout may be a fork's (a policy preview on a pull request), so a path or
 * a symbolic link that leads out of the workspace is refused, not followed:
 * `/proc/self/environ` holds the tokens.
 */
async function readWorkspaceFile(workspace, path) {
    const root = await (0,promises_.realpath)(workspace).catch(() => (0,external_node_path_.resolve)(workspace));
    const full = (0,external_node_path_.resolve)(root, path);
    if ((0,external_node_path_.isAbsolute)(path) || isOutside(root, full))
        throw refused(path, 'names a file outside the repository; give a path inside it, like .github/roadmap-policy.yml');
    const real = await (0,promises_.realpath)(full).catch(() => null);
    if (real === null)
        return null;
    if (isOutside(root, real))
        throw refused(path, 'is a symbolic link to a file outside the repository; Roadmap Guard reads the policy only from inside the checkout');
    // Checked before opening: opening a named pipe or a device could block or never end.
    const stats = await (0,promises_.stat)(real);
    if (!stats.isFile())
        throw refused(path, 'is not a regular file');
    if (stats.size > load/* MAX_POLICY_BYTES */.mk)
        throw new load/* PolicyFileTooLargeError */.Uq(stats.size);
    return readAtMost(real, load/* MAX_POLICY_BYTES */.mk + 1);
}
function isOutside(root, path) {
    const inside = (0,external_node_path_.relative)(root, path);
    return inside === '..' || inside.startsWith('../') || (0,external_node_path_.isAbsolute)(inside);
}
function refused(path, why) {
    return new policy_errors/* PolicyError */.pn([{ file: path, message: `the policy path ${why}` }]);
}
/** Reads no more than `limit` bytes, however large the file has grown since it was checked. */
async function readAtMost(path, limit) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(limit);
        const { bytesRead } = await handle.read(buffer, 0, limit, 0);
        return buffer.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        await handle.close();
    }
}
/** A file's text at `ref` (the default branch when absent); null when there is no such file. */
async function readRepositoryFile(client, repo, path, ref) {
    const data = await getContent(client, repo, path, ref);
    if (data === null || Array.isArray(data) || data.type !== 'file' || !('content' in data))
        return null;
    // Above 1 MB GitHub leaves `content` empty; the size is always given.
    if (data.size > load/* MAX_POLICY_BYTES */.mk)
        throw new load/* PolicyFileTooLargeError */.Uq(data.size);
    return Buffer.from(data.content, 'base64').toString('utf8');
}
async function getContent(client, repo, path, ref) {
    try {
        const response = await client.octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path, ...(ref ? { ref } : {}) });
        return response.data;
    }
    catch (error) {
        const status = (0,github_errors/* httpStatus */.nG)(error);
        if (status === 404)
            return null;
        // Only a refusal is about the token's access; a 5xx or a dropped connection is not.
        const advice = status === 403 && !(0,github_errors/* isPrimaryRateLimit */.WB)(error) ? ' The token needs `contents: read` on that repository.' : '';
        throw new github_errors/* GitHubReadError */.Kq(`Could not read ${path} from ${repo.owner}/${repo.name}: ${describeFailure(error)}${advice}`, { cause: error });
    }
}
function parseRepo(repo) {
    const [owner = '', name = ''] = repo.split('/');
    return { owner, name };
}

;// CONCATENATED MODULE: ./lib/github/relayed-content.js


async function resolveRelayedContent(client, repo, target) {
    const found = 'number' in target ? await byNumber(client, repo, target.number) : await byNode(client, target.nodeId);
    const what = 'number' in target ? `#${target.number}` : 'the item';
    if (!found)
        return { leftOut: `${what} no longer exists (deleted or transferred)` };
    if (found.__typename === 'PullRequest')
        return { leftOut: `${what} is a pull request, not planned work` };
    if (found.__typename !== 'Issue' || typeof found.number !== 'number')
        return { leftOut: `${what} is not an issue` };
    const owner = found.repository?.nameWithOwner;
    if (owner && owner.toLowerCase() !== `${repo.owner}/${repo.name}`.toLowerCase()) {
        return { leftOut: `${what} is ${owner}#${found.number}, an issue of another repository: this workflow can write only to its own; the board's audit counts it` };
    }
    return { issueNumber: found.number };
}
async function byNumber(client, repo, number) {
    const data = await orNotFound(client.graphql(RELAYED_BY_NUMBER_QUERY, { owner: repo.owner, name: repo.name, number }));
    return data?.repository?.issueOrPullRequest ?? null;
}
async function byNode(client, id) {
    const data = await orNotFound(client.graphql(RELAYED_BY_NODE_QUERY, { id }));
    return data?.node ?? null;
}
/** GitHub answers a missing number or node with a NOT_FOUND error beside `null`: that is an answer, not a failure. */
async function orNotFound(request) {
    try {
        return await request;
    }
    catch (error) {
        if ((0,github_errors/* isGraphqlNotFound */.vX)(error))
            return null;
        throw error;
    }
}

;// CONCATENATED MODULE: ./lib/github/teams.js

async function teamMembership(client, org, teamSlug, login) {
    try {
        const response = await client.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: login });
        // An invitation not yet accepted is not membership.
        return response.data.state === 'active' ? 'member' : 'not-member';
    }
    catch (error) {
        const status = (0,github_errors/* httpStatus */.nG)(error);
        if (status === 404)
            return (await canReadTeam(client, org, teamSlug)) ? 'not-member' : 'unreadable';
        if (status === 403 || status === 401)
            return 'unreadable';
        throw error;
    }
}
/** True when the token can see the team itself: then a 404 on a membership is a real "not a member". */
async function canReadTeam(client, org, teamSlug) {
    try {
        await client.octokit.rest.teams.getByName({ org, team_slug: teamSlug });
        return true;
    }
    catch (error) {
        const status = (0,github_errors/* httpStatus */.nG)(error);
        if (status === 404 || status === 403 || status === 401)
            return false;
        throw error;
    }
}

;// CONCATENATED MODULE: ./lib/github/forge.js

















/** A forge over a new client for this token. */
function connectGitHub(options) {
    return forgeOver(createGitHubClient(options));
}
/** A forge over a client already made (tests that count or script its requests). */
function forgeOver(client) {
    return {
        earlierIdentities: client.earlierIdentities ?? [],
        counts: () => client.counts(),
        describeFailure: describeFailure,
        budgetWorkItem: budgetWorkItem,
        isDashboardIssue: isDashboardIssue,
        policyItem: policyItem,
        readIssues: (repo, options) => readIssues(client, repo, options),
        readFocusIssue: (repo, number, labels, dashboardTitle) => readFocusIssue(client, repo, number, labels, dashboardTitle),
        readBudgetItems: (repo, policy, options) => readBudgetItems(client, repo, policy, options),
        readBotComment: (repo, number) => readBotComment(client, repo, number),
        readTimeline: (repo, issue, options) => readTimeline(client, repo, issue, options),
        readExecution: (repo, options) => readExecution(client, repo, options),
        readBudgetChanges: (repo, options) => readBudgetChanges(client, repo, options),
        timedRead: (read) => timedRead(client, read),
        resolveRelayedContent: (repo, target) => resolveRelayedContent(client, repo, target),
        readBoard: (board, fieldNames, options) => readBoard(client, board, fieldNames, options),
        readIssueOnBoard: (repo, issueNumber, board) => readIssueOnBoard(client, repo, issueNumber, board),
        readPullRequest: (repo, number) => readPullRequest(client, repo, number),
        readOpenPullRequests: (repo) => readOpenPullRequests(client, repo),
        readLinkedIssues: (ids) => readLinkedIssues(client, ids),
        readIssuesByNumber: (repo, numbers) => readIssuesByNumber(client, repo, numbers),
        findStickyComment: findStickyComment,
        teamMembership: (org, teamSlug, login) => teamMembership(client, org, teamSlug, login),
        policyReader: (options) => createPolicyReader({ ...options, client }),
        extendsReader: () => createExtendsReader(client),
        applyWrites: (repo, plan, options) => applyWrites(client, repo, plan, options),
        stateStore: (env) => {
            const service = findCacheService(env);
            return service.available ? { available: true, cache: createActionsCache(service.location) } : service;
        },
    };
}


/***/ })

};
