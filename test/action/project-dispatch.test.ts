import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../src/action/events.js';

const repo = { owner: 'acme', name: 'widgets' };
const dispatch = (clientPayload: unknown) => ({ eventName: 'repository_dispatch', payload: { action: 'projects_v2_item', client_payload: clientPayload }, repo });

describe('a projects_v2_item event relayed as repository_dispatch', () => {
  it('checks the issue of this repository like an issue event', () => {
    expect(routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_lADOAB', content: 'Acme/Widgets#42' }), 'auto')).toEqual({ mode: 'issue', issueNumber: 42 });
  });

  it('writes nothing for an issue of another repository or a draft issue', () => {
    const other = routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_x', content: 'acme/api#7' }), 'auto');
    expect(other).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('acme/api#7, an issue of another repository') });
    expect(routeEvent(dispatch({ event: 'projects_v2_item', item: 'PVTI_x' }), 'auto')).toMatchObject({ mode: 'ignored', notice: expect.stringContaining('draft') });
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
