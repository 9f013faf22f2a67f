/**
 * GitHub's GraphQL API over the fake's state. Documents are parsed, validated
 * and executed by graphql-js against GitHub's published schema, so a query the
 * real API would reject is rejected here too. Resolvers cover what Roadmap
 * Guard reads; any other field resolves to null, or to an empty value of the
 * right type when the schema says it can never be null.
 */
import {
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  GraphQLError,
  Kind,
  execute,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
} from 'graphql';
import { githubGraphqlSchema } from './schema.js';
import { type Connection, type ConnectionArgs, paginate } from './connection.js';
import type { FakeComment, FakeIssue, FakeLabel, FakePullRequest, FakeRepository, FakeUser } from './state.js';
import { type FakeStore, HTML_BASE_URL } from './store.js';
import { ownerView, type ProjectViews } from './projects.js';
import { type QueryCost, queryCost } from './query-cost.js';

export interface RateLimitView {
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
}

export interface GraphqlContext {
  store: FakeStore;
  viewer: FakeUser;
  rateLimit: () => RateLimitView;
  /** What this call was charged (see query-cost.ts). */
  cost: QueryCost;
}

export interface GraphqlResponse {
  data?: unknown;
  errors?: Record<string, unknown>[];
}

/** An error GitHub reports with a top-level `type`, like NOT_FOUND. */
class TypedError extends GraphQLError {
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

export type GraphqlBody = { query?: unknown; variables?: unknown; operationName?: unknown };

/**
 * Parsed documents and their validation errors by text: a run sends the same
 * few documents over and over, and validating against GitHub's schema is the
 * fake's slowest step.
 */
const parsedDocuments = new Map<string, { document?: DocumentNode; errors: readonly GraphQLError[] }>();

function parseDocument(query: string): { document?: DocumentNode; errors: readonly GraphQLError[] } {
  let parsed = parsedDocuments.get(query);
  if (!parsed) {
    try {
      const document = parse(query);
      parsed = { document, errors: validate(githubGraphqlSchema(), document) };
    } catch (error) {
      parsed = { errors: [error as GraphQLError] };
    }
    parsedDocuments.set(query, parsed);
  }
  return parsed;
}

/** True when the document's operation is a mutation (counted as a write). */
export function isMutation(query: string): boolean {
  const { document } = parseDocument(query);
  return !!document?.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation');
}

/** The points a call costs; a document that does not even parse or validate costs the minimum. */
export function costOfCall(body: GraphqlBody | null): QueryCost {
  const parsed = typeof body?.query === 'string' ? parseDocument(body.query) : undefined;
  if (!parsed?.document || parsed.errors.length > 0) return { cost: 1, nodeCount: 0 };
  const operationName = typeof body?.operationName === 'string' ? body.operationName : undefined;
  return queryCost(parsed.document, (body?.variables ?? {}) as Record<string, unknown>, operationName);
}

export async function executeGraphql(body: GraphqlBody, context: GraphqlContext): Promise<GraphqlResponse> {
  if (typeof body.query !== 'string') {
    return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  }
  const { document, errors } = parseDocument(body.query);
  if (!document || errors.length > 0) return { errors: errors.map(formatError) };
  const result = await execute({
    schema: githubGraphqlSchema(),
    document,
    rootValue: queryRoot(context),
    contextValue: context,
    variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
    fieldResolver: generousFieldResolver,
    typeResolver: typenameResolver,
  });
  const response: GraphqlResponse = { data: result.data ?? null };
  if (result.errors?.length) response.errors = result.errors.map(formatError);
  return response;
}

function formatError(error: GraphQLError): Record<string, unknown> {
  const formatted: Record<string, unknown> = { ...error.toJSON() };
  const original = error.originalError ?? error;
  // Typed errors come from here and from projects.ts: any error carrying a string `type`.
  const type = (original as { type?: unknown }).type;
  if (typeof type === 'string') formatted.type = type;
  return formatted;
}

/** Reads the value a view object holds for the field (calling it with the arguments when it is a function). */
const generousFieldResolver: GraphQLFieldResolver<unknown, GraphqlContext> = (source, args, context, info) => {
  const value = (source as Record<string, unknown> | null)?.[info.fieldName];
  if (typeof value === 'function') return value.call(source, args, context, info);
  if (value !== undefined) return value;
  return placeholderFor(info.returnType, info.schema);
};

const typenameResolver: GraphQLTypeResolver<unknown, GraphqlContext> = (value, _context, info, abstractType) => {
  const typename = (value as { __typename?: string } | null)?.__typename;
  return typename ?? info.schema.getPossibleTypes(abstractType)[0]?.name;
};

/** What a field the fake does not model returns: null where allowed, otherwise an empty value of its type. */
function placeholderFor(type: GraphQLOutputType, schema: GraphQLSchema): unknown {
  if (!isNonNullType(type)) return null;
  const inner = type.ofType;
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isObjectType(inner)) return {};
  if (isAbstractType(inner)) return { __typename: schema.getPossibleTypes(inner)[0]?.name };
  if (isScalarType(inner)) {
    if (inner.name === 'Int' || inner.name === 'Float') return 0;
    if (inner.name === 'Boolean') return false;
    if (inner.name === 'DateTime' || inner.name === 'GitTimestamp') return '1970-01-01T00:00:00Z';
    if (inner.name === 'URI') return HTML_BASE_URL;
    return '';
  }
  return null;
}

