/**
 * Runs the built action the way a GitHub-hosted runner does: `node
 * dist/index.js` in a child process on Node 24, inputs as `INPUT_*`
 * variables (every input of action.yml, defaults filled in like the runner),
 * the event payload in a file, and the files the runner provides for outputs
 * and the job summary. Then reads back what the step produced.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_TOKEN, type FakeGitHub } from '../fake-github/index.js';

/** The nearest folder up from this file that holds action.yml: the repository, also when `npm run bench` runs a compiled copy from lib/. */
function repositoryRoot(from: string): string {
  const parent = dirname(from);
  if (existsSync(join(from, 'action.yml')) || parent === from) return from;
  return repositoryRoot(parent);
}

export const REPOSITORY_ROOT = repositoryRoot(import.meta.dirname);
export const ACTION_ENTRY = join(REPOSITORY_ROOT, 'dist', 'index.js');

export interface WorkflowEvent {
  name: string;
  payload: Record<string, unknown>;
}

export interface RunActionOptions {
  fake: FakeGitHub;
  event: WorkflowEvent;
  /** Inputs by their action.yml name (`dry-run`, `max-writes`…); the rest get action.yml defaults. */
  inputs?: Record<string, string>;
  /** Files of the checked-out repository (path → text). Absent: the repository is not checked out. */
  checkout?: Record<string, string>;
  /** The token the workflow passes; the `github-token` input's default. */
  token?: string;
  timeoutMs?: number;
  /** More variables the runner sets for a JavaScript action, e.g. the cache service's (`ACTIONS_RESULTS_URL`, `ACTIONS_RUNTIME_TOKEN`). */
  env?: Record<string, string>;
  /** The script to run; the committed bundle unless a test of this helper says otherwise. */
  entry?: string;
  /**
   * Writes spaced as on github.com (1 s, 3 s between comments). Off unless
   * asked, with `ROADMAP_GUARD_UNPACED_WRITES`, which src/github/pacing.ts
   * keeps for smoke tests: a run then waits on nothing but the fake. The
   * pacing is tested on its own (test/github/pacing.test.ts,
   * client.test.ts) and once through the bundle (commands-built.test.ts).
   */
  pacedWrites?: boolean;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export interface ActionResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
}

/** The name the runner gives an input's variable: spaces become `_`, hyphens stay, upper case. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

interface ActionMetadata {
  inputs: Record<string, { default?: string }>;
}

let parsedMetadata: { text: string; metadata: ActionMetadata } | undefined;

/** The inputs the runner passes when the workflow sets none: action.yml's defaults, `github.token` resolved. */
export async function defaultInputs(token: string): Promise<Record<string, string>> {
  const text = await readFile(join(REPOSITORY_ROOT, 'action.yml'), 'utf8');
  // Parsed once per text: thousands of runs in one process read the same file.
  if (parsedMetadata?.text !== text) parsedMetadata = { text, metadata: parse(text) as ActionMetadata };
  const { metadata } = parsedMetadata;
  return Object.fromEntries(
    Object.entries(metadata.inputs).map(([name, input]) => [
      name,
      String(input.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/g, token),
    ]),
  );
}

/**
 * Reads a `GITHUB_OUTPUT` file: `name<<DELIMITER` blocks (what @actions/core
 * writes) and plain `name=value` lines.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      index += 1;
      while (index < lines.length && lines[index] !== delimiter) value.push(lines[index++] ?? '');
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

/** `::error::`, `::warning::` and `::notice::` workflow commands in the log. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const match of stdout.matchAll(/^::(error|warning|notice)(?: [^:]*)?::(.*)$/gm)) {
    const message = (match[2] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    annotations.push({ level: match[1] as Annotation['level'], message });
  }
  return annotations;
}

/**
 * What the runner enforces on a step, which the fake GitHub cannot see: a
 * run of the action that breaks one of these limits loses something on
 * github.com that the suite would still find in its stdout and output file.
 * - Annotations: "10 warning annotations and 10 error annotations per step"
 *   (actions/toolkit, docs/problem-matchers.md, "Limitations"); the rest are dropped.
 * - Outputs: "Outputs can be a maximum of 1 MB per job … Size is approximated
 *   based on UTF-16 encoding" (GitHub docs, reusables/actions/output-limitations.md).
 * `steps` runs share one stdout and output file (runs side by side).
 */
export const RUNNER_LIMITS = { annotationsPerStep: 10, outputBytesPerJob: 1024 * 1024 } as const;

