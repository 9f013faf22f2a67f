/**
 * The action's `run()` in this process against the fake GitHub, with the
 * same environment `runAction` gives the built bundle and write pacing set
 * to zero: for scenarios that need many runs and must stay fast. What it
 * reads back (outputs, summary, annotations) has the same shape.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run } from '../../src/action/run.js';
import { DEFAULT_TOKEN, type FakeGitHub } from '../fake-github/index.js';
import { inputVariable, parseAnnotations, parseOutputFile, REPOSITORY_ROOT, type ActionResult, type WorkflowEvent } from './run-action.js';

export interface InProcessOptions {
  fake: FakeGitHub;
  event: WorkflowEvent;
  inputs?: Record<string, string>;
  token?: string;
  now?: string;
}

export async function runInProcess(options: InProcessOptions): Promise<ActionResult> {
  const { fake, event } = options;
  const token = options.token ?? DEFAULT_TOKEN;
  const temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-inproc-'));
  const saved = { ...process.env };
  const stdout: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  try {
    const files = { event: join(temp, 'event.json'), output: join(temp, 'output'), summary: join(temp, 'summary') };
    await mkdir(join(temp, 'workspace'));
    await writeFile(files.event, JSON.stringify(event.payload));
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    const metadata = parse(await readFile(join(REPOSITORY_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    const inputs = { ...Object.fromEntries(Object.entries(metadata.inputs).map(([name, input]) => [name, String(input.default ?? '')])), 'github-token': token, ...options.inputs };
    Object.assign(process.env, {
      GITHUB_API_URL: fake.url,
      GITHUB_GRAPHQL_URL: fake.graphqlUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_REPOSITORY: `${fake.repository.owner}/${fake.repository.name}`,
      GITHUB_SHA: fake.repository.headSha,
      GITHUB_WORKSPACE: join(temp, 'workspace'),
      RUNNER_TEMP: temp,
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    });
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const now = new Date(options.now ?? '2026-11-20T12:00:00Z');
    await run({ now: () => now, client: { pacing: { writeGapMs: 0, contentGapMs: 0 }, retryTimeUnitMs: 1, warn: () => {} } });
    const exitCode = process.exitCode === undefined ? 0 : Number(process.exitCode);
    const text = stdout.join('');
    return {
      exitCode,
      stdout: text,
      stderr: '',
      outputs: parseOutputFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      annotations: parseAnnotations(text),
    };
  } finally {
    process.stdout.write = write;
    process.exitCode = undefined;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await rm(temp, { recursive: true, force: true });
  }
}