function queryRoot(context: GraphqlContext) {
  const { store } = context;
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repository = store.repository(owner, name);
      if (!repository) {
        throw new TypedError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
      }
      return repositoryView(repository, context);
    },
    viewer: () => userView(context.viewer),
    rateLimit: () => ({ ...context.rateLimit(), ...context.cost }),
    search: (args: ConnectionArgs & { query: string; type: string }) => searchView(args, context),
    node: ({ id }: { id: string }) => nodeById(id, context),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => nodeById(id, context)),
    organization: ({ login }: { login: string }) => ownerView(login, 'Organization', projectViews(context)),
    user: ({ login }: { login: string }) => ownerView(login, 'User', projectViews(context)),
    repositoryOwner: ({ login }: { login: string }) => ownerView(login, 'any', projectViews(context)),
  };
}

function projectViews(context: GraphqlContext): ProjectViews {
  const { store } = context;
  return {
    projects: store.projects,
    viewer: context.viewer,
    issue: (owner, name, number) => {
      const repository = store.repository(owner, name);
      const issue = repository && store.issue(repository, number);
      return repository && issue ? issueView(repository, issue, context) : null;
    },
  };
}

function userView(user: FakeUser) {
  return {
    __typename: user.type,
    id: user.nodeId,
    databaseId: user.databaseId,
    login: user.login,
    url: `${HTML_BASE_URL}/${user.type === 'Bot' ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login}`,
  };
}

function repositoryView(repository: FakeRepository, context: GraphqlContext) {
  const { store } = context;
  return {
    __typename: 'Repository',
    id: repository.nodeId,
    databaseId: repository.databaseId,
    name: repository.name,
    nameWithOwner: `${repository.owner}/${repository.name}`,
    owner: { __typename: 'Organization', login: repository.owner },
    url: store.htmlUrl(repository),
    isPrivate: repository.private,
    defaultBranchRef: {
      name: repository.defaultBranch,
      prefix: 'refs/heads/',
      target: { __typename: 'Commit', oid: repository.headSha },
    },
    issues: (args: IssuesArgs, _context: GraphqlContext, info: GraphQLResolveInfo) => {
      const issues = filterIssues(repository, args);
      // GitHub answers `issues(states: OPEN) { totalCount }` without `first` or `last`: paging is required only to list nodes.
      if (args.first == null && args.last == null && countsOnly(info)) return { totalCount: issues.length };
      return mapConnection(paginate(issues, cappedPage(args, store.issuePageSize), 'issues'), (issue) => issueView(repository, issue, context));
    },
    pullRequest: ({ number }: { number: number }) => {
      const pullRequest = repository.pullRequests.find((candidate) => candidate.number === number);
      const issue = store.issue(repository, number);
      if (!pullRequest || !issue) {
        throw new TypedError(`Could not resolve to a PullRequest with the number of ${number}.`, 'NOT_FOUND');
      }
      return pullRequestView(repository, pullRequest, issue, context);
    },
    issue: ({ number }: { number: number }) => {
      const issue = store.issue(repository, number);
      // GitHub's answer for a missing number, or one that is a pull request:
      // `issue` is null, the rest of `repository` is still answered, and the
      // error has `type: NOT_FOUND` and the field's `path`.
      if (!issue || issue.isPullRequest) {
        throw new TypedError(`Could not resolve to an Issue with the number of ${number}.`, 'NOT_FOUND');
      }
      return issueView(repository, issue, context);
    },
    labels: (args: ConnectionArgs & { query?: string | null }) => {
      const query = args.query?.toLowerCase();
      const labels = repository.labels.filter((label) => !query || label.name.toLowerCase().includes(query));
      return mapConnection(paginate(labels, args, 'labels'), (label) => labelView(repository, label, context));
    },
    label: ({ name }: { name: string }) => {
      const label = store.label(repository, name);
      return label ? labelView(repository, label, context) : null;
    },
  };
}

