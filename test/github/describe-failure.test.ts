import nock from 'nock';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/action/inputs.js';
import { describeFailure, oneLine } from '../../src/github/describe-failure.js';
import { createPolicyReader } from '../../src/github/policy-reader.js';
import { readFocusIssue } from '../../src/github/read.js';
import { API, REPO, testClient } from './fixtures.js';

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

const readIssue = () => readFocusIssue(testClient(), REPO, 12, {});

describe('describeFailure', () => {
  it("keeps every GraphQL error, not Octokit's first line", async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: null, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: "Could not resolve to a Repository with the name 'acme/roadmap'." }, { message: 'Something else' }] });
    expect(describeFailure(await thrown(readIssue()))).toBe(
      "GitHub's GraphQL API refused the query RoadmapFocusIssue: NOT_FOUND: Could not resolve to a Repository with the name 'acme/roadmap'. (at repository); Something else.",
    );
  });

  it('names the request and says a dropped connection is not the workflow’s fault', async () => {
    // A server that hangs up on every request (nock cannot drop a fetch connection).
    const server = createServer((request) => request.socket.destroy());
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await thrown(readFocusIssue(testClient({ apiUrl: url, graphqlUrl: `${url}/graphql` }), REPO, 12, {})).finally(() => server.close());
    expect(describeFailure(error)).toBe(
      'POST /graphql got no answer from GitHub: the connection broke before an answer came (other side closed). This is a problem on GitHub’s side or on the way to it, not in the workflow; the next run will try again',
    );
  });

  it('advises about the token only for the statuses that mean the token', async () => {
    nock(API).post('/graphql').reply(401, { message: 'Bad credentials' });
    expect(describeFailure(await thrown(readIssue()))).toMatch(/^POST \/graphql failed: GitHub answered 401: Bad credentials.* The token is not valid: expired, revoked or mistyped$/);
  });

  it('joins a list of problems into one line', () => {
    expect(oneLine('Invalid inputs:\n- `mode` must be one of auto\n- `dry-run` must be true or false')).toBe('Invalid inputs: `mode` must be one of auto; `dry-run` must be true or false');
    expect(describeFailure(new InputError(['a is wrong', 'b is wrong']))).toBe('Invalid inputs: a is wrong; b is wrong');
  });
});

describe('reading an extended policy', () => {
  const read = (path: string) => createPolicyReader({ client: testClient(), repo: REPO })({ repo: 'acme/.github', path });

  it('does not blame the token for a server error', async () => {
    nock(API).get('/repos/acme/.github/contents/roadmap-policy.yml').times(4).reply(500, { message: 'Server Error' });
    const message = (await thrown(read('roadmap-policy.yml')) as Error).message;
    expect(message).toBe(
      'Could not read roadmap-policy.yml from acme/.github: GET /repos/acme/.github/contents/roadmap-policy.yml failed: GitHub answered 500: Server Error. This is a problem on GitHub’s side or on the way to it, not in the workflow; the next run will try again',
    );
    expect(message).not.toMatch(/contents: read/);
  });

  it('asks for contents: read when GitHub refuses', async () => {
    nock(API).get('/repos/acme/.github/contents/roadmap-policy.yml').reply(403, { message: 'Resource not accessible by integration' });
    expect((await thrown(read('roadmap-policy.yml')) as Error).message).toMatch(/GitHub answered 403: Resource not accessible by integration.* The token needs `contents: read` on that repository\.$/);
  });
});
