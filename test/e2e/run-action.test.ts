// The runner stand-in itself: what the child process receives and how its
// outputs and summary are read back, checked with a tiny script in place of the action.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fake-github/index.js';
import { issuesEvent, otherEvent, scheduleEvent, workflowDispatchEvent } from './events.js';
import { inputVariable, parseAnnotations, parseOutputFile, runAction } from './run-action.js';

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  await fake.stop();
});

/** Echoes what a runner hands an action: environment, event, workspace files; then writes outputs like @actions/core. */
const ECHO_ACTION = `
import { appendFileSync, readFileSync, existsSync } from 'node:fs';
const env = process.env;
const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
const seen = {
  node: process.versions.node,
  token: env['INPUT_GITHUB-TOKEN'],
  dryRun: env['INPUT_DRY-RUN'],
  maxWrites: env['INPUT_MAX-WRITES'],
  policy: env.INPUT_POLICY,
  eventName: env.GITHUB_EVENT_NAME,
  action: event.action,
  repository: env.GITHUB_REPOSITORY,
  payloadRepository: event.repository.full_name,
  apiUrl: env.GITHUB_API_URL,
  graphqlUrl: env.GITHUB_GRAPHQL_URL,
  actions: env.GITHUB_ACTIONS,
  checkedOut: existsSync(env.GITHUB_WORKSPACE + '/' + env.INPUT_POLICY),
  runnerTemp: existsSync(env.RUNNER_TEMP),
};
const delimiter = 'ghadelimiter_1234';
appendFileSync(env.GITHUB_OUTPUT, 'seen<<' + delimiter + '\\n' + JSON.stringify(seen) + '\\n' + delimiter + '\\n');
appendFileSync(env.GITHUB_OUTPUT, 'multi<<' + delimiter + '\\nline one\\nline two\\n' + delimiter + '\\n');
appendFileSync(env.GITHUB_STEP_SUMMARY, '## Roadmap\\n');
console.log('::notice::Nothing to do for ' + env.GITHUB_EVENT_NAME);
process.exitCode = 3;
`;

async function echoEntry(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-echo-'));
  const entry = join(dir, 'index.mjs');
  await writeFile(entry, ECHO_ACTION);
  return entry;
}

describe('runAction', () => {
  it('hands the script what a runner hands an action, and reads back outputs, summary and exit code', async () => {
    fake.addIssue({ number: 5, title: 'Deal: SSO', labels: ['deal'] });
    const result = await runAction({
      fake,
      entry: await echoEntry(),
      event: issuesEvent(fake, { action: 'edited', number: 5 }),
      inputs: { 'dry-run': 'true' },
      checkout: { '.github/roadmap-policy.yml': 'version: 1\n' },
    });
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.outputs.seen ?? '{}')).toEqual({
      node: expect.stringMatching(/^24\./),
      token: 'fake-token',
      dryRun: 'true',
      maxWrites: '50',
      policy: '.github/roadmap-policy.yml',
      eventName: 'issues',
      action: 'edited',
      repository: 'acme/widgets',
      payloadRepository: 'acme/widgets',
      apiUrl: fake.url,
      graphqlUrl: `${fake.url}/graphql`,
      actions: 'true',
      checkedOut: true,
      runnerTemp: true,
    });
    expect(result.outputs.multi).toBe('line one\nline two');
    expect(result.summary).toBe('## Roadmap\n');
    expect(result.annotations).toEqual([{ level: 'notice', message: 'Nothing to do for issues' }]);
  });

  it('names input variables like the runner: upper case, spaces to underscores, hyphens kept', () => {
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN');
    expect(inputVariable('max writes')).toBe('INPUT_MAX_WRITES');
  });
});

describe('runner files', () => {
  it('reads heredoc and plain outputs', () => {
    expect(parseOutputFile('a<<EOF_1\nx\n\ny\nEOF_1\nb=2\n')).toEqual({ a: 'x\n\ny', b: '2' });
  });

  it('reads annotations with their escaped newlines', () => {
    expect(parseAnnotations('log\n::error file=a.yml,line=3::bad%0Apolicy\n::warning::careful\n')).toEqual([
      { level: 'error', message: 'bad\npolicy' },
      { level: 'warning', message: 'careful' },
    ]);
  });
});

describe('event payloads', () => {
  it("take GitHub's example payloads and point them at the fake's issue", () => {
    fake.addIssue({ number: 9, title: 'Closed deal', state: 'closed', labels: ['deal'] });
    const event = issuesEvent(fake, { action: 'closed', number: 9 });
    expect(event.payload).toMatchObject({
      action: 'closed',
      issue: { number: 9, title: 'Closed deal', state: 'closed', labels: [{ name: 'deal' }] },
      repository: { full_name: 'acme/widgets', default_branch: 'main' },
      sender: { login: expect.any(String) },
    });
  });

  it('cover audits and other events', () => {
    expect(workflowDispatchEvent(fake).payload).toMatchObject({ ref: 'refs/heads/main', repository: { full_name: 'acme/widgets' } });
    expect(scheduleEvent(fake)).toMatchObject({ name: 'schedule', payload: { schedule: expect.any(String) } });
    expect(otherEvent(fake, 'star')).toMatchObject({ name: 'star', payload: { action: expect.any(String) } });
  });
});
