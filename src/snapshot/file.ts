/**
 * The snapshot file: planned work at a moment, as plain JSON. The CLI's
 * `snapshot` command writes it from live GitHub data (src/cli/snapshot.ts),
 * `simulate` and `demo` read it, and `snapshot.schema.json` is generated from
 * the schema below.
 */
import { z } from 'zod';
import { parseIssueBody } from '../core/issue-form.js';
import type { FieldValue, Milestone, Snapshot, WorkItem } from '../core/types.js';
import { describeSnapshotIssues, formatSnapshotProblem, jsonSyntaxProblem, type SnapshotProblem } from './problems.js';

const moment = z.iso.datetime({ offset: true, error: 'expected a date and time like 2026-11-03T09:00:00Z' });
const day = z.iso.date({ error: 'expected a date like 2026-11-02' });

const fieldValue = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('number'), value: z.number() }),
    z.strictObject({ type: z.literal('text'), value: z.string() }),
    z.strictObject({ type: z.literal('single-select'), value: z.string() }),
    z.strictObject({ type: z.literal('date'), value: day }),
    z.strictObject({ type: z.literal('iteration'), title: z.string(), startDate: day, durationDays: z.number().int().positive() }),
  ],
  { error: 'expected a field value with type number, text, single-select, date or iteration' },
);

const timelineEvent = z
  .strictObject({
    at: moment,
    event: z.enum(['milestoned', 'demilestoned', 'closed', 'reopened'], { error: 'expected milestoned, demilestoned, closed or reopened' }),
    milestone: z.string().optional().meta({ description: 'The milestone put in or taken out of (milestoned, demilestoned).' }),
    closedAs: z.enum(['completed', 'not-planned', 'duplicate']).optional().meta({ description: 'Why the issue was closed (closed).' }),
  })
  .refine((event) => (event.event === 'milestoned' || event.event === 'demilestoned') === (event.milestone !== undefined), {
    error: 'milestoned and demilestoned events name their milestone; closed and reopened ones do not',
  });

const milestone = z.strictObject({
  title: z.string().min(1),
  state: z.enum(['open', 'closed'], { error: 'expected open or closed' }),
  dueOn: moment.nullable().default(null).meta({ description: 'The due date; a cycle ends with its UTC day.' }),
  closedAt: moment.nullable().default(null),
  createdAt: moment,
}) satisfies z.ZodType<Milestone, unknown>;

const workItem = z
  .strictObject({
    // Negative for a board item outside the repository (another repository's issue, a draft): it has no number here.
    number: z
      .number()
      .int()
      .refine((n) => n !== 0, { error: 'expected an issue number, or a negative key for a board item outside the repository' }),
    title: z.string(),
    url: z.string(),
    state: z.enum(['open', 'closed'], { error: 'expected open or closed' }),
    labels: z.array(z.string()).default([]),
    author: z.string().nullable().default(null),
    createdAt: moment,
    updatedAt: moment,
    closedAt: moment.nullable().default(null),
    closedAs: z.enum(['completed', 'not-planned', 'duplicate']).optional().meta({
      description: 'Why a closed issue was closed; work closed as not planned or duplicate does not count as delivered.',
    }),
    activityAt: moment.optional().meta({
      description: "The last time a person touched the issue, when Roadmap Guard's own comment or label is the latest change; staleness is measured from it.",
    }),
    archiveWarnedAt: moment.optional().meta({
      description: 'When Roadmap Guard warned in its comment that the item will be archived (backlog.archive); the grace period runs from it.',
    }),
    milestone: z.string().nullable().default(null),
    assignees: z.array(z.string()).optional().meta({
      description: 'Logins of the people assigned; absent when they were not read (business-case.require-assignee then does not judge the item).',
    }),
    body: z.string().nullable().optional().meta({
      description: 'The issue body; its form answers and checkboxes are read when form or checklist is absent.',
    }),
    form: z.record(z.string(), z.string()).optional().meta({ description: 'Issue-form answers by heading; "" for no answer.' }),
    checklist: z.array(z.strictObject({ text: z.string(), checked: z.boolean() })).optional(),
    fields: z.record(z.string(), fieldValue).default({}).meta({ description: 'Projects v2 field values by field name.' }),
    timeline: z.array(timelineEvent).optional().meta({
      description: 'The milestone and closing history, oldest first, for the execution report; without it an item counts by its milestone and state now.',
    }),
  })
  .transform(({ body, form, checklist, ...rest }): WorkItem => {
    const parsed = parseIssueBody(body ?? null);
    return { ...rest, form: form ?? parsed.form, checklist: checklist ?? parsed.checklist, fields: rest.fields as Record<string, FieldValue> };
  });

const snapshotSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'expected version: 1' }),
    source: z.strictObject({
      kind: z.enum(['repository', 'project', 'example'], { error: 'expected repository, project or example' }),
      name: z.string().min(1),
      commit: z.string().optional(),
    }),
    // A date alone means midnight UTC, as simulate's --at reads it.
    takenAt: z
      .union([moment, day.transform((date) => `${date}T00:00:00Z`)], { error: 'expected a date like 2026-11-03 or a date and time like 2026-11-03T09:00:00Z' })
      .meta({ description: 'When the snapshot was taken (a date alone is midnight UTC); simulate evaluates at this moment unless --at is given.' }),
    items: z.array(workItem).superRefine(eachIssueOnce),
    milestones: z.array(milestone).optional().meta({ description: "The repository's milestones: closed ones with a due date are the execution report's cycles." }),
  })
  .transform(({ $schema: _schema, ...snapshot }): Snapshot => snapshot);

/** Two entries for one issue would count its work twice. */
function eachIssueOnce(items: { number: number }[], ctx: z.RefinementCtx): void {
  const first = new Map<number, number>();
  items.forEach((item, index) => {
    const earlier = first.get(item.number);
    if (earlier === undefined) first.set(item.number, index);
    else ctx.addIssue({ code: 'custom', path: [index, 'number'], message: `issue #${item.number} is already items[${earlier}]; list each issue once` });
  });
}

/** Shown at most, so a wholly wrong file gives a readable answer. */
const MAX_PROBLEMS = 20;

export class SnapshotError extends Error {
  readonly problems: string[];

  constructor(
    readonly file: string,
    problems: SnapshotProblem[],
  ) {
    const lines = problems.slice(0, MAX_PROBLEMS).map((problem) => formatSnapshotProblem(file, problem));
    if (problems.length > MAX_PROBLEMS) lines.push(`…and ${problems.length - MAX_PROBLEMS} more problems`);
    super(`${file}: invalid snapshot\n${lines.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'SnapshotError';
    this.problems = lines;
  }
}

/** Parses a snapshot file's text; throws a SnapshotError placing every problem at its line, column, JSON path and issue. */
export function parseSnapshot(text: string, file: string): Snapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(file, [jsonSyntaxProblem(text, error)]);
  }
  const result = snapshotSchema.safeParse(json);
  if (result.success) return result.data;
  throw new SnapshotError(file, describeSnapshotIssues(result.error.issues, snapshotSchema, text, json));
}

/** The JSON Schema of the snapshot file as written on disk. */
export function snapshotJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(snapshotSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/roadmap-guard/roadmap-guard/blob/main/snapshot.schema.json',
    title: 'Roadmap Guard snapshot (planned work at a moment)',
  };
}
