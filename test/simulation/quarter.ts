/**
 * `npm run simulate-quarter -- --lives 500 [--jobs 2] [--seed 2026] [--length 60] [--dist-lives 3] [--shrink] [--out found.json]`
 * `npm run simulate-quarter -- --life-seed 21650501 --length 80 --shrink`: one life again, from the seed a failure printed
 * `npm run simulate-quarter -- --replay found.json`
 * `npm run simulate-quarter -- --lives 500 --from 330`: the lives 330 to 499 of that run, as it lived them
 * `--record test/simulation/longer-run.json` keeps the totals for docs/reliability.md (test/reliability/figures-setup.ts).
 * `--tour` has every actor act first; `--without labeler,token-change` leaves actors out (to look past a known
 * defect); `--invariant a,b` shrinks only those invariants' failures; `--jobs N` lives the lives in N child
 * processes side by side (one per core), with the same lives, seeds and totals as one process.
 * `SIM_TRACE_DIR=<dir>` writes, for each violation, the life's script so far, its pull requests and statuses, and
 * the logs of its latest runs: runs that raced may interleave otherwise when the life is lived again alone.
 *
 * Lives many quarters of a repository (see life.ts) and prints what it did:
 * lives, steps, runs, calm runs, invariant checks, and each violation with
 * the seed of its life. With --shrink, the first life to break each
 * invariant is shrunk to a readable script, saved with --out for replay.
 * Exit code 1 when any invariant broke.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { liveLife } from './life.js';
import { lifeSeed } from './random.js';
import { readableScript, type SavedScript } from './script.js';
import { shrink } from './shrink.js';

const { values } = parseArgs({
  options: {
    lives: { type: 'string', default: '20' },
    seed: { type: 'string', default: '2026' },
    /** Lives this one seed (as printed for a failure) instead of deriving one per life. */
    'life-seed': { type: 'string' },
    /** Shrinks only these invariants' failures (names separated by commas). */
    invariant: { type: 'string' },
    length: { type: 'string', default: '60' },
    /** The index of the first life to live: a long run's later lives again, with their seeds and numbers. */
    from: { type: 'string', default: '0' },
    'dist-lives': { type: 'string', default: '0' },
    /** Every actor acts once first, as in the fixed-seed life of `npm test`. */
    tour: { type: 'boolean', default: false },
    /** Actors left out of every life (names separated by commas), e.g. to look past a known defect. */
    without: { type: 'string', default: '' },
    shrink: { type: 'boolean', default: false },
    /** Where to keep the totals of a complete run, for docs/reliability.md. */
    record: { type: 'string' },
    /** Child processes living the lives side by side. */
    jobs: { type: 'string', default: '1' },
    /** Set by --jobs for each child: "k/n" lives the lives whose index is k modulo n, and reports them as JSON lines. */
    shard: { type: 'string' },
    out: { type: 'string' },
    replay: { type: 'string' },
  },
});

async function replay(file: string): Promise<number> {
  const saved = JSON.parse(await readFile(file, 'utf8')) as SavedScript[];
  let broken = 0;
  for (const entry of saved) {
    const life = await liveLife({ seed: entry.seed, length: entry.script.length, script: entry.script });
    const hits = life.violations.filter((violation) => violation.invariant === entry.invariant);
    broken += hits.length ? 1 : 0;
    console.log(`${entry.invariant} (seed ${entry.seed}, ${entry.script.length} steps): ${hits.length ? `still breaks: ${hits[0]!.message}` : 'holds'}`);
  }
  return broken ? 1 : 0;
}

interface Totals {
  lives: number;
  steps: number;
  runs: number;
  calmRuns: number;
  cancelled: number;
  checks: number;
  violations: number;
}

/** A life that broke an invariant: the first (by index) is shrunk. */
interface Break {
  invariant: string;
  index: number;
  seed: number;
}

/** What a process (or a child, as JSON lines) reports of the lives it lived. */
interface Lived {
  totals: Totals;
  breaks: Break[];
}

const lifeOptions = (index: number, lives: number) => ({
  seed: values['life-seed'] ? Number(values['life-seed']) : lifeSeed(Number(values.seed), index),
  length: Number(values.length),
  runner: index < lives ? ('in-process' as const) : ('dist' as const),
  casting: { tour: values.tour, without: values.without.split(',').filter(Boolean) },
});

/** Lives the lives of this process's share: all of them, or with --shard those whose index is k modulo n. */
async function liveShare(lives: number, report: (line: string) => void, progress: (totals: Totals) => void): Promise<Lived> {
  const [k, n] = (values.shard ?? '0/1').split('/').map(Number) as [number, number];
  const totals: Totals = { lives: 0, steps: 0, runs: 0, calmRuns: 0, cancelled: 0, checks: 0, violations: 0 };
  const breaks: Break[] = [];
  const from = Number(values.from);
  for (let index = from + ((k - (from % n) + n) % n); index < lives + Number(values['dist-lives']); index += n) {
    const life = await liveLife(lifeOptions(index, lives));
    totals.lives += 1;
    totals.steps += life.script.length;
    totals.runs += life.runs;
    totals.calmRuns += life.calmRuns;
    totals.cancelled += life.cancelled;
    totals.checks += life.checks;
    totals.violations += life.violations.length;
    for (const violation of life.violations) {
      if (!breaks.some((seen) => seen.invariant === violation.invariant)) breaks.push({ invariant: violation.invariant, index, seed: life.seed });
      report(`life ${index} (seed ${life.seed}${index < lives ? '' : ', dist'}), step ${violation.step + 1}: ${violation.invariant}: ${violation.message}`);
    }
    progress(totals);
  }
  return { totals, breaks };
}

