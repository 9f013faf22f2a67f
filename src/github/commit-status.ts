/**
 * The merge gate's verdict as a commit status on a pull request's head
 * commit: what branch protection and rulesets require by its context, and
 * what any run with a write token can set, so an issue event or an audit
 * keeps it true when the issues change (GitHub docs, "About status checks";
 * REST "Create a commit status", which needs `statuses: write`).
 */
import type { Octokit } from './client.js';
import type { RepoRef } from './read.js';
import type { GateState, GateStatus } from '../ports/reads.js';
import { MERGE_GATE_CONTEXT, STATUS_DESCRIPTION_LIMIT } from '../ports/forge.js';
export { MERGE_GATE_CONTEXT, STATUS_DESCRIPTION_LIMIT };
export type { GateState, GateStatus };


/** `Commit.status` as the queries read it: the merge gate's context, if the commit has one. */
interface StatusNode {
  context: { state: string; description: string | null } | null;
}

/** A pull request's `headRefOid` and `commits(last: 1) { nodes { commit { oid status { context(name: …) } } } }`. */
export interface HeadCommitNode {
  headRefOid: string;
  commits: { nodes: ({ commit: { oid: string; status: StatusNode | null } } | null)[] | null } | null;
}

/** The merge gate's status on the pull request's head commit; none when the last commit read is not the head. */
export function headGateStatus(pr: HeadCommitNode): GateStatus | null {
  const head = pr.commits?.nodes?.[0]?.commit;
  return head?.oid === pr.headRefOid ? gateStatusOf(head.status) : null;
}

function gateStatusOf(status: StatusNode | null | undefined): GateStatus | null {
  const context = status?.context;
  if (!context) return null;
  const state = context.state.toLowerCase();
  const known = state === 'success' || state === 'failure' || state === 'pending' || state === 'error' ? state : 'error';
  return { state: known, description: context.description ?? '' };
}

/** Sets the merge gate's status on a commit; setting it again replaces it (the latest status of a context counts). */
export async function createGateStatus(octokit: Octokit, repo: RepoRef, status: { sha: string; state: GateState; description: string; targetUrl?: string }): Promise<void> {
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
