/**
 * The policy file, `.github/roadmap-policy.yml`: the single source of truth for
 * its shape. The JSON Schema users' editors read is generated from this file,
 * the `Policy` type the engine reads is inferred from it, and defaults are
 * applied here and nowhere else.
 */
import { z } from 'zod';
import { FINDING_KINDS } from '../core/finding-kinds.js';
import { parseShare } from '../core/share.js';

const text = (what: string) =>
  z.string({ error: `expected ${what} as text` }).trim().min(1, { error: `${what} must not be empty` });

/** A label name or a glob on label names: `customer:*`, `size/?`. */
const labelGlob = text('a label name or glob').refine((glob) => !/[[\]{}]/.test(glob), {
  error: 'only * and ? are supported in label globs (no [], {})',
});

const share = z
  .union([z.string(), z.number()], { error: 'expected a share like 10% or 0.1' })
  .transform((value, ctx) => {
    const parsed = parseShare(value);
    if (!parsed) {
      const over = typeof value === 'number' ? value > 1 : /^\d+(\.\d+)?\s*%$/.test(String(value).trim());
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: over
          ? `a share cannot exceed 100%, got ${JSON.stringify(value)}`
          : `expected a share like 10% or 0.1, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({
    description: 'A share of planned capacity: a percentage such as "10%" or a fraction such as 0.1.',
    examples: ['10%', 0.1],
  });

const size = z.number({ error: 'expected a size as a number' }).min(0, { error: 'a size cannot be negative' });

/** `owner/repo:path` or `owner/repo:path@ref`. */
const extendsRef = z
  .string({ error: 'expected a policy to extend, like acme/.github:roadmap-policy.yml' })
  .regex(/^[\w.-]+\/[\w.-]+:[^@\s]+(@[^\s]+)?$/, {
    error: 'expected owner/repo:path[@ref], like acme/.github:roadmap-policy.yml',
  });

const project = z
  .strictObject({
    owner: text('the project owner (user or organization)'),
    number: z.number().int().positive({ error: 'expected the project number from its URL' }),
    'iteration-field': text('an iteration field name').optional(),
  })
  .meta({ description: 'A Projects v2 board that holds sizes, fields and the current iteration.' });

const work = z
  .strictObject({
    include: z
      .enum(['open', 'iteration'], { error: 'expected open or iteration' })
      .default('open')
      .meta({ description: 'open: every open item. iteration: every item of the current project iteration, open or closed.' }),
    'exclude-labels': z.array(labelGlob).default([]).meta({ description: 'Items with any of these labels are not planned work.' }),
    project: project.optional(),
    size: z
      .strictObject({
        field: text('a field name').optional().meta({ description: 'Project number field or issue-form heading holding the size.' }),
        labels: z.record(z.string(), size).optional().meta({ description: 'Size per label, e.g. { "size/S": 1 }.' }),
        default: size.optional().meta({ description: 'Size of work with no estimate.' }),
      })
      .optional(),
    unit: z.enum(['points', 'issues'], { error: 'expected points or issues' }).default('points'),
  })
  .meta({ description: 'What counts as planned work, and how big each item is.' });

const category = z
  .strictObject({
    match: z
      .strictObject({
        labels: z.array(labelGlob).optional().meta({ description: 'Globs on label names; any match puts the item here.' }),
        fields: z
          .record(z.string(), z.union([z.string(), z.number()]).transform(String))
          .optional()
          .meta({ description: 'Issue-form or project field equal to this value.' }),
      })
      .meta({ description: 'An item belongs here when any label glob matches or any field condition holds.' }),
    budget: z
      .strictObject({
        'max-share': share.optional(),
        'min-share': share.optional(),
      })
      .optional(),
    'per-customer': z.strictObject({ 'max-share': share }).optional().meta({
      description: "No single customer may take more than this share of the category's capacity.",
    }),
  })
  .superRefine((value, ctx) => {
    const max = value.budget?.['max-share'];
    const min = value.budget?.['min-share'];
    if (max && min && min.numerator * max.denominator > max.numerator * min.denominator) {
      ctx.addIssue({ code: 'custom', path: ['budget', 'min-share'], message: `min-share ${min.text} is above max-share ${max.text}` });
    }
  });

const categoryName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, { error: 'category names use letters, digits, - and _' })
  .refine((name) => name !== 'other', { error: '"other" is the name for unmatched work; choose another category name' });

const businessCaseField = z.strictObject({
  heading: text('the issue-form heading'),
  'min-words': z.number().int().positive().optional().meta({ description: 'The answer needs at least this many words.' }),
  'one-of': z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1).optional(),
  'fail-on': z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1).optional().meta({
    description: 'Answers that fail the business case (finding not-without-customer).',
  }),
  message: text('a message').optional().meta({ description: 'Shown with the finding, to explain why the field matters.' }),
  type: z.enum(['text', 'date'], { error: 'expected text or date' }).default('text'),
  required: z.boolean().default(true),
}).superRefine((field, ctx) => {
  const options = new Set((field['one-of'] ?? []).map((o) => o.trim().toLowerCase()));
  for (const [index, answer] of (field['fail-on'] ?? []).entries()) {
    if (field['one-of'] && !options.has(answer.trim().toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['fail-on', index], message: `"${answer}" is not one of the allowed answers (${field['one-of'].join(', ')})` });
    }
  }
});

const forbiddenLabel = z.union(
  [
    labelGlob.transform((name) => ({ name, message: undefined as string | undefined })),
    z.strictObject({ name: labelGlob, message: text('a message').optional() }),
  ],
  { error: 'expected a label name or { name, message }' },
);

const approver = text('a GitHub login or @org/team').regex(/^@?[\w.-]+(\/[\w.-]+)?$/, {
  error: 'expected a GitHub login like alice or a team like @acme/product-leads',
});

export const policyFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'expected version: 1' }),
    extends: extendsRef.optional().meta({ description: 'Inherit an organization-wide policy; keys in this file override it.' }),
    work: work.optional(),
    categories: z.record(categoryName, category).optional().meta({ description: 'Kinds of work; first match wins, unmatched work is "other".' }),
    customer: z
      .strictObject({
        labels: z.union([labelGlob, z.array(labelGlob)]).optional().meta({ description: 'customer:* turns customer:acme into "acme".' }),
        field: text('a field name').optional(),
      })
      .optional(),
    'business-case': z
      .strictObject({
        'applies-to': z.array(text('a category name')).default([]),
        fields: z.array(businessCaseField).default([]),
        checklist: z.array(text('a checklist item')).default([]).meta({ description: 'Items that must be ticked: "- [x] GTM review".' }),
      })
      .optional(),
    'forbidden-labels': z.array(forbiddenLabel).optional(),
    bets: z.strictObject({ 'review-field': text('a field name') }).optional(),
    backlog: z.strictObject({ 'max-age-days': z.number().int().positive() }).optional(),
    exemptions: z
      .strictObject({
        label: text('a label name'),
        approvers: z.array(approver).default([]),
        'max-open': z.number().int().min(0).optional(),
      })
      .optional(),
    enforcement: z
      .strictObject({
        'fail-on': z.array(z.enum(FINDING_KINDS)).default(['over-budget', 'forbidden-label']),
        comment: z.boolean().default(true),
        labels: z
          .strictObject({
            'non-compliant': text('a label name').optional(),
            'over-budget': text('a label name').optional(),
          })
          .default({}),
      })
      .optional(),
  })
  .superRefine((policy, ctx) => {
    const names = new Set(Object.keys(policy.categories ?? {}));
    for (const [index, name] of (policy['business-case']?.['applies-to'] ?? []).entries()) {
      if (!names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['business-case', 'applies-to', index],
          message: `no category named "${name}"${names.size ? ` (categories: ${[...names].join(', ')})` : ''}`,
        });
      }
    }
  });

/** The policy as the user wrote it (before defaults). */
export type PolicyFile = z.input<typeof policyFileSchema>;
/** The policy after validation and defaults. */
export type ParsedPolicyFile = z.output<typeof policyFileSchema>;

/** The normalized policy the engine reads: every section present, defaults applied. */
export function normalizePolicy(file: ParsedPolicyFile) {
  const enforcement = file.enforcement ?? { 'fail-on': ['over-budget', 'forbidden-label'] as const, comment: true, labels: {} };
  return {
    version: 1 as const,
    work: {
      include: file.work?.include ?? 'open',
      excludeLabels: file.work?.['exclude-labels'] ?? [],
      project: file.work?.project
        ? { owner: file.work.project.owner, number: file.work.project.number, iterationField: file.work.project['iteration-field'] }
        : undefined,
      size: {
        field: file.work?.size?.field,
        labels: file.work?.size?.labels ?? {},
        default: file.work?.size?.default,
      },
      unit: file.work?.unit ?? 'points',
    },
    categories: Object.entries(file.categories ?? {}).map(([name, c]) => ({
      name,
      match: { labels: c.match.labels ?? [], fields: c.match.fields ?? {} },
      maxShare: c.budget?.['max-share'],
      minShare: c.budget?.['min-share'],
      perCustomerMaxShare: c['per-customer']?.['max-share'],
    })),
    customer: {
      labels: toArray(file.customer?.labels),
      field: file.customer?.field,
    },
    businessCase: {
      appliesTo: file['business-case']?.['applies-to'] ?? [],
      fields: (file['business-case']?.fields ?? []).map((f) => ({
        heading: f.heading,
        minWords: f['min-words'],
        oneOf: f['one-of'],
        failOn: f['fail-on'],
        message: f.message,
        type: f.type,
        required: f.required,
      })),
      checklist: file['business-case']?.checklist ?? [],
    },
    forbiddenLabels: file['forbidden-labels'] ?? [],
    bets: { reviewField: file.bets?.['review-field'] },
    backlog: { maxAgeDays: file.backlog?.['max-age-days'] },
    exemptions: file.exemptions
      ? { label: file.exemptions.label, approvers: file.exemptions.approvers, maxOpen: file.exemptions['max-open'] }
      : undefined,
    enforcement: {
      failOn: [...enforcement['fail-on']],
      comment: enforcement.comment,
      labels: { nonCompliant: enforcement.labels['non-compliant'], overBudget: enforcement.labels['over-budget'] },
    },
  };
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export type Policy = ReturnType<typeof normalizePolicy>;
export type CategoryRule = Policy['categories'][number];
export type BusinessCaseField = Policy['businessCase']['fields'][number];

/** Parses an already-loaded object (no file positions): for tests and the engine's callers. */
export function parsePolicy(input: unknown): Policy {
  return normalizePolicy(policyFileSchema.parse(input));
}
