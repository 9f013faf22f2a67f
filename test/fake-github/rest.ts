/**
 * The REST routes Roadmap Guard uses, answering like GitHub: 201 on create,
 * `{ message: "Not Found" }` with 404, 422 "Validation Failed" on a duplicate
 * label, a body over 65,536 characters or a label name over 50. A route not
 * listed here is unknown: the server answers 404 and logs it.
 */
import { createHash } from 'node:crypto';
import type { FakeIssue, FakeRepository, FakeUser } from './state.js';
import type { FakeStore } from './store.js';
import { commentJson, issueJson, labelJson, repositoryJson } from './rest-shapes.js';
import { commandRoutes } from './rest-commands.js';
import { statusRoutes } from './rest-statuses.js';

export type RequestKind = 'graphql' | 'rest-read' | 'write';

export interface RestRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | unknown[] | null;
  viewer: FakeUser;
  store: FakeStore;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** GitHub's route template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  pattern: RegExp;
  handle: (request: RestRequest) => RestResponse;
}

const DOCS = 'https://docs.github.com/rest';
export const notFound = (): RestResponse => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });

export function route(method: string, template: string, handle: Route['handle']): Route {
  const source = template.replace(/\{(\w+)\}/g, (_match, name: string) => `(?<${name}>${name === 'path' ? '.+' : '[^/]+'})`);
  return { method, template, pattern: new RegExp(`^${source}$`), handle };
}

/** The route for a method and path, with its decoded parameters; undefined when GitHub would 404. */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    return { route: candidate, params };
  }
  return undefined;
}

export function kindOf(method: string): RequestKind {
  return method === 'GET' || method === 'HEAD' ? 'rest-read' : 'write';
}

export function withRepository(handle: (request: RestRequest, repository: FakeRepository) => RestResponse) {
  return (request: RestRequest): RestResponse => {
    const repository = request.store.repository(request.params.owner ?? '', request.params.repo ?? '');
    return repository ? handle(request, repository) : notFound();
  };
}

function withIssue(handle: (request: RestRequest, repository: FakeRepository, number: number) => RestResponse) {
  return withRepository((request, repository) => {
    const number = Number(request.params.issue_number);
    return request.store.issue(repository, number) ? handle(request, repository, number) : notFound();
  });
}

/** The comment whose id is exactly these digits: ids are compared as text, so no rounding can make two ids meet. */
function commentById(repository: FakeRepository, id: string | undefined) {
  return repository.comments.find((candidate) => String(candidate.id) === id);
}

export function field(body: RestRequest['body'], name: string): unknown {
  return body && !Array.isArray(body) ? body[name] : undefined;
}

const STATE_REASONS: (string | null)[] = ['completed', 'not_planned', 'duplicate', 'reopened', null];

/** One entry of a 422's `errors`, as GitHub's OpenAPI description defines `validation-error`. */
interface ValidationError {
  resource: string;
  code: string;
  field?: string;
  message?: string;
  value?: string;
}

/** GitHub's 422: `message: "Validation Failed"`, the `errors`, and a link to the operation's docs. */
export function validationFailed(error: ValidationError, documentation = DOCS): RestResponse {
  return { status: 422, body: { message: 'Validation Failed', errors: [error], documentation_url: documentation } };
}

/**
 * GitHub refuses comment and issue bodies over 65,536 characters. Counted in
 * characters (code points, as GitHub's Ruby does), not UTF-16 units. The
 * error entries are the ones GitHub returns, as quoted in public bug reports
 * of clients that hit the limit (e.g. danger/danger#424,
 * suzuki-shunsuke/github-comment#124, peter-evans/create-issue-from-file#1705).
 */
export const BODY_LIMIT = 65_536;
/** GitHub refuses label names over 50 characters (github/docs#32156 quotes the 422). */
export const LABEL_NAME_LIMIT = 50;

function longerThan(text: string, limit: number): boolean {
  return Array.from(text).length > limit;
}

const COMMENT_BODY_TOO_LONG: ValidationError = {
  resource: 'IssueComment',
  code: 'unprocessable',
  field: 'data',
  message: `Body is too long (maximum is ${BODY_LIMIT} characters)`,
};
const ISSUE_BODY_TOO_LONG: ValidationError = {
  resource: 'Issue',
  code: 'custom',
  field: 'body',
  message: `body is too long (maximum is ${BODY_LIMIT} characters)`,
};
const LABEL_NAME_TOO_LONG: ValidationError = {
  resource: 'Label',
  code: 'custom',
  field: 'name',
  message: `name is too long (maximum is ${LABEL_NAME_LIMIT} characters)`,
};

