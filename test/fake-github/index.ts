// A local stand-in for the GitHub API, for tests. See server.ts.
export { FakeGitHub, DEFAULT_TOKEN, WORKFLOW_BOT } from './server.js';
export type { FailureRule, FakeGitHubOptions, LoggedRequest, RateResource, SeedInput } from './server.js';
export type { FakeComment, FakeIssue, FakeIssueEvent, FakeLabel, FakeMilestone, FakePullRequest, FakeRepository } from './state.js';
export { githubGraphqlSchema } from './schema.js';