export function checkRunnerLimits(result: Pick<ActionResult, 'annotations' | 'outputs'>, steps = 1): void {
  for (const level of ['error', 'warning'] as const) {
    const count = result.annotations.filter((annotation) => annotation.level === level).length;
    if (count > RUNNER_LIMITS.annotationsPerStep * steps) {
      throw new Error(`The step wrote ${count} ${level} annotations; GitHub shows ${RUNNER_LIMITS.annotationsPerStep} per step and drops the rest.`);
    }
  }
  const bytes = Object.entries(result.outputs).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0);
  if (bytes > RUNNER_LIMITS.outputBytesPerJob) throw new Error(`The step's outputs take ${bytes} bytes (UTF-16); GitHub accepts at most ${RUNNER_LIMITS.outputBytesPerJob} per job.`);
}

function assertNode24(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(`End-to-end tests run the action on Node 24 like GitHub does; this is Node ${process.versions.node}. Run them through npm (npm test).`);
  }
}

export async function runAction(options: RunActionOptions): Promise<ActionResult> {
  assertNode24();
  const { fake, event } = options;
  const token = options.token ?? DEFAULT_TOKEN;
  const repository = `${fake.repository.owner}/${fake.repository.name}`;
  const temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-e2e-'));
  try {
    const workspace = join(temp, 'workspace');
    const runnerTemp = join(temp, 'runner-temp');
    const files = join(temp, 'files');
    await Promise.all([mkdir(workspace), mkdir(runnerTemp), mkdir(files)]);
    for (const [path, text] of Object.entries(options.checkout ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), text);
    }
    const paths = {
      event: join(files, 'event.json'),
      output: join(files, 'output'),
      summary: join(files, 'step_summary'),
      state: join(files, 'state'),
      env: join(files, 'env'),
      path: join(files, 'path'),
    };
    await writeFile(paths.event, JSON.stringify(event.payload));
    await Promise.all([paths.output, paths.summary, paths.state, paths.env, paths.path].map((file) => writeFile(file, '')));

    const inputs = { ...(await defaultInputs(token)), ...options.inputs };
    const pullRequest = event.name === 'pull_request' ? fake.pullRequest(Number(event.payload.number)) : undefined;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? temp,
      // Nothing may leave the machine: no proxy between the action and the fake.
      NO_PROXY: '127.0.0.1,localhost',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION: 'guard',
      GITHUB_ACTION_PATH: REPOSITORY_ROOT,
      GITHUB_ACTOR: 'octocat',
      GITHUB_API_URL: fake.url,
      GITHUB_GRAPHQL_URL: fake.graphqlUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: paths.event,
      GITHUB_JOB: 'roadmap',
      GITHUB_OUTPUT: paths.output,
      GITHUB_STEP_SUMMARY: paths.summary,
      GITHUB_STATE: paths.state,
      GITHUB_ENV: paths.env,
      GITHUB_PATH: paths.path,
      // A pull_request run is at the pull request's merge commit, refs/pull/N/merge (GitHub docs, "Events that trigger workflows").
      GITHUB_REF: pullRequest ? `refs/pull/${pullRequest.number}/merge` : `refs/heads/${fake.repository.defaultBranch}`,
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: fake.repository.owner,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_NUMBER: '7',
      GITHUB_SHA: pullRequest?.mergeSha ?? fake.repository.headSha,
      GITHUB_WORKFLOW: 'Roadmap Guard',
      GITHUB_WORKSPACE: workspace,
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: runnerTemp,
      ...(options.pacedWrites ? {} : { ROADMAP_GUARD_UNPACED_WRITES: 'true' }),
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
      ...options.env,
    };
    const { exitCode, stdout, stderr } = await spawnNode(options.entry ?? ACTION_ENTRY, { cwd: workspace, env, timeoutMs: options.timeoutMs ?? 60_000 });
    const result = {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(paths.output, 'utf8')),
      summary: await readFile(paths.summary, 'utf8'),
      annotations: parseAnnotations(stdout),
    };
    checkRunnerLimits(result);
    return result;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Asynchronous on purpose: the fake GitHub answers from this same process,
 * so a synchronous spawn would wait on a server that can never reply.
 */
function spawnNode(
  script: string,
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** Copies a file from this repository into a checkout map, e.g. the example policy. */
export async function repositoryFile(path: string): Promise<string> {
  return readFile(join(REPOSITORY_ROOT, path), 'utf8');
}
