/**
 * One function per write GitHub is asked to make, the client passed in. Only
 * typed REST methods: their routes come from GitHub's OpenAPI description.
 */
import type { Octokit } from './client.js';
import { httpStatus } from './errors.js';
import type { RepoRef } from './read.js';

/** No automatic retries for creates: a retry could post it twice. See create-once.ts. */
const NO_RETRIES = { retries: 0 };

export async function createComment(octokit: Octokit, repo: RepoRef, issue: number, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ owner: repo.owner, repo: repo.name, issue_number: issue, body, request: NO_RETRIES });
}

/** `commentId` is the id's decimal digits, exactly as GitHub gave them. */
export async function updateComment(octokit: Octokit, repo: RepoRef, commentId: string, body: string): Promise<void> {
  await octokit.rest.issues.updateComment({ owner: repo.owner, repo: repo.name, comment_id: int64(commentId), body });
}

/**
 * An id for a REST path, exact at any size. GitHub's OpenAPI description
 * makes ids int64, and a JS number is exact only up to 2^53, so the id
 * travels as a BigInt, which Octokit's URL template writes out digit for
 * digit. Newer Octokit types already accept `number | bigint` for ids; the
 * ones bundled with @actions/github still say `number`, hence the cast.
 */
function int64(digits: string): number {
  return BigInt(digits) as unknown as number;
}

/** Deleting a comment someone (or a racing run) already deleted is not a failure. */
export async function deleteComment(octokit: Octokit, repo: RepoRef, commentId: string): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ owner: repo.owner, repo: repo.name, comment_id: int64(commentId) });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}

export async function addLabels(octokit: Octokit, repo: RepoRef, issue: number, labels: string[]): Promise<void> {
  await octokit.rest.issues.addLabels({ owner: repo.owner, repo: repo.name, issue_number: issue, labels });
}

/** Removing a label someone already removed is not a failure. */
export async function removeLabel(octokit: Octokit, repo: RepoRef, issue: number, label: string): Promise<void> {
  try {
    await octokit.rest.issues.removeLabel({ owner: repo.owner, repo: repo.name, issue_number: issue, name: label });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}

/** Creating a label that appeared meanwhile (422 already_exists) is not a failure; any other 422 is. */
export async function createLabel(octokit: Octokit, repo: RepoRef, label: { name: string; color: string; description: string }): Promise<void> {
  try {
    await octokit.rest.issues.createLabel({ owner: repo.owner, repo: repo.name, ...label });
  } catch (error) {
    if (httpStatus(error) !== 422 || !alreadyExists(error)) throw error;
  }
}

function alreadyExists(error: unknown): boolean {
  const errors = (error as { response?: { data?: { errors?: { code?: string }[] } } }).response?.data?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.code === 'already_exists');
}

export async function createIssue(octokit: Octokit, repo: RepoRef, title: string, body: string): Promise<number> {
  const response = await octokit.rest.issues.create({ owner: repo.owner, repo: repo.name, title, body, request: NO_RETRIES });
  return response.data.number;
}

export async function updateIssueBody(octokit: Octokit, repo: RepoRef, issue: number, body: string): Promise<void> {
  await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: issue, body });
}

/** Closes a duplicate the bot made, replacing its body with a pointer to the one kept. */
export async function closeAsDuplicate(octokit: Octokit, repo: RepoRef, issue: number, body: string): Promise<void> {
  await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: issue, body, state: 'closed', state_reason: 'duplicate' });
}

/** Closes an issue with a reason, as the "Close as not planned" button does. */
export async function closeIssue(octokit: Octokit, repo: RepoRef, issue: number, stateReason: 'not_planned'): Promise<void> {
  await octokit.rest.issues.update({ owner: repo.owner, repo: repo.name, issue_number: issue, state: 'closed', state_reason: stateReason });
}

/** A reaction on a command comment tells its author it was handled; reacting twice is answered 200 and is not a failure. */
export async function addReaction(octokit: Octokit, repo: RepoRef, commentId: number, content: '+1' | 'confused'): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ owner: repo.owner, repo: repo.name, comment_id: commentId, content });
}
