/**
 * An audit archives what is due before it judges the rest, so that its
 * verdict, and every view of it (outputs, job summary, dashboard, comments
 * and labels), is the repository as the run leaves it: an item the run
 * closed is no longer planned work and counts in no budget. An archive the
 * run did not make (a dry run, `max-writes`, a write GitHub refused) leaves
 * its item open and counted, and the run's writes say why.
 */
import { evaluate } from '../core/evaluate.js';
import type { ArchiveDecision, Evaluation, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import type { ApplyOptions, ApplyResult, Forge, RepoRef } from '../ports/forge.js';
import { planArchiving } from '../plan/planned-writes.js';
import type { BotComment, PlannedWrite } from '../plan/types.js';
import { completeCommentLookups, type Gathered } from './gather.js';

export interface ArchiveFirstRun {
  forge: Forge;
  repo: RepoRef;
  policy: Policy;
  /** Only audits archive: an issue event never closes anything. */
  mode: 'issue' | 'audit';
  gathered: Gathered;
  /** The audit's evaluation of everything it read. */
  evaluation: Evaluation;
  now: Date;
  apply: ApplyOptions;
}

export interface ArchivedFirst {
  /** What is left to judge: the archived items closed, their comments read. */
  gathered: Gathered;
  /** The verdict on what is left; its archive decisions still list the items archived (the report names them). */
  evaluation: Evaluation;
  /** The archive writes, when the run made any. */
  applied?: ApplyResult;
  /** The archive writes tried: not planned again by the rest of the run. */
  tried: PlannedWrite[];
}

export async function archiveFirst(run: ArchiveFirstRun): Promise<ArchivedFirst> {
  const unchanged = { gathered: run.gathered, evaluation: run.evaluation, tried: [] };
  const due = new Set(run.evaluation.archive.filter((decision) => decision.due).map((decision) => decision.number));
  // A dry run writes nothing: what it would archive stays open, and counted.
  if (run.mode !== 'audit' || !due.size || run.apply.dryRun) return unchanged;
  const existingComments = await completeCommentLookups({ forge: run.forge, repo: run.repo, policy: run.policy, gathered: run.gathered, matters: (item) => due.has(item.number) });
  const writes = planArchiving({
    evaluation: run.evaluation,
    items: run.gathered.syncItems,
    existingComments,
    existingLabels: run.gathered.existingLabels,
    policy: run.policy,
    mode: 'audit',
    renderedComments: () => '',
  });
  // The comments read here are not read again by the rest of the run.
  if (!writes.length) return { ...unchanged, gathered: withoutArchived(run.gathered, new Set(), run.now, existingComments) };
  const applied = await run.forge.applyWrites(run.repo, writes, run.apply);
  const closed = new Set(applied.made.flatMap((write) => (write.kind === 'close-issue' ? [write.issue] : [])));
  const gathered = withoutArchived(run.gathered, closed, run.now, existingComments);
  const after = evaluate(run.policy, gathered.items, run.now, gathered.closedItems);
  const archived = run.evaluation.archive.filter((decision) => closed.has(decision.number));
  return { gathered, evaluation: { ...after, archive: [...archived, ...after.archive].sort(oldestTouchFirst) }, applied, tried: [...applied.made, ...applied.failed.map((f) => f.write), ...applied.notAttempted, ...applied.deferred] };
}

/** The rest of the run's plan, less the archive writes already tried: each is tried once a run. */
export function notTried(plan: PlannedWrite[], tried: readonly PlannedWrite[]): PlannedWrite[] {
  // Planned by the same code from the same facts, a write tried already is the same data, in the same key order.
  const seen = new Set(tried.map((write) => JSON.stringify(write)));
  return plan.filter((write) => !seen.has(JSON.stringify(write)));
}

/** The whole run's writes, archives first. */
export function bothApplied(first: ApplyResult | undefined, rest: ApplyResult): ApplyResult {
  if (!first) return rest;
  const stoppedBy = first.stoppedBy ?? rest.stoppedBy;
  return {
    made: [...first.made, ...rest.made],
    skippedByDryRun: [...first.skippedByDryRun, ...rest.skippedByDryRun],
    deferred: [...first.deferred, ...rest.deferred],
    failed: [...first.failed, ...rest.failed],
    notAttempted: [...first.notAttempted, ...rest.notAttempted],
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}

/** The archived items are closed as not planned now; the comments read for them and others are not read again. */
function withoutArchived(gathered: Gathered, closed: ReadonlySet<number>, now: Date, comments: ReadonlyMap<number, BotComment | null>): Gathered {
  const closedNow = (item: WorkItem): WorkItem => ({ ...item, state: 'closed', closedAt: now.toISOString(), closedAs: 'not-planned' });
  const lookups = new Map(gathered.comments);
  for (const [number, comment] of comments) lookups.set(number, { comment, complete: true });
  return {
    ...gathered,
    items: gathered.items.filter((item) => !closed.has(item.number)),
    // Closed now, as the report lists them ("Archived this run") and as an audit that reads closed issues would read them.
    closedItems: [...gathered.closedItems, ...gathered.items.filter((item) => closed.has(item.number)).map(closedNow)],
    syncItems: gathered.syncItems.filter((item) => !closed.has(item.number)),
    comments: lookups,
  };
}

function oldestTouchFirst(a: ArchiveDecision, b: ArchiveDecision): number {
  return Date.parse(a.touchedAt) - Date.parse(b.touchedAt) || a.number - b.number;
}
