/**
 * One life of the repository: steps applied one by one (generated from a
 * seed, or replayed from a script), GitHub's deliveries run through the
 * action with its concurrency groups, and the invariants checked after each
 * calm run and once more when the quarter ends.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pullRequestEvent, scheduleEvent } from '../e2e/events.js';
import { readableScript } from './script.js';
import { scheduleBurst } from './concurrency.js';
import { INVARIANTS, observeDecisions, type CheckContext, type Invariant, type Scratch } from './invariants.js';
import { Random } from './random.js';
import { evaluateFromScratch, startRuns, type RunnerKind, type RunRecord } from './runner.js';
import { applyStep, nextAuditAfter, type Step } from './steps.js';
import { queueAudit } from './deliveries.js';
import { nextStep, type Casting } from './actors.js';
import { FORK_TOKEN, startWorld, type QueuedEvent, type World } from './world.js';

export interface Violation {
  invariant: string;
  /** The step after which it was seen (its index in the script; the script's length for the end of the quarter). */
  step: number;
  message: string;
}

export interface LifeOptions {
  seed: number;
  /** Steps to generate; ignored when a script is replayed. */
  length: number;
  script?: readonly Step[];
  /** Invariants to check; all unless given. */
  invariants?: readonly Invariant[];
  runner?: RunnerKind;
  /** Who acts: actors left out, a tour of every actor first. */
  casting?: Omit<Casting, 'acted'>;
}

export interface LifeResult {
  seed: number;
  script: Step[];
  runs: number;
  cancelled: number;
  calmRuns: number;
  checks: number;
  violations: Violation[];
  /** Behaviours the life exercised: step kinds, plus "race", "cancelled", "late". */
  covered: Set<string>;
  /** Actors that acted (generated lives only). */
  actors: Set<string>;
}

interface LifeState {
  world: World;
  options: LifeOptions;
  result: LifeResult;
  index: number;
  /** With SIM_TRACE_DIR: the latest waves' logs, written beside a violation (a race may not break again when its life is lived alone). */
  trace: string[];
}

const TRACE_DIR = process.env.SIM_TRACE_DIR;
const TRACED_WAVES = 12;

export async function liveLife(options: LifeOptions): Promise<LifeResult> {
  const world = await startWorld({ realTime: options.runner === 'dist' });
  const random = new Random(options.seed);
  const result: LifeResult = { seed: options.seed, script: [], runs: 0, cancelled: 0, calmRuns: 0, checks: 0, violations: [], covered: new Set(), actors: new Set() };
  const state: LifeState = { world, options, result, index: 0, trace: [] };
  try {
    const length = options.script ? options.script.length : options.length;
    for (state.index = 0; state.index < length; state.index += 1) {
      const step = options.script ? options.script[state.index]! : nextStep(world, random, state.index, { ...options.casting, acted: result.actors });
      result.script.push(step);
      if (world.realTime) world.now = Math.max(world.now, Date.now());
      applyStep(world, step);
      result.covered.add(step.do === 'command' ? `command:${step.by === 'lead-lena' ? 'approver' : 'other'}` : step.do);
      if (step.do === 'deliver') await deliver(state, step);
      if (step.do === 'wait') await passTime(state, step.minutes);
    }
    await endQuarter(state);
    return result;
  } finally {
    await world.fake.stop();
  }
}

/** The quarter ends: everything still queued is delivered, then one more weekly audit runs alone and everything is checked. */
async function endQuarter(state: LifeState): Promise<void> {
  const { world } = state;
  await deliver(state, { do: 'deliver', hold: 0, reverse: false });
  world.now = world.realTime ? Math.max(world.now, Date.now()) : nextAuditAfter(world.now);
  queueAudit(world);
  await deliver(state, { do: 'deliver', hold: 0, reverse: false });
  await check(state, { global: true, requests: [] });
}

/**
 * Time passes. GitHub holds events back for minutes, not hours: a longer
 * wait delivers what is queued first. The schedule fires on time: each
 * Monday 06:17 UTC crossed (the README's cron) runs the weekly audit then.
 */
