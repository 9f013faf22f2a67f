/**
 * GitHub's concurrency groups, as the simulation's scheduler needs them: the
 * group each workflow puts an event in, from the workflows the docs give
 * (README "Add the workflow"; docs/pull-requests.md for the merge gate), and
 * what GitHub does with the runs of one group.
 *
 * GitHub's rule ("Control the concurrency of workflows and jobs",
 * https://docs.github.com/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency):
 * at most one run of a group is in progress and at most one is pending; when
 * a run is queued while another is in progress, it is pending, and "any
 * existing pending job or workflow in the same concurrency group, if it
 * exists, will be canceled and the new queued job or workflow will take its
 * place", even with `cancel-in-progress: false`. With `cancel-in-progress:
 * true` the run in progress is cancelled too. Group names are compared
 * without regard to case.
 */
import { concurrencyGroup } from '../e2e/concurrency.js';

/** The README workflow's group expression, as text: a test checks the README still says exactly this. */
export const ISSUE_WORKFLOW_GROUP =
  "roadmap-guard-${{ github.event_name == 'issue_comment' && format('comment-{0}', github.event.comment.id) || github.event.issue.number || 'audit' }}";
export const GATE_WORKFLOW_GROUP = 'roadmap-gate-${{ github.event.pull_request.number }}';

/**
 * The README workflow's group for an event, from its group expression as
 * GitHub evaluates it (e2e/concurrency.ts): `&&`/`||` return operands, so
 * every comment (a `/roadmap` command or not) gets the group of its own id,
 * and a missing issue number falls through to 'audit'.
 */
export function issueWorkflowGroup(name: string, payload: Record<string, unknown>): string {
  return concurrencyGroup(ISSUE_WORKFLOW_GROUP, { name, payload }, 0).toLowerCase();
}

export function gateWorkflowGroup(payload: Record<string, unknown>): string {
  return concurrencyGroup(GATE_WORKFLOW_GROUP, { name: 'pull_request', payload }, 0).toLowerCase();
}

export interface GroupedRun<T> {
  item: T;
  group: string;
  cancelInProgress: boolean;
}

/**
 * Runs queued in one burst, in arrival order, split the way GitHub runs
 * them: `first` start at once (one per group, groups side by side), `then`
 * the pending run each group kept starts when its first one ends;
 * `cancelled` never run. With cancel-in-progress only the newest of a
 * group runs.
 */
export function scheduleBurst<T>(queued: readonly GroupedRun<T>[]): { first: T[]; then: T[]; cancelled: T[] } {
  const byGroup = new Map<string, GroupedRun<T>[]>();
  for (const run of queued) byGroup.set(run.group, [...(byGroup.get(run.group) ?? []), run]);
  const first: T[] = [];
  const then: T[] = [];
  const cancelled: T[] = [];
  for (const runs of byGroup.values()) {
    const newest = runs.at(-1)!;
    if (newest.cancelInProgress) {
      first.push(newest.item);
      cancelled.push(...runs.slice(0, -1).map((run) => run.item));
      continue;
    }
    first.push(runs[0]!.item);
    if (runs.length > 1) then.push(newest.item);
    cancelled.push(...runs.slice(1, -1).map((run) => run.item));
  }
  return { first, then, cancelled };
}
