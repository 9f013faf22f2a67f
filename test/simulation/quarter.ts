/**
 * `npm run simulate-quarter -- --lives 500 [--seed 2026] [--length 60] [--dist-lives 3] [--shrink] [--out found.json]`
 * `npm run simulate-quarter -- --life-seed 21650501 --length 80 --shrink`: one life again, from the seed a failure printed
 * `npm run simulate-quarter -- --replay found.json`
 * `--tour` has every actor act first; `--without labeler,token-change` leaves actors out (to look past a known
 * defect); `--invariant a,b` shrinks only those invariants' failures.
 *
 * Lives many quarters of a repository (see life.ts) and prints what it did:
 * lives, steps, runs, calm runs, invariant checks, and each violation with
 * the seed of its life. With --shrink, the first life to break each
 * invariant is shrunk to a readable script, saved with --out for replay.
 * Exit code 1 when any invariant broke.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { liveLife, type LifeResult } from './life.js';
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
    'dist-lives': { type: 'string', default: '0' },
    /** Every actor acts once first, as in the fixed-seed life of `npm test`. */
    tour: { type: 'boolean', default: false },
    /** Actors left out of every life (names separated by commas), e.g. to look past a known defect. */
    without: { type: 'string', default: '' },
    shrink: { type: 'boolean', default: false },
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

async function simulate(): Promise<number> {
  const lives = Number(values.lives);
  const seed = Number(values.seed);
  const distLives = Number(values['dist-lives']);
  const totals = { lives: 0, steps: 0, runs: 0, calmRuns: 0, cancelled: 0, checks: 0, violations: 0 };
  const firstBreak = new Map<string, LifeResult>();
  const started = Date.now();
  for (let index = 0; index < lives + distLives; index += 1) {
    const life = await liveLife({ seed: values['life-seed'] ? Number(values['life-seed']) : lifeSeed(seed, index), length: Number(values.length), runner: index < lives ? 'in-process' : 'dist', casting: { tour: values.tour, without: values.without.split(',').filter(Boolean) } });
    totals.lives += 1;
    totals.steps += life.script.length;
    totals.runs += life.runs;
    totals.calmRuns += life.calmRuns;
    totals.cancelled += life.cancelled;
    totals.checks += life.checks;
    totals.violations += life.violations.length;
    for (const violation of life.violations) {
      if (!firstBreak.has(violation.invariant)) firstBreak.set(violation.invariant, life);
      console.log(`life ${index} (seed ${life.seed}${index < lives ? '' : ', dist'}), step ${violation.step + 1}: ${violation.invariant}: ${violation.message}`);
    }
  }
  console.log(
    `\n${totals.lives} lives simulated, ${totals.steps} steps, ${totals.runs} runs (${totals.calmRuns} calm, ${totals.cancelled} cancelled by a concurrency group), ${totals.checks} invariant checks, ${totals.violations} violations, in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  for (const [invariant, life] of firstBreak) console.log(`  ${invariant}: first broken by seed ${life.seed}`);
  if (values.shrink) {
    const saved: SavedScript[] = [];
    for (const [invariant, life] of firstBreak) {
      if (values.invariant && !values.invariant.split(',').includes(invariant)) continue;
      const shrunk = await shrink(life, invariant);
      saved.push({ invariant, message: shrunk.message, seed: shrunk.seed, script: shrunk.script });
      console.log(`\n${invariant} (seed ${shrunk.seed}, shrunk to ${shrunk.script.length} steps in ${shrunk.replays} replays): ${shrunk.message}\n${readableScript(shrunk.script)}`);
    }
    if (values.out) await writeFile(values.out, `${JSON.stringify(saved, null, 2)}\n`);
  }
  return totals.violations ? 1 : 0;
}

process.exitCode = values.replay ? await replay(values.replay) : await simulate();
