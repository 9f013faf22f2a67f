// Roadmap Guard's reference relay for board edits. GitHub does not start workflows on
// `projects_v2_item`: it sends that event only to an organization webhook or a GitHub App.
// This function receives the webhook, checks that GitHub signed it, and forwards it as a
// `repository_dispatch` to the repository whose workflow runs Roadmap Guard, which reads
// GitHub's payload as it is. No dependencies: Node 20 or later (global fetch, node:crypto).
// Host it wherever a webhook can reach (a serverless function, a small server) and pass it
// the request's headers and raw body.
//
// GitHub docs, "Validating webhook deliveries": the X-Hub-Signature-256 header is "sha256="
// and the hex HMAC-SHA256 of the raw body under the webhook's secret, compared in constant
// time. REST "Create a repository dispatch event": POST /repos/{owner}/{repo}/dispatches with
// `event_type` and a `client_payload` of at most 10 top-level properties and under 64 KB;
// the token needs "Contents: write" on that repository.
/* global fetch */
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';

const CLIENT_PAYLOAD_LIMIT = 64 * 1024;

/**
 * @param {{
 *   headers: Record<string, string | undefined>,  // header names in lower case
 *   body: string | Uint8Array,                    // the raw body, exactly as received
 *   secret: string,                               // the webhook's secret
 *   token: string,                                // may create dispatches on `repository`
 *   repository: string,                           // "owner/name" that runs Roadmap Guard
 *   apiUrl?: string,
 *   fetch?: typeof fetch,
 * }} request
 * @returns {Promise<{ status: number, message: string }>} what to answer the webhook with
 */
export async function forwardProjectItem({ headers, body, secret, token, repository, apiUrl = 'https://api.github.com', fetch: send = fetch }) {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error('repository must be "owner/name"');
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(String(headers['x-hub-signature-256'] ?? ''));
  if (!secret || given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401, message: 'signature does not match' };
  const event = headers['x-github-event'];
  if (event === 'ping') return { status: 200, message: 'pong' };
  if (event !== 'projects_v2_item') return { status: 202, message: `ignored: ${String(event).slice(0, 40)}` };
  let payload;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    return { status: 400, message: 'body is not JSON' };
  }
  // Forwarded as it came when it fits a dispatch; otherwise the two keys Roadmap Guard reads.
  const fits = Object.keys(payload).length <= 10 && raw.length < CLIENT_PAYLOAD_LIMIT;
  const clientPayload = fits ? payload : { action: payload.action, projects_v2_item: payload.projects_v2_item };
  const response = await send(`${apiUrl}/repos/${repository}/dispatches`, {
    method: 'POST',
    headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${token}`, 'content-type': 'application/json', 'user-agent': 'roadmap-guard-relay' },
    body: JSON.stringify({ event_type: 'projects_v2_item', client_payload: clientPayload }),
  });
  return response.status === 204 ? { status: 202, message: 'forwarded' } : { status: 502, message: `GitHub answered ${response.status} to the dispatch` };
}