/** GitHub's page slicing (`per_page` up to 100, `page` from 1) with a `link` header for the next page. */
function page<T>(items: T[], request: RestRequest, url: string): RestResponse {
  const perPage = Math.min(Number(request.query.get('per_page') ?? 30) || 30, 100);
  const pageNumber = Math.max(Number(request.query.get('page') ?? 1) || 1, 1);
  const slice = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const headers: Record<string, string> = {};
  if (pageNumber * perPage < items.length) {
    headers.link = `<${url}?per_page=${perPage}&page=${pageNumber + 1}>; rel="next"`;
  }
  return { status: 200, body: slice, headers };
}

/** Replaces an issue's labels; its timeline gets a LabeledEvent or UnlabeledEvent for each label that changed, by the token's identity. */
function setLabels(request: RestRequest, repository: FakeRepository, issue: FakeIssue, names: string[], now: string): void {
  const next = names.map((name) => request.store.ensureLabel(repository, name).name);
  const has = (list: string[], name: string) => list.some((other) => other.toLowerCase() === name.toLowerCase());
  const event = (type: 'LabeledEvent' | 'UnlabeledEvent', label: string) => ({ type, repository: repository.nodeId, issueNumber: issue.number, actor: request.viewer.login, label, createdAt: now });
  for (const label of issue.labels) if (!has(next, label)) request.store.timelineEvents.push(event('UnlabeledEvent', label));
  for (const label of next) if (!has(issue.labels, label)) request.store.timelineEvents.push(event('LabeledEvent', label));
  issue.labels = next;
}

function labelNames(body: RestRequest['body']): string[] | undefined {
  const labels = Array.isArray(body) ? body : field(body, 'labels');
  if (!Array.isArray(labels)) return undefined;
  return labels.map((label) => (typeof label === 'string' ? label : String((label as { name?: unknown }).name)));
}

function gitBlobSha(text: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex');
}

