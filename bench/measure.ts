/**
 * One measured run: the built action in a child process (what users run)
 * against the fake GitHub, or the engine alone in this process.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/core/evaluate.js';
import type { WorkItem } from '../src/core/types.js';
import type { Policy } from '../src/core/policy.js';
import type { FakeGitHub } from '../test/fake-github/index.js';
import { ACTION_ENTRY, type WorkflowEvent, runAction } from '../test/e2e/run-action.js';
import type { ScenarioId, ScenarioResult } from './results.js';
import { readUsage } from './usage-line.js';

/** The child's entry: loads dist/index.js and reports its memory and CPU at exit (bench/usage.ts, compiled next to this file). */
const USAGE_ENTRY = join(import.meta.dirname, 'usage.js');

let nextRunId = 9000;

/**
 * What the runner gives a step beyond the basics: the Actions cache service
 * (served by the fake, so saved state takes the real path), a run id of its
 * own per run, and writes without pacing (see src/github/pacing.ts).
 */
function runnerEnvironment(fake: FakeGitHub): Record<string, string> {
  nextRunId += 1;
  return {
    ACTIONS_RESULTS_URL: fake.cacheUrl,
    ACTIONS_RUNTIME_TOKEN: fake.cache.runtimeToken,
    GITHUB_RUN_ID: String(nextRunId),
    GITHUB_RUN_ATTEMPT: '1',
    ROADMAP_GUARD_UNPACED_WRITES: 'true',
    ROADMAP_GUARD_BENCH_ENTRY: ACTION_ENTRY,
  };
}

/** The `requests` output, or null when the run set none. */
function requestsOutput(outputs: Record<string, string>): Record<string, unknown> | null {
  try {
    return JSON.parse(outputs.requests ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
}

function count(requests: Record<string, unknown> | null, ...names: string[]): number | null {
  const value = names.map((name) => requests?.[name]).find((candidate) => typeof candidate === 'number');
  return typeof value === 'number' ? value : null;
}

export interface BuiltRun {
  issues: number | null;
  scenario: ScenarioId;
  fake: FakeGitHub;
  event: WorkflowEvent;
  inputs?: Record<string, string>;
}

/** Runs dist/index.js once and measures it; the run must end as a run of the action does (0, or 1 for a failed check). */
export async function measureBuiltRun(run: BuiltRun): Promise<ScenarioResult> {
  run.fake.clearRequests();
  const started = performance.now();
  const result = await runAction({ fake: run.fake, event: run.event, inputs: run.inputs ?? {}, entry: USAGE_ENTRY, env: runnerEnvironment(run.fake), timeoutMs: 240_000 });
  const wallMs = Math.round(performance.now() - started);
  const usage = readUsage(result.stderr);
  if (!usage || (result.exitCode !== 0 && result.exitCode !== 1)) {
    throw new Error(`${run.scenario} at ${run.issues ?? '-'} issues: the action ended with ${result.exitCode}\n${result.stderr}\n${result.stdout.slice(-4000)}`);
  }
  const requests = requestsOutput(result.outputs);
  return {
    issues: run.issues,
    scenario: run.scenario,
    graphql: count(requests, 'graphql'),
    restRead: count(requests, 'rest-read'),
    writes: count(requests, 'write'),
    // Not every version of the action reports points; "n/a" then.
    points: count(requests, 'graphql-points', 'points'),
    wallMs,
    processMs: usage.uptimeMs,
    cpuMs: usage.cpuMs,
    peakRssMb: usage.peakRssMb,
    exitCode: result.exitCode,
  };
}

/** The median of `times` runs of `task`, after one run to warm up. */
async function medianOf<T>(times: number, task: () => Promise<T> | T, measure: (value: T, ms: number) => number): Promise<{ value: T; median: number }> {
  let value = await task();
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    value = await task();
    samples.push(measure(value, performance.now() - started));
  }
  return { value, median: median(samples) };
}

/**
 * Loading the action and exiting on an event it ignores: the median of five
 * runs, each timed by the process itself from its start to its exit (the
 * temporary folders and files the benchmark sets up around a run are not the
 * action's cost, and at this scale they would show).
 */
export async function measureColdStart(fake: FakeGitHub, event: WorkflowEvent): Promise<ScenarioResult> {
  const { value, median } = await medianOf(5, () => measureBuiltRun({ issues: null, scenario: 'cold-start', fake, event }), (run) => run.processMs ?? run.wallMs);
  return { ...value, wallMs: median };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
}

/** One call's wall and CPU time, in ms. */
function timed(work: () => unknown): { wallMs: number; cpuMs: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  work();
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** `evaluate` over the items alone: no I/O; the medians of five runs after one to warm up. */
export function measureEngine(policy: Policy, items: WorkItem[], now: string): ScenarioResult {
  const runs = Array.from({ length: 6 }, () => timed(() => evaluate(policy, items, now))).slice(1);
  return {
    issues: items.length,
    scenario: 'engine',
    graphql: null,
    restRead: null,
    writes: null,
    points: null,
    wallMs: median(runs.map((run) => run.wallMs)),
    processMs: null,
    cpuMs: median(runs.map((run) => run.cpuMs)),
    // The benchmark's own process also holds the fake GitHub: its peak says nothing about the engine.
    peakRssMb: null,
    exitCode: null,
  };
}
