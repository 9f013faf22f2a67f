/**
 * What a `pull_request` event tells the merge gate and the policy preview:
 * the pull request, its base, and whether it comes from a fork (whose runs
 * get a read-only token and must not be trusted with anything).
 */

/** The activity types the gate checks on: those that change what the pull request closes or whether it may merge. */
export const PULL_REQUEST_ACTIONS = ['opened', 'edited', 'synchronize', 'reopened', 'ready_for_review'];

export interface PullRequestEvent {
  number: number;
  draft: boolean;
  /** The branch the pull request merges into, and its commit when the event was sent. */
  baseRef: string;
  baseSha: string | undefined;
  /** The head lives in another repository: the workflow token is read-only and no secret is available. */
  fromFork: boolean;
}

/** The pull request of a `pull_request` payload; undefined when the payload has none. */
export function readPullRequestEvent(payload: Record<string, unknown>): PullRequestEvent | undefined {
  const pr = record(payload.pull_request);
  const number = pr?.number;
  if (!pr || typeof number !== 'number' || !Number.isInteger(number) || number <= 0) return undefined;
  const base = record(pr.base);
  return {
    number,
    draft: pr.draft === true,
    baseRef: typeof base?.ref === 'string' ? base.ref : '',
    baseSha: typeof base?.sha === 'string' ? base.sha : undefined,
    fromFork: isFromFork(pr, base),
  };
}

/**
 * A pull request comes from a fork when its head repository is not its base
 * repository. Whether the repository is itself a fork (`repo.fork`) says
 * nothing about it: a branch of a forked repository, merged into that same
 * repository, runs with the repository's own token. A deleted fork has no
 * head repository, and a payload without the names cannot tell: both count as
 * a fork, the cautious side.
 */
function isFromFork(pr: Record<string, unknown>, base: Record<string, unknown> | undefined): boolean {
  const baseRepo = record(base?.repo)?.full_name;
  const headRepo = record(record(pr.head)?.repo)?.full_name;
  return typeof headRepo !== 'string' || typeof baseRepo !== 'string' || headRepo.toLowerCase() !== baseRepo.toLowerCase();
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
