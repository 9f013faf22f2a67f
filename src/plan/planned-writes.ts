/**
 * Decides every write a run should make, as plain data, before anything is
 * sent. Pure: the same inputs give the same plan, so a re-run of the same
 * event plans nothing, and dry-run and max-writes apply to a list.
 */
import { ITEM_LEVEL_KINDS } from '../core/finding-kinds.js';
import type { Evaluation, Finding, ItemAssessment, WorkItem } from '../core/types.js';
import { renderResolvedComment } from '../report/comment.js';
import { isArchiveNote, isResolvedComment, isSettledComment } from '../memory/settled.js';
import { sameDashboardContent } from '../report/dashboard.js';
import { dueArchives, planArchives } from './archive.js';
import { hasConversation, type Conversation } from '../memory/conversation.js';
import { readReply } from '../memory/reply.js';
import { holdsTrail, readTrail } from '../memory/trail.js';
import { NEW_COMMENT, type BotComment, type PlanInput, type PlannedWrite } from './types.js';

/** Colours and descriptions for labels the bot creates when they are missing. */
const LABEL_LOOKS = {
  nonCompliant: { color: 'd93f0b', description: 'Roadmap Guard: does not meet the roadmap policy yet; see the bot comment' },
  overBudget: { color: 'fbca04', description: "Roadmap Guard: this work's category or customer is over its capacity budget" },
} as const;

/**
 * Archives first, oldest first: each was promised a date in its warning.
 * An item being archived gets no other write.
 */
export function planWrites(input: PlanInput): PlannedWrite[] {
  const archives = dueArchives(input);
  const archiving = new Set(archives.map(({ item }) => item.number));
  const itemWrites = input.items.filter((item) => !archiving.has(item.number)).flatMap((item) => [...planComment(input, item), ...planLabels(input, item)]);
  const archiveWrites = planArchives(input, archives);
  // The bot's own duplicate comments go once the kept comment holds what they remember, archived or not: after the writes that put it there.
  const duplicates = input.items.flatMap((item) => planDuplicateRemoval(input, item, [...archiveWrites, ...itemWrites], archiving.has(item.number)));
  return [...planMissingLabels(input, itemWrites), ...archiveWrites, ...itemWrites, ...duplicates];
}

/** Only the writes that archive the due items, their duplicate comments' removal included: what an audit does before it judges the rest. */
export function planArchiving(input: PlanInput): PlannedWrite[] {
  const archives = dueArchives(input);
  const archiveWrites = planArchives(input, archives);
  return [...archiveWrites, ...archives.flatMap(({ item }) => planDuplicateRemoval(input, item, archiveWrites, true))];
}

/** Item-level findings (business case, forbidden label, overdue bet, stale backlog) about one item. */
export function itemFindings(evaluation: Evaluation, item: number): Finding[] {
  return evaluation.findings.filter((f) => f.item?.number === item && ITEM_LEVEL_KINDS.includes(f.kind));
}

/** True when the item is planned work in a category, or for a customer, that is over its budget. */
function isOverBudget(evaluation: Evaluation, item: number): boolean {
  const assessment = assessmentOf(evaluation, item);
  if (!assessment?.planned) return false;
  const budget = evaluation.budgets.find((b) => b.category === assessment.category);
  if (!budget) return false;
  return budget.status === 'over' || budget.customers.some((c) => c.over && c.customer === assessment.customer);
}

/**
 * Who gets a comment: items with item-level findings; in issue mode also the
 * focus item when its budget is exceeded. A budget overage alone never earns
 * other items a new comment; an audit only keeps such existing comments
 * current. An approved exception is not news either: an exempt item gets no
 * new comment, but one it already has is kept current (it then says "exempt").
 */
function wantsComment(input: Pick<PlanInput, 'evaluation' | 'mode' | 'focusItem' | 'existingComments' | 'conversationFor'>, item: WorkItem): boolean {
  if (item.state === 'closed') return false;
  // A reply or an audit trail is worth a comment of its own: it is the record of who decided what.
  if (hasConversation(input.conversationFor?.(item.number))) return true;
  const hasFindings = itemFindings(input.evaluation, item.number).length > 0;
  if (!hasFindings && !isOverBudget(input.evaluation, item.number)) return false;
  if (isExempt(input.evaluation, item.number)) return hasLiveComment(input, item);
  if (hasFindings) return true;
  if (input.mode === 'issue') return item.number === input.focusItem;
  return hasLiveComment(input, item);
}

/** The item has a bot comment that is not (yet) a resolved or archive note. */
function hasLiveComment(input: Pick<PlanInput, 'existingComments'>, item: WorkItem): boolean {
  const existing = input.existingComments.get(item.number);
  return !!existing && !isSettledComment(existing.body);
}

