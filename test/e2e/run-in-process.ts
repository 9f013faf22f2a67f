/**
 * Runs the action's `run()` in this process against the local fake GitHub,
 * with the runner's variables set as `runAction` sets them for the built
 * bundle, writes unpaced and the clock chosen by the test. Scenarios that
 * span weeks run in a fraction of a second this way; `runAction` proves the
 * bundle behaves the same.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/action/run.js';
import { DEFAULT_TOKEN, type FakeGitHub } from '../fake-github/index.js';
import { inputVariable, parseOutputFile, type WorkflowEvent } from './run-action.js';

export interface InProcessResult {
  outputs: Record<string, string>;
  summary: string;
  /** Everything the run logged (info, warnings, notices). */
  log: string;
  failed: boolean;
}

const DEFAULT_INPUTS: Record<string, string> = {
  'github-token': DEFAULT_TOKEN,
  policy: '.github/roadmap-policy.yml',
  mode: 'auto',
  'dry-run': 'false',
  'max-writes': '100',
  'dashboard-issue': '',
  'trend-months': '0',
  'project-token': '',
};

export async function runInProcess(options: { fake: FakeGitHub; event: WorkflowEvent; now: string; inputs?: Record<string, string> }): Promise<InProcessResult> {
  const { fake, event } = options;
  const temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-in-process-'));
  const files = { event: join(temp, 'event.json'), output: join(temp, 'output'), summary: join(temp, 'summary.md') };
  await writeFile(files.event, JSON.stringify(event.payload));
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, '')]);
  const inputs = { ...DEFAULT_INPUTS, ...options.inputs };
  const env: Record<string, string> = {
    GITHUB_API_URL: fake.url,
    GITHUB_GRAPHQL_URL: fake.graphqlUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: `${fake.repository.owner}/${fake.repository.name}`,
    GITHUB_SHA: fake.repository.headSha,
    GITHUB_WORKSPACE: '',
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  const savedExitCode = process.exitCode;
  const writeStdout = process.stdout.write.bind(process.stdout);
  let log = '';
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await run({ now: () => new Date(options.now), client: { pacing: { writeGapMs: 0, contentGapMs: 0 }, retryTimeUnitMs: 1, warn: () => {} } });
    return {
      outputs: parseOutputFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      log,
      failed: process.exitCode === 1,
    };
  } finally {
    process.stdout.write = writeStdout;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.exitCode = savedExitCode;
    await rm(temp, { recursive: true, force: true });
  }
}