async function passTime(state: LifeState, minutes: number): Promise<void> {
  const { world } = state;
  const end = world.now + minutes * 60_000;
  if (minutes >= 60 && world.queue.length) await deliver(state, { do: 'deliver', hold: 0, reverse: false });
  for (let next = nextAuditAfter(world.now); next <= end; next = nextAuditAfter(next)) {
    if (world.queue.length) await deliver(state, { do: 'deliver', hold: 0, reverse: false });
    world.now = next;
    queueAudit(world);
    await deliver(state, { do: 'deliver', hold: 0, reverse: false });
  }
  world.now = end;
}

/** GitHub starts the queued runs: late ones held back, the rest by concurrency group, groups side by side. */
async function deliver(state: LifeState, step: Extract<Step, { do: 'deliver' }>): Promise<void> {
  const { world, result } = state;
  const held = world.queue.slice(0, step.hold);
  const sent = world.queue.slice(step.hold);
  if (step.reverse) sent.reverse();
  world.queue = held;
  if (held.length) result.covered.add('late');
  const bursts = scheduleBurst(sent.map((item) => ({ item, group: item.group, cancelInProgress: item.cancelInProgress })));
  result.cancelled += bursts.cancelled.length;
  if (bursts.cancelled.length) result.covered.add('cancelled');
  // The pending runs are still in flight while the first ones run: their issues are not judged yet.
  world.queue = [...held, ...bursts.then];
  await runWave(state, bursts.first);
  world.queue = held;
  await runWave(state, bursts.then);
  world.fake.clearFailures();
  world.faultArmed = false;
}

/** Runs that start together: one calm run is followed by the checks. */
async function runWave(state: LifeState, wave: QueuedEvent[]): Promise<void> {
  const { world, result } = state;
  if (!wave.length) return;
  if (wave.length > 1) result.covered.add('race');
  const calm = wave.length === 1 && !world.faultArmed;
  const before = world.fake.requests.length;
  const kind = state.options.runner ?? 'in-process';
  // The issue workflow's runs start together on the workflow's token. Each merge gate run (another workflow) starts
  // on its own, a fork's on a read-only token: its exit code is the pull request's check, and runs in one process share one.
  const issueRuns = wave.filter((queued) => queued.pullRequest === undefined);
  const records = issueRuns.length ? await startRuns(world, { kind, events: issueRuns.map((queued) => queued.event), token: world.token }) : [];
  for (const queued of wave.filter((candidate) => candidate.pullRequest !== undefined)) {
    const [record] = await startRuns(world, { kind, events: [queued.event], token: tokenFor(world, queued) });
    records.push(record!);
    // A gate run that met a fault is re-run by a person; until then its verdict is not the gate's judgement.
    if (world.faultArmed) world.model.gateVerdicts.delete(queued.pullRequest!);
    else world.model.gateVerdicts.set(queued.pullRequest!, record!.exitCode ?? 1);
    world.model.gateLogs.set(queued.pullRequest!, record!.stdout);
  }
  result.runs += wave.length;
  if (TRACE_DIR) state.trace = [...state.trace, `=== step ${state.index + 1}, at ${new Date(world.now).toISOString()}: ${wave.map((q) => q.label).join(' + ')}\n${records.map((record) => record.stdout).join('\n---\n')}`].slice(-TRACED_WAVES);
  // What the bot recorded is noted first: a decision lost later is missed against this.
  observeDecisions(world);
  const requests = world.fake.requests.slice(before).filter((request) => request.kind !== 'cache');
  for (const record of records) if (record.crashed) result.violations.push({ invariant: 'no-crash', step: state.index, message: `${wave.map((q) => q.label).join(' + ')} crashed` });
  if (calm) {
    result.calmRuns += 1;
    const event = wave[0]!;
    await check(state, { event, run: records[0]!, global: event.issue === undefined && event.pullRequest === undefined, requests });
  } else {
    // Secrets and hostile text are checked after every run, calm or not.
    for (const record of records) await check(state, { run: record, global: false, requests, only: ['no-secret-echoed', 'no-live-untrusted-text'] });
  }
}

function tokenFor(world: World, queued: QueuedEvent): string {
  const pr = queued.pullRequest === undefined ? undefined : world.fake.pullRequest(queued.pullRequest);
  return pr && pr.headRepository.toLowerCase() !== `${world.fake.repository.owner}/${world.fake.repository.name}` ? FORK_TOKEN : world.token;
}

