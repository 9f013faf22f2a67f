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
import type { FakeComment, FakeIssue, FakeIssueEvent, FakeLabel, FakeMilestone, FakePullRequest, FakeRepository, FakeUser } from './state.js';
import { type FakeStore, HTML_BASE_URL } from './store.js';
import { issueProjectItems, ownerView, type ProjectViews } from './projects.js';
import { type QueryCost, queryCost } from './query-cost.js';
import { latestStatus } from './statuses.js';

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

/** GitHub's limit on the ids of one `nodes` query. */
const MAX_NODE_IDS = 100;

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
    viewer: () => userView(context.viewer, { asViewer: true }),
    rateLimit: () => ({ ...context.rateLimit(), ...context.cost }),
    search: (args: ConnectionArgs & { query: string; type: string }) => searchView(args, context),
    node: ({ id }: { id: string }) => nodeById(id, context),
    // An id that no longer resolves is null in the list, its error at `nodes.<index>`, the other ids answered
    // (sourcecred/sourcecred#1408 quotes GitHub's `"type":"NOT_FOUND","path":[…,73]` for one id of many).
    // More than 100 ids are refused whole (sourcecred/sourcecred#908 quotes GitHub: "You may not provide
    // more than 100 node ids; you provided 101.", type ARGUMENT_LIMIT, with `data: null`).
    nodes: ({ ids }: { ids: string[] }) => {
      if (ids.length > MAX_NODE_IDS) throw new TypedError(`You may not provide more than ${MAX_NODE_IDS} node ids; you provided ${ids.length}.`, 'ARGUMENT_LIMIT');
      return ids.map((id) => settle(() => nodeById(id, context)));
    },
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
    canRead: (owner, name) => store.repositoryScopes.get(context.viewer.login.toLowerCase())?.has(`${owner}/${name}`.toLowerCase()) ?? true,
    issue: (owner, name, number) => {
      const repository = store.repository(owner, name);
      const issue = repository && store.issue(repository, number);
      return repository && issue ? issueView(repository, issue, context) : null;
    },
  };
}

/**
 * An actor as GraphQL names it. An App's bot is `name[bot]` in REST and as the
 * `viewer` (fullsend-ai/fullsend#1953), but `name` as an author, actor or
 * reactor (zxkane/autonomous-dev-team#395, lhpaul/ai-dev-framework-template#732).
 */
function userView(user: FakeUser, options: { asViewer?: boolean } = {}) {
  return {
    __typename: user.type,
    id: user.nodeId,
    databaseId: user.databaseId,
    login: user.type === 'Bot' && !options.asViewer ? user.login.replace(/\[bot\]$/, '') : user.login,
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
    // Oldest first, like GitHub's default order; `states` filters by the pull request's issue record.
    pullRequests: (args: ConnectionArgs & { states?: string[] | null }) => {
      const states = new Set((args.states ?? []).map((state) => state.toLowerCase()));
      const listed = repository.pullRequests
        .map((pullRequest) => ({ pullRequest, issue: store.issue(repository, pullRequest.number) }))
        .filter((entry): entry is { pullRequest: FakePullRequest; issue: FakeIssue } => !!entry.issue && (states.size === 0 || states.has(entry.issue.state)))
        .sort((a, b) => a.pullRequest.number - b.pullRequest.number);
      return mapConnection(paginate(listed, args, 'pullRequests'), ({ pullRequest, issue }) => pullRequestView(repository, pullRequest, issue, context));
    },
    pullRequest: ({ number }: { number: number }) => {
      const pullRequest = repository.pullRequests.find((candidate) => candidate.number === number);
      const issue = store.issue(repository, number);
      if (!pullRequest || !issue) {
        throw new TypedError(`Could not resolve to a PullRequest with the number of ${number}.`, 'NOT_FOUND');
      }
      return pullRequestView(repository, pullRequest, issue, context);
    },
    // The `IssueOrPullRequest` union by number; a number that is neither (never used, or a deleted
    // issue) is null with a NOT_FOUND error, as `issue` answers.
    issueOrPullRequest: ({ number }: { number: number }) => {
      const issue = store.issue(repository, number);
      if (!issue) throw new TypedError(`Could not resolve to an issue or pull request with the number of ${number}.`, 'NOT_FOUND');
      const pullRequest = issue.isPullRequest ? repository.pullRequests.find((candidate) => candidate.number === number) : undefined;
      if (issue.isPullRequest) return pullRequest ? pullRequestView(repository, pullRequest, issue, context) : { __typename: 'PullRequest', number };
      return issueView(repository, issue, context);
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
    milestones: (args: ConnectionArgs & { states?: string[] | null; orderBy?: { field: string; direction: string } | null }) => {
      const states = args.states?.map((state) => state.toLowerCase());
      const milestones = sortedMilestones(repository.milestones.filter((milestone) => !states || states.includes(milestone.state)), args.orderBy);
      return mapConnection(paginate(milestones, args, 'milestones'), (milestone) => milestoneView(repository, milestone, context));
    },
    milestone: ({ number }: { number: number }) => {
      const milestone = repository.milestones.find((candidate) => candidate.number === number);
      return milestone ? milestoneView(repository, milestone, context) : null;
    },
  };
}

/**
 * Milestones in the order asked. GitHub's docs do not say where milestones
 * without a due date go when ordered by it; here they come after every dated
 * one whichever the direction, and Roadmap Guard never relies on it (it
 * filters undated ones out, and says when more milestones exist than it read).
 */
function sortedMilestones(milestones: FakeMilestone[], orderBy: { field: string; direction: string } | null | undefined): FakeMilestone[] {
  const key = (milestone: FakeMilestone): number | string | null =>
    orderBy?.field === 'DUE_DATE' ? milestone.dueOn : orderBy?.field === 'CREATED_AT' ? milestone.createdAt : milestone.number;
  const sign = orderBy?.direction === 'DESC' ? -1 : 1;
  return [...milestones].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === null || y === null) return x === y ? a.number - b.number : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : a.number - b.number) * sign;
  });
}

