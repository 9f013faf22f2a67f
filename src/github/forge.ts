/**
 * GitHub as the product's forge: each port method bound to one client, the
 * functions of this folder unchanged underneath. The composition roots
 * (`src/index.ts`, `src/cli.ts`) connect with `connectGitHub`; nothing else
 * outside `github/` names a client.
 */
import type { ConnectOptions, Forge } from '../ports/forge.js';
import { createActionsCache, findCacheService } from './actions-cache.js';
import { applyWrites } from './apply.js';
import { readBoard } from './board.js';
import { readIssueOnBoard } from './board-item.js';
import { readBudgetChanges, timedRead } from './budget-changes.js';
import { createGitHubClient, type ClientOptions, type GitHubClient } from './client.js';
import { readExecution } from './cycles.js';
import { describeFailure } from './describe-failure.js';
import { readIssuesByNumber, readLinkedIssues } from './linked-issues.js';
import { readOpenPullRequests } from './open-pull-requests.js';
import { createExtendsReader, createPolicyReader } from './policy-reader.js';
import { findStickyComment, readPullRequest } from './pull-request-read.js';
import { readBotComment, readBudgetItems, readFocusIssue, readIssues } from './read.js';
import { resolveRelayedContent } from './relayed-content.js';
import { teamMembership } from './teams.js';
import { readTimeline } from './timeline.js';
import { budgetWorkItem, isDashboardIssue, policyItem } from './work-items.js';

/** The client settings beyond what every forge takes (pacing, waits, timeouts): the real runner uses the defaults. */
export type GitHubSettings = Partial<Omit<ClientOptions, keyof ConnectOptions>>;

/** A forge over a new client for this token. */
export function connectGitHub(options: ConnectOptions & GitHubSettings): Forge {
  return forgeOver(createGitHubClient(options));
}

/** A forge over a client already made (tests that count or script its requests). */
export function forgeOver(client: GitHubClient): Forge {
  return {
    earlierIdentities: client.earlierIdentities ?? [],
    counts: () => client.counts(),
    describeFailure,
    budgetWorkItem,
    isDashboardIssue,
    policyItem,
    readIssues: (repo, options) => readIssues(client, repo, options),
    readFocusIssue: (repo, number, labels, dashboardTitle) => readFocusIssue(client, repo, number, labels, dashboardTitle),
    readBudgetItems: (repo, policy, options) => readBudgetItems(client, repo, policy, options),
    readBotComment: (repo, number) => readBotComment(client, repo, number),
    readTimeline: (repo, issue, options) => readTimeline(client, repo, issue, options),
    readExecution: (repo, options) => readExecution(client, repo, options),
    readBudgetChanges: (repo, options) => readBudgetChanges(client, repo, options),
    timedRead: (read) => timedRead(client, read),
    resolveRelayedContent: (repo, target) => resolveRelayedContent(client, repo, target),
    readBoard: (board, fieldNames, options) => readBoard(client, board, fieldNames, options),
    readIssueOnBoard: (repo, issueNumber, board) => readIssueOnBoard(client, repo, issueNumber, board),
    readPullRequest: (repo, number) => readPullRequest(client, repo, number),
    readOpenPullRequests: (repo) => readOpenPullRequests(client, repo),
    readLinkedIssues: (ids) => readLinkedIssues(client, ids),
    readIssuesByNumber: (repo, numbers) => readIssuesByNumber(client, repo, numbers),
    findStickyComment,
    teamMembership: (org, teamSlug, login) => teamMembership(client, org, teamSlug, login),
    policyReader: (options) => createPolicyReader({ ...options, client }),
    extendsReader: () => createExtendsReader(client),
    applyWrites: (repo, plan, options) => applyWrites(client, repo, plan, options),
    stateStore: (env) => {
      const service = findCacheService(env);
      return service.available ? { available: true, cache: createActionsCache(service.location) } : service;
    },
  };
}
