/**
 * Setting a commit status, as GitHub's REST docs describe it,
 * https://docs.github.com/rest/commits/statuses#create-a-commit-status:
 * 201 with the status; `state` one of error, failure, pending, success;
 * 422 for a SHA that is no commit of the repository ("No commit found for SHA");
 * 422 for a description over 140 characters, with the error entry public
 * reports quote ("description is too long (maximum is 140 characters)",
 * zalando/zappr#378, sclorg/testing-farm-as-github-action#187);
 * 422 past 1,000 statuses of one SHA and context (the docs: "a limit of 1000
 * statuses per sha and context within a repository"), with the error entry a
 * public run quotes ("This SHA and context has reached the maximum number of
 * statuses.", labelflow/labelflow's actions run 5054760537).
 */
import { field, route, validationFailed, withRepository, type Route } from './rest.js';
import { knownCommit, type FakeStatus } from './statuses.js';

const STATES = ['error', 'failure', 'pending', 'success'];
const DESCRIPTION_LIMIT = 140;
const STATUSES_PER_SHA_AND_CONTEXT = 1000;
const DOCUMENTATION = 'https://docs.github.com/rest/commits/statuses#create-a-commit-status';
let nextStatusId = 8_000_000_000;

export function statusRoutes(): Route[] {
  return [
    route('POST', '/repos/{owner}/{repo}/statuses/{sha}', withRepository((request, repository) => {
      const sha = request.params.sha ?? '';
      const state = field(request.body, 'state');
      const description = field(request.body, 'description');
      const targetUrl = field(request.body, 'target_url');
      const context = field(request.body, 'context');
      if (!knownCommit(repository, sha)) return validationFailed({ resource: 'Status', code: 'custom', field: 'sha', message: `No commit found for SHA: ${sha}` }, DOCUMENTATION);
      if (typeof state !== 'string' || !STATES.includes(state)) return validationFailed({ resource: 'Status', code: 'custom', field: 'state', message: 'state is not included in the list' }, DOCUMENTATION);
      if (typeof description === 'string' && Array.from(description).length > DESCRIPTION_LIMIT) {
        return validationFailed({ resource: 'Status', code: 'custom', field: 'description', message: `description is too long (maximum is ${DESCRIPTION_LIMIT} characters)` }, DOCUMENTATION);
      }
      const named = typeof context === 'string' ? context : 'default';
      if (repository.statuses.filter((status) => status.sha === sha && status.context === named).length >= STATUSES_PER_SHA_AND_CONTEXT) {
        return validationFailed({ resource: 'Status', code: 'custom', message: 'This SHA and context has reached the maximum number of statuses.' }, DOCUMENTATION);
      }
      const status: FakeStatus = {
        id: (nextStatusId += 1),
        sha,
        // GitHub's default context when none is given.
        context: named,
        state,
        description: typeof description === 'string' ? description : null,
        targetUrl: typeof targetUrl === 'string' ? targetUrl : null,
        creator: request.viewer.login,
        createdAt: request.store.clock(),
      };
      repository.statuses.push(status);
      return {
        status: 201,
        body: {
          id: status.id,
          node_id: `SC_${status.id}`,
          url: `${request.store.restUrl(repository)}/statuses/${sha}`,
          state: status.state,
          description: status.description,
          target_url: status.targetUrl,
          context: status.context,
          created_at: status.createdAt,
          updated_at: status.createdAt,
          creator: { login: request.viewer.login, id: request.viewer.databaseId, node_id: request.viewer.nodeId, type: request.viewer.type },
        },
      };
    })),
  ];
}
