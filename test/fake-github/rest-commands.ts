/**
 * The routes `/roadmap` commands use: reactions on a comment and team
 * membership. Behaviour from GitHub's REST docs:
 * - https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment
 *   (201 for a new reaction, 200 when the user already reacted the same way,
 *   422 for content outside the eight reactions, 404 for an unknown comment);
 * - https://docs.github.com/rest/teams/members#get-team-membership-for-a-user
 *   (200 with `state` and `role`, 404 when the user is not a member; the
 *   OpenAPI description lists no other answer). A token that cannot see the
 *   organization's teams, such as a workflow's GITHUB_TOKEN, gets 404 too,
 *   for real members as well: public reports srvaroa/labeler#188,
 *   takanome-dev/assign-issue-action#379, pozil/auto-assign-issue#91.
 * - https://docs.github.com/rest/teams/teams#get-a-team-by-name: 200 with the
 *   team to a token that can see it, 404 otherwise.
 */
import { field, notFound, route, validationFailed, withRepository, type Route } from './rest.js';

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];
let nextReactionId = 9_000_000_000;

export function commandRoutes(): Route[] {
  return [
    route('POST', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', withRepository((request, repository) => {
      const id = Number(request.params.comment_id);
      if (!repository.comments.some((comment) => String(comment.id) === request.params.comment_id)) return notFound();
      const content = field(request.body, 'content');
      if (typeof content !== 'string' || !REACTIONS.includes(content)) {
        return validationFailed({ resource: 'Reaction', code: 'invalid', field: 'content' }, 'https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment');
      }
      const reactions = request.store.reactions.get(id) ?? [];
      const user = request.viewer.login;
      const existing = reactions.find((reaction) => reaction.content === content && reaction.user === user);
      const reaction = existing ?? { id: (nextReactionId += 1), content, user, createdAt: request.store.clock() };
      if (!existing) request.store.reactions.set(id, [...reactions, reaction]);
      const userJson = { login: user, id: request.viewer.databaseId, node_id: request.viewer.nodeId, type: request.viewer.type };
      return { status: existing ? 200 : 201, body: { id: reaction.id, node_id: `REA_${reaction.id}`, user: userJson, content, created_at: reaction.createdAt } };
    })),

    route('GET', '/orgs/{org}/teams/{team_slug}/memberships/{username}', (request) => {
      if (!request.store.orgReaders.has(request.viewer.login.toLowerCase())) return notFound();
      const team = `${request.params.org ?? ''}/${request.params.team_slug ?? ''}`.toLowerCase();
      const login = (request.params.username ?? '').toLowerCase();
      if (!request.store.teams.get(team)?.has(login)) return notFound();
      return {
        status: 200,
        body: { url: `${request.store.apiUrl}/organizations/1/team/1/memberships/${login}`, role: 'member', state: 'active' },
      };
    }),

    route('GET', '/orgs/{org}/teams/{team_slug}', (request) => {
      const slug = (request.params.team_slug ?? '').toLowerCase();
      const org = (request.params.org ?? '').toLowerCase();
      if (!request.store.orgReaders.has(request.viewer.login.toLowerCase()) || !request.store.teams.has(`${org}/${slug}`)) return notFound();
      return { status: 200, body: { id: 1, node_id: 'T_fake1', slug, name: slug, privacy: 'closed', permission: 'pull', url: `${request.store.apiUrl}/orgs/${org}/teams/${slug}` } };
    }),
  ];
}
