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

export const KNOWN_DEFECTS: readonly KnownDefect[] = [
  { invariant: 'no-comment-on-excluded-work', defect: '#22.3 excluded work still gets business-case findings' },
  { invariant: 'gate-follows-issues', defect: "#24.1 the merge gate's verdict goes stale when its issues change" },
  { invariant: 'gate-sees-named-issues', defect: '#24.3 pull requests into other branches pass silently' },
  { invariant: 'exemption-by-approver', defect: '#23.4 any bot can grant an exemption (and #23.5: a grant outlives its label)' },
  { invariant: 'exemptions-within-max-open', defect: '#23.6 max-open is exceeded by a race' },
  { invariant: 'commands-answered', defect: '#23.8 a queued command is dropped by the concurrency group' },
  { actor: 'token-change', defect: '#23.9 switching the token identity duplicates every comment' },
  { actor: 'workflow-edit', defect: "#23.1 duplicate clean-up deletes the Decisions trail (a workflow without the concurrency block runs an issue's events at once)" },
  { invariant: 'budgets-after-archiving', defect: 'found by the simulation: an audit that archives items still counts them in its budgets' },
];
