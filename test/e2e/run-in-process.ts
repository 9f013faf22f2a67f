/**
 * Runs the action's `run()` inside the test process against the fake GitHub,
 * with the environment a runner sets (see run-action.ts) and writes unpaced:
 * the same code as `dist/index.js` without a child process and a bundle
 * rebuild. Every scenario of the suite runs this way but a few smoke tests of
 * the bundle. Several events can run at the same time (a race), as steps of
 * one workflow sharing its inputs and output files.
 * The environment is restored afterwards; calls must not overlap.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../src/action/run.js';
import type { ClientOptions } from '../../src/github/client.js';
import { githubPorts } from '../support/github-ports.js';
import { forgetSecrets } from '../../src/action/secrets.js';
import { DEFAULT_TOKEN, type FakeGitHub } from '../fake-github/index.js';
import { type ActionResult, type RunActionOptions, type WorkflowEvent, checkRunnerLimits, defaultInputs, inputVariable, parseAnnotations, parseOutputFile } from './run-action.js';

/** An event whose payload file holds `raw` verbatim, for payloads that are not even JSON. */
export type InProcessEvent = WorkflowEvent & { raw?: string };

export interface InProcessOptions extends Pick<RunActionOptions, 'fake' | 'inputs' | 'checkout'> {
  event: InProcessEvent;
  /** The run's clock; the fake's records are stamped with real time unless the fake was given a clock. */
  now?: Date;
  /** The token the workflow passes (`github-token`); the fake's default workflow token unless given. */
  token?: string;
  /** Client settings beyond pacing (off) and retry waits (1 ms a second), e.g. a short request timeout. */
  client?: Partial<Omit<ClientOptions, 'token'>>;
  /** More variables the runner sets, e.g. the cache service's (`ACTIONS_RESULTS_URL`). */
  env?: Record<string, string>;
}

export interface InProcessResult extends ActionResult {
  /** What run() threw: a crash, where every failure should have been reported. */
  crash?: unknown;
}

/** One run of the action; a crash (run() throwing) fails the test with run()'s error. */
export async function runInProcess(options: InProcessOptions): Promise<ActionResult> {
  const { crash, ...result } = await runTogether({ ...options, events: [options.event] });
  if (crash !== undefined) throw crash;
  return result;
}

/** Runs the action once per event, all at the same time, and reports a crash instead of throwing it. */
export async function runTogether(options: Omit<InProcessOptions, 'event'> & { events: InProcessEvent[] }): Promise<InProcessResult> {
  const { fake } = options;
  const temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-inproc-'));
  const env = await stepEnvironment(fake, temp, options);
  await Promise.all([writeFile(env.GITHUB_OUTPUT!, ''), writeFile(env.GITHUB_STEP_SUMMARY!, '')]);
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const stdout: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  Object.assign(process.env, env);
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true)) as typeof process.stdout.write;
  let crash: unknown;
  try {
    await Promise.all(
      options.events.map(async (event, index) => {
        const eventPath = join(temp, `event-${index}.json`);
        await writeFile(eventPath, event.raw ?? JSON.stringify(event.payload));
        await run({
          env: { ...process.env, ...eventEnvironment(fake, event, eventPath) },
          ...(options.now ? { now: () => options.now! } : {}),
          ...githubPorts({ pacing: { writeGapMs: 0, contentGapMs: 0 }, retryTimeUnitMs: 1, warn: (message) => stdout.push(`::warning::${message}\n`), ...options.client }),
        }).catch((error: unknown) => (crash = error));
      }),
    );
    const text = stdout.join('');
    const result = {
      ...(crash === undefined ? {} : { crash }),
      exitCode: Number(process.exitCode ?? 0),
      stdout: text,
      stderr: '',
      outputs: parseOutputFile(await readFile(env.GITHUB_OUTPUT!, 'utf8')),
      summary: await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8'),
      annotations: parseAnnotations(text),
    };
    checkRunnerLimits(result, options.events.length);
    return result;
  } finally {
    // The next run's messages must not be masked with this run's tokens.
    forgetSecrets();
    process.stdout.write = write;
    process.exitCode = undefined;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(temp, { recursive: true, force: true });
  }
}

/** What a runner sets for the step, inputs included; the event comes per run. */
async function stepEnvironment(fake: FakeGitHub, temp: string, options: Pick<InProcessOptions, 'inputs' | 'checkout' | 'token' | 'env'>): Promise<Record<string, string>> {
  const workspace = join(temp, 'workspace');
  await mkdir(workspace);
  for (const [path, text] of Object.entries(options.checkout ?? {})) {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  const inputs = { ...(await defaultInputs(options.token ?? DEFAULT_TOKEN)), ...options.inputs };
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.url,
    GITHUB_GRAPHQL_URL: fake.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    GITHUB_REPOSITORY: `${fake.repository.owner}/${fake.repository.name}`,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    ...options.env,
  };
}

function eventEnvironment(fake: FakeGitHub, event: WorkflowEvent, eventPath: string): Record<string, string> {
  // A pull_request run is at the pull request's merge commit (see run-action.ts); a push run at the ref pushed.
  const pullRequest = event.name === 'pull_request' ? fake.pullRequest(Number(event.payload.number)) : undefined;
  const pushed = event.name === 'push' && typeof event.payload.ref === 'string' ? event.payload.ref : undefined;
  const ref = pullRequest ? `refs/pull/${pullRequest.number}/merge` : (pushed ?? `refs/heads/${fake.repository.defaultBranch}`);
  return { GITHUB_EVENT_NAME: event.name, GITHUB_EVENT_PATH: eventPath, GITHUB_SHA: pullRequest?.mergeSha ?? fake.repository.headSha, GITHUB_REF: ref };
}