interface IssuesArgs extends ConnectionArgs {
  states?: string[] | null;
  labels?: string[] | null;
  orderBy?: { field: string; direction: string } | null;
  filterBy?: {
    states?: string[] | null;
    labels?: string[] | null;
    since?: string | null;
    createdBy?: string | null;
    milestoneNumber?: string | null;
  } | null;
}

function filterIssues(repository: FakeRepository, args: IssuesArgs): FakeIssue[] {
  const states = new Set((args.states ?? args.filterBy?.states)?.map((state) => state.toLowerCase()));
  const labels = (args.labels ?? args.filterBy?.labels)?.map((name) => name.toLowerCase());
  const since = args.filterBy?.since;
  const createdBy = args.filterBy?.createdBy?.toLowerCase();
  // IssueFilters.since: "List issues that have been updated at or after the given date" (GitHub's schema), compared as instants.
  const sinceMs = since ? Date.parse(since) : undefined;
  const field = args.orderBy?.field === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
  const filtered: FakeIssue[] = [];
  for (const issue of ordered(repository, field)) {
    if (states.size > 0 && !states.has(issue.state)) continue;
    if (labels && !issue.labels.some((name) => labels.includes(name.toLowerCase()))) continue;
    if (sinceMs !== undefined && Date.parse(issue.updatedAt) < sinceMs) continue;
    if (createdBy && issue.author.toLowerCase() !== createdBy) continue;
    filtered.push(issue);
  }
  // Descending is the exact reverse: ties on the timestamp go by number both ways.
  return args.orderBy?.direction === 'DESC' ? filtered.reverse() : filtered;
}

interface SortedIssues {
  /** The repository's issue list the sort was made from, as it was then. */
  from: FakeIssue[];
  sorted: FakeIssue[];
}

/** The last sort of each repository's issues by each timestamp. */
const sortedIssues = new WeakMap<FakeRepository, Map<string, SortedIssues>>();

/**
 * A repository's issues (pull requests aside) oldest first by `field`, then
 * by number. An audit of 10,000 issues asks for 100 pages in the same order:
 * the sort is kept while the repository holds the same issue objects and
 * their timestamps still ascend, which one pass per page checks.
 */
function ordered(repository: FakeRepository, field: 'createdAt' | 'updatedAt'): FakeIssue[] {
  const byField = sortedIssues.get(repository) ?? new Map<string, SortedIssues>();
  sortedIssues.set(repository, byField);
  const kept = byField.get(field);
  if (kept && sameIssues(kept.from, repository.issues) && ascending(kept.sorted, field)) return kept.sorted;
  // Timestamps in one format order as plain strings.
  const sorted = repository.issues.filter((issue) => !issue.isPullRequest).sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.number - b.number));
  byField.set(field, { from: [...repository.issues], sorted });
  return sorted;
}

function sameIssues(before: FakeIssue[], now: FakeIssue[]): boolean {
  if (before.length !== now.length) return false;
  for (let index = 0; index < now.length; index += 1) if (before[index] !== now[index]) return false;
  return true;
}

function ascending(issues: FakeIssue[], field: 'createdAt' | 'updatedAt'): boolean {
  for (let index = 1; index < issues.length; index += 1) {
    const before = issues[index - 1]![field];
    const after = issues[index]![field];
    if (before > after || (before === after && issues[index - 1]!.number > issues[index]!.number)) return false;
  }
  return true;
}

/**
 * GitHub's schema: "An issue that has been closed as a duplicate. To retrieve
 * this value, set `(enableDuplicate: true)` when querying the stateReason
 * field." Without the flag a duplicate reads as COMPLETED, the older answer.
 */
function stateReason(issue: FakeIssue, enableDuplicate: boolean): string | null {
  if (issue.stateReason === 'duplicate' && !enableDuplicate) return 'COMPLETED';
  return issue.stateReason?.toUpperCase() ?? null;
}

function mapConnection<T, U>(connection: Connection<T>, view: (node: T) => U) {
  return {
    ...connection,
    nodes: connection.nodes.map(view),
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: view(edge.node) })),
  };
}