/** GitHub wraps base64 file content at 60 characters. */
function base64Wrapped(text: string): string {
  return (Buffer.from(text).toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n';
}

export const ROUTES: Route[] = [
  route('GET', '/rate_limit', () => ({ status: 200, body: {} })), // answered by the server, which owns the budget

  route('GET', '/repos/{owner}/{repo}', withRepository((request, repository) => ({
    status: 200,
    body: repositoryJson(request.store, repository),
  }))),

  route('GET', '/repos/{owner}/{repo}/contents/{path}', withRepository((request, repository) => {
    const path = (request.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const ref = request.query.get('ref');
    const files = (ref && repository.refs[ref]) || repository.files;
    const text = files[path];
    const contentUrl = `${request.store.restUrl(repository)}/contents/${path}`;
    if (text !== undefined) {
      const sha = gitBlobSha(text);
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(text),
          name: path.split('/').at(-1),
          path,
          content: base64Wrapped(text),
          sha,
          url: `${contentUrl}?ref=${request.query.get('ref') ?? repository.defaultBranch}`,
          html_url: `${request.store.htmlUrl(repository)}/blob/${repository.defaultBranch}/${path}`,
          download_url: null,
          _links: { self: contentUrl },
        },
      };
    }
    const children = Object.keys(files).filter((file) => file.startsWith(`${path}/`));
    if (children.length === 0) return notFound();
    const names = [...new Set(children.map((file) => file.slice(path.length + 1).split('/')[0] ?? ''))];
    return {
      status: 200,
      body: names.map((name) => {
        const childPath = `${path}/${name}`;
        const isFile = files[childPath] !== undefined;
        return { type: isFile ? 'file' : 'dir', name, path: childPath, sha: gitBlobSha(childPath), size: 0 };
      }),
    };
  })),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', withIssue((request, repository, number) => ({
    status: 200,
    body: issueJson(request.store, repository, request.store.issue(repository, number)!),
  }))),

  route('POST', '/repos/{owner}/{repo}/issues', withRepository((request, repository) => {
    const title = field(request.body, 'title');
    if (typeof title !== 'string' || title === '') return validationFailed({ resource: 'Issue', code: 'missing_field', field: 'title' });
    const body = field(request.body, 'body');
    if (typeof body === 'string' && longerThan(body, BODY_LIMIT)) return validationFailed(ISSUE_BODY_TOO_LONG, `${DOCS}/issues/issues#create-an-issue`);
    const now = request.store.clock();
    // `milestone` is the milestone's number (REST "Create an issue"); one the repository does not have is refused.
    const milestoneNumber = field(request.body, 'milestone');
    const milestone = milestoneNumber == null ? undefined : repository.milestones.find((candidate) => String(candidate.number) === String(milestoneNumber));
    if (milestoneNumber != null && !milestone) return validationFailed({ resource: 'Issue', code: 'invalid', field: 'milestone', value: String(milestoneNumber) });
    const issue = request.store.putIssue(repository, {
      title,
      body: typeof body === 'string' ? body : null,
      labels: labelNames(request.body) ?? [],
      author: request.viewer.login,
      milestone: milestone?.title ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return { status: 201, body: issueJson(request.store, repository, issue) };
  })),

  route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', withIssue((request, repository, number) => {
    const issue = request.store.issue(repository, number)!;
    const title = field(request.body, 'title');
    const body = field(request.body, 'body');
    const state = field(request.body, 'state');
    const stateReason = field(request.body, 'state_reason');
    const labels = labelNames(request.body);
    if (state !== undefined && state !== 'open' && state !== 'closed') return validationFailed({ resource: 'Issue', code: 'invalid', field: 'state' });
    // OpenAPI `issues/update`: state_reason is completed, not_planned, duplicate, reopened or null, "ignored unless state is changed".
    if (stateReason !== undefined && !STATE_REASONS.includes(stateReason as string | null)) return validationFailed({ resource: 'Issue', code: 'invalid', field: 'state_reason' });
    if (typeof body === 'string' && longerThan(body, BODY_LIMIT)) return validationFailed(ISSUE_BODY_TOO_LONG, `${DOCS}/issues/issues#update-an-issue`);
    const now = request.store.clock();
    if (typeof title === 'string') issue.title = title;
    if (typeof body === 'string' || body === null) issue.body = body;
    if (labels) setLabels(request, repository, issue, labels, now);
    if (state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = now;
      issue.stateReason = stateReason === 'not_planned' || stateReason === 'duplicate' ? stateReason : 'completed';
      (issue.timeline ??= []).push({ type: 'ClosedEvent', createdAt: now, actor: request.viewer.login, stateReason: issue.stateReason });
    } else if (state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closedAt = null;
      issue.stateReason = 'reopened';
      request.store.timelineEvents.push({ type: 'ReopenedEvent', repository: repository.nodeId, issueNumber: number, actor: request.viewer.login, createdAt: now });
    }
    issue.updatedAt = now;
    return { status: 200, body: issueJson(request.store, repository, issue) };
  })),

  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', withIssue((request, repository, number) => {
    const since = request.query.get('since');
    const comments = request.store
      .commentsOf(repository, number)
      .filter((comment) => !since || comment.updatedAt >= since)
      .map((comment) => commentJson(request.store, repository, comment));
    return page(comments, request, `${request.store.restUrl(repository)}/issues/${number}/comments`);
  })),

  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', withIssue((request, repository, number) => {
    const body = field(request.body, 'body');
    if (typeof body !== 'string' || body === '') return validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    if (longerThan(body, BODY_LIMIT)) return validationFailed(COMMENT_BODY_TOO_LONG, `${DOCS}/issues/comments#create-an-issue-comment`);
    const now = request.store.clock();
    const comment = request.store.putComment(repository, {
      issueNumber: number,
      author: request.viewer.login,
      body,
      createdAt: now,
      updatedAt: now,
    });
    request.store.issue(repository, number)!.updatedAt = now;
    return { status: 201, body: commentJson(request.store, repository, comment) };
  })),

  route('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', withRepository((request, repository) => {
    const comment = commentById(repository, request.params.comment_id);
    return comment ? { status: 200, body: commentJson(request.store, repository, comment) } : notFound();
  })),

  route('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', withRepository((request, repository) => {
    const comment = commentById(repository, request.params.comment_id);
    if (!comment) return notFound();
    const body = field(request.body, 'body');
    if (typeof body !== 'string' || body === '') return validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
    if (longerThan(body, BODY_LIMIT)) return validationFailed(COMMENT_BODY_TOO_LONG, `${DOCS}/issues/comments#update-an-issue-comment`);
    comment.body = body;
    comment.updatedAt = request.store.clock();
    return { status: 200, body: commentJson(request.store, repository, comment) };
  })),

  // "Delete an issue comment": 204 No Content; 404 when there is no such comment (docs.github.com/rest/issues/comments).
  // The fake lets any author delete; GitHub also lets maintainers delete anyone's, which the action never does.
  route('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}', withRepository((request, repository) => {
    const comment = commentById(repository, request.params.comment_id);
    if (!comment) return notFound();
    repository.comments.splice(repository.comments.indexOf(comment), 1);
    return { status: 204 };
  })),

  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/labels', withIssue((request, repository, number) => {
    const names = labelNames(request.body);
    if (!names) return validationFailed({ resource: 'Label', code: 'missing_field', field: 'labels' });
    // Adding a label the repository lacks creates it, so the name rule applies;
    // GitHub answers this route with `code: invalid` and the value (semantic-release/github#518).
    const tooLong = names.find((name) => !request.store.label(repository, name) && longerThan(name, LABEL_NAME_LIMIT));
    if (tooLong !== undefined) {
      return validationFailed({ value: tooLong, resource: 'Label', field: 'name', code: 'invalid' }, `${DOCS}/issues/labels#add-labels-to-an-issue`);
    }
    const issue = request.store.issue(repository, number)!;
    for (const name of names) {
      const label = request.store.ensureLabel(repository, name);
      if (!issue.labels.some((existing) => existing.toLowerCase() === label.name.toLowerCase())) {
        issue.labels.push(label.name);
        request.store.timelineEvents.push({ type: 'LabeledEvent', repository: repository.nodeId, issueNumber: number, actor: request.viewer.login, label: label.name, createdAt: request.store.clock() });
      }
    }
    issue.updatedAt = request.store.clock();
    return {
      status: 200,
      body: issue.labels.map((name) => labelJson(request.store, repository, request.store.ensureLabel(repository, name))),
    };
  })),

  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', withIssue((request, repository, number) => {
    const issue = request.store.issue(repository, number)!;
    const wanted = (request.params.name ?? '').toLowerCase();
    const index = issue.labels.findIndex((name) => name.toLowerCase() === wanted);
    if (index < 0) return { status: 404, body: { message: 'Label does not exist', documentation_url: DOCS } };
    const [removed] = issue.labels.splice(index, 1);
    issue.updatedAt = request.store.clock();
    request.store.timelineEvents.push({ type: 'UnlabeledEvent', repository: repository.nodeId, issueNumber: number, actor: request.viewer.login, label: removed!, createdAt: issue.updatedAt });
    return {
      status: 200,
      body: issue.labels.map((name) => labelJson(request.store, repository, request.store.ensureLabel(repository, name))),
    };
  })),

  route('GET', '/repos/{owner}/{repo}/labels', withRepository((request, repository) =>
    page(
      repository.labels.map((label) => labelJson(request.store, repository, label)),
      request,
      `${request.store.restUrl(repository)}/labels`,
    ),
  )),

  route('GET', '/repos/{owner}/{repo}/labels/{name}', withRepository((request, repository) => {
    const label = request.store.label(repository, request.params.name ?? '');
    return label ? { status: 200, body: labelJson(request.store, repository, label) } : notFound();
  })),

  route('POST', '/repos/{owner}/{repo}/labels', withRepository((request, repository) => {
    const name = field(request.body, 'name');
    if (typeof name !== 'string' || name === '') return validationFailed({ resource: 'Label', code: 'missing_field', field: 'name' });
    if (longerThan(name, LABEL_NAME_LIMIT)) return validationFailed(LABEL_NAME_TOO_LONG, `${DOCS}/issues/labels#create-a-label`);
    if (request.store.label(repository, name)) return validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
    const color = field(request.body, 'color');
    const description = field(request.body, 'description');
    if (color !== undefined && !(typeof color === 'string' && /^[0-9a-f]{6}$/i.test(color))) {
      return validationFailed({ resource: 'Label', code: 'invalid', field: 'color' });
    }
    const label = request.store.ensureLabel(repository, name);
    if (typeof color === 'string') label.color = color.toLowerCase();
    if (typeof description === 'string') label.description = description;
    return { status: 201, body: labelJson(request.store, repository, label) };
  })),
  ...commandRoutes(),
  ...statusRoutes(),
];
