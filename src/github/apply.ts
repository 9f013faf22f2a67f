/**
 * Carries out a write plan: nothing at all in a dry run, at most `max-writes`
 * otherwise, and an honest account of what was and was not done when GitHub
 * refuses or the quota runs out.
 */
import type { GitHubClient } from './client.js';
import { createOnce } from './create-once.js';
import { describeFailure } from './describe-failure.js';
import { explainWriteError, getErrorMessage, httpStatus, PermissionError, RateLimitExhaustedError, writeFailureCause, type WritePermission } from './errors.js';
import { NEW_COMMENT, type BotComment, type PlannedWrite } from '../plan/types.js';
import { dashboardExists, readBotComment, type RepoRef } from './read.js';
import { addLabels, addReaction, closeAsDuplicate, closeIssue, createComment, createIssue, createLabel, deleteComment, removeLabel, updateComment, updateIssueBody } from './writes.js';
import { plural } from '../core/wording.js';
import { createGateStatus } from './commit-status.js';
import type { ApplyOptions, ApplyResult } from '../ports/forge.js';
import { describeApplied } from '../ports/describe.js';

export async function applyWrites(client: GitHubClient, repo: RepoRef, plan: PlannedWrite[], options: ApplyOptions): Promise<ApplyResult> {
  const result: ApplyResult = { made: [], skippedByDryRun: [], deferred: [], failed: [], notAttempted: [] };
  if (options.dryRun) {
    for (const write of plan) options.log.info(`[dry-run] would ${write.description}`);
    result.skippedByDryRun = [...plan];
    return result;
  }

  const allowed = plan.slice(0, Math.max(0, options.maxWrites));
  result.deferred = plan.slice(allowed.length);
  for (const [index, write] of allowed.entries()) {
    if (waitsOnFailedEdit(write, result)) {
      result.notAttempted.push(write);
      options.log.warning(`Did not ${write.description}: the edit of the comment that keeps what it remembers did not go through; the next run tries again.`);
      continue;
    }
    try {
      await applyWrite(client, repo, write);
      result.made.push(write);
      options.log.info(`Did ${write.description}`);
    } catch (thrown) {
      const error = explainWriteError(thrown, write.description, permissionFor(write));
      result.failed.push({ write, reason: reasonFor(error), cause: writeFailureCause(error) });
      if (isFatal(error)) {
        result.stoppedBy = error as Error;
        result.notAttempted = allowed.slice(index + 1);
        options.log.warning(`Stopped writing: ${getErrorMessage(error)}\n${describeApplied(result)}`);
        break;
      }
      options.log.warning(`Could not ${write.description}: ${reasonFor(error)}`);
    }
  }
  if (result.deferred.length > 0) {
    options.log.warning(
      `Reached max-writes (${options.maxWrites}): ${plural(result.deferred.length, 'write')} left for the next run ` +
        `(${result.deferred.map((w) => w.description).slice(0, 5).join('; ')}${result.deferred.length > 5 ? '; …' : ''}).`,
    );
  }
  return result;
}

/**
 * Whether this token's own comment is on the issue: an earlier identity's
 * comment (`previous-bot-logins`) is the one being adopted, not the create
 * that may have landed.
 */
function ownsComment(comment: BotComment | null): boolean {
  return comment !== null && comment.adopting !== true;
}

/** A duplicate comment is deleted only after the comment that takes over its record was edited. */
function waitsOnFailedEdit(write: PlannedWrite, result: ApplyResult): boolean {
  if (write.kind !== 'delete-comment' || write.after === undefined) return false;
  if (write.after === NEW_COMMENT) return !result.made.some((made) => made.kind === 'create-comment' && made.issue === write.issue);
  return !result.made.some((made) => made.kind === 'update-comment' && made.commentId === write.after);
}

/** The permission a write needs: comments on a pull request are governed by `pull-requests`, everything else by `issues`. */
function permissionFor(write: PlannedWrite): WritePermission {
  if (write.kind === 'set-status') return 'statuses';
  return 'onPullRequest' in write && write.onPullRequest ? 'pull-requests' : 'issues';
}

/** Our own errors already say what to do; GitHub's are described with their request. */
function reasonFor(error: unknown): string {
  return error instanceof PermissionError || error instanceof RateLimitExhaustedError ? getErrorMessage(error) : describeFailure(error);
}

/** Errors that every later write would hit too. */
function isFatal(error: unknown): boolean {
  return error instanceof PermissionError || error instanceof RateLimitExhaustedError || httpStatus(error) === 401;
}

async function applyWrite(client: GitHubClient, repo: RepoRef, write: PlannedWrite): Promise<void> {
  const { octokit } = client;
  switch (write.kind) {
    case 'create-comment':
      await createOnce({
        create: () => createComment(octokit, repo, write.issue, write.body),
        landed: async () => ownsComment((await readBotComment(client, repo, write.issue)).comment),
        pause: (attempt) => client.pauseBeforeRetry(attempt),
      });
      return;
    case 'update-comment':
      return updateComment(octokit, repo, write.commentId, write.body);
    case 'delete-comment':
      return deleteComment(octokit, repo, write.commentId);
    case 'add-labels':
      return addLabels(octokit, repo, write.issue, write.labels);
    case 'remove-label':
      return removeLabel(octokit, repo, write.issue, write.label);
    case 'create-label':
      return createLabel(octokit, repo, { name: write.name, color: write.color, description: write.labelDescription });
    case 'create-issue':
      await createOnce({
        create: () => createIssue(octokit, repo, write.title, write.body),
        landed: () => dashboardExists(client, repo, write.title),
        pause: (attempt) => client.pauseBeforeRetry(attempt),
      });
      return;
    case 'update-issue':
      return updateIssueBody(octokit, repo, write.issue, write.body);
    case 'close-duplicate-dashboard':
      return closeAsDuplicate(octokit, repo, write.issue, write.body);
    case 'close-issue':
      return closeIssue(octokit, repo, write.issue, write.stateReason);
    case 'add-reaction':
      return addReaction(octokit, repo, write.commentId, write.content);
    case 'set-status':
      return createGateStatus(octokit, repo, { sha: write.sha, state: write.state, description: write.statusDescription, ...(write.targetUrl ? { targetUrl: write.targetUrl } : {}) });
  }
}