async function check(state: LifeState, options: { event?: QueuedEvent; run?: RunRecord; global: boolean; requests: CheckContext['requests']; only?: string[] }): Promise<void> {
  const { world, result } = state;
  const queuedIssues = new Set(world.queue.map((queued) => queued.issue));
  const scope = options.global ? world.fake.repository.issues : world.fake.repository.issues.filter((issue) => issue.number === options.event?.issue);
  let scratch: Promise<Scratch> | undefined;
  const context: CheckContext = {
    world,
    ...(options.event ? { event: options.event } : {}),
    ...(options.run ? { run: options.run } : {}),
    requests: options.requests,
    issues: scope.filter((issue) => !queuedIssues.has(issue.number)),
    global: options.global,
    scratch: () => (scratch ??= remembered(world, 'scratch', () => fromScratch(world))),
    // The gate's judgement as the product's identity makes it: the status is written by issue events and audits on the
    // workflow's token. (A fork's read-only token is another identity, which after a token change does not know the
    // product's new dashboard for its own.)
    judgeGate: (number) =>
      remembered(world, `gate ${number}`, async () => {
        const [record] = await startRuns(world, { kind: 'in-process', events: [pullRequestEvent(world.fake, { action: 'synchronize', number })], token: world.token, inputs: { 'dry-run': 'true' } });
        return record!.exitCode ?? 1;
      }),
  };
  const invariants = (state.options.invariants ?? INVARIANTS).filter((invariant) => !options.only || options.only.includes(invariant.name));
  for (const invariant of invariants) {
    result.checks += 1;
    const before = world.fake.requests.length;
    for (const message of await invariant.check(context)) {
      // A violation that lasts is reported once, at the step it first showed.
      if (result.violations.some((seen) => seen.invariant === invariant.name && seen.message === message)) continue;
      result.violations.push({ invariant: invariant.name, step: state.index, message });
      if (TRACE_DIR) await writeTrace(state, invariant.name, message);
    }
    // The yardsticks' own requests are not the product's.
    world.fake.requests.splice(before);
  }
}

/** The yardsticks' answers for what GitHub holds now: unchanged issues, comments, policy and clock give the same answer. */
const yardsticks = new WeakMap<World, Map<string, Promise<unknown>>>();

function remembered<T>(world: World, what: string, measure: () => Promise<T>): Promise<T> {
  const { fake } = world;
  const key = `${what} ${world.now} ${world.token} ${JSON.stringify([fake.repository.files, fake.repository.issues, fake.repository.comments.length, fake.repository.pullRequests])}`;
  const memory = yardsticks.get(world) ?? new Map<string, Promise<unknown>>();
  yardsticks.set(world, memory);
  if (!memory.has(key)) memory.set(key, measure());
  return memory.get(key) as Promise<T>;
}

async function fromScratch(world: World): Promise<Scratch> {
  const record = await evaluateFromScratch(world, scheduleEvent(world.fake));
  return { findings: JSON.parse(record.outputs.findings || '[]') as Scratch['findings'], budgets: JSON.parse(record.outputs.budgets || '[]') as unknown[] };
}

/** What led to a violation, for a life that may not break again when lived alone: its script so far, the latest waves' logs, the statuses. */
async function writeTrace(state: LifeState, invariant: string, message: string): Promise<void> {
  const { world, result } = state;
  const heads = world.fake.repository.pullRequests.map((pr) => `#${pr.number} ${pr.headSha.slice(0, 7)} into ${pr.baseRef}, closing ${pr.closes.map((issue) => `#${issue}`).join(', ')}`);
  const statuses = world.fake.repository.statuses.map((status) => `${status.sha.slice(0, 7)} ${status.context} ${status.state} by ${status.creator} at ${status.createdAt}: ${status.description ?? ''}`);
  const text = [`${invariant}: ${message}`, `seed ${result.seed}, step ${state.index + 1}`, '', readableScript(result.script), '', 'pull requests:', ...heads, '', 'statuses, oldest first:', ...statuses, '', ...state.trace].join('\n');
  await mkdir(TRACE_DIR!, { recursive: true });
  await writeFile(join(TRACE_DIR!, `${result.seed}-step${state.index + 1}-${invariant}.txt`), text);
}
