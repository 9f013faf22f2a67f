/**
 * Runs the action's `run()` inside the test process against the fake GitHub,
 * with the same environment a runner sets (see run-action.ts) and writes
 * unpaced: the same code as `dist/index.js` without a child process and a
 * bundle rebuild, for scenarios of several runs that must stay fast.
 * The environment is restored afterwards; runs must not overlap.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/action/run.js';
import { DEFAULT_TOKEN } from '../fake-github/index.js';
import { type ActionResult, type RunActionOptions, defaultInputs, inputVariable, parseAnnotations, parseOutputFile } from './run-action.js';

export interface InProcessOptions extends Pick<RunActionOptions, 'fake' | 'event' | 'inputs'> {
  /** The run's clock; the fake's records are stamped with real time unless the fake was given a clock. */
  now?: Date;
  /** The token the workflow passes (`github-token`); the fake's default workflow token unless given. */
  token?: string;
  /** More variables the runner sets, e.g. the cache service's (`ACTIONS_RESULTS_URL`). */
  env?: Record<string, string>;
}

export async function runInProcess(options: InProcessOptions): Promise<ActionResult> {
  const { fake, event } = options;
  const temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-inproc-'));
  const files = { event: join(temp, 'event.json'), output: join(temp, 'output'), summary: join(temp, 'summary.md') };
  await mkdir(join(temp, 'workspace'));
  await writeFile(files.event, JSON.stringify(event.payload));
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, '')]);
  const inputs = { ...(await defaultInputs(options.token ?? DEFAULT_TOKEN)), ...options.inputs };
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.url,
    GITHUB_GRAPHQL_URL: fake.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: `${fake.repository.owner}/${fake.repository.name}`,
    // A pull_request run is at the pull request's merge commit (see run-action.ts).
    GITHUB_SHA: (event.name === 'pull_request' ? fake.pullRequest(Number(event.payload.number))?.mergeSha : undefined) ?? fake.repository.headSha,
    GITHUB_WORKSPACE: join(temp, 'workspace'),
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const stdout: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  Object.assign(process.env, env);
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true)) as typeof process.stdout.write;
  try {
    await run({
      ...(options.now ? { now: () => options.now! } : {}),
      client: { pacing: { writeGapMs: 0, contentGapMs: 0 }, retryTimeUnitMs: 1, warn: () => {} },
    });
    const text = stdout.join('');
    return {
      exitCode: Number(process.exitCode ?? 0),
      stdout: text,
      stderr: '',
      outputs: parseOutputFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      annotations: parseAnnotations(text),
    };
  } finally {
    process.stdout.write = write;
    process.exitCode = undefined;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(temp, { recursive: true, force: true });
  }
}
