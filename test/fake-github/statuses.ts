/**
 * Commit statuses, as GitHub keeps them: any number per commit, the latest of
 * each context the one that counts (GitHub docs, "About status checks").
 * rest-statuses.ts sets them; GraphQL's `Commit.status` reads them.
 */
import type { FakeRepository } from './state.js';

export interface FakeStatus {
  id: number;
  sha: string;
  context: string;
  state: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
}

/** The commits the fake knows: the default branch's head, and each pull request's base, head and merge commits. */
export function knownCommit(repository: FakeRepository, sha: string): boolean {
  const commits = [repository.headSha, ...Object.keys(repository.refs), ...repository.pullRequests.flatMap((pr) => [pr.baseSha, pr.headSha, pr.mergeSha])];
  return commits.includes(sha);
}

/** The status of a context that counts on a commit: the latest one set. */
export function latestStatus(repository: FakeRepository, sha: string, context: string): FakeStatus | undefined {
  return repository.statuses.findLast((status) => status.sha === sha && status.context === context);
}

