/**
 * Team membership, for approvers written `@org/team`. Reading it needs a
 * token that can read the organization's members: the workflow's own
 * `GITHUB_TOKEN` cannot (GitHub answers 403 "Resource not accessible by
 * integration"), a GitHub App or a personal token with `read:org` can.
 * Docs: https://docs.github.com/rest/teams/members#get-team-membership-for-a-user
 * (200 with `state: active` or `pending`, 404 when the user is not a member).
 */
import type { Membership } from '../commands/approvers.js';
import type { GitHubClient } from './client.js';
import { httpStatus } from './errors.js';

export async function teamMembership(client: GitHubClient, org: string, teamSlug: string, login: string): Promise<Membership> {
  try {
    const response = await client.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: login });
    // An invitation not yet accepted is not membership.
    return response.data.state === 'active' ? 'member' : 'not-member';
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return 'not-member';
    if (status === 403 || status === 401) return 'unreadable';
    throw error;
  }
}
