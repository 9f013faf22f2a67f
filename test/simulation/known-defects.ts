/**
 * Invariants, and actors, that break on this version pending the fixes of
 * the defects they reproduce. The fixed-seed run in `npm test` leaves out
 * exactly these; the longer run checks everything and reports them. When a
 * fix lands, deleting its line here puts the invariant (or actor) back.
 */
export interface KnownDefect {
  /** An invariant's name (invariants.ts) or an actor's (actors.ts). */
  invariant?: string;
  actor?: string;
  /** The defect it reproduces, as the tracker names it. */
  defect: string;
}

export const KNOWN_DEFECTS: readonly KnownDefect[] = [];
