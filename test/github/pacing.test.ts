// The write pacing the action runs with, on a fake clock: the suite runs the
// action unpaced, so this is where the real gaps are held to GitHub's guidance.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { pacingFromEnvironment, WritePacer } from '../../src/github/pacing.js';
import { API, REPO } from './fixtures.js';

describe('WritePacer with its defaults', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends writes 1 s apart, comments 3 s apart, in the order they were asked for', async () => {
    const pacer = new WritePacer();
    const sent: [string, number][] = [];
    const write = (what: string, createsContent: boolean) => pacer.beforeWrite(createsContent).then(() => sent.push([what, Date.now()]));
    const all = Promise.all([write('comment', true), write('label', false), write('second comment', true), write('label again', false)]);
    await vi.runAllTimersAsync();
    await all;
    expect(sent).toEqual([
      ['comment', 0],
      ['label', 1000],
      ['second comment', 3000],
      ['label again', 4000],
    ]);
  });

  it('does not wait for a write when the last one was long enough ago', async () => {
    const pacer = new WritePacer();
    await pacer.beforeWrite(true);
    vi.setSystemTime(5000);
    const started = Date.now();
    const next = pacer.beforeWrite(true);
    await vi.runAllTimersAsync();
    await next;
    expect(Date.now() - started).toBe(0);
  });
});

describe('write pacing for the benchmark', () => {
  afterEach(() => {
    delete process.env.ROADMAP_GUARD_UNPACED_WRITES;
  });

  it('is off only when ROADMAP_GUARD_UNPACED_WRITES is exactly true', () => {
    expect(pacingFromEnvironment({ ROADMAP_GUARD_UNPACED_WRITES: 'true' })).toEqual({ writeGapMs: 0, contentGapMs: 0 });
    for (const value of [undefined, '', '1', 'TRUE', 'yes', 'false']) {
      expect(pacingFromEnvironment({ ROADMAP_GUARD_UNPACED_WRITES: value })).toEqual({});
    }
  });

  it('lets the built action send writes back to back when set', async () => {
    const sent: number[] = [];
    nock(API)
      .post('/repos/acme/roadmap/issues/1/comments')
      .times(3)
      .reply(() => (sent.push(Date.now()), [201, { id: 1 }]));
    process.env.ROADMAP_GUARD_UNPACED_WRITES = 'true';
    // No pacing option, as dist/index.js creates its client: by default comments are 3 s apart.
    const client = createGitHubClient({ token: 't', apiUrl: API, graphqlUrl: `${API}/graphql`, warn: () => {} });
    const comment = { owner: REPO.owner, repo: REPO.name, issue_number: 1, body: 'hi' };
    for (let i = 0; i < 3; i += 1) await client.octokit.rest.issues.createComment(comment);
    expect(sent).toHaveLength(3);
    // Paced, the last comment would go 6 s after the first.
    expect(sent[2]! - sent[0]!).toBeLessThan(2_000);
  });
});
