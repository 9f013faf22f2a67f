/**
 * Races: runs that start at the same moment against one GitHub (two events
 * on a new issue, an event during an audit, two audits), then one more run.
 * However they interleaved, that run leaves exactly one bot comment per
 * issue and one dashboard.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fake-github/index.js';
import { audit, botComments, countRun, duplicatesIn, figures, issueOpened, NEW_DEAL, repositoryState, reportFigures, runEvents, startRoadmap } from './harness.js';

const BURSTS = 3;
const tally = figures('races');

afterAll(() => reportFigures(tally));

const PAIRS: [string, (fake: FakeGitHub) => ReturnType<typeof audit>[]][] = [
  ['issue + issue', (fake) => [issueOpened(fake), issueOpened(fake)]],
  ['issue + audit', (fake) => [issueOpened(fake), audit(fake)]],
  ['audit + audit', (fake) => [audit(fake), audit(fake)]],
];

describe('bursts of simultaneous runs, then one more run', () => {
  for (const [name, events] of PAIRS) {
    it(`${name}: one bot comment per issue and one dashboard, ${BURSTS} times over`, async () => {
      for (let burst = 0; burst < BURSTS; burst++) {
        const fake = await startRoadmap();
        try {
          const raced = await runEvents(fake, events(fake));
          countRun(tally, raced, fake, { runs: 2 });
          tally.faultsInjected += 1;
          // Whatever the burst left, an audit and the issue's next event tidy it up.
          const next = await runEvents(fake, [audit(fake)]);
          countRun(tally, next, fake);
          const state = repositoryState(fake);
          tally.duplicateComments += duplicatesIn(fake);
          expect(raced.crashed || next.crashed).toBe(false);
          expect(duplicatesIn(fake)).toBe(0);
          expect(botComments(fake, NEW_DEAL)).toHaveLength(1);
          expect(state.openDashboards).toBe(1);
          // The one kept is the oldest: its id is the lowest.
          const kept = botComments(fake, NEW_DEAL)[0]!;
          expect(fake.comments(NEW_DEAL).every((comment) => comment.id >= kept.id || comment.author !== kept.author)).toBe(true);
        } finally {
          await fake.stop();
        }
      }
    });
  }

  it("the issue's next event alone tidies up after two events that raced", async () => {
    const fake = await startRoadmap();
    try {
      await runEvents(fake, [issueOpened(fake), issueOpened(fake)]);
      expect(botComments(fake, NEW_DEAL).length).toBeGreaterThanOrEqual(1);
      // Recorded, not asserted: whether both posted depends on timing; the next run's job is the same either way.
      const next = await runEvents(fake, [issueOpened(fake)]);
      expect(next.crashed).toBe(false);
      expect(botComments(fake, NEW_DEAL)).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });
});
