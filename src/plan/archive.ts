/**
 * The writes that archive a stale item once its grace period is over, as
 * plain data like every other write: the comment becomes the archive note,
 * the issue is closed as not planned, the bot's labels come off. Oldest touch
 * first, each item's writes together, so `max-writes` archives the oldest
 * items and leaves the rest whole for the next run. Audits only: an issue
 * event never closes anything.
 */
import type { ArchiveDecision, WorkItem } from '../core/types.js';
import { renderArchiveNote } from '../report/comment.js';
import { isArchiveNote } from '../memory/settled.js';
import type { BotComment, PlanInput, PlannedWrite } from './types.js';

export interface DueArchive {
  item: WorkItem;
  decision: ArchiveDecision;
  /** The bot comment that carried the warning; it becomes the archive note. */
  comment: BotComment & { id: string };
}

/**
 * The items this run archives, oldest touch first: due, still open, and with
 * the bot comment that carried the warning, editable (an item is never
 * closed without saying why).
 */
export function dueArchives(input: PlanInput): DueArchive[] {
  if (input.mode !== 'audit') return [];
  const items = new Map(input.items.map((item) => [item.number, item]));
  return input.evaluation.archive.flatMap((decision) => {
    const item = items.get(decision.number);
    const comment = input.existingComments.get(decision.number);
    return decision.due && item?.state === 'open' && comment?.id ? [{ item, decision, comment: { ...comment, id: comment.id } }] : [];
  });
}

export function planArchives(input: PlanInput, due: DueArchive[]): PlannedWrite[] {
  const at = input.at ?? input.evaluation.at;
  return due.flatMap(({ item, decision, comment }): PlannedWrite[] => {
    const note: PlannedWrite[] = isArchiveNote(comment.body)
      ? []
      : [
          {
            kind: 'update-comment',
            issue: item.number,
            commentId: comment.id,
            body: renderArchiveNote({ item, decision, policy: input.policy, at }),
            description: `say on #${item.number} why it is archived`,
          },
        ];
    return [
      ...note,
      { kind: 'close-issue', issue: item.number, stateReason: 'not_planned', description: `archive #${item.number} (close it as not planned)` },
      ...botLabelsOn(input, item).map((label) => ({ kind: 'remove-label' as const, issue: item.number, label, description: `remove label ${label} from #${item.number}` })),
    ];
  });
}

/** The managed labels the item carries, by their exact name on the issue. */
function botLabelsOn(input: PlanInput, item: WorkItem): string[] {
  const { nonCompliant, overBudget } = input.policy.enforcement.labels;
  const managed = [nonCompliant, overBudget].flatMap((label) => (label ? [label.toLowerCase()] : []));
  return item.labels.filter((label) => managed.includes(label.toLowerCase()));
}
