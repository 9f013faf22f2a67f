/**
 * GitHub's issue-form syntax, as a check for the forms Roadmap Guard writes.
 *
 * No npm package ships SchemaStore's `github-issue-forms.json` (the
 * `@schemastore/github-issue-forms` package holds TypeScript types only), so
 * the rules are written here from GitHub's documentation:
 * - "Syntax for issue forms" (docs.github.com/en/communities/using-templates-to-encourage-useful-issues-and-pull-requests/syntax-for-issue-forms):
 *   top-level keys name, description (required), title, labels, assignees, projects, type, body (required);
 * - "Syntax for GitHub's form schema" (…/syntax-for-githubs-form-schema): element types markdown, input,
 *   textarea, dropdown, checkboxes; each one's attributes; `id` of letters, digits, - and _; `validations.required`;
 *   dropdown and checkboxes options non-empty and distinct;
 * - "Common validation errors when creating issue forms" (…/common-validation-errors-when-creating-issue-forms):
 *   strings must not be empty or blank, a body needs at least one non-markdown element, labels and ids must be
 *   unique in the form, and `None` is reserved as a dropdown option.
 * The element rules match those of SchemaStore's github-issue-forms.json; the uniqueness and reserved-word rules
 * are GitHub's own and go further.
 *
 * GitHub reads forms as YAML 1.1, where unquoted yes/no/on/off are booleans: the form is parsed with that
 * schema here, so an unquoted `Yes` option fails as it would on github.com ("must be a string").
 */
import { parse } from 'yaml';
import { z } from 'zod';

const text = z.string().refine((value) => value.trim().length > 0, 'must not be empty or blank');
const id = text.regex(/^[A-Za-z0-9_-]+$/, 'may use only letters, digits, - and _');
const validations = z.strictObject({ required: z.boolean().optional() }).optional();

const markdown = z.strictObject({ type: z.literal('markdown'), attributes: z.strictObject({ value: text }) });
const input = z.strictObject({
  type: z.literal('input'),
  id: id.optional(),
  attributes: z.strictObject({ label: text, description: z.string().optional(), placeholder: z.string().optional(), value: z.string().optional() }),
  validations,
});
const textarea = z.strictObject({
  type: z.literal('textarea'),
  id: id.optional(),
  attributes: z.strictObject({ label: text, description: z.string().optional(), placeholder: z.string().optional(), value: z.string().optional(), render: z.string().optional() }),
  validations,
});
const distinct = <T>(key: (item: T) => string) => (items: T[]) => new Set(items.map(key)).size === items.length;
const dropdown = z.strictObject({
  type: z.literal('dropdown'),
  id: id.optional(),
  attributes: z.strictObject({
    label: text,
    description: z.string().optional(),
    multiple: z.boolean().optional(),
    options: z
      .array(text.refine((option) => option !== 'None', '"None" is reserved'))
      .min(1)
      .refine(distinct((option: string) => option), 'options must be distinct'),
    default: z.number().int().min(0).optional(),
  }),
  validations,
});
const checkboxes = z.strictObject({
  type: z.literal('checkboxes'),
  id: id.optional(),
  attributes: z.strictObject({
    label: text,
    description: z.string().optional(),
    options: z
      .array(z.strictObject({ label: text, required: z.boolean().optional() }))
      .min(1)
      .refine(distinct((option: { label: string }) => option.label), 'options must be distinct'),
  }),
  validations,
});

const element = z.discriminatedUnion('type', [markdown, input, textarea, dropdown, checkboxes]);

const issueForm = z
  .strictObject({
    name: text,
    description: text,
    title: text.optional(),
    labels: z.union([z.array(text).min(1), text]).optional(),
    assignees: z.union([z.array(text).min(1), text]).optional(),
    projects: z.union([z.array(text).min(1), text]).optional(),
    type: text.optional(),
    body: z.array(element).min(1),
  })
  .superRefine((form, ctx) => {
    const fields = form.body.filter((item) => item.type !== 'markdown');
    if (fields.length === 0) ctx.addIssue({ code: 'custom', path: ['body'], message: 'body must contain at least one non-markdown field' });
    const labels = fields.map((item) => item.attributes.label);
    if (!distinct((label: string) => label)(labels)) ctx.addIssue({ code: 'custom', path: ['body'], message: 'labels must be unique' });
    const ids = fields.flatMap((item) => (item.id ? [item.id] : []));
    if (!distinct((value: string) => value)(ids)) ctx.addIssue({ code: 'custom', path: ['body'], message: 'ids must be unique' });
  });

/** What GitHub would refuse in this issue form, as `path: message` lines; [] when it accepts it. */
export function issueFormProblems(yaml: string): string[] {
  const data: unknown = parse(yaml, { version: '1.1' });
  const result = issueForm.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