function issueView(repository: FakeRepository, issue: FakeIssue, context: GraphqlContext) {
  const { store } = context;
  const url = `${store.htmlUrl(repository)}/issues/${issue.number}`;
  return {
    __typename: 'Issue',
    id: issue.nodeId,
    ...databaseIds(issue.databaseId),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    bodyText: issue.body ?? '',
    url,
    resourcePath: url.slice(HTML_BASE_URL.length),
    state: issue.state.toUpperCase(),
    stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean }) => stateReason(issue, enableDuplicate === true),
    closed: issue.state === 'closed',
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    lastEditedAt: issue.lastEditedAt ?? null,
    author: userView(store.user(issue.author)),
    viewerDidAuthor: issue.author.toLowerCase() === context.viewer.login.toLowerCase(),
    milestone: issue.milestone ? { __typename: 'Milestone', title: issue.milestone } : null,
    repository: () => repositoryView(repository, context),
    labels: (args: ConnectionArgs) => {
      const labels = issue.labels.map((name) => store.ensureLabel(repository, name));
      return mapConnection(paginate(labels, args, 'labels'), (label) => labelView(repository, label, context));
    },
    comments: (args: ConnectionArgs) =>
      mapConnection(paginate(store.commentsOf(repository, issue.number), args, 'comments'), (comment) =>
        commentView(repository, issue, comment, context),
      ),
    // Only label events are kept; other item types give an empty timeline.
    timelineItems: (args: ConnectionArgs & { itemTypes?: string[] | null }) => {
      const wanted = !args.itemTypes || args.itemTypes.includes('LABELED_EVENT');
      const events = wanted ? store.labelEvents.filter((event) => event.repository === repository.nodeId && event.issueNumber === issue.number) : [];
      return mapConnection(paginate(events, args, 'timelineItems'), (event) => ({
        __typename: 'LabeledEvent',
        createdAt: event.createdAt,
        actor: userView(store.user(event.actor)),
        label: labelView(repository, store.ensureLabel(repository, event.label), context),
      }));
    },
  };
}

/**
 * A pull request: its issue record's view (title, author, comments) with the
 * pull request's own fields. `closingIssuesReferences` lists the issues it
 * will close; `files` its changed files (PullRequestChangedFile in the schema).
 */
function pullRequestView(repository: FakeRepository, pullRequest: FakePullRequest, issue: FakeIssue, context: GraphqlContext) {
  const { store } = context;
  const url = `${store.htmlUrl(repository)}/pull/${issue.number}`;
  const closes = pullRequest.closes.flatMap((number) => {
    const closed = store.issue(repository, number);
    return closed && !closed.isPullRequest ? [closed] : [];
  });
  return {
    ...issueView(repository, issue, context),
    __typename: 'PullRequest',
    url,
    resourcePath: url.slice(HTML_BASE_URL.length),
    isDraft: pullRequest.isDraft,
    baseRefName: pullRequest.baseRef,
    baseRefOid: pullRequest.baseSha,
    headRefOid: pullRequest.headSha,
    isCrossRepository: pullRequest.headRepository.toLowerCase() !== `${repository.owner}/${repository.name}`.toLowerCase(),
    closingIssuesReferences: (args: ConnectionArgs) =>
      mapConnection(paginate(closes, args, 'closingIssuesReferences'), (closed) => issueView(repository, closed, context)),
    files: (args: ConnectionArgs) =>
      mapConnection(paginate(pullRequest.files, args, 'files'), (path) => ({ __typename: 'PullRequestChangedFile', path, changeType: 'MODIFIED', additions: 1, deletions: 1 })),
  };
}

/**
 * Both id fields, as GitHub serves them. The schema types `databaseId` as a
 * 32-bit `Int` (deprecated on Issue and IssueComment "because it does not
 * support 64-bit signed integer identifiers") and `fullDatabaseId` as
 * `BigInt`, "encoded as a string". The fake's ids are above 2^31, so
 * graphql-js's own `Int` serializer answers `databaseId` like any GraphQL
 * server: the field becomes null and `errors` gets "Int cannot represent non
 * 32-bit signed integer value: N" with the field's `path`; the rest of the
 * data still comes back.
 */
function databaseIds(id: number) {
  return { databaseId: id, fullDatabaseId: String(id) };
}

