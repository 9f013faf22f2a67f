/**
 * The reference relay (examples/relay/forward-project-item.mjs) with GitHub's
 * own projects_v2_item payload: signed as GitHub signs a delivery, it is
 * forwarded as a repository_dispatch that the action then checks; forged or
 * unsigned, nothing is sent. The dispatch request is intercepted and checked
 * against GitHub's REST description (at most 10 top-level properties in
 * `client_payload`, under 64 KB: github/rest-api-description, "Create a
 * repository dispatch event").
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardProjectItem } from '../../examples/relay/forward-project-item.mjs';
import type { FakeGitHub } from '../fake-github/index.js';
import { BOARD_TOKEN, NOW, startBoardFake } from './board-fixtures.js';
import { examplePayloads, projectItemPayload } from './events.js';
import { stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

const SECRET = 'webhook-secret';
let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** A delivery as GitHub sends it: the raw body and its signature (GitHub docs, "Validating webhook deliveries"). */
function delivery(payload: unknown, secret = SECRET) {
  const body = JSON.stringify(payload);
  return { body, headers: { 'x-github-event': 'projects_v2_item', 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` } };
}

/** Captures the dispatch instead of sending it; GitHub answers 204 No Content. */
function dispatches() {
  const sent: { url: string; init: RequestInit; body: { event_type: string; client_payload: Record<string, unknown> } }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init, body: JSON.parse(String(init.body)) });
    return new Response(null, { status: 204 });
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

describe('the reference relay', () => {
  const [issueExample] = examplePayloads('projects_v2_item').filter((e) => (e.projects_v2_item as { content_type: string }).content_type === 'Issue');

  it("forwards GitHub's signed payload as it came, and the action checks the item's issue", async () => {
    const github = (fake = await startBoardFake());
    const payload = projectItemPayload(github, { number: 113 });
    const { sent, fetch } = dispatches();
    const answer = await forwardProjectItem({ ...delivery(payload), secret: SECRET, token: 'relay-token', repository: 'acme/widgets', fetch });

    expect(answer).toEqual({ status: 202, message: 'forwarded' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://api.github.com/repos/acme/widgets/dispatches');
    expect(sent[0]!.init.method).toBe('POST');
    expect((sent[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer relay-token');
    expect(sent[0]!.body).toEqual({ event_type: 'projects_v2_item', client_payload: payload });
    expect(Object.keys(sent[0]!.body.client_payload).length).toBeLessThanOrEqual(10);
    expect(Buffer.byteLength(JSON.stringify(sent[0]!.body.client_payload))).toBeLessThan(64 * 1024);

    // The workflow run GitHub starts for that dispatch: `action` is the event_type.
    const event = { name: 'repository_dispatch', payload: { action: sent[0]!.body.event_type, branch: 'main', client_payload: sent[0]!.body.client_payload } };
    const result = await runInProcess({ fake: github, event, now: NOW, inputs: { 'project-token': BOARD_TOKEN } });
    expect(result.stdout).toContain('The relayed board item is issue #113: checking it like an issue event.');
    expect(github.comments(113).at(-1)?.body).toContain('set a new "Review by" date');
  });

  it.each([
    ['signed with another secret', delivery(issueExample, 'guessed-secret').headers['x-hub-signature-256']],
    ['not signed', undefined],
    ['signed the old way (sha1)', 'sha1=0123456789abcdef0123456789abcdef01234567'],
  ])('sends nothing for a delivery %s', async (_, signature) => {
    const { sent, fetch } = dispatches();
    const forged = delivery(issueExample);
    const answer = await forwardProjectItem({ body: forged.body, headers: { ...forged.headers, 'x-hub-signature-256': signature }, secret: SECRET, token: 't', repository: 'acme/widgets', fetch });
    expect(answer).toEqual({ status: 401, message: 'signature does not match' });
    expect(sent).toEqual([]);
  });

  it('sends nothing for a signed body changed on the way, or for another event', async () => {
    const { sent, fetch } = dispatches();
    const signed = delivery(issueExample);
    const tampered = signed.body.replace('"archived"', '"deleted"');
    expect(tampered).not.toBe(signed.body);
    expect(await forwardProjectItem({ body: tampered, headers: signed.headers, secret: SECRET, token: 't', repository: 'acme/widgets', fetch })).toMatchObject({ status: 401 });
    const ping = delivery({ zen: 'Keep it logically awesome.' });
    expect(await forwardProjectItem({ body: ping.body, headers: { ...ping.headers, 'x-github-event': 'ping' }, secret: SECRET, token: 't', repository: 'acme/widgets', fetch })).toEqual({ status: 200, message: 'pong' });
    const issues = delivery({ action: 'opened' });
    expect(await forwardProjectItem({ body: issues.body, headers: { ...issues.headers, 'x-github-event': 'issues' }, secret: SECRET, token: 't', repository: 'acme/widgets', fetch })).toMatchObject({ status: 202 });
    expect(sent).toEqual([]);
  });
});