/**
 * Runs that raced (two events at once, an event during an audit) can each
 * post a comment. The bot's own later copies go, so every issue converges on
 * one comment: the oldest, which people may have linked to. A copy may hold
 * the only record of a decision (the run that posted it granted an
 * exception): it goes only when the kept comment, as this run leaves it,
 * holds that record too, and only after the edit that puts it there
 * succeeded. An archived item's note says why it was closed and keeps no
 * trail: its copies go with it. Comments by anyone else are never touched.
 */
function planDuplicateRemoval(input: PlanInput, item: WorkItem, writes: readonly PlannedWrite[], archiving: boolean): PlannedWrite[] {
  const existing = input.existingComments.get(item.number);
  if (!existing?.extras?.length) return [];
  const edit = writes.find((write) =>
    existing.adopting ? write.kind === 'create-comment' && write.issue === item.number : write.kind === 'update-comment' && write.commentId === existing.id,
  );
  // Adopting, the copies go only once the new comment holds their record.
  if (existing.adopting && !edit) return [];
  const keptTrail = readTrail(edit && 'body' in edit ? edit.body : existing.body);
  const after = edit ? { after: edit.kind === 'update-comment' ? edit.commentId : NEW_COMMENT } : {};
  return existing.extras
    .filter((extra) => archiving || holdsTrail(keptTrail, readTrail(extra.body)))
    .map((extra) => ({
      kind: 'delete-comment' as const,
      issue: item.number,
      commentId: extra.id,
      ...after,
      description: `delete ${existing.adopting ? "an earlier identity's copy" : 'a duplicate'} of the bot's comment on #${item.number}`,
    }));
}

function planComment(input: PlanInput, item: WorkItem): PlannedWrite[] {
  const found = input.existingComments.get(item.number);
  // Only comments of an earlier identity: this token posts its own, which takes over their record.
  const existing = found?.adopting ? null : found;
  // A comment without a usable id cannot be edited, and posting another would duplicate it.
  if (existing === undefined || !isEditable(existing)) return [];
  return wantsComment(input, item) ? planFindingsComment(input, item, existing) : planResolvedNote(input, item, existing);
}

type EditableComment = (BotComment & { id: string }) | null;

/** The comment that says what to fix: posted, or edited when more than its stamp changed. */
function planFindingsComment(input: PlanInput, item: WorkItem, existing: EditableComment): PlannedWrite[] {
  if (!input.policy.enforcement.comment) return [];
  const body = input.renderedComments(item.number, existing?.body);
  const reasons = commentReasons(input, item.number);
  if (existing === null) return [{ kind: 'create-comment', issue: item.number, body, description: `comment on #${item.number}: ${reasons}` }];
  if (sameText(existing.body, body)) return [];
  return [{ kind: 'update-comment', issue: item.number, commentId: existing.id, body, description: `update the comment on #${item.number}: ${reasons}` }];
}

/** Compliant now (or closed): the comment becomes a short resolved note, never deleted. An archive note stays. */
function planResolvedNote(input: PlanInput, item: WorkItem, existing: EditableComment): PlannedWrite[] {
  const conversation = input.conversationFor?.(item.number);
  const talked = hasConversation(conversation);
  if (existing === null && !(talked && input.policy.enforcement.comment)) return [];
  if (existing !== null && alreadySettled(existing.body, conversation)) return [];
  const body = renderResolvedComment({ item, at: input.at ?? input.evaluation.at, ...(talked ? { conversation } : {}) });
  if (existing === null) return [{ kind: 'create-comment', issue: item.number, body, description: `comment on #${item.number}: the decisions recorded` }];
  return [{ kind: 'update-comment', issue: item.number, commentId: existing.id, body, description: `mark the comment on #${item.number} resolved` }];
}

/** An archive note, or a resolved note that already carries this conversation: nothing to edit. */
function alreadySettled(body: string, conversation: Conversation | undefined): boolean {
  return isArchiveNote(body) || (isResolvedComment(body) && sameConversation(body, conversation));
}

/** No comment yet, or one GitHub gave an id for, so it can be edited. */
function isEditable(comment: BotComment | null): comment is EditableComment {
  return comment === null || comment.id !== null;
}

