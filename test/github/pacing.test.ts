// The write pacing the action runs with, on a fake clock: the suite runs the
// action unpaced, so this is where the real gaps are held to GitHub's guidance.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WritePacer } from '../../src/github/pacing.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WritePacer with its defaults', () => {
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