function commentView(repository: FakeRepository, issue: FakeIssue, comment: FakeComment, context: GraphqlContext) {
  const { store } = context;
  return {
    __typename: 'IssueComment',
    id: comment.nodeId,
    ...databaseIds(comment.id),
    body: comment.body,
    bodyText: comment.body,
    url: `${store.htmlUrl(repository)}/issues/${issue.number}#issuecomment-${comment.id}`,
    author: userView(store.user(comment.author)),
    viewerDidAuthor: comment.author.toLowerCase() === context.viewer.login.toLowerCase(),
    viewerCanUpdate: comment.author.toLowerCase() === context.viewer.login.toLowerCase(),
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    publishedAt: comment.createdAt,
    lastEditedAt: comment.updatedAt === comment.createdAt ? null : comment.updatedAt,
    isMinimized: false,
    issue: () => issueView(repository, issue, context),
  };
}

function labelView(repository: FakeRepository, label: FakeLabel, context: GraphqlContext) {
  return {
    __typename: 'Label',
    id: label.nodeId,
    name: label.name,
    color: label.color,
    description: label.description,
    isDefault: label.default,
    url: `${context.store.htmlUrl(repository)}/labels/${encodeURIComponent(label.name)}`,
  };
}

/** `node(id:)`: issues, comments and labels by their node id. */
function nodeById(id: string, context: GraphqlContext) {
  for (const repository of context.store.repositories.values()) {
    const issue = repository.issues.find((candidate) => candidate.nodeId === id);
    if (issue) return issueView(repository, issue, context);
    const comment = repository.comments.find((candidate) => candidate.nodeId === id);
    const commented = comment && context.store.issue(repository, comment.issueNumber);
    if (comment && commented) return commentView(repository, commented, comment, context);
    const label = repository.labels.find((candidate) => candidate.nodeId === id);
    if (label) return labelView(repository, label, context);
  }
  throw new TypedError(`Could not resolve to a node with the global id of '${id}'`, 'NOT_FOUND');
}

/**
 * Issue search for the simple qualifiers the action can use:
 * `repo:o/r is:issue is:open|closed state:open label:x -label:y` plus words in the title or body.
 */
function searchView(args: ConnectionArgs & { query: string; type: string }, context: GraphqlContext) {
  const terms = args.query.match(/-?[\w-]+:"[^"]*"|-?[\w-]+:\S+|"[^"]*"|\S+/g) ?? [];
  const include: ((issue: FakeIssue) => boolean)[] = [];
  let repositories = [...context.store.repositories.values()];
  let wantPullRequests: boolean | undefined;
  for (const term of terms) {
    const negated = term.startsWith('-');
    const [qualifier, ...rest] = (negated ? term.slice(1) : term).split(':');
    const value = rest.join(':').replace(/^"|"$/g, '').toLowerCase();
    const test = (predicate: (issue: FakeIssue) => boolean) =>
      include.push(negated ? (issue) => !predicate(issue) : predicate);
    if (rest.length === 0) {
      const word = term.replace(/^"|"$/g, '').toLowerCase();
      test((issue) => `${issue.title}\n${issue.body ?? ''}`.toLowerCase().includes(word));
    } else if (qualifier === 'repo') {
      repositories = repositories.filter((repository) => `${repository.owner}/${repository.name}`.toLowerCase() === value);
    } else if (qualifier === 'is' && (value === 'issue' || value === 'pr')) {
      wantPullRequests = value === 'pr';
    } else if ((qualifier === 'is' || qualifier === 'state') && (value === 'open' || value === 'closed')) {
      test((issue) => issue.state === value);
    } else if (qualifier === 'label') {
      test((issue) => issue.labels.some((name) => name.toLowerCase() === value));
    } else if (qualifier === 'author') {
      test((issue) => issue.author.toLowerCase() === value);
    }
  }
  if (args.type !== 'ISSUE') return { issueCount: 0, repositoryCount: 0, userCount: 0, ...paginate([], args, 'search') };
  const matches = repositories.flatMap((repository) =>
    repository.issues
      .filter((issue) => wantPullRequests === undefined || issue.isPullRequest === wantPullRequests)
      .filter((issue) => include.every((predicate) => predicate(issue)))
      .map((issue) => ({ repository, issue })),
  );
  const page = mapConnection(paginate(matches, args, 'search'), ({ repository, issue }) =>
    issueView(repository, issue, context),
  );
  return { issueCount: matches.length, ...page };
}

/** True when the field's selection asks for nothing but `totalCount` (and `__typename`). */
function countsOnly(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every((selection) => selection.kind === Kind.FIELD && ['totalCount', '__typename'].includes(selection.name.value)),
  );
}

/** `first` no larger than the fake's page size for the connection, when it has one. */
function cappedPage<T extends { first?: number | null }>(args: T, pageSize: number | undefined): T {
  return pageSize !== undefined && args.first != null && args.first > pageSize ? { ...args, first: pageSize } : args;
}
