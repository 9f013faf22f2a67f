/**
 * What the policy makes of one item: its category, customer and size, and
 * whether it counts as planned work at a given moment.
 */
import type { Policy } from './policy.js';
import { anyLabelMatches, globCapture, matchesGlob } from './glob.js';
import { formAnswer, normalizeHeading } from './issue-form.js';
import type { FieldValue, WorkItem } from './types.js';

/** Work no category matches. */
export const OTHER_CATEGORY = 'other';

export interface Classification {
  category: string;
  customer: string | null;
  size: number;
  /** True when the policy defines sizes and this item had none, so the default (or 1) was used. */
  sizeDefaulted: boolean;
}

export function classify(policy: Policy, item: WorkItem): Classification {
  return { category: categoryOf(policy, item), customer: customerOf(policy, item), ...sizeOf(policy, item) };
}

function categoryOf(policy: Policy, item: WorkItem): string {
  const match = policy.categories.find(
    (category) =>
      anyLabelMatches(category.match.labels, item.labels) ||
      Object.entries(category.match.fields).some(([field, value]) => fieldEquals(item, field, value)),
  );
  return match?.name ?? OTHER_CATEGORY;
}

function customerOf(policy: Policy, item: WorkItem): string | null {
  for (const glob of policy.customer.labels) {
    for (const label of item.labels) {
      const name = globCapture(glob, label)?.trim();
      if (name) return name;
    }
  }
  if (policy.customer.field) {
    const name = fieldTexts(item, policy.customer.field).find((text) => text.trim() !== '');
    if (name) return name.trim();
  }
  return null;
}

/** True when the policy gives any way to size an item, so an unsized item is worth a warning. */
function policyDefinesSizes(policy: Policy): boolean {
  return policy.work.size.field !== undefined || Object.keys(policy.work.size.labels).length > 0;
}

function sizeOf(policy: Policy, item: WorkItem): { size: number; sizeDefaulted: boolean } {
  if (policy.work.unit === 'issues') return { size: 1, sizeDefaulted: false };
  const estimated = estimateFromField(policy, item) ?? estimateFromLabels(policy, item);
  if (estimated !== undefined) return { size: estimated, sizeDefaulted: false };
  return { size: policy.work.size.default ?? 1, sizeDefaulted: policyDefinesSizes(policy) };
}

function estimateFromField(policy: Policy, item: WorkItem): number | undefined {
  const field = policy.work.size.field;
  if (!field) return undefined;
  const projectValue = projectField(item, field);
  if (projectValue?.type === 'number') return validSize(projectValue.value);
  for (const text of fieldTexts(item, field)) {
    const size = parseSize(text);
    if (size !== undefined) return size;
  }
  return undefined;
}

/** The largest size label on the item: two size labels usually mean it grew. */
function estimateFromLabels(policy: Policy, item: WorkItem): number | undefined {
  let largest: number | undefined;
  for (const [glob, size] of Object.entries(policy.work.size.labels)) {
    if (item.labels.some((label) => matchesGlob(glob, label)) && (largest === undefined || size > largest)) largest = size;
  }
  return largest;
}

const LEADING_NUMBER = /^\s*(\d{1,9}(?:\.\d{1,6})?)(?!\d)/;

/** "5", "5 points", "2.5" → a size; anything else → undefined. */
function parseSize(text: string): number | undefined {
  const match = LEADING_NUMBER.exec(text);
  return match ? validSize(Number(match[1])) : undefined;
}

function validSize(value: number): number | undefined {
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Work the policy leaves out of the roadmap altogether (`work.exclude-labels`: bugs, chores). */
export function isExcluded(policy: Policy, item: WorkItem): boolean {
  return anyLabelMatches(policy.work.excludeLabels, item.labels);
}

/**
 * Is the item planned work at `now`? Excluded labels never are; with
 * `include: open` every open item is; with `include: iteration` every item,
 * open or closed, whose iteration contains `now`.
 */
export function isPlanned(policy: Policy, item: WorkItem, now: Date | string): boolean {
  if (isExcluded(policy, item)) return false;
  if (policy.work.include === 'open') return item.state === 'open';
  return inCurrentIteration(policy, item, now);
}

/** True when the item's iteration on the board contains `now`. */
export function inCurrentIteration(policy: Policy, item: WorkItem, now: Date | string): boolean {
  const iteration = iterationOf(policy, item);
  if (!iteration) return false;
  const start = Date.parse(iteration.startDate.length === 10 ? `${iteration.startDate}T00:00:00Z` : iteration.startDate);
  const end = start + iteration.durationDays * 86_400_000;
  const at = new Date(now).getTime();
  return start <= at && at < end;
}

function iterationOf(policy: Policy, item: WorkItem): Extract<FieldValue, { type: 'iteration' }> | undefined {
  const name = policy.work.project?.iterationField;
  const value = name ? projectField(item, name) : Object.values(item.fields).find((field) => field.type === 'iteration');
  return value?.type === 'iteration' ? value : undefined;
}

/** A project field by name, compared like headings ("Work type" = "work type"). */
export function projectField(item: WorkItem, name: string): FieldValue | undefined {
  if (Object.hasOwn(item.fields, name)) return item.fields[name];
  const wanted = normalizeHeading(name);
  const key = Object.keys(item.fields).find((candidate) => normalizeHeading(candidate) === wanted);
  return key === undefined ? undefined : item.fields[key];
}

/** The field's value as text, from the project board first, then from the issue form. */
export function fieldTexts(item: WorkItem, name: string): string[] {
  const texts: string[] = [];
  const projectValue = projectField(item, name);
  if (projectValue) texts.push(projectValue.type === 'iteration' ? projectValue.title : String(projectValue.value));
  const answer = formAnswer(item.form, name);
  if (answer !== undefined) texts.push(answer);
  return texts;
}

/** Case- and whitespace-insensitive comparison for answers and field values. */
export function sameAnswer(a: string, b: string): boolean {
  return normalizeAnswer(a) === normalizeAnswer(b);
}

export function normalizeAnswer(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function fieldEquals(item: WorkItem, field: string, value: string): boolean {
  return fieldTexts(item, field).some((text) => sameAnswer(text, value));
}
