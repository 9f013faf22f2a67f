/**
 * When an issue event's board was read, said alike in its comment and its
 * job summary: GitHub cannot list a board's items changed since a moment, so
 * an issue event counts the rest of the board as the last full read saw it.
 */

/** "Budgets count the rest of the board as last read in full, at 2026-11-21 10:00 UTC: …". */
export function boardReadAtSentence(readAt: string): string {
  const time = Date.parse(readAt);
  const when = Number.isFinite(time) ? `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'an unknown time';
  return `Budgets count the rest of the board as last read in full, at ${when}: GitHub cannot list the items of a board changed since, so other changes on the board show from the next audit.`;
}
