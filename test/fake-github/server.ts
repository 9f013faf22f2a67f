/**
 * A stateful stand-in for the GitHub API on 127.0.0.1, for tests that run the
 * action for real (in-process with Octokit, or as `node dist/index.js`).
 * GraphQL is executed against GitHub's published schema; REST serves the
 * routes in rest.ts; anything else is a 404 logged as an unknown route.
 * Every response carries GitHub's rate-limit headers from a budget the test sets.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GraphqlBody, type RateLimitView, costOfCall, executeGraphql, isMutation } from './graphql.js';
import type { QueryCost } from './query-cost.js';
import { type RequestKind, type RestResponse, kindOf, matchRoute, notFound } from './rest.js';
import { type FakeComment, type FakeIssue, type FakeLabel, type FakePullRequest, type FakeRepository, type FakeUser, continueIdsAt } from './state.js';
import { FakeStore } from './store.js';
import { FakeActionsCache } from './actions-cache.js';
import { type FakeStatus, latestStatus } from './statuses.js';

export type RateResource = 'core' | 'graphql';

export interface FakeGitHubOptions {
  /** The repository every seeding helper works on; created empty. Default `acme/widgets`. */
  repository?: Partial<FakeRepository> & { owner: string; name: string };
  /** Token → login. Default: `fake-token` is `github-actions[bot]`, like the workflow token. */
  tokens?: Record<string, string>;
  /** Requests per hour for each resource. Default 5,000 each. */
  rateLimit?: Partial<Record<RateResource, number>>;
  /** Timestamp for records the API creates or changes. Default: the real time. */
  clock?: () => string;
  /** Tokens that may only read, like the workflow token of a pull request from a fork: every write gets GitHub's 403. */
  readOnlyTokens?: string[];
  /**
   * Milliseconds every answer waits before it is sent: the round trip between
   * a runner and api.github.com, for the benchmark (`npm run bench` uses 50).
   * Requests sent together wait together, as on a real network. Default 0.
   */
  latencyMs?: number;
}

export interface LoggedRequest {
  method: string;
  /** Path without the query string, as sent (percent-encoded). */
  path: string;
  query: string;
  /** `cache`: the runner's cache service or its blob store, not GitHub's API. */
  kind: RequestKind | 'cache';
  /** The GitHub route template that answered; `graphql` for GraphQL; null for an unknown route. */
  route: string | null;
  status: number;
  /** GraphQL only: the document is a mutation (a write through GraphQL). */
  mutation: boolean;
  /** The login of the token's identity; null when unauthenticated. */
  login: string | null;
  body: unknown;
}

/** A configured failure: matching requests get this status and message instead of their answer. */
export interface FailureRule {
  method?: string;
  /** Exact path, or a pattern tested against the path. */
  path: string | RegExp;
  status: number;
  message?: string;
  /** Only requests whose JSON body matches, e.g. GraphQL pages after the first (`/"after":"/`). */
  bodyMatches?: RegExp;
  /** Runs when the rule applies, before the request is carried out: GitHub changing meanwhile, e.g. an issue deleted between pages. */
  effect?: () => void;
  /** The request is answered as usual (after `effect`): the rule is a change, not a failure. */
  pass?: boolean;
  /** How many requests fail before the route recovers; unlimited when absent. */
  times?: number;
  /** The request is carried out first, then answered with the failure: a write that landed but answered 502. */
  landed?: boolean;
  /** The connection is closed without an answer (status is then ignored): "other side closed". */
  drop?: boolean;
  /** The request is never answered: the connection stays open and silent until the client gives up (status is then ignored). */
  hang?: boolean;
  /** Headers to answer with, e.g. `retry-after`. */
  headers?: Record<string, string>;
  /** The body to answer with instead of GitHub's error shape, e.g. GraphQL errors with partial data. */
  body?: unknown;
  /** Cache service only: the body sent as this text, not JSON (a proxy's HTML page answering 200). */
  rawBody?: string;
  /**
   * Cache service only (with `pass`): the real answer's headers, its full
   * `content-length` included, then only the first `bytes` of its body; then
   * the connection stays silent (`hang`) or is closed (`close`): a stalled or
   * a truncated download, as a slow or dropped link gives it.
   */
  cutBody?: { bytes: number; then: 'hang' | 'close' };
}