function planLabels(input: PlanInput, item: WorkItem): PlannedWrite[] {
  const { nonCompliant, overBudget } = input.policy.enforcement.labels;
  const open = item.state === 'open';
  const wanted = new Map<string, boolean>();
  if (nonCompliant) wanted.set(nonCompliant, open && itemFindings(input.evaluation, item.number).some((f) => !f.exempt));
  if (overBudget) wanted.set(overBudget, open && isOverBudget(input.evaluation, item.number) && !isExempt(input.evaluation, item.number));

  const has = (label: string) => item.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  const toAdd = [...wanted].filter(([label, want]) => want && !has(label)).map(([label]) => label);
  const toRemove = [...wanted].filter(([label, want]) => !want && has(label)).map(([label]) => label);
  return [
    ...(toAdd.length ? [{ kind: 'add-labels' as const, issue: item.number, labels: toAdd, description: `add label ${toAdd.join(', ')} to #${item.number}` }] : []),
    // Only labels the bot manages are ever removed, by their exact name on the issue.
    ...toRemove.map((label) => ({
      kind: 'remove-label' as const,
      issue: item.number,
      label: item.labels.find((l) => l.toLowerCase() === label.toLowerCase()) ?? label,
      description: `remove label ${label} from #${item.number}`,
    })),
  ];
}

/** Creates each managed label the plan adds that the repository lacks, so it gets a colour and a description. */
function planMissingLabels(input: PlanInput, writes: PlannedWrite[]): PlannedWrite[] {
  const existing = new Set([...input.existingLabels].map((l) => l.toLowerCase()));
  const added = new Set(writes.flatMap((w) => (w.kind === 'add-labels' ? w.labels : [])));
  const { nonCompliant, overBudget } = input.policy.enforcement.labels;
  const looks = [
    [nonCompliant, LABEL_LOOKS.nonCompliant],
    [overBudget, LABEL_LOOKS.overBudget],
  ] as const;
  return looks.flatMap(([name, look]) =>
    name && added.has(name) && !existing.has(name.toLowerCase())
      ? [{ kind: 'create-label' as const, issue: null, name, color: look.color, labelDescription: look.description, description: `create label ${name}` }]
      : [],
  );
}

/**
 * The dashboard issue: created when missing, its body replaced only when the
 * report changed. Two audits that ran at once may each have created one: the
 * oldest stays, and the others are closed as duplicates pointing at it.
 */
export function planDashboard(input: { title: string; body: string; existing: { number: number; body: string } | null; extras?: number[] }): PlannedWrite[] {
  if (!input.existing) return [{ kind: 'create-issue', issue: null, title: input.title, body: input.body, description: `create the dashboard issue "${input.title}"` }];
  const kept = input.existing.number;
  const closing = (input.extras ?? []).map((issue) => ({
    kind: 'close-duplicate-dashboard' as const,
    issue,
    body: `A second copy of the roadmap dashboard, made when two runs started at once. The dashboard is #${kept}.`,
    description: `close #${issue}, a duplicate of the dashboard issue #${kept}`,
  }));
  if (sameDashboardContent(input.existing.body, input.body)) return closing;
  return [...closing, { kind: 'update-issue', issue: kept, body: input.body, description: `update the dashboard issue #${kept}` }];
}

function commentReasons(input: PlanInput, item: number): string {
  const kinds = [...new Set(itemFindings(input.evaluation, item).map((f) => f.kind))];
  if (isOverBudget(input.evaluation, item)) kinds.push('over-budget');
  return kinds.join(', ') || 'the reply and the decisions recorded';
}

/** The reply and trail in a comment are the ones the item should carry now. */
function sameConversation(body: string, conversation: Conversation | undefined): boolean {
  return readReply(body) === conversation?.reply && JSON.stringify(readTrail(body)) === JSON.stringify(conversation?.trail ?? []);
}

function isExempt(evaluation: Evaluation, item: number): boolean {
  return assessmentOf(evaluation, item)?.exempt ?? false;
}

/** Each evaluation's assessments by number: a search per item would make an audit of 10,000 issues quadratic. */
const assessmentIndex = new WeakMap<Evaluation, Map<number, ItemAssessment>>();

function assessmentOf(evaluation: Evaluation, item: number): ItemAssessment | undefined {
  let index = assessmentIndex.get(evaluation);
  if (!index) {
    index = new Map(evaluation.items.map((assessment) => [assessment.number, assessment]));
    assessmentIndex.set(evaluation, index);
  }
  return index.get(item);
}

/**
 * Two renderings say the same thing when they differ only in their last
 * line, the stamp: the date checked and the link to the policy at the commit
 * evaluated. A re-run on another day, or after an unrelated push, must not
 * edit every comment just to bump the stamp.
 */
export function sameText(a: string, b: string): boolean {
  return withoutStamp(a) === withoutStamp(b);
}

function withoutStamp(body: string): string {
  const lines = body.trimEnd().split('\n');
  return lines.slice(0, -1).join('\n');
}