/** A milestone; its issues are those whose milestone has its title now (GitHub lists a milestone's current issues only). */
function milestoneView(repository: FakeRepository, milestone: FakeMilestone, context: GraphqlContext) {
  const url = `${context.store.htmlUrl(repository)}/milestone/${milestone.number}`;
  return {
    __typename: 'Milestone',
    id: newMilestoneNodeId(milestone),
    number: milestone.number,
    title: milestone.title,
    state: milestone.state.toUpperCase(),
    closed: milestone.state === 'closed',
    dueOn: milestone.dueOn,
    closedAt: milestone.closedAt,
    createdAt: milestone.createdAt,
    updatedAt: milestone.closedAt ?? milestone.createdAt,
    url,
    resourcePath: url.slice(HTML_BASE_URL.length),
    issues: (args: IssuesArgs) => {
      const issues = filterIssues(repository, args).filter((issue) => issue.milestone === milestone.title);
      return mapConnection(paginate(issues, cappedPage(args, context.store.issuePageSize), 'issues'), (issue) => issueView(repository, issue, context));
    },
  };
}

/** An issue's milestone: the repository's milestone of that title, or only the title for one the test never created. */
function issueMilestoneView(repository: FakeRepository, title: string, context: GraphqlContext) {
  const milestone = repository.milestones.find((candidate) => candidate.title === title);
  return milestone ? milestoneView(repository, milestone, context) : { __typename: 'Milestone', title };
}

function newMilestoneNodeId(milestone: FakeMilestone): string {
  return `MI_${Buffer.from(`fake-milestone:${milestone.number}`).toString('base64url')}`;
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
    milestone: issue.milestone ? issueMilestoneView(repository, issue.milestone, context) : null,
    repository: () => repositoryView(repository, context),
    // Issue.assignees: "A list of Users assigned to this object" (a UserConnection, in @octokit/graphql-schema's schema.graphql).
    assignees: (args: ConnectionArgs) => mapConnection(paginate(issue.assignees.map((login) => store.user(login)), args, 'assignees'), userView),
    projectItems: (args: ConnectionArgs) => issueProjectItems({ owner: repository.owner, repo: repository.name, number: issue.number }, args, projectViews(context)),
    labels: (args: ConnectionArgs) => {
      const labels = issue.labels.map((name) => store.ensureLabel(repository, name));
      return mapConnection(paginate(labels, args, 'labels'), (label) => labelView(repository, label, context));
    },
    comments: (args: ConnectionArgs) =>
      mapConnection(paginate(store.commentsOf(repository, issue.number), args, 'comments'), (comment) =>
        commentView(repository, issue, comment, context),
      ),
    closedByPullRequestsReferences: (args: ConnectionArgs & { includeClosedPrs?: boolean | null; userLinkedOnly?: boolean | null }) =>
      mapConnection(paginate(closingPullRequests(repository, issue, context, args), args, 'closedByPullRequestsReferences'), (pullRequest) =>
        pullRequestView(repository, pullRequest, store.issue(repository, pullRequest.number)!, context),
      ),
    // The timeline the fake keeps: comments (IssueComment), labels put on and taken off (LabeledEvent, UnlabeledEvent),
    // reopenings (ReopenedEvent), and the issue's own milestone and close events (MilestonedEvent, DemilestonedEvent,
    // ClosedEvent), each with who acted, oldest first; `itemTypes` filters them as GitHub's IssueTimelineItemsItemType
    // does. Other item types are not kept, so they never appear.
    timelineItems: (args: ConnectionArgs & { itemTypes?: string[] | null }) => {
      const wanted = (type: string) => !args.itemTypes || args.itemTypes.includes(itemType(type));
      const comments = wanted('IssueComment')
        ? store.commentsOf(repository, issue.number).map((comment) => ({ at: comment.createdAt, record: comment, view: () => commentView(repository, issue, comment, context) }))
        : [];
      const events = store.timelineEvents
        .filter((event) => event.repository === repository.nodeId && event.issueNumber === issue.number && wanted(event.type))
        .map((event) => ({
          at: event.createdAt,
          record: event,
          view: () => ({
            __typename: event.type,
            createdAt: event.createdAt,
            actor: userView(store.user(event.actor)),
            ...(event.label === undefined ? {} : { label: labelView(repository, store.ensureLabel(repository, event.label), context) }),
          }),
        }));
      const own = (issue.timeline ?? []).filter((event) => wanted(event.type)).map((event) => ({ at: event.createdAt, record: event, view: () => issueEventView(event, context) }));
      // In the order things happened: by time, then (within a second) as they happened (store.happenedAt).
      const order = (item: { record: object }) => store.happenedAt.get(item.record) ?? 0;
      const items = [...comments, ...events, ...own].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order(a) - order(b));
      return mapConnection(paginate(items, args, 'timelineItems'), (item) => item.view());
    },
  };
}

