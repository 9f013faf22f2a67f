/**
 * The shrunk scripts of what the simulated quarter found (found-on-1.0.0.md),
 * each replayed as a regression test: while its invariant, or an actor its
 * script uses, is listed in known-defects.ts it must still break; once fixed,
 * it must hold. Beside simulation.test.ts, so the two run side by side.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from './invariants.js';
import { KNOWN_DEFECTS } from './known-defects.js';
import { liveLife } from './life.js';
import { readableScript, type SavedScript } from './script.js';

/** The shrunk scripts of what the simulation found on 1.0.0 and since (found-on-1.0.0.md), each kept as a regression test. */
const FOUND = (
  await Promise.all(['found-on-1.0.0.json', 'found-after-1.0.0.json'].map(async (file) => JSON.parse(await readFile(join(import.meta.dirname, file), 'utf8')) as (SavedScript & { defect: string })[]))
).flat();

/** Whether a script still breaks on purpose: its invariant, or an actor it uses, is listed as a known defect. */
function stillKnown(found: SavedScript): boolean {
  return KNOWN_DEFECTS.some((entry) => entry.invariant === found.invariant || (entry.actor !== undefined && found.script.some((step) => step.do === entry.actor)));
}

describe('what the simulation found, replayed', () => {
  for (const found of FOUND) {
    const expected = stillKnown(found) ? 'still breaks' : 'holds';
    it(`${found.defect}: ${found.invariant} ${expected}`, { timeout: 60_000 }, async () => {
      const life = await liveLife({ seed: found.seed, length: found.script.length, script: found.script, invariants: INVARIANTS.filter((invariant) => invariant.name === found.invariant) });
      expect(life.violations.some((violation) => violation.invariant === found.invariant), readableScript(found.script)).toBe(expected === 'still breaks');
    });
  }
});