/** --jobs N: N children of this script, each living every N-th life; their reports merged. */
async function liveInChildren(jobs: number): Promise<Lived> {
  const shares: Totals[] = [];
  // Stopped before the end (Ctrl-C, or a deadline), the run still says what it lived.
  const spawned: ReturnType<typeof spawn>[] = [];
  const stop = () => {
    for (const child of spawned) child.kill();
    console.log(`\nstopped: ${describeTotals(sum(shares.filter((share) => share !== undefined)))}`);
    process.exit(1);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const passed = process.argv.slice(2).filter((arg, i, all) => !['--jobs', '--shrink', '--out', '--invariant'].includes(arg) && !['--jobs', '--out', '--invariant'].includes(all[i - 1] ?? ''));
  const children = Array.from({ length: jobs }, (_, k) => {
    const child = spawn(process.execPath, [process.argv[1]!, ...passed, '--shard', `${k}/${jobs}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    spawned.push(child);
    let lived: Lived | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(LIVED_PREFIX)) lived = JSON.parse(line.slice(LIVED_PREFIX.length)) as Lived;
      else if (line.startsWith(PROGRESS_PREFIX)) {
        shares[k] = JSON.parse(line.slice(PROGRESS_PREFIX.length)) as Totals;
        showProgress(sum(shares.filter((share) => share !== undefined)));
      } else console.log(line);
    });
    return new Promise<Lived>((resolve, reject) => child.on('close', (code) => (lived ? resolve(lived) : reject(new Error(`child ${k}/${jobs} ended (${code}) without its totals`)))));
  });
  const all = await Promise.all(children);
  const totals = sum(all.map((part) => part.totals));
  const breaks = all.flatMap((part) => part.breaks).sort((a, b) => a.index - b.index);
  return { totals, breaks: breaks.filter((found, i) => breaks.findIndex((other) => other.invariant === found.invariant) === i) };
}

const LIVED_PREFIX = '@@lived ';
const PROGRESS_PREFIX = '@@progress ';
const started = Date.now();

function sum(parts: Totals[]): Totals {
  const total: Totals = { lives: 0, steps: 0, runs: 0, calmRuns: 0, cancelled: 0, checks: 0, violations: 0 };
  for (const part of parts) for (const key of Object.keys(total) as (keyof Totals)[]) total[key] += part[key];
  return total;
}

function describeTotals(totals: Totals): string {
  return `${totals.lives} lives simulated, ${totals.steps} steps, ${totals.runs} runs (${totals.calmRuns} calm, ${totals.cancelled} cancelled by a concurrency group), ${totals.checks} invariant checks, ${totals.violations} violations, in ${Math.round((Date.now() - started) / 1000)} s`;
}

/** Every 25 lives, the totals so far. */
function showProgress(totals: Totals): void {
  if (totals.lives % 25 === 0) console.log(`… ${describeTotals(totals)}`);
}

async function simulate(): Promise<number> {
  const lives = Number(values.lives);
  const jobs = Number(values.jobs);
  if (values.shard) {
    const lived = await liveShare(lives, (line) => console.log(line), (totals) => console.log(`${PROGRESS_PREFIX}${JSON.stringify(totals)}`));
    console.log(`${LIVED_PREFIX}${JSON.stringify(lived)}`);
    return 0;
  }
  const { totals, breaks } = jobs > 1 ? await liveInChildren(jobs) : await liveShare(lives, (line) => console.log(line), showProgress);
  console.log(`\n${describeTotals(totals)}${jobs > 1 ? ` (${jobs} processes)` : ''}`);
  if (values.record) await writeFile(values.record, `${JSON.stringify(recorded(totals), null, 2)}\n`);
  for (const found of breaks) console.log(`  ${found.invariant}: first broken by seed ${found.seed}`);
  if (values.shrink) await shrinkBreaks(breaks, lives);
  return totals.violations ? 1 : 0;
}

/** A complete run's totals as docs/reliability.md shows them, with the command that lives the same lives again. */
function recorded(totals: Totals) {
  const options = [`--lives ${values.lives}`, `--seed ${values.seed}`, `--length ${values.length}`, ...(Number(values['dist-lives']) ? [`--dist-lives ${values['dist-lives']}`] : []), ...(Number(values.from) ? [`--from ${values.from}`] : []), ...(Number(values.jobs) > 1 ? [`--jobs ${values.jobs}`] : [])];
  return { command: `npm run simulate-quarter -- ${options.join(' ')}`, ...totals, seconds: Math.round((Date.now() - started) / 1000) };
}

/** The first life to break each invariant, lived again from its seed and shrunk. */
async function shrinkBreaks(breaks: Break[], lives: number): Promise<void> {
  const saved: SavedScript[] = [];
  for (const found of breaks) {
    if (values.invariant && !values.invariant.split(',').includes(found.invariant)) continue;
    const life = await liveLife(lifeOptions(found.index, lives));
    if (!life.violations.some((violation) => violation.invariant === found.invariant)) continue;
    const shrunk = await shrink(life, found.invariant);
    saved.push({ invariant: found.invariant, message: shrunk.message, seed: shrunk.seed, script: shrunk.script });
    console.log(`\n${found.invariant} (seed ${shrunk.seed}, shrunk to ${shrunk.script.length} steps in ${shrunk.replays} replays): ${shrunk.message}\n${readableScript(shrunk.script)}`);
  }
  if (values.out) await writeFile(values.out, `${JSON.stringify(saved, null, 2)}\n`);
}

process.exitCode = values.replay ? await replay(values.replay) : await simulate();
