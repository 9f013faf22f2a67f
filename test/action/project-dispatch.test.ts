import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../src/action/events.js';

const repo = { owner: 'acme', name: 'widgets' };
const dispatch = (clientPayload: unknown) => ({ eventName: 'repository_dispatch', payload: { action: 'projects_v2_item', client_payload: clientPayload }, repo });

describe('a projects_v2_item event relayed as repository_dispatch', () => {
  it('asks GitHub what #n of this repository is before checking it like an issue event', () => {
    expect(routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_lADOAB', content: 'Acme/Widgets#42' }), 'auto')).toEqual({ mode: 'relayed', target: { number: 42 } });
  });

  it('writes nothing for an issue of another repository or a draft issue (content: null)', () => {
    const other = routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_x', content: 'acme/api#7' }), 'auto');
    expect(other).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('acme/api#7, an issue of another repository') });
    expect(routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_x', content: null }), 'auto')).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('draft') });
  });

  it('refuses a short payload without content instead of taking it for a draft', () => {
    expect(() => routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_x' }), 'auto')).toThrow(
      'The relayed projects_v2_item dispatch has no client_payload.content: give "owner/repo#number" of the issue on the board, or null for a draft issue.',
    );
  });

  it('still audits on any other dispatch', () => {
    expect(routeEvent(dispatch({ event: 'nightly' }), 'auto')).toEqual({ mode: 'audit' });
    expect(routeEvent(dispatch(undefined), 'auto')).toEqual({ mode: 'audit' });
  });

  it.each([
    ['content', 'acme/widgets#0'],
    ['content', 'acme/widgets#42; rm -rf /'],
    ['content', '../../etc/passwd#1'],
    ['content', `acme/widgets#${'9'.repeat(12)}`],
    ['content', 42],
    ['item', 'PVTI <script>'],
    ['item', 'x'.repeat(101)],
  ])('refuses a malformed client_payload.%s (%j) with a short, plain message', (key, value) => {
    const payload = { event: 'projects_v2_item', content: 'acme/widgets#1', [key]: value };
    expect(() => routeEvent(dispatch(payload), 'auto')).toThrow(new RegExp(`invalid client_payload\\.${key}: expected`));
  });

  it('never echoes more than a short excerpt of a hostile value', () => {
    const hostile = `acme/widgets#1\n::set-output name=x::${'a'.repeat(5000)}`;
    let message = '';
    try {
      routeEvent(dispatch({ event: 'projects_v2_item', content: hostile }), 'auto');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(250);
  });
});

/** GitHub's own projects_v2_item payloads (@octokit/webhooks-examples), forwarded verbatim as the client_payload. */
describe('a projects_v2_item webhook payload forwarded verbatim', () => {
  const examples = (createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[]).find((d) => d.name === 'projects_v2_item')!.examples;
  const forwarded = (example: Record<string, unknown>) => ({ eventName: 'repository_dispatch', payload: { action: 'projects_v2_item', client_payload: structuredClone(example) }, repo });

  it('has examples of issues and drafts to read', () => {
    expect(new Set(examples.map((e) => (e.projects_v2_item as { content_type: string }).content_type))).toEqual(new Set(['Issue', 'DraftIssue']));
  });

  it.each(examples.map((e) => [`${String(e.action)} ${(e.projects_v2_item as { content_type: string }).content_type}`, e] as const))('%s', (_, example) => {
    const item = example.projects_v2_item as { content_type: string; content_node_id: string };
    const route = routeEvent(forwarded(example), 'auto');
    if (item.content_type === 'Issue') expect(route).toEqual({ mode: 'relayed', target: { nodeId: item.content_node_id } });
    else expect(route).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('a draft issue') });
  });

  it('leaves out a pull request and an item removed from the board, and refuses an unknown content type', () => {
    const [example] = examples.filter((e) => (e.projects_v2_item as { content_type: string }).content_type === 'Issue');
    const pullRequest = { ...example, projects_v2_item: { ...(example!.projects_v2_item as object), content_type: 'PullRequest', content_node_id: 'PR_kwDOAB' } };
    expect(routeEvent(forwarded(pullRequest), 'auto')).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('a pull request, which is not planned work') });
    expect(routeEvent(forwarded({ ...example, action: 'deleted' }), 'auto')).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('removed from the board') });
    const odd = { ...example, projects_v2_item: { ...(example!.projects_v2_item as object), content_type: 'constructor' } };
    expect(() => routeEvent(forwarded(odd), 'auto')).toThrow('invalid client_payload.projects_v2_item.content_type: expected Issue, DraftIssue or PullRequest, got "constructor"');
    const noNode = { ...example, projects_v2_item: { ...(example!.projects_v2_item as object), content_node_id: 'I_<b>' } };
    expect(() => routeEvent(forwarded(noNode), 'auto')).toThrow('invalid client_payload.projects_v2_item.content_node_id');
  });
});
