/**
 * How the simulation starts the action: in this process (`run()`, writes
 * unpaced: most lives) or as the runner does, `node dist/index.js` in a child
 * process per run (a few lives, to prove the bundle behaves the same). Runs
 * started together overlap for real in both.
 */
import { runAction, type ActionResult } from '../e2e/run-action.js';
import { runTogether } from '../e2e/run-in-process.js';
import type { InProcessEvent } from '../e2e/run-in-process.js';
import { DASHBOARD_TITLE, type World } from './world.js';

export type RunnerKind = 'in-process' | 'dist';

export interface RunRecord extends ActionResult {
  crashed: boolean;
}

/** Inputs every run of the simulated workflow passes; the cache service makes issue events use the saved state. */
function runSettings(world: World, inputs: Record<string, string>) {
  return {
    inputs: { 'dashboard-issue': DASHBOARD_TITLE, ...world.inputs, ...inputs },
    env: { ACTIONS_RESULTS_URL: world.fake.cacheUrl, ACTIONS_RUNTIME_TOKEN: world.fake.cache.runtimeToken, GITHUB_RUN_ID: '7001', GITHUB_RUN_ATTEMPT: '1' },
  };
}

/** Runs the events at the same time with one token; one record per run (in process, the runs share one log). */
export async function startRuns(world: World, options: { kind: RunnerKind; events: InProcessEvent[]; token: string; inputs?: Record<string, string> }): Promise<RunRecord[]> {
  const settings = runSettings(world, options.inputs ?? {});
  if (options.kind === 'dist') {
    const results = await Promise.all(options.events.map((event) => runAction({ fake: world.fake, event, token: options.token, ...settings, timeoutMs: 60_000 })));
    return results.map((result) => ({ ...result, crashed: result.exitCode === null || /^\s+at .+:\d+:\d+\)?$/m.test(result.stderr) }));
  }
  const { crash, ...record } = await runTogether({
    fake: world.fake,
    events: options.events,
    token: options.token,
    now: new Date(world.now),
    ...settings,
    // Long enough that a busy machine does not turn a slow answer into a retry, which would count as a second read.
    client: { maxWaitSeconds: 60, requestTimeoutMs: 10_000 },
  });
  return [{ ...record, crashed: crash !== undefined || /^\s+at .+:\d+:\d+\)?$/m.test(record.stdout) }];
}

/**
 * A from-scratch evaluation of what GitHub holds now: a dry-run audit that
 * reads every open issue (no saved state) and writes nothing. Always in this
 * process: it is the simulation's yardstick, not a run under test.
 */
export async function evaluateFromScratch(world: World, audit: InProcessEvent): Promise<RunRecord> {
  const before = world.fake.requests.length;
  const [record] = await startRuns(world, { kind: 'in-process', events: [audit], token: world.token, inputs: { 'dry-run': 'true', 'saved-state': 'false' } });
  // The yardstick's requests are not the product's: the cost invariant counts runs under test only.
  world.fake.requests.splice(before);
  return record!;
}