export interface SeedInput {
  issues?: (Partial<FakeIssue> & { number?: number })[];
  labels?: (Partial<FakeLabel> & { name: string })[];
  comments?: (Partial<FakeComment> & { issueNumber: number })[];
  files?: Record<string, string>;
}

export const DEFAULT_TOKEN = 'fake-token';
export const WORKFLOW_BOT = 'github-actions[bot]';
const RATE_WINDOW_SECONDS = 3600;

export class FakeGitHub {
  readonly store: FakeStore;
  readonly requests: LoggedRequest[] = [];
  readonly repository: FakeRepository;
  /** The runner's cache service; tests pass `cacheUrl` as `ACTIONS_RESULTS_URL` and its `runtimeToken` as `ACTIONS_RUNTIME_TOKEN`. */
  readonly cache = new FakeActionsCache(() => this.url);
  private readonly failures: FailureRule[] = [];
  private readonly readOnlyTokens: Set<string>;
  private readonly budgets: Record<RateResource, { limit: number; used: number }>;
  private readonly resetAt = Math.floor(Date.now() / 1000) + RATE_WINDOW_SECONDS;
  private readonly latencyMs: number;
  private server: Server | undefined;

  private constructor(options: FakeGitHubOptions) {
    this.store = new FakeStore(options.clock ?? (() => new Date().toISOString().replace(/\.\d+Z$/, 'Z')));
    this.repository = this.store.addRepository(options.repository ?? { owner: 'acme', name: 'widgets' });
    for (const [token, login] of Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: WORKFLOW_BOT })) {
      this.addToken(token, login);
    }
    this.readOnlyTokens = new Set(options.readOnlyTokens ?? []);
    this.latencyMs = options.latencyMs ?? 0;
    this.budgets = {
      core: { limit: options.rateLimit?.core ?? 5000, used: 0 },
      graphql: { limit: options.rateLimit?.graphql ?? 5000, used: 0 },
    };
  }

  /** Starts a fake on 127.0.0.1 with a port the system picks. Call `stop()` when done. */
  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options);
    const server = createServer((request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `fake GitHub failed: ${String(error)}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.server = server;
    fake.store.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  /** The REST base URL (`GITHUB_API_URL`). */
  get url(): string {
    return this.store.apiUrl;
  }

  /** The cache service's base URL as the runner sets `ACTIONS_RESULTS_URL`: with a trailing `/`. */
  get cacheUrl(): string {
    return `${this.store.apiUrl}/`;
  }

  /** The GraphQL endpoint (`GITHUB_GRAPHQL_URL`). */
  get graphqlUrl(): string {
    return `${this.store.apiUrl}/graphql`;
  }

  /** A token for `login`; `repositories` ("owner/name") makes it a fine-grained token that can read only those. */
  addToken(token: string, login: string, options: { repositories?: string[] } = {}): FakeUser {
    this.store.tokens.set(token, login);
    if (options.repositories) this.store.repositoryScopes.set(login.toLowerCase(), new Set(options.repositories.map((name) => name.toLowerCase())));
    return this.store.user(login);
  }

  /** A team of the organization and its members; only tokens of `orgReaders` logins may read it. */
  addTeam(org: string, slug: string, members: string[]): void {
    this.store.teams.set(`${org}/${slug}`.toLowerCase(), new Set(members.map((login) => login.toLowerCase())));
  }

  /** Lets this login's token read organization members (a GitHub App or a token with read:org). */
  allowOrgRead(login: string): void {
    this.store.orgReaders.add(login.toLowerCase());
  }

  /**
   * A label added to an issue by someone, as its timeline shows it: the label
   * is put on the issue, and its `updatedAt` moves to that moment, as any
   * change of labels moves it on GitHub.
   */
  labelAddedBy(issueNumber: number, label: string, actor: string, createdAt = this.store.clock()): void {
    const issue = this.issue(issueNumber);
    if (issue && !issue.labels.some((name) => name.toLowerCase() === label.toLowerCase())) issue.labels.push(this.store.ensureLabel(this.repository, label).name);
    if (issue && issue.updatedAt < createdAt) issue.updatedAt = createdAt;
    this.store.timelineEvents.push({ type: 'LabeledEvent', repository: this.repository.nodeId, issueNumber, actor, label, createdAt });
  }

  /** A label taken off an issue by someone, as its timeline shows it (and `updatedAt` moves, as on GitHub). */
  labelRemovedBy(issueNumber: number, label: string, actor: string, createdAt = this.store.clock()): void {
    const issue = this.issue(issueNumber);
    if (issue) issue.labels = issue.labels.filter((name) => name.toLowerCase() !== label.toLowerCase());
    if (issue && issue.updatedAt < createdAt) issue.updatedAt = createdAt;
    this.store.timelineEvents.push({ type: 'UnlabeledEvent', repository: this.repository.nodeId, issueNumber, actor, label, createdAt });
  }

  /**
   * A comment deleted by a person (a maintainer may delete anyone's, docs.github.com "Managing disruptive comments"):
   * gone from the issue, its timeline and every read, with the reactions on it.
   */
  deleteComment(commentId: number): void {
    const comments = this.repository.comments;
    const index = comments.findIndex((comment) => comment.id === commentId);
    if (index < 0) throw new Error(`the fake has no comment ${commentId}`);
    comments.splice(index, 1);
    this.store.reactions.delete(commentId);
  }

  /** The reactions on a comment, as `content` by `user`. */
  reactionsOn(commentId: number): { content: string; user: string }[] {
    return (this.store.reactions.get(commentId) ?? []).map(({ content, user }) => ({ content, user }));
  }

  addRepository(overrides: Partial<FakeRepository> & { owner: string; name: string }): FakeRepository {
    return this.store.addRepository(overrides);
  }

  /** Adds issues, labels, comments and files to the default repository. */
  seed(input: SeedInput): void {
    for (const label of input.labels ?? []) this.addLabel(label);
    for (const issue of input.issues ?? []) this.addIssue(issue);
    for (const comment of input.comments ?? []) this.addComment(comment);
    Object.assign(this.repository.files, input.files ?? {});
  }

  /** An issue with every field defaulted; the next free number unless one is given. */
  addIssue(overrides: Partial<FakeIssue> & { number?: number } = {}): FakeIssue {
    return this.store.putIssue(this.repository, overrides);
  }

  addComment(overrides: Partial<FakeComment> & { issueNumber: number }): FakeComment {
    return this.store.putComment(this.repository, overrides);
  }

  addLabel(overrides: Partial<FakeLabel> & { name: string }): FakeLabel {
    const label = this.store.ensureLabel(this.repository, overrides.name);
    Object.assign(label, overrides);
    return label;
  }

  /**
   * A pull request: its issue record (title, author, comments) and its own
   * fields. By default it comes from a branch of the same repository, at a
   * merge commit whose files are the repository's with `files` applied. Its
   * description names the issues it `closes` after a closing keyword, unless
   * a `body` is given.
   */
  addPullRequest(options: Partial<FakePullRequest> & { number?: number; title?: string; author?: string; body?: string; changes?: Record<string, string> }): FakePullRequest {
    const { title, author, changes, body, ...fields } = options;
    const description = body ?? (fields.closes ?? []).map((number) => `Closes #${number}`).join('\n');
    const issue = this.addIssue({ ...(fields.number ? { number: fields.number } : {}), title: title ?? 'Change', author: author ?? 'dev-dana', body: description, isPullRequest: true });
    const pullRequest: FakePullRequest = {
      number: issue.number,
      isDraft: false,
      baseRef: this.repository.defaultBranch,
      // The base branch's tip when the pull request was opened; GitHub's `base.sha` can stay there while the branch moves on (github/docs#431).
      baseSha: this.repository.headSha,
      headSha: 'b'.repeat(40),
      mergeSha: 'c'.repeat(40),
      headRepository: `${this.repository.owner}/${this.repository.name}`,
      files: Object.keys(changes ?? {}),
      closes: [],
      linked: [],
      closesElsewhere: [],
      ...fields,
    };
    this.repository.refs[pullRequest.mergeSha] = { ...this.repository.files, ...changes };
    this.repository.refs[pullRequest.baseSha] = { ...this.repository.files };
    this.repository.pullRequests = [...this.repository.pullRequests.filter((pr) => pr.number !== pullRequest.number), pullRequest];
    return pullRequest;
  }

  pullRequest(number: number): FakePullRequest | undefined {
    return this.repository.pullRequests.find((pr) => pr.number === number);
  }

  /** The status of a context that counts on a commit (the latest set), if any. */
  status(sha: string, context: string): FakeStatus | undefined {
    return latestStatus(this.repository, sha, context);
  }

  /** The next comment, issue or label GitHub creates gets this id (e.g. 3_500_000_001), and the ones after it count on. */
  continueIdsAt(id: number): void {
    continueIdsAt(id);
  }

  issue(number: number): FakeIssue | undefined {
    return this.store.issue(this.repository, number);
  }

  comments(issueNumber: number): FakeComment[] {
    return this.store.commentsOf(this.repository, issueNumber);
  }

  labelsOf(issueNumber: number): string[] {
    return [...(this.issue(issueNumber)?.labels ?? [])];
  }

  label(name: string): FakeLabel | undefined {
    return this.store.label(this.repository, name);
  }

  /** Sets what is left of a resource's hourly budget (and its limit, when given). */
  setRateLimit(resource: RateResource, budget: { remaining: number; limit?: number }): void {
    const limit = budget.limit ?? this.budgets[resource].limit;
    this.budgets[resource] = { limit, used: Math.max(limit - budget.remaining, 0) };
  }

  rateLimit(resource: RateResource): RateLimitView {
    const { limit, used } = this.budgets[resource];
    return { limit, used, remaining: Math.max(limit - used, 0), resetAt: new Date(this.resetAt * 1000).toISOString() };
  }

  failOn(rule: FailureRule): void {
    this.failures.push({ ...rule });
  }

  /** Every configured failure is lifted: GitHub is well again. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Requests GitHub would have answered 404 because no such route exists. */
  get unknownRoutes(): LoggedRequest[] {
    return this.requests.filter((request) => request.route === null);
  }

  /** Requests that change state: REST writes and GraphQL mutations. */
  get writes(): LoggedRequest[] {
    return this.requests.filter((request) => request.kind === 'write' || request.mutation);
  }

  count(kind: RequestKind | 'cache'): number {
    return this.requests.filter((request) => request.kind === kind).length;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = (request.method ?? 'GET').toUpperCase();
    // GitHub Enterprise serves REST under /api/v3 and GraphQL at /api/graphql: accept both layouts.
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const isGraphql = path === '/graphql' && method === 'POST';
    const raw = await readBody(request);
    const body = parseJson(raw.toString('utf8'));
    if (FakeActionsCache.serves(url.pathname)) {
      this.answerCache({ request, response, url, method, body, raw });
      return;
    }
    const login = this.authenticate(request.headers.authorization);
    const resource: RateResource = isGraphql ? 'graphql' : 'core';
    const matched = isGraphql ? undefined : matchRoute(method, path);
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      kind: isGraphql ? 'graphql' : kindOf(method),
      route: isGraphql ? 'graphql' : (matched?.route.template ?? null),
      status: 0,
      mutation: isGraphql && isMutation(String((body as { query?: unknown } | null)?.query ?? '')),
      login,
      body,
    };
    this.requests.push(entry);
    const answer = await this.answer({ method, path, isGraphql, body, login, resource, matched, url, token: tokenOf(request.headers.authorization) });
    entry.status = answer.status;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (answer.drop) {
      request.socket.destroy();
      return;
    }
    // A hung GitHub: nothing is written; the client's deadline (or stop()) ends the connection.
    if (answer.hang) return;
    const rate = this.rateLimit(resource);
    response.writeHead(answer.status, {
      // GitHub's time, as every answer of GitHub's carries it: the fake's clock, which also stamps its records.
      date: new Date(Date.parse(this.store.clock())).toUTCString(),
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': `FAKE:${this.requests.length}`,
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
      'x-ratelimit-reset': String(this.resetAt),
      'x-ratelimit-used': String(rate.used),
      'x-ratelimit-resource': resource,
      ...answer.headers,
    });
    response.end(answer.status === 204 || answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  /** The cache service and its blobs: no GitHub token, no GitHub rate limit; configured failures apply. */
  private answerCache(options: { request: IncomingMessage; response: ServerResponse; url: URL; method: string; body: unknown; raw: Buffer }): void {
    const { request, response, url, method } = options;
    const entry: LoggedRequest = { method, path: url.pathname, query: url.search, kind: 'cache', route: 'cache', status: 0, mutation: false, login: null, body: options.body };
    this.requests.push(entry);
    const rule = this.takeFailure(method, url.pathname, options.body);
    rule?.effect?.();
    if (rule?.drop || rule?.hang) {
      entry.status = 0;
      if (rule.drop) request.socket.destroy();
      return;
    }
    const answer = rule && !rule.pass ? { status: rule.status, body: rule.body ?? { code: 'internal', msg: rule.message ?? 'Server Error' } } : this.cache.handle({ method, path: url.pathname, url, headers: request.headers, body: options.body, raw: options.raw });
    entry.status = answer.status;
    if (rule?.rawBody !== undefined) {
      response.writeHead(answer.status, { 'content-type': 'text/html' });
      response.end(rule.rawBody);
      return;
    }
    const raw = 'raw' in answer ? answer.raw : undefined;
    response.writeHead(answer.status, { 'content-type': raw ? 'application/octet-stream' : 'application/json', ...(raw ? { 'content-length': String(raw.length) } : {}) });
    const text = raw ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
    if (rule?.cutBody && text !== undefined) {
      response.write(Buffer.from(text).subarray(0, rule.cutBody.bytes));
      if (rule.cutBody.then === 'close') request.socket.destroy();
      return;
    }
    response.end(text);
  }

  private async answer(request: {
    method: string;
    path: string;
    isGraphql: boolean;
    body: unknown;
    login: string | null;
    resource: RateResource;
    matched: ReturnType<typeof matchRoute>;
    url: URL;
    token: string | undefined;
  }): Promise<RestResponse & { drop?: boolean; hang?: boolean }> {
    const { method, path, isGraphql, body, login, resource } = request;
    if (login === null) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
    }
    // Asking for the rate limit does not count against it.
    if (method === 'GET' && path === '/rate_limit') return { status: 200, body: this.rateLimitBody() };

    const charge = this.charge(resource, body);
    if (!charge) return this.rateLimited(isGraphql, login);

    const failure = this.failureFor(method, path, body);
    if (failure && !failure.landed) return failed(failure);
    if (this.isReadOnly(request.token) && changesState(request)) {
      // What GitHub answers a workflow token without the write permission (GitHub docs, "Troubleshooting the REST API": 403 "Resource not accessible by integration").
      return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' } };
    }
    const answer = await this.carryOut({ ...request, charge });
    return failure ? failed(failure) : answer;
  }

  /**
   * Takes what the request costs from its resource's budget, before it runs:
   * one for a REST request, the points its query is worth for a GraphQL call.
   * Undefined, and nothing taken, when the budget left does not cover it.
   */
  private charge(resource: RateResource, body: unknown): QueryCost | undefined {
    const charge = resource === 'graphql' ? costOfCall(body as GraphqlBody | null) : { cost: 1, nodeCount: 0 };
    if (this.rateLimit(resource).remaining < charge.cost) return undefined;
    this.budgets[resource].used += charge.cost;
    return charge;
  }

  private async carryOut(request: { isGraphql: boolean; body: unknown; login: string | null; matched: ReturnType<typeof matchRoute>; url: URL; charge: QueryCost }): Promise<RestResponse> {
    const { isGraphql, body, matched } = request;
    const viewer = this.store.user(request.login ?? '');
    if (isGraphql) {
      const graphqlBody = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
      const result = await executeGraphql(graphqlBody, {
        store: this.store,
        viewer,
        rateLimit: () => this.rateLimit('graphql'),
        cost: request.charge,
      });
      return { status: 200, body: result };
    }
    if (!matched) return notFound();
    return matched.route.handle({
      params: matched.params,
      query: request.url.searchParams,
      body: body as Record<string, unknown> | unknown[] | null,
      viewer,
      store: this.store,
    });
  }

  /** The login for an `authorization: token|bearer <t>` header; null when missing or unknown. */
  private authenticate(header: string | undefined): string | null {
    const token = tokenOf(header);
    return token === undefined ? null : (this.store.tokens.get(token) ?? null);
  }

  private isReadOnly(token: string | undefined): boolean {
    return token !== undefined && this.readOnlyTokens.has(token);
  }

  /**
   * GitHub's answer once the hourly budget is spent: REST says 403 with
   * `x-ratelimit-remaining: 0`; GraphQL says 200 with a RATE_LIMITED error.
   */
  private rateLimited(isGraphql: boolean, login: string): RestResponse {
    const id = this.store.user(login).databaseId;
    if (isGraphql) {
      return { status: 200, body: { errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${id}.` }] } };
    }
    return {
      status: 403,
      body: {
        message: `API rate limit exceeded for user ID ${id}. If you reach out to GitHub Support for help, please include the request ID FAKE.`,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    };
  }

  private rateLimitBody() {
    const view = (resource: RateResource) => {
      const rate = this.rateLimit(resource);
      return { limit: rate.limit, remaining: rate.remaining, reset: this.resetAt, used: rate.used, resource };
    };
    return { resources: { core: view('core'), graphql: view('graphql') }, rate: view('core') };
  }

  /** The configured failure this request meets, its side effect done; undefined for one that lets the request pass. */
  private failureFor(method: string, path: string, body: unknown): FailureRule | undefined {
    const rule = this.takeFailure(method, path, body);
    rule?.effect?.();
    return rule?.pass ? undefined : rule;
  }

  private takeFailure(method: string, path: string, body: unknown): FailureRule | undefined {
    const rule = this.failures.find(
      (candidate) =>
        (!candidate.method || candidate.method.toUpperCase() === method) &&
        (typeof candidate.path === 'string' ? candidate.path === path : candidate.path.test(path)) &&
        (!candidate.bodyMatches || candidate.bodyMatches.test(JSON.stringify(body) ?? '')) &&
        (candidate.times === undefined || candidate.times > 0),
    );
    if (rule?.times !== undefined) rule.times -= 1;
    return rule;
  }
}

/** A REST write or a GraphQL mutation. */
function changesState(request: { isGraphql: boolean; method: string; body: unknown }): boolean {
  if (!request.isGraphql) return kindOf(request.method) === 'write';
  return isMutation(String((request.body as { query?: unknown } | null)?.query ?? ''));
}

function tokenOf(header: string | undefined): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** A configured failure's answer: GitHub's error shape, or no answer at all. */
function failed(rule: FailureRule): RestResponse & { drop?: boolean; hang?: boolean } {
  if (rule.drop) return { status: 0, drop: true };
  if (rule.hang) return { status: 0, hang: true };
  const body = rule.body ?? { message: rule.message ?? 'Server Error', documentation_url: 'https://docs.github.com/rest' };
  return { status: rule.status, body, ...(rule.headers ? { headers: rule.headers } : {}) };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
