/**
 * Errors from GitHub, turned into messages a maintainer can act on. The
 * original error always travels along as `cause`, so nothing is lost.
 */
import { getErrorMessage } from '../ports/errors.js';
import type { WriteFailureCause } from '../report/types.js';
export { getErrorMessage };

/**
 * GitHub could not be read as the product needs: a repository, issue or file
 * it does not show this token, or an answer that does not add up. Not a bug:
 * the message says what to check.
 */
export class GitHubReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitHubReadError';
  }
}

/** GitHub refused, failed or could not be reached (an Octokit error with a status, a GraphQL error answer), or did not show what was asked. */
export function isGitHubFailure(error: unknown): boolean {
  if (error instanceof GitHubReadError || error instanceof RateLimitExhaustedError || error instanceof PermissionError) return true;
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return httpStatus(error) !== undefined || name === 'GraphqlResponseError' || name === 'HttpError' || name === 'RequestError';
}

/** The HTTP status of an Octokit request error, when the error has one. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** A response header of an Octokit request error, when GitHub sent one. */
export function responseHeader(error: unknown, name: string): string | undefined {
  const response = typeof error === 'object' && error !== null ? (error as { response?: { headers?: Record<string, unknown> } }).response : undefined;
  const value = response?.headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * GitHub's GraphQL answer for a number or node that does not exist: every
 * error of the response has `type: NOT_FOUND` (the data beside it is `null`).
 */
export function isGraphqlNotFound(error: unknown): boolean {
  const errors = (error as { errors?: { type?: unknown }[] } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((entry) => entry?.type === 'NOT_FOUND');
}

/**
 * The hourly API quota is spent. The run stops here instead of sleeping until
 * the reset, which could hold a runner for up to an hour.
 */
export class RateLimitExhaustedError extends Error {
  readonly resetAt: Date | undefined;

  constructor(resetAt: Date | undefined, options?: { cause?: unknown }) {
    const when = resetAt ? ` It resets at ${resetAt.toISOString()}.` : '';
    super(`GitHub's API rate limit for this token is used up; stopped without waiting for the reset.${when} The next run will pick up where this one stopped.`, options);
    this.name = 'RateLimitExhaustedError';
    this.resetAt = resetAt;
  }
}

/** True when the error says the primary rate limit is spent (REST 403/429 with no requests left, or GraphQL RATE_LIMITED). */
export function isPrimaryRateLimit(error: unknown): boolean {
  if (error instanceof RateLimitExhaustedError) return true;
  const status = httpStatus(error);
  if ((status === 403 || status === 429) && responseHeader(error, 'x-ratelimit-remaining') === '0') return true;
  const data = typeof error === 'object' && error !== null ? (error as { data?: { errors?: { type?: string }[] } }).data : undefined;
  return Array.isArray(data?.errors) && data.errors.some((e) => e?.type === 'RATE_LIMITED');
}

/** The reset moment GitHub announced with a rate-limit error. */
export function rateLimitReset(error: unknown): Date | undefined {
  const reset = Number(responseHeader(error, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
}

/** The permission a refused write needs. */
export type WritePermission = 'issues' | 'pull-requests' | 'statuses';

/** The job's `permissions:` block that grants it, least privilege. */
const PERMISSIONS: Record<WritePermission, string[]> = {
  issues: ['contents: read', 'issues: write'],
  'pull-requests': ['contents: read', 'issues: read', 'pull-requests: write'],
  // The merge gate's status is set by pull-request runs and by issue events and audits, which read the open pull requests.
  statuses: ['contents: read', 'issues: write', 'pull-requests: read', 'statuses: write'],
};

/**
 * The token may not write here: say which permission to grant and how. A 403
 * from a rate limit is not a permission problem and is left alone.
 */
export class PermissionError extends Error {
  /** The permission the refused write needs. */
  readonly permission: WritePermission;

  constructor(what: string, options?: { cause?: unknown; permission?: WritePermission }) {
    const permission = options?.permission ?? 'issues';
    const grants = PERMISSIONS[permission];
    super(
      `GitHub refused to ${what} (403): the token needs the \`${permission}: write\` permission; add \`permissions: { ${grants.join(', ')} }\` to the job.\n` +
        `In the workflow file:\n${['permissions:', ...grants.map((grant) => `  ${grant}`)].join('\n')}\n` +
        `(A repository or organization setting may also keep the workflow token read-only: Settings → Actions → General → Workflow permissions.)`,
      options,
    );
    this.name = 'PermissionError';
    this.permission = permission;
  }
}

/**
 * GitHub's 403 for a comment on a locked issue: REST has no status or code of
 * its own for it, only its message ("Unable to create comment because issue
 * is locked", the GraphQL schema's `CommentCannotUpdateReason.LOCKED`).
 */
export function isLockedRefusal(error: unknown): boolean {
  return httpStatus(error) === 403 && /\blocked\b/i.test(getErrorMessage(error));
}

/** GitHub's secondary rate limit: a 403 or 429 that says so, with requests left in the hour. */
export function isSecondaryRateLimit(error: unknown): boolean {
  const status = httpStatus(error);
  return (status === 403 || status === 429) && /secondary rate/i.test(getErrorMessage(error));
}

/**
 * Why a write failed, from what GitHub answered (the HTTP status, the GraphQL
 * error's type) and what the product made of it, for the job summary to pick
 * the fix: after `explainWriteError`.
 */
export function writeFailureCause(error: unknown): WriteFailureCause {
  const original = error instanceof PermissionError || error instanceof RateLimitExhaustedError ? error.cause : error;
  const status = httpStatus(original);
  const graphqlType = (original as { errors?: { type?: unknown }[] } | null)?.errors?.find((entry) => typeof entry?.type === 'string')?.type as string | undefined;
  return {
    ...(status === undefined ? {} : { status }),
    ...(graphqlType ? { graphqlType } : {}),
    ...(error instanceof PermissionError ? { permission: error.permission } : {}),
    ...(error instanceof RateLimitExhaustedError || isSecondaryRateLimit(original) ? { rateLimited: true } : {}),
    ...(isLockedRefusal(original) ? { locked: true } : {}),
  };
}

/** Rewrites a failed write so the log says what to do; other errors pass through unchanged. */
export function explainWriteError(error: unknown, what: string, permission: WritePermission = 'issues'): unknown {
  // A 403 for a locked issue or a secondary rate limit says nothing about the token's permissions.
  if (httpStatus(error) === 403 && !isPrimaryRateLimit(error) && !isSecondaryRateLimit(error) && !isLockedRefusal(error)) {
    return new PermissionError(what, { cause: error, permission });
  }
  if (isPrimaryRateLimit(error) && !(error instanceof RateLimitExhaustedError)) {
    return new RateLimitExhaustedError(rateLimitReset(error), { cause: error });
  }
  return error;
}

/** One error of a GraphQL answer: GitHub names its `type` (NOT_FOUND, FORBIDDEN) and the field's `path`. */
export interface GraphqlFieldError {
  type?: string;
  message?: string;
  path?: (string | number)[];
}

/**
 * The data GitHub answered beside its errors, when it answered some: a field
 * it could not resolve is null, and an error names it by `path` (as in
 * sourcecred/sourcecred#1408, a `nodes` id that no longer resolves, and
 * fpicalausa/remove-stale-branches#49, a FORBIDDEN field among readable ones).
 * Undefined for anything else: no data, or not a GraphQL answer.
 */
export function graphqlPartialAnswer<T>(error: unknown): { data: T; errors: GraphqlFieldError[] } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { data, errors } = error as { data?: unknown; errors?: unknown };
  if (typeof data !== 'object' || data === null || !Array.isArray(errors) || errors.length === 0) return undefined;
  return { data: data as T, errors: errors as GraphqlFieldError[] };
}
