/**
 * Secrets: a distinctive token value is searched for in every artifact of
 * every run (log without the runner's `::add-mask::` lines, job summary,
 * outputs, and everything written to GitHub), whatever the input. The other
 * suites check their own runs the same way; this one feeds the token to the
 * places most likely to echo it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../e2e/fixtures.js';
import { audit, countRun, figures, issueOpened, reportFigures, runEvents, SECRET_PROJECT_TOKEN, SECRET_TOKEN, secretsEchoed, startRoadmap } from './harness.js';

const tally = figures('secrets');
afterAll(() => reportFigures(tally));

const CASES: [string, { policy?: string; inputs?: Record<string, string>; title?: string }][] = [
  ['a clean audit and issue event', {}],
  ['the token as a policy value', { policy: `version: ${SECRET_TOKEN}\n` }],
  ['the token as an unknown policy key', { policy: `version: 1\n${SECRET_TOKEN}: true\n` }],
  ['the project token as an extends target', { policy: `version: 1\nextends: acme/${SECRET_PROJECT_TOKEN}:policy.yml\n` }],
  ['the token as the whole policy file', { policy: `INPUT_GITHUB-TOKEN=${SECRET_TOKEN}\0INPUT_PROJECT-TOKEN=${SECRET_PROJECT_TOKEN}\0` }],
  ['the token in a bad input', { inputs: { mode: SECRET_TOKEN, 'max-writes': SECRET_PROJECT_TOKEN } }],
  ['the token in an issue title', { title: `Deal for ${SECRET_TOKEN}` }],
];

describe('no token value in any artifact', () => {
  for (const [name, setup] of CASES) {
    it(name, async () => {
      const fake = await startRoadmap();
      try {
        if (setup.policy !== undefined) fake.repository.files[POLICY_PATH] = setup.policy;
        if (setup.title) fake.issue(31)!.title = setup.title;
        for (const events of [[audit(fake)], [issueOpened(fake)]]) {
          const record = await runEvents(fake, events, setup.inputs);
          countRun(tally, record, fake, { plantedOnGitHub: !!setup.title });
          tally.badInputs += setup.policy || setup.inputs ? 1 : 0;
          // The title is the user's own text on GitHub already; everything else must be clean.
          const echoed = secretsEchoed(record, fake).filter((where) => !(setup.title && where.startsWith('github:')));
          expect(echoed).toEqual([]);
          expect(record.crashed).toBe(false);
          expect(record.stdout).toContain(`::add-mask::${SECRET_TOKEN}`);
        }
      } finally {
        await fake.stop();
      }
    });
  }
});
