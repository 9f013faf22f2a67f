/** GitHub's REST response bodies for the fake's records (the fields Octokit users read, in GitHub's shape). */
import type { FakeComment, FakeIssue, FakeLabel, FakeMilestone, FakeRepository, FakeUser } from './state.js';
import { type FakeStore, HTML_BASE_URL } from './store.js';

export function userJson(store: FakeStore, user: FakeUser) {
  return {
    login: user.login,
    id: user.databaseId,
    node_id: user.nodeId,
    type: user.type,
    site_admin: false,
    url: `${store.apiUrl}/users/${encodeURIComponent(user.login)}`,
    html_url: `${HTML_BASE_URL}/${user.login}`,
  };
}

export function labelJson(store: FakeStore, repository: FakeRepository, label: FakeLabel) {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${store.restUrl(repository)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function issueJson(store: FakeStore, repository: FakeRepository, issue: FakeIssue) {
  const url = `${store.restUrl(repository)}/issues/${issue.number}`;
  const htmlUrl = `${store.htmlUrl(repository)}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`;
  return {
    id: issue.databaseId,
    node_id: issue.nodeId,
    url,
    repository_url: store.restUrl(repository),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: htmlUrl,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(store, store.user(issue.author)),
    labels: issue.labels.map((name) => labelJson(store, repository, store.ensureLabel(repository, name))),
    // REST issues carry every assignee as a user, and `assignee` as the first of them or null (the issue object of GitHub's REST reference).
    assignee: issue.assignees[0] ? userJson(store, store.user(issue.assignees[0])) : null,
    assignees: issue.assignees.map((login) => userJson(store, store.user(login))),
    milestone: issue.milestone ? milestoneJson(store, repository, store.ensureMilestone(repository, issue.milestone)) : null,
    locked: false,
    comments: store.commentsOf(repository, issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'MEMBER',
    ...(issue.isPullRequest ? { pull_request: { url: `${store.restUrl(repository)}/pulls/${issue.number}`, html_url: htmlUrl } } : {}),
  };
}

/**
 * A milestone as REST gives it (GitHub's REST reference, "Get a milestone"):
 * its own number, state, dates and counts of the issues it holds now.
 */
export function milestoneJson(store: FakeStore, repository: FakeRepository, milestone: FakeMilestone) {
  const url = `${store.restUrl(repository)}/milestones/${milestone.number}`;
  const issues = repository.issues.filter((issue) => !issue.isPullRequest && issue.milestone === milestone.title);
  return {
    url,
    html_url: `${store.htmlUrl(repository)}/milestone/${milestone.number}`,
    labels_url: `${url}/labels`,
    id: 7_000_000 + milestone.number,
    node_id: `MI_${Buffer.from(`fake-milestone:${milestone.number}`).toString('base64url')}`,
    number: milestone.number,
    state: milestone.state,
    title: milestone.title,
    description: null,
    open_issues: issues.filter((issue) => issue.state === 'open').length,
    closed_issues: issues.filter((issue) => issue.state === 'closed').length,
    created_at: milestone.createdAt,
    updated_at: milestone.closedAt ?? milestone.createdAt,
    closed_at: milestone.closedAt,
    due_on: milestone.dueOn,
  };
}

export function commentJson(store: FakeStore, repository: FakeRepository, comment: FakeComment) {
  return {
    id: comment.id,
    node_id: comment.nodeId,
    url: `${store.restUrl(repository)}/issues/comments/${comment.id}`,
    html_url: `${store.htmlUrl(repository)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${store.restUrl(repository)}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(store, store.user(comment.author)),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: 'NONE',
  };
}

export function repositoryJson(store: FakeStore, repository: FakeRepository) {
  return {
    id: repository.databaseId,
    node_id: repository.nodeId,
    name: repository.name,
    full_name: `${repository.owner}/${repository.name}`,
    owner: userJson(store, store.user(repository.owner)),
    private: repository.private,
    fork: repository.fork,
    html_url: store.htmlUrl(repository),
    url: store.restUrl(repository),
    default_branch: repository.defaultBranch,
    has_issues: true,
    open_issues_count: repository.issues.filter((issue) => issue.state === 'open').length,
  };
}
