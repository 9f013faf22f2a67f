// A policy that Roadmap Guard 1.0 accepted stays valid within v1: what the
// newer checks find in it are warnings. The action runs the policy as 1.0
// read it (a bare 1 is 100%), annotates each warning at its line (at most 10
// per step, as GitHub keeps), and lists them in the job summary (the first 10, and how many more).
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/index.js';
import { scheduleEvent } from './events.js';
import { POLICY_PATH, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

/** All work is deal work: over budget if the bare 1 were read as 1%, within it as 100%. Eleven categories match nothing. */
const POLICY = [
  'version: 1',
  'categories:',
  '  deal:',
  '    match: { labels: [deal] }',
  '    budget: { max-share: 1 }',
  ...Array.from({ length: 11 }, (_, index) => `  empty-${index + 1}:\n    match: {}`),
  'enforcement:',
  '  fail-on: [over-budget]',
  '',
].join('\n');

describe('a policy 1.0 accepted, with what the newer checks find in it', () => {
  it('runs as 1.0 read it, with a warning annotation each up to 10, and the warnings in the summary', async () => {
    const github = (fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'tidy' } }));
    github.seed({ files: { [POLICY_PATH]: POLICY }, issues: [{ number: 1, title: 'Deal: export', labels: ['deal'] }] });

    const result = await runInProcess({ fake: github, event: scheduleEvent(github), inputs: { 'dry-run': 'true' } });

    expect(result.exitCode).toBe(0);
    expect(result.outputs['compliant']).toBe('true');
    // Workflow commands escape % as %25.
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning title=Roadmap policy warning')).map((line) => line.replaceAll('%25', '%'));
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toMatch(
      /^::warning title=Roadmap policy warning,file=\.github\/roadmap-policy\.yml,line=5,col=\d+::categories\.deal\.budget\.max-share: 1 could mean 1% or 100%, and is read as 100%; write 100% to keep that, or 1% for one percent/,
    );
    expect(result.stdout).toContain('2 of the 12 policy warnings are in the log and the job summary only');
    expect(result.summary).toContain('**Policy warnings**');
    // The summary neutralizes `:5:` (a colon before a digit) as it does all text from the policy.
    expect(result.summary).toMatch(/^ {2}- \.github\/roadmap-policy\.yml:\u200d?5:26 categories\.deal\.budget\.max-share: 1 could mean 1% or 100%, and is read as 100%/m);
    expect(result.summary).toContain('categories.empty-9.match: no item can ever be in category');
    expect(result.summary).toContain('  - …and 2 more');
    expect(result.summary).toMatch(/\| deal \| 1 \| 1 \| 100% \| ≤ 100% \| ok \|/);
    expect(result.summary).not.toContain('Invalid roadmap policy');
  });
});