/** `LabeledEvent` → `LABELED_EVENT`, the name `itemTypes` uses. */
function itemType(typename: string): string {
  return typename.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * The issues a pull request will close, as GitHub links them (GitHub docs,
 * "Linking a pull request to an issue"): closing keywords in the description
 * only when the pull request targets the default branch ("if the PR's base is
 * any other branch, then these keywords are ignored, no links are created",
 * github/docs#165), and issues linked by hand under Development whatever the
 * base. `userLinkedOnly` keeps the hand-made links.
 */
function closingIssues(store: FakeStore, repository: FakeRepository, pullRequest: FakePullRequest, userLinkedOnly = false): FakeIssue[] {
  const keywords = !userLinkedOnly && pullRequest.baseRef === repository.defaultBranch ? pullRequest.closes : [];
  const numbers = [...new Set([...keywords, ...pullRequest.linked])];
  return numbers.flatMap((number) => {
    const closed = store.issue(repository, number);
    return closed && !closed.isPullRequest ? [closed] : [];
  });
}

/** This repository's closing issues, then those of other repositories (`closesElsewhere`). */
function closingReferences(store: FakeStore, repository: FakeRepository, pullRequest: FakePullRequest, userLinkedOnly: boolean): { repository: FakeRepository; issue: FakeIssue }[] {
  const elsewhere = pullRequest.closesElsewhere.flatMap((reference) => {
    const [, owner = '', name = '', number = ''] = /^([^/]+)\/([^#]+)#(\d+)$/.exec(reference) ?? [];
    const other = store.repository(owner, name);
    const issue = other && store.issue(other, Number(number));
    return other && issue ? [{ repository: other, issue }] : [];
  });
  return [...closingIssues(store, repository, pullRequest, userLinkedOnly).map((issue) => ({ repository, issue })), ...elsewhere];
}

/**
 * A closing reference. An issue of a repository the token may not read (a
 * fine-grained token limited to some repositories) is null in the list, with
 * a FORBIDDEN error beside the rest of the answer, as GitHub answers a field
 * it refuses among readable ones (fpicalausa/remove-stale-branches#49 quotes
 * `type: 'FORBIDDEN'`, "Resource not accessible by integration", with the
 * refused field's `path`).
 */
function referenceView({ repository, issue }: { repository: FakeRepository; issue: FakeIssue }, context: GraphqlContext) {
  const scopes = context.store.repositoryScopes.get(context.viewer.login.toLowerCase());
  if (scopes && !scopes.has(`${repository.owner}/${repository.name}`.toLowerCase())) throw new TypedError('Resource not accessible by integration', 'FORBIDDEN');
  return issueView(repository, issue, context);
}

/** Open pull requests first when asked; closed ones only with `includeClosedPrs` (Issue.closedByPullRequestsReferences). */
function closingPullRequests(repository: FakeRepository, issue: FakeIssue, context: GraphqlContext, args: { includeClosedPrs?: boolean | null; userLinkedOnly?: boolean | null }) {
  const { store } = context;
  return repository.pullRequests.filter((pullRequest) => {
    const record = store.issue(repository, pullRequest.number);
    if (!record || (record.state !== 'open' && !args.includeClosedPrs)) return false;
    return closingIssues(store, repository, pullRequest, args.userLinkedOnly === true).includes(issue);
  });
}

function issueEventView(event: FakeIssueEvent, context: GraphqlContext) {
  return {
    __typename: event.type,
    createdAt: event.createdAt,
    actor: userView(context.store.user(event.actor)),
    ...(event.milestoneTitle === undefined ? {} : { milestoneTitle: event.milestoneTitle }),
    // ClosedEvent.stateReason has no `enableDuplicate` argument: a duplicate reads as COMPLETED, the older answer Issue.stateReason gives without it.
    ...(event.type === 'ClosedEvent' ? { stateReason: event.stateReason === 'duplicate' ? 'COMPLETED' : (event.stateReason?.toUpperCase() ?? null) } : {}),
  };
}

/**
 * A pull request: its issue record's view (title, author, comments) with the
 * pull request's own fields. `closingIssuesReferences` lists the issues it
 * will close; `files` its changed files (PullRequestChangedFile in the schema);
 * `commits(last: 1)` its head commit with the commit statuses set on it.
 */
function pullRequestView(repository: FakeRepository, pullRequest: FakePullRequest, issue: FakeIssue, context: GraphqlContext) {
  const { store } = context;
  const url = `${store.htmlUrl(repository)}/pull/${issue.number}`;
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
    closingIssuesReferences: (args: ConnectionArgs & { userLinkedOnly?: boolean | null }) =>
      mapConnection(paginate(closingReferences(store, repository, pullRequest, args.userLinkedOnly === true), args, 'closingIssuesReferences'), (closed) => referenceView(closed, context)),
    files: (args: ConnectionArgs) =>
      mapConnection(paginate(pullRequest.files, args, 'files'), (path) => ({ __typename: 'PullRequestChangedFile', path, changeType: 'MODIFIED', additions: 1, deletions: 1 })),
    // Only the head commit is modelled: `last: 1` is all the action asks.
    commits: (args: ConnectionArgs) =>
      mapConnection(paginate([pullRequest.headSha], args, 'commits'), (oid) => ({ __typename: 'PullRequestCommit', commit: commitView(repository, oid) })),
  };
}

/** A commit with its statuses: `status` is null when none was ever set, as GitHub's schema says. */
function commitView(repository: FakeRepository, oid: string) {
  const any = repository.statuses.some((status) => status.sha === oid);
  return {
    __typename: 'Commit',
    oid,
    status: any
      ? {
          context: ({ name }: { name: string }) => {
            const status = latestStatus(repository, oid, name);
            return status ? { __typename: 'StatusContext', context: status.context, state: status.state.toUpperCase(), description: status.description, targetUrl: status.targetUrl, createdAt: status.createdAt } : null;
          },
        }
      : null,
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
    reactionGroups: reactionGroups(comment, context),
    issue: () => issueView(repository, issue, context),
  };
}

/** REST's reaction names and GraphQL's `ReactionContent`, in the order GitHub lists its reaction groups. */
const REACTION_CONTENT: Record<string, string> = {
  '+1': 'THUMBS_UP',
  '-1': 'THUMBS_DOWN',
  laugh: 'LAUGH',
  hooray: 'HOORAY',
  confused: 'CONFUSED',
  heart: 'HEART',
  rocket: 'ROCKET',
  eyes: 'EYES',
};

/**
 * `reactionGroups`: one group per reaction content, each with who reacted
 * (`reactors`, typed as the schema's `Reactor` union `Bot | Mannequin |
 * Organization | User`, so a bot is named like a person; `Reaction.user` is a
 * `User` and cannot name one). Whether GitHub also lists a content nobody used
 * is not documented; the fake lists every content, and the product reads only
 * the reactors, so either answer reads the same. A deleted comment takes its
 * reactions with it (the fake's DELETE removes the comment they hang on).
 */
function reactionGroups(comment: FakeComment, context: GraphqlContext) {
  const reactions = context.store.reactions.get(comment.id) ?? [];
  return Object.entries(REACTION_CONTENT).map(([rest, content]) => {
    const users = reactions.filter((reaction) => reaction.content === rest).map((reaction) => context.store.user(reaction.user));
    return {
      __typename: 'ReactionGroup',
      content,
      createdAt: reactions.find((reaction) => reaction.content === rest)?.createdAt ?? null,
      viewerHasReacted: users.some((user) => user.login.toLowerCase() === context.viewer.login.toLowerCase()),
      reactors: (args: ConnectionArgs) => mapConnection(paginate(users, args, 'reactors'), (user) => userView(user)),
    };
  });
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

/** A list item's value, or its error as a rejected promise: GraphQL then nulls that item alone and locates the error at its index. */
function settle<T>(resolve: () => T): T | Promise<never> {
  try {
    return resolve();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
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
