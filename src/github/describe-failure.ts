/**
 * One line that says what failed, on which request, in GitHub's own words,
 * with advice only where the answer calls for it. Octokit's messages alone
 * lose the detail ("Request failed due to following response errors:" with
 * the errors on later lines) or the request ("other side closed").
 */
import { getErrorMessage, httpStatus } from './errors.js';
import { oneLine } from '../ports/describe.js';
export { oneLine };

interface RequestLike {
  method?: string;
  url?: string;
  query?: string;
}

interface GraphqlErrorLike {
  message?: string;
  type?: string;
  path?: readonly (string | number)[];
}

export function describeFailure(error: unknown): string {
  const request = requestOf(error);
  const graphqlErrors = graphqlErrorsOf(error);
  if (graphqlErrors) return `GitHub's GraphQL API refused ${operationOf(request)}: ${graphqlErrors.map(describeGraphqlError).join('; ')}.`;
  if (!request) return oneLine(getErrorMessage(error));
  const target = `${request.method ?? 'GET'} ${pathOf(request.url)}`;
  if (isConnectionFailure(error)) {
    return `${target} got no answer from GitHub: ${connectionProblem(error)}. ${TRANSIENT_ADVICE}`;
  }
  const status = httpStatus(error);
  const advice = status === undefined ? undefined : adviceFor(status);
  return `${target} failed: GitHub answered ${status ?? 'with an error'}: ${oneLine(getErrorMessage(error))}${advice ? `. ${advice}` : ''}`;
}

const TRANSIENT_ADVICE = 'This is a problem on GitHub’s side or on the way to it, not in the workflow; the next run will try again';

/** Advice that follows from the status alone; permissions and rate limits are explained where the request is known. */
function adviceFor(status: number): string | undefined {
  if (status === 401) return 'The token is not valid: expired, revoked or mistyped';
  if (status >= 500) return TRANSIENT_ADVICE;
  return undefined;
}

/**
 * Octokit reports a request that never got an HTTP answer (connection reset,
 * DNS, TLS, timeout) as status 500 with no response, the network error as `cause`.
 */
function isConnectionFailure(error: unknown): boolean {
  const response = (error as { response?: unknown }).response;
  const name = (error as { name?: unknown }).name;
  return (httpStatus(error) === 500 && response === undefined) || name === 'AbortError' || name === 'TimeoutError';
}

function connectionProblem(error: unknown): string {
  const name = (error as { name?: unknown }).name;
  const cause = (error as { cause?: { name?: unknown } }).cause;
  // The client's own deadline: its message says how long it waited ("no answer within 30s").
  if (cause?.name === 'TimeoutError') return `the request timed out (${oneLine(getErrorMessage(error))})`;
  if (name === 'AbortError' || name === 'TimeoutError') return 'the request timed out';
  return `the connection broke before an answer came (${oneLine(getErrorMessage(error))})`;
}

function requestOf(error: unknown): RequestLike | undefined {
  if (typeof error !== 'object' || error === null || !('request' in error)) return undefined;
  const request = (error as { request?: unknown }).request;
  return typeof request === 'object' && request !== null ? (request as RequestLike) : undefined;
}

function graphqlErrorsOf(error: unknown): GraphqlErrorLike[] | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'GraphqlResponseError') return undefined;
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 ? (errors as GraphqlErrorLike[]) : undefined;
}

function describeGraphqlError(error: GraphqlErrorLike): string {
  const where = error.path?.length ? ` (at ${error.path.join('.')})` : '';
  const kind = error.type ? `${error.type}: ` : '';
  return `${kind}${oneLine(error.message ?? 'no message')}${where}`;
}

/** "the query IssuePage" from the document's operation name, or "a query". */
function operationOf(request: RequestLike | undefined): string {
  const name = /\b(query|mutation)\s+([A-Za-z_]\w*)/.exec(request?.query ?? '');
  return name ? `the ${name[1]} ${name[2]}` : 'a query';
}

function pathOf(url: string | undefined): string {
  if (!url) return '(unknown request)';
  try {
    return new URL(url, 'http://github.invalid').pathname;
  } catch {
    return url;
  }
}
