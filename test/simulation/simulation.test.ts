/**
 * The simulated quarter in `npm test`: one seeded life that tours every
 * actor, with the invariants that hold on this version (known-defects.ts
 * lists the others), plus the scheduler's and the list's own checks. The
 * shrunk scripts of what it found are replayed in replays.test.ts. The
 * longer run is `npm run simulate-quarter` (docs/reliability.md).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../e2e/run-action.js';
import { figures, reportFigures } from '../reliability/figures.js';
import { ACTORS } from './actors.js';
import { GATE_WORKFLOW_GROUP, ISSUE_WORKFLOW_GROUP, issueWorkflowGroup, scheduleBurst } from './concurrency.js';
import { INVARIANTS } from './invariants.js';
import { KNOWN_DEFECTS } from './known-defects.js';
import { liveLife, type LifeResult } from './life.js';
import { readableScript } from './script.js';

/** The fixed seed and length: a life that covers every actor within a few seconds. */
const FIXED_SEED = 20261206;
const FIXED_LENGTH = 45;

const tally = { ...figures('simulation'), lives: 0, steps: 0, checks: 0, violations: 0 };
afterAll(() => reportFigures(tally));

describe('the scheduler follows the documented workflows and GitHub', () => {
  it('uses the concurrency groups the README and docs/pull-requests.md give', async () => {
    const readme = await readFile(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    const gate = await readFile(join(REPOSITORY_ROOT, 'docs', 'pull-requests.md'), 'utf8');
    expect(readme).toContain(`group: ${ISSUE_WORKFLOW_GROUP}\n  cancel-in-progress: false`);
    expect(gate).toContain(`group: ${GATE_WORKFLOW_GROUP}\n  cancel-in-progress: true`);
    expect(issueWorkflowGroup('issue_comment', { comment: { id: 77, body: 'Thanks!' }, issue: { number: 4 } })).toBe('roadmap-guard-comment-77');
    expect(issueWorkflowGroup('issue_comment', { comment: { id: 78, body: '/roadmap exempt' }, issue: { number: 4 } })).toBe('roadmap-guard-comment-78');
    expect(issueWorkflowGroup('issues', { issue: { number: 4 } })).toBe('roadmap-guard-4');
    expect(issueWorkflowGroup('schedule', {})).toBe('roadmap-guard-audit');
  });

  it('runs the first of a group, replaces its pending run with the newest, and cancels in progress only when told', () => {
    const runs = ['a1', 'b1', 'a2', 'a3', 'c1', 'c2'].map((item) => ({ item, group: item[0]!, cancelInProgress: item.startsWith('c') }));
    expect(scheduleBurst(runs)).toEqual({ first: ['a1', 'b1', 'c2'], then: ['a3'], cancelled: ['a2', 'c1'] });
  });
});

describe('the known defects', () => {
  it('name invariants and actors that exist, each once, each with the defect it reproduces', () => {
    const names = new Set(INVARIANTS.map((invariant) => invariant.name));
    for (const entry of KNOWN_DEFECTS) {
      expect(entry.invariant === undefined ? ACTORS.includes(entry.actor as never) : names.has(entry.invariant), JSON.stringify(entry)).toBe(true);
      expect(entry.defect).toMatch(/^(#\d+\.\d+|found by the simulation:) /);
    }
    expect(new Set(KNOWN_DEFECTS.map((entry) => entry.invariant ?? entry.actor)).size).toBe(KNOWN_DEFECTS.length);
  });
});

describe('a simulated quarter with a fixed seed', () => {
  let life: LifeResult;

  it('holds every invariant not listed as a known defect, through a life where every actor acts', { timeout: 120_000 }, async () => {
    const off = new Set(KNOWN_DEFECTS.map((entry) => entry.invariant));
    life = await liveLife({
      seed: FIXED_SEED,
      length: FIXED_LENGTH,
      invariants: INVARIANTS.filter((invariant) => !off.has(invariant.name)),
      casting: { tour: true, without: KNOWN_DEFECTS.flatMap((entry) => (entry.actor ? [entry.actor] : [])) },
    });
    Object.assign(tally, { lives: 1, steps: life.script.length, checks: life.checks, violations: life.violations.length, runs: life.runs, runsSurvived: life.runs - life.violations.filter((v) => v.invariant === 'no-crash').length });
    expect(life.violations, readableScript(life.script)).toEqual([]);
    const cast = ACTORS.filter((actor) => !KNOWN_DEFECTS.some((entry) => entry.actor === actor));
    expect(cast.filter((actor) => !life.actors.has(actor))).toEqual([]);
    expect(life.checks).toBeGreaterThan(100);
  });

  it('met GitHub at its worst: runs side by side, pending runs replaced, late deliveries and faults', () => {
    for (const behaviour of ['race', 'cancelled', 'late', 'fault', 'wait']) expect(life.covered, behaviour).toContain(behaviour);
    expect(life.cancelled).toBeGreaterThan(0);
  });
});
