/**
 * What the runner cuts: annotations past 10 errors and 10 warnings a step,
 * and outputs past 1 MB a job (see checkRunnerLimits). The harness checks
 * every run against them; these runs go past them on purpose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fake-github/index.js';
import { issuesEvent } from './events.js';
import { dealRequest, POLICY_PATH, startExampleFake, stopFake } from './fixtures.js';
import { checkRunnerLimits } from './run-action.js';
import { runInProcess } from './run-in-process.js';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

describe("the harness's runner limits", () => {
  const annotations = (level: 'error' | 'warning', count: number) => Array.from({ length: count }, (_, index) => ({ level, message: `problem ${index}` }));

  it('refuse an 11th error or warning annotation in a step, and outputs over 1 MB', () => {
    expect(() => checkRunnerLimits({ annotations: [...annotations('error', 10), ...annotations('warning', 10)], outputs: {} })).not.toThrow();
    expect(() => checkRunnerLimits({ annotations: annotations('error', 11), outputs: {} })).toThrow(/11 error annotations; GitHub shows 10 per step/);
    expect(() => checkRunnerLimits({ annotations: annotations('warning', 11), outputs: {} })).toThrow(/11 warning annotations/);
    expect(() => checkRunnerLimits({ annotations: annotations('error', 20), outputs: {} }, 2)).not.toThrow();
    // 1 MB in UTF-16 is 524,288 code units, names included.
    expect(() => checkRunnerLimits({ annotations: [], outputs: { findings: 'x'.repeat(524_288 - 8) } })).not.toThrow();
    expect(() => checkRunnerLimits({ annotations: [], outputs: { findings: 'x'.repeat(524_288 - 7) } })).toThrow(/1048578 bytes/);
  });
});

describe('a policy with more problems than GitHub annotates', () => {
  it('annotates the first nine and the failure, and lists all fifteen in the log and the job summary', async () => {
    fake = await startExampleFake();
    fake.addIssue({ number: 60, ...dealRequest({}) });
    const categories = Array.from({ length: 15 }, (_, index) => `  c${index + 1}:\n    match: { labels: [c${index + 1}] }\n    budget: { max-share: lots }\n`).join('');
    const broken = `version: 1\ncategories:\n${categories}`;
    fake.repository.files[POLICY_PATH] = broken;

    const result = await runInProcess({ fake, event: issuesEvent(fake, { action: 'opened', number: 60 }), checkout: { [POLICY_PATH]: broken } });

    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
    expect(errors).toHaveLength(10);
    expect(errors.slice(0, 9).map((message) => message.split('.')[1])).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(errors[9]).toMatch(/^The roadmap policy is invalid \(15 problems, listed in the log and the job summary; GitHub shows 10 error annotations per step, so 6 are not annotated\)/);
    const logOnly = result.stdout.split('\n').filter((line) => line.startsWith('Error: '));
    expect(logOnly).toEqual(Array.from({ length: 6 }, (_, index) => expect.stringMatching(new RegExp(`^Error: \\.github/roadmap-policy\\.yml:${32 + 3 * index}:\\d+ categories\\.c${10 + index}\\.budget\\.max-share: `))));
    for (let index = 1; index <= 15; index += 1) expect(result.summary).toMatch(new RegExp(`^- .*categories\\.c${index}\\.budget\\.max-share`, 'm'));
    expect(fake.writes).toEqual([]);
  });
});
