/**
 * A broken event payload file, set before anything is imported: the GitHub
 * client's package used to parse it at import time and crash with a stack
 * trace before the run could report anything or set its outputs.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseOutputFile } from '../e2e/run-action.js';
import { captureActionLog } from '../action-log.js';
import { githubPorts } from '../support/github-ports.js';

const dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-payload-'));
const saved = { ...process.env };
const paths = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };

Object.assign(process.env, {
  GITHUB_REPOSITORY: 'acme/roadmap',
  GITHUB_EVENT_NAME: 'issues',
  GITHUB_EVENT_PATH: paths.event,
  GITHUB_OUTPUT: paths.output,
  GITHUB_STEP_SUMMARY: paths.summary,
  RUNNER_TEMP: dir,
  GITHUB_API_URL: 'http://127.0.0.1:9',
  'INPUT_GITHUB-TOKEN': 'test-token',
  INPUT_MODE: 'auto',
});
await writeFile(paths.event, 'not json {');

afterAll(() => {
  process.env = saved;
  process.exitCode = undefined;
});

beforeEach(async () => {
  await writeFile(paths.output, '');
  await writeFile(paths.summary, '');
  process.exitCode = undefined;
});

async function runWithPayload(text: string) {
  await writeFile(paths.event, text);
  const { run } = await import('../../src/action/run.js');
  const log = captureActionLog();
  try {
    await run(githubPorts());
  } finally {
    log.restore();
  }
  return { log: log.text(), outputs: parseOutputFile(await readFile(paths.output, 'utf8')), summary: await readFile(paths.summary, 'utf8') };
}

describe('a bad event payload file', () => {
  it.each([
    ['not JSON', 'not json {', /::error::The event payload at .*event\.json is not JSON \(.*\)\. The runner writes it for every run/],
    ['empty', '', /::error::The event payload at .*event\.json is empty\./],
  ])('%s: is reported, fails the step and still sets every output', async (_, text, message) => {
    const result = await runWithPayload(text);
    expect(result.log).toMatch(message);
    expect(result.log).not.toMatch(/^\s+at /m);
    expect(process.exitCode).toBe(1);
    expect(Object.keys(result.outputs).sort()).toEqual(['budgets', 'compliant', 'findings', 'findings-file', 'over-budget', 'report', 'requests']);
    expect(result.outputs.compliant).toBe('false');
    expect(result.summary).toMatch(/event payload/);
  });
});
