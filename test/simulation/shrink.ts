/**
 * Shrinking: a life that broke an invariant is cut to the fewest steps that
 * still break it, by replaying shorter scripts (the steps up to the
 * violation, then whole chunks left out, halving the chunk each round).
 * The result is a script a person can read and anyone can replay.
 */
import { INVARIANTS } from './invariants.js';
import { liveLife, type LifeResult } from './life.js';
import type { Step } from './steps.js';

export interface Shrunk {
  invariant: string;
  message: string;
  seed: number;
  script: Step[];
  replays: number;
}

/** Replays a script, checking one invariant; true when it still breaks. */
async function stillBreaks(script: readonly Step[], invariant: string, seed: number): Promise<LifeResult | undefined> {
  const life = await liveLife({ seed, length: script.length, script, invariants: INVARIANTS.filter((candidate) => candidate.name === invariant) });
  return life.violations.some((violation) => violation.invariant === invariant) ? life : undefined;
}

export async function shrink(life: LifeResult, invariant: string, options: { maxReplays?: number } = {}): Promise<Shrunk> {
  const first = life.violations.find((violation) => violation.invariant === invariant)!;
  const budget = options.maxReplays ?? 80;
  let replays = 0;
  let script = life.script.slice(0, first.step + 1);
  let message = first.message;
  const attempt = async (candidate: Step[]) => {
    replays += 1;
    const broke = await stillBreaks(candidate, invariant, life.seed);
    if (broke) message = broke.violations.find((violation) => violation.invariant === invariant)!.message;
    return broke !== undefined;
  };
  if (!(await attempt(script))) script = life.script.slice();
  for (let chunk = Math.ceil(script.length / 2); chunk >= 1 && replays < budget; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    for (let start = script.length - chunk; start >= 0 && replays < budget; start -= chunk) {
      const candidate = [...script.slice(0, start), ...script.slice(start + chunk)];
      if (await attempt(candidate)) script = candidate;
    }
  }
  return { invariant, message, seed: life.seed, script, replays };
}
