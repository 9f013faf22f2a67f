/**
 * What a snapshot says that the policy would misread: sizes no work can have
 * (refused), and an evaluation moment that makes little sense for the data
 * (a warning). The action reads live GitHub data and skips a bad size; a
 * snapshot is written by hand or by a script, so it is told instead.
 */
import { projectField } from '../core/classify.js';
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import type { SnapshotProblem } from './problems.js';

/** No single item is this big; above it, shares lose their meaning (an estimate of 1e300 makes everything else 0%). */
const MAX_ITEM_SIZE = 100_000;

export interface SnapshotReview {
  /** Data no roadmap can have: the snapshot is refused. */
  impossible: SnapshotProblem[];
  /** Data that is allowed but probably not what was meant. */
  suspicious: string[];
}

export function reviewSnapshot(policy: Policy, items: readonly WorkItem[], at: string): SnapshotReview {
  return { impossible: impossibleSizes(policy, items), suspicious: createdAfter(items, at) };
}

function impossibleSizes(policy: Policy, items: readonly WorkItem[]): SnapshotProblem[] {
  const field = policy.work.size.field;
  if (!field || policy.work.unit === 'issues') return [];
  return items.flatMap((item, index) => {
    const value = projectField(item, field);
    if (value?.type !== 'number') return [];
    const where = { field: `items[${index}].fields["${field}"].value (issue #${item.number})`, path: ['items', index, 'fields', field, 'value'] };
    if (!Number.isFinite(value.value) || value.value < 0) return [{ ...where, message: `a size of ${value.value} is impossible; sizes are 0 or more` }];
    if (value.value > MAX_ITEM_SIZE) {
      return [{ ...where, message: `a size of ${value.value} is beyond any real item (at most ${MAX_ITEM_SIZE.toLocaleString('en-US')}); check the unit` }];
    }
    return [];
  });
}

function createdAfter(items: readonly WorkItem[], at: string): string[] {
  const moment = Date.parse(at);
  const later = items.filter((item) => Date.parse(item.createdAt) > moment);
  if (later.length === 0) return [];
  if (later.length === items.length) return [`${at} is before every item in the snapshot was created: the report counts work that did not exist yet`];
  return [`${later.length} of ${items.length} items were created after ${at}; the report counts them as if they existed then`];
}
