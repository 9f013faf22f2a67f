/**
 * Team membership, for approvers written `@org/team`. Reading it needs a
 * token that can see the organization's teams: a GitHub App installed on the
 * organization with the "Members" organization permission (read), or a
 * personal token with `read:org`. The workflow's own `GITHUB_TOKEN` cannot.
 *
 * GitHub's answer to a token that cannot see the team is not 403 but 404,
 * the same answer as "not a member": the operation documents only 200 and
 * 404 (https://docs.github.com/rest/teams/members#get-team-membership-for-a-user),
 * and public reports of the workflow token getting 404 for real members
 * include srvaroa/labeler#188, takanome-dev/assign-issue-action#379 and
 * pozil/auto-assign-issue#91. So a 404 means "not a member" only when the
 * token can demonstrably read that team (`GET /orgs/{org}/teams/{team_slug}`
 * answers 200); otherwise the run cannot tell, and says so.
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
    if (status === 404) return (await canReadTeam(client, org, teamSlug)) ? 'not-member' : 'unreadable';
    if (status === 403 || status === 401) return 'unreadable';
    throw error;
  }
}

/** True when the token can see the team itself: then a 404 on a membership is a real "not a member". */
async function canReadTeam(client: GitHubClient, org: string, teamSlug: string): Promise<boolean> {
  try {
    await client.octokit.rest.teams.getByName({ org, team_slug: teamSlug });
    return true;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 403 || status === 401) return false;
    throw error;
  }
}
