/**
 * The issues changed since a saved state, and GitHub's count of open issues,
 * in one request (more only when over 100 issues changed). GitHub's own time
 * comes from the `Date` header of its answers: the runner's clock may drift,
 * and `updatedAt` is GitHub's time.
 */
import { GitHubReadError } from './errors.js';
import type { GitHubClient } from './client.js';
import { BUDGET_CHANGES_QUERY } from './queries.js';
import type { RepoRef } from './read.js';
import type { IssueNode } from './work-items.js';
import type { BudgetChanges } from '../ports/reads.js';
export type { BudgetChanges };

interface ChangesPage {
  repository: {
    open: { totalCount: number };
    changed: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (IssueNode | null)[] };
  } | null;
}

export async function readBudgetChanges(client: GitHubClient, repo: RepoRef, options: { since: string; withBody: boolean }): Promise<BudgetChanges> {
  const nodes: IssueNode[] = [];
  let openCount: number;
  let after: string | null = null;
  do {
    const page: ChangesPage = await client.graphql<ChangesPage>(BUDGET_CHANGES_QUERY, { owner: repo.owner, name: repo.name, since: options.since, after, withBody: options.withBody });
    if (!page.repository) throw new GitHubReadError(`Repository ${repo.owner}/${repo.name} was not found, or the token cannot read it.`);
    openCount = page.repository.open.totalCount;
    nodes.push(...page.repository.changed.nodes.filter((node): node is IssueNode => node !== null));
    after = page.repository.changed.pageInfo.hasNextPage ? page.repository.changed.pageInfo.endCursor : null;
  } while (after);
  return { nodes, openCount };
}

interface Watch {
  first?: string;
}

const watchers = new WeakMap<object, Set<Watch>>();

/**
 * Runs a read and tells when it began by GitHub's clock: the `Date` header of
 * its first answer (a header GitHub sends on every answer; HTTP dates have
 * whole seconds, which the caller's margin covers). The runner's clock at the
 * start when no answer carried one.
 */
export async function timedRead<T>(client: GitHubClient, read: () => Promise<T>): Promise<{ value: T; startedAt: string }> {
  const local = new Date().toISOString();
  const watch: Watch = {};
  const watching = watchersOf(client);
  watching.add(watch);
  try {
    const value = await read();
    return { value, startedAt: watch.first ?? local };
  } finally {
    watching.delete(watch);
  }
}

function watchersOf(client: GitHubClient): Set<Watch> {
  let set = watchers.get(client.octokit);
  if (!set) {
    const created = new Set<Watch>();
    client.octokit.hook.after('request', (response) => {
      const date = Date.parse(String(response.headers.date ?? ''));
      if (!Number.isFinite(date)) return;
      for (const watch of created) watch.first ??= new Date(date).toISOString();
    });
    watchers.set(client.octokit, created);
    set = created;
  }
  return set;
}
