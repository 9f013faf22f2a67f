/**
 * The figures each reliability suite reports, and where they wait for
 * figures-setup.ts to write docs/reliability.md from them. Node's built-ins
 * only: the global setup loads this in vitest's main process, which should
 * not have to load the action and the fake GitHub for it.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SuiteFigures {
  suite: string;
  faultsInjected: number;
  runs: number;
  runsSurvived: number;
  writesLost: number;
  duplicateComments: number;
  badInputs: number;
  crashes: number;
  secretsEchoed: number;
  /** Grants an approver made that no bot comment records at the end. */
  grantsLost: number;
  /** Issues left carrying the exemption label with no approver's grant behind it. */
  exemptionsWithoutApprover: number;
  /** Items closed as archived although a person touched them after the warning. */
  archivedDespiteTouch: number;
  /** Items still open after the grace period although only the bot's own writes touched them. */
  neverArchivedByOwnWrites: number;
}

/** One folder per checkout: two checkouts testing at once on one machine must not mix their figures. */
export const FIGURES_DIR = join(tmpdir(), `roadmap-guard-figures-${createHash('sha256').update(import.meta.dirname).digest('hex').slice(0, 12)}`);

export function figures(suite: string): SuiteFigures {
  return {
    suite,
    faultsInjected: 0,
    runs: 0,
    runsSurvived: 0,
    writesLost: 0,
    duplicateComments: 0,
    badInputs: 0,
    crashes: 0,
    secretsEchoed: 0,
    grantsLost: 0,
    exemptionsWithoutApprover: 0,
    archivedDespiteTouch: 0,
    neverArchivedByOwnWrites: 0,
  };
}

export async function reportFigures(figures: SuiteFigures): Promise<void> {
  await mkdir(FIGURES_DIR, { recursive: true });
  await writeFile(join(FIGURES_DIR, `${figures.suite}.json`), JSON.stringify(figures));
}
