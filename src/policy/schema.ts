/**
 * The policy file, `.github/roadmap-policy.yml`: the single source of truth for
 * its shape. The JSON Schema users' editors read is generated from this file,
 * and defaults are applied here and nowhere else; normalize.ts turns what it
 * parses into the engine's `Policy` (src/core/policy.ts).
 *
 * Messages are written for the person editing the file: they say what was
 * expected and what was found (`expected a share like 10% or 0.1, got "ten percent"`).
 * Positions and key paths are added by the loader.
 */
import { z } from 'zod';
import { DEFAULT_FAIL_ON, FINDING_KINDS } from '../core/finding-kinds.js';
import { parseShare, type Share } from '../core/share.js';
import { describeValue } from './describe-value.js';
import { extendsPartsProblem } from './extends-ref.js';
import { normalizeAnswer } from '../core/classify.js';
import { isMapping } from './merge.js';
import { wholePolicyChecks } from './cross-checks.js';
import { MAX_EXECUTION_MONTHS } from '../core/execution.js';

/**
 * Cross-key checks run even when other keys of the same mapping are wrong, so
 * every problem is reported at once; they only need the value to be a mapping.
 */
const whenMapping = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
};

/** An error message that ends with what the file actually holds. */
const expected = (what: string) => (issue: { input?: unknown }) => `expected ${what}, got ${describeValue(issue.input)}`;

const text = (what: string) =>
  z
    .string({ error: expected(what) })
    .trim()
    .min(1, { error: `expected ${what}, got an empty text` });

/** GitHub refuses a label name longer than this (422 "name is too long (maximum is 50 characters)"). */
const GITHUB_LABEL_NAME_LIMIT = 50;

/** A label the bot creates and puts on issues: it must be one GitHub accepts, or every run would fail on the write. */
const managedLabel = () =>
  text('a label name').refine((name) => Array.from(name).length <= GITHUB_LABEL_NAME_LIMIT, {
    error: (issue) => `GitHub allows label names of at most ${GITHUB_LABEL_NAME_LIMIT} characters; this one has ${Array.from(String(issue.input)).length}`,
  });

const wholeNumber = (what: string, minimum: number) =>
  z
    .number({ error: expected(what) })
    .int({ error: expected(what) })
    .min(minimum, { error: expected(what) });

/** Answers in the issue form may be written unquoted in YAML (`Yes`, `3`, `true`): all compare as text. */
const answer = z.union([z.string(), z.number(), z.boolean()], { error: expected('an answer as text') }).transform(String);

/** A label name or a glob on label names: `customer:*`, `size/?`. */
export const labelGlob = text('a label name or glob')
  .refine((glob) => !/[[\]{}]|\*\*|^!/.test(glob), {
    error: (issue) => `only * and ? are supported in label globs (no [], {}, ** or leading !), got ${describeValue(issue.input)}`,
  })
  .meta({ description: 'A label name, or a glob where * matches any run of characters and ? one character.', examples: ['deal', 'customer:*'] });

/** The same rule as above, for editors reading the JSON Schema. */
export const LABEL_GLOB_PATTERN = '^(?!!)(?!.*\\*\\*)[^\\[\\]{}]*\\S[^\\[\\]{}]*$';

/** What a share may be written as, before it is read: for editors, the JSON Schema narrows this (see json-schema.ts). */
export const shareInput = z.union([z.string(), z.number()], { error: expected('a share like 10% or 0.1') });

const share = shareInput
  .transform((value, ctx): Share => {
    // A bare 1 is 100%, as in 1.0; it draws a warning (see policyWarnings).
    const parsed = parseShare(value);
    if (!parsed) {
      ctx.issues.push({ code: 'custom', input: value, message: shareMessage(value) });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({
    description: 'A share of planned capacity: a percentage such as "10%" (at most 100%) or a fraction such as 0.1. A bare 1 reads as 100% and draws a warning: write 1% or 100%.',
    examples: ['10%', 0.1],
  });

function shareMessage(value: string | number): string {
  const raw = String(value).trim();
  if (raw.startsWith('-')) return `a share cannot be negative, got ${describeValue(value)}`;
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(raw);
  const overFull = percent ? Number(percent[1]) > 100 : /^\d+(\.\d+)?$/.test(raw) && Number(raw) > 1;
  if (overFull) return `a share cannot exceed 100%, got ${describeValue(value)}${percent ? '' : ` (write ${raw}% or ${Number(raw) / 100} for a percentage)`}`;
  return `expected a share like 10% or 0.1, got ${describeValue(value)}`;
}

const size = z
  .number({ error: expected('a size as a number') })
  .min(0, { error: (issue) => `a size cannot be negative, got ${describeValue(issue.input)}` });

/** `owner/repo:path` or `owner/repo:path@ref`. */
export const EXTENDS_PATTERN = /^[\w.-]+\/[\w.-]+:[^@\s:]+(@[^\s@]+)?$/;

const extendsRef = z
  .string({ error: expected('a policy to extend, like acme/.github:roadmap-policy.yml') })
  .regex(EXTENDS_PATTERN, { error: expected('owner/repo:path or owner/repo:path@ref, like acme/.github:roadmap-policy.yml') })
  .superRefine((target, ctx) => {
    const problem = EXTENDS_PATTERN.test(target) ? extendsPartsProblem(target) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    description:
      'Inherit another repository\'s policy, written owner/repo:path[@ref] (default branch when no @ref). Keys in this file override it; maps merge key by key, lists are replaced.',
    examples: ['acme/.github:roadmap-policy.yml', 'acme/.github:policies/roadmap.yml@v2'],
  });

const project = z
  .strictObject({
    owner: text('the project owner (a user or organization login)').meta({ description: 'The user or organization that owns the board.', examples: ['acme'] }),
    number: wholeNumber('the project number from its URL (a whole number above 0)', 1).meta({
      description: 'The number in the board URL: github.com/orgs/acme/projects/7 is 7.',
      examples: [7],
    }),
    'iteration-field': text('an iteration field name').optional().meta({
      description: 'The iteration field that defines the current iteration (used with work.include: iteration).',
      examples: ['Sprint'],
    }),
  })
  .optional()
  .meta({ description: 'A Projects v2 board that holds sizes, fields and the current iteration. Reading it needs the project-token input.' });

const work = z
  .strictObject({
    include: z
      .enum(['open', 'iteration'], { error: expected('open or iteration') })
      .default('open')
      .meta({ description: 'open: every open item. iteration: every item of the current project iteration, open or closed.' }),
    'exclude-labels': z
      .array(labelGlob, { error: expected('a list of labels') })
      .default([])
      .meta({ description: 'Items with any of these labels are not planned work (bugs, chores).', examples: [['bug', 'chore']] }),
    project,
    size: z
      .strictObject({
        field: text('a field name').optional().meta({
          description: 'The project number field or issue-form heading that holds the size.',
          examples: ['Estimate'],
        }),
        labels: z
          .record(z.string(), size, { error: expected('a mapping of label to size, like { "size/S": 1 }') })
          .optional()
          .meta({ description: 'Size per label, used when the field is empty.', examples: [{ 'size/S': 1, 'size/M': 3, 'size/L': 8 }] }),
        default: size.optional().meta({ description: 'The size of work with no estimate (finding missing-size). Without it, such work counts 1.' }),
      })
      .optional()
      .meta({ description: 'How big each item is.' }),
    unit: z
      .enum(['points', 'issues'], { error: expected('points or issues') })
      .default('points')
      .meta({ description: 'points: shares are computed from sizes. issues: every item counts 1.' }),
  })
  // An absent section still gets its defaults, here and nowhere else.
  .prefault({})
  .meta({ description: 'What counts as planned work, and how big each item is.' });

const caseFieldShape = {
  heading: text('the issue-form heading').meta({ description: 'The heading as it appears in the issue body ("### Who will buy it?").', examples: ['Who will buy it?'] }),
  'min-words': wholeNumber('a whole number of words above 0', 1).optional().meta({ description: 'The answer needs at least this many words.', examples: [3] }),
  'one-of': z.array(answer, { error: expected('a list of answers') }).min(1, { error: 'list at least one answer' }).optional().meta({
    description: 'The answer must be one of these (compared without case).',
    examples: [['New customers', 'Expansion', 'Both']],
  }),
  'fail-on': z.array(answer, { error: expected('a list of answers') }).min(1, { error: 'list at least one answer' }).optional().meta({
    description: 'Answers that fail the business case (finding not-without-customer).',
    examples: [['No']],
  }),
  message: text('a message').optional().meta({ description: 'Shown with the finding, to explain why the field matters.' }),
  type: z.enum(['text', 'date'], { error: expected('text or date') }).default('text').meta({ description: 'date: the answer must be a date like 2026-03-31.' }),
  required: z.boolean({ error: expected('true or false') }).default(true).meta({ description: 'false: an empty answer is fine, a wrong one is still flagged.' }),
};

/** Every `fail-on` answer must be one the field allows, compared the way the engine compares answers. */
function failOnWithinOneOf(field: { 'one-of'?: unknown; 'fail-on'?: unknown }, ctx: z.RefinementCtx): void {
  const oneOf = field['one-of'];
  if (!Array.isArray(oneOf) || !Array.isArray(field['fail-on'])) return;
  const options = new Set(oneOf.map((option) => normalizeAnswer(String(option))));
  field['fail-on'].forEach((answer, index) => {
    if (!options.has(normalizeAnswer(String(answer)))) {
      ctx.addIssue({ code: 'custom', path: ['fail-on', index], message: `"${answer}" is not one of the allowed answers (${oneOf.join(', ')})` });
    }
  });
}

const categoryNames = z.array(text('a category name'), { error: expected('a list of category names') });

/** A field of the shared business case: it applies to `business-case.applies-to`, or to the categories it names. */
const businessCaseField = z
  .strictObject(
    {
      ...caseFieldShape,
      'applies-to': categoryNames.min(1, { error: 'name at least one category, or leave applies-to out' }).optional().meta({
        description: "The categories this field is asked of, instead of business-case.applies-to: a bet's investment cap for deal and bet, not for feature.",
        examples: [['deal', 'bet']],
      }),
    },
    { error: expected('a field like { heading: Who will buy it? }') },
  )
  .superRefine(failOnWithinOneOf, whenMapping)
  .meta({ description: 'An issue-form answer every business case must give.' });

/** A field of one category's own business case. */
const categoryCaseField = z
  .strictObject(caseFieldShape, { error: expected('a field like { heading: Who will buy it? }') })
  .superRefine(failOnWithinOneOf, whenMapping)
  .meta({ description: "An issue-form answer this category's business case must give." });

const checklist = z.array(text('a checklist item'), { error: expected('a list of checklist items') }).default([]);

const categoryCase = z
  .strictObject({
    fields: z.array(categoryCaseField, { error: expected('a list of fields') }).default([]).meta({
      description: "Issue-form answers this category's items must give, besides the shared business-case fields that apply to it.",
    }),
    checklist: checklist.meta({ description: 'Checklist items this category\'s items must have ticked, besides the shared checklist.', examples: [['Technical review']] }),
  })
  .optional()
  .meta({ description: "This category's own business case: the questions a request of this kind must answer (a bet: its cap, its metric, when we walk away)." });

/**
 * Two caps, named by what they are a share of: 50% of deal work is 5% of all
 * planned work only while deal work is exactly 10% of it.
 */
const perCustomer = z
  .strictObject({
    'max-share-of-category': share.optional().meta({
      description: "The largest share of this category's work any one customer may take: 50% of deal work.",
      examples: ['50%'],
    }),
    'max-share-of-planned-work': share.optional().meta({
      description: 'The largest share of all planned work any one customer may take through this category: no customer over 5% of capacity.',
      examples: ['5%'],
    }),
    'max-share': share.optional().meta({
      description: 'The older spelling of max-share-of-category: a share of this category, not of all planned work. Prefer max-share-of-category, which says so.',
      deprecated: true,
      examples: ['50%'],
    }),
  })
  .superRefine(
    (caps, ctx) => {
      if (caps['max-share'] !== undefined && caps['max-share-of-category'] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['max-share'], message: 'max-share is the older spelling of max-share-of-category; keep only max-share-of-category' });
      }
    },
    whenMapping,
  )
  .optional()
  .meta({ description: 'Keeps one customer from taking the whole category, or too much of all planned work (finding customer-over-share).' });

const category = z
  .strictObject(
    {
    match: z
      .strictObject({
        labels: z.array(labelGlob, { error: expected('a list of labels or globs') }).optional().meta({
          description: 'Globs on label names; any match puts the item in this category.',
          examples: [['deal', 'customer:*']],
        }),
        fields: z
          .record(z.string(), answer, { error: expected('a mapping of field name to value') })
          .optional()
          .meta({ description: 'Issue-form or project fields and the value that puts an item here.', examples: [{ 'Work type': 'Customer commitment' }] }),
      })
      .meta({ description: 'An item belongs to the category when any label glob matches or any field condition holds.' }),
    budget: z
      .strictObject({
        'max-share': share.optional().meta({ description: 'At most this share of planned work (finding over-budget).', examples: ['10%'] }),
        'min-share': share.optional().meta({ description: 'At least this share of planned work (finding under-min-share).', examples: ['60%'] }),
      })
      .optional()
      .meta({ description: "The category's share of planned work, by size." }),
    'per-customer': perCustomer,
    'business-case': categoryCase,
    },
    { error: expected("the category's rule, like { match: { labels: [deal] } }") },
  )
  .superRefine(
    (value, ctx) => {
      const budget: unknown = value.budget;
      if (typeof budget !== 'object' || budget === null) return;
      const { 'max-share': max, 'min-share': min } = budget as { 'max-share'?: unknown; 'min-share'?: unknown };
      if (isShare(max) && isShare(min) && min.numerator * max.denominator > max.numerator * min.denominator) {
        ctx.addIssue({ code: 'custom', path: ['budget', 'min-share'], message: `min-share ${min.text} is above max-share ${max.text}; no amount of work can meet both` });
      }
    },
    whenMapping,
  )
  .meta({ description: 'A kind of work: which items belong to it and how much capacity it may take.' });

function isShare(value: unknown): value is Share {
  return typeof value === 'object' && value !== null && 'numerator' in value;
}

const categoryName = z
  .string()
  // Letters of any script (a team may name its categories in Arabic or Japanese), with their combining marks.
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u, { error: (issue) => `category names use letters, digits, - and _, got ${describeValue(issue.input)}` })
  .refine((name) => name !== 'other', { error: '"other" is the name for unmatched work; choose another category name' });

const forbiddenLabel = z
  .union([labelGlob, z.strictObject({ name: labelGlob, message: text('a message').optional().meta({ description: 'Why the label is forbidden and what to do instead.' }) })], {
    error: expected('a label name or { name, message }'),
  })
  .transform((entry) => (typeof entry === 'string' ? { name: entry, message: undefined as string | undefined } : entry))
  .meta({ description: 'A label (or glob) no planned item may carry (finding forbidden-label).' });

/** Archived work was not delivered, so it is never closed as completed: that would count it in the delivered trend. */
const closeReason = z
  .literal('not-planned', {
    error: (issue) =>
      issue.input === 'completed'
        ? 'archived work was not delivered, so it cannot be closed as completed; use not-planned'
        : `expected not-planned, got ${describeValue(issue.input)}`,
  })
  .default('not-planned')
  .meta({ description: 'How archived items are closed: not-planned (the only reason allowed; completed is refused because archived work was not delivered).' });

// A bot (an app's login ends in [bot]) is an approver only when listed by its login.
const approver = text('a GitHub login or @org/team').regex(/^(@?[\w.-]+(\/[\w.-]+)?|[\w.-]+\[bot\])$/, {
  error: expected('a GitHub login like alice or a team like @acme/product-leads'),
});

/**
 * The policy file's keys and the checks within them. A file that extends
 * another is checked with this alone when the other was not read: its
 * categories may come from there.
 */
export const policyFileShape = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file, for editors. Ignored by Roadmap Guard.' }),
    version: z.literal(1, { error: expected('version: 1') }).meta({ description: 'The policy format version. Always 1.' }),
    extends: extendsRef.optional(),
    work,
    categories: z
      .record(categoryName, category, { error: expected('a mapping of category name to its rule') })
      .optional()
      .meta({ description: 'Kinds of work, checked in order: the first category that matches an item wins; unmatched work is "other".' }),
    customer: z
      .strictObject({
        labels: z.union([labelGlob, z.array(labelGlob)], { error: expected('a label glob or a list of them') }).optional().meta({
          description: 'Labels that name the customer; the part matched by * is the name (customer:acme is "acme").',
          examples: ['customer:*'],
        }),
        field: text('a field name').optional().meta({ description: 'An issue-form or project field holding the customer name.', examples: ['Customer'] }),
      })
      .optional()
      .meta({ description: 'How the customer behind an item is named.' }),
    'business-case': z
      .strictObject({
        'applies-to': categoryNames.default([]).meta({
          description: 'Categories whose items must carry the shared business case: the fields without an applies-to of their own, and the checklist.',
          examples: [['deal']],
        }),
        fields: z.array(businessCaseField, { error: expected('a list of fields') }).default([]).meta({ description: 'Issue-form answers that must be present (findings missing-field, invalid-field).' }),
        checklist: checklist.meta({
          description: 'Checklist items that must be ticked in the issue body, "- [x] GTM review" (finding unchecked-review).',
          examples: [['GTM review', 'Technical review']],
        }),
        'require-assignee': z.boolean({ error: expected('true or false') }).default(false).meta({
          description: 'true: an open request of a category that has a business case (through applies-to, or its own business-case) must have an assignee, someone who answers for it (finding missing-owner).',
        }),
      })
      .prefault({})
      .meta({ description: 'What a request in a budgeted category must say before it is planned.' }),
    'forbidden-labels': z.array(forbiddenLabel, { error: expected('a list of labels') }).optional().meta({ description: 'Labels that mark one-off work.' }),
    bets: z
      .strictObject({
        'review-field': text('a field name').optional().meta({ description: 'The field holding the review date (finding bet-overdue once it has passed).', examples: ['Review by'] }),
        'applies-to': categoryNames.optional().meta({
          description: "Categories whose items are bets, judged by an outcome once delivered. Default: business-case.applies-to.",
          examples: [['deal']],
        }),
        'outcome-due-days': wholeNumber('a whole number of days above 0', 1).optional().meta({
          description:
            'Days after a bet is closed as completed, or after its review date, by which `/roadmap outcome` should say how it went (finding outcome-missing).',
          examples: [90],
        }),
      })
      .optional()
      .meta({ description: 'Deal work as a bet: reviewed by its date, and judged by its outcome once delivered.' }),
    backlog: z
      .strictObject({
        'max-age-days': wholeNumber('a whole number of days above 0', 1).meta({ description: 'Open items no person touched for longer are flagged (finding stale-backlog).', examples: [365] }),
        archive: z.boolean({ error: expected('true or false') }).default(false).meta({
          description: 'true: audits warn on stale items (finding archive-pending) and close them as not planned after grace-days unless someone touches them. false: stale items are only flagged.',
        }),
        'grace-days': wholeNumber('a whole number of days above 0', 1).default(14).meta({
          description: 'Days between the warning in the bot comment and archiving; a comment, edit, label or reopen by a person in between cancels it.',
          examples: [14],
        }),
        'keep-labels': z.array(labelGlob, { error: expected('a list of labels') }).default([]).meta({
          description: 'Items with any of these labels are never archived (they are still flagged when stale).',
          examples: [['pinned', 'security']],
        }),
        'close-reason': closeReason,
      })
      .optional()
      .meta({ description: 'Old backlog items: flagged, and archived when archive is true.' }),
    exemptions: z
      .strictObject({
        label: text('a label name').meta({ description: 'The label that marks an approved exception.', examples: ['roadmap-exempt'] }),
        approvers: z.array(approver, { error: expected('a list of logins or teams') }).default([]).meta({
          description: 'Who may grant an exception: logins or @org/team. Empty: anyone who can label.',
          examples: [['alice', '@acme/product-leads']],
        }),
        'max-open': wholeNumber('a whole number, 0 or more', 0).optional().meta({ description: 'At most this many open exceptions (finding exemptions-over-limit); `/roadmap exempt` refuses more.', examples: [2] }),
        'expires-after-days': wholeNumber('a whole number of days above 0', 1).optional().meta({
          description: 'An exception granted with `/roadmap exempt` lapses after this many days: audits remove the label and say so.',
          examples: [90],
        }),
      })
      .optional()
      .meta({ description: 'Deliberate, approved exceptions to the policy.' }),
    enforcement: z
      .strictObject({
        'fail-on': z.array(z.enum(FINDING_KINDS), { error: expected('a list of finding kinds') }).default([...DEFAULT_FAIL_ON]).meta({
          description: 'Finding kinds that fail the check; the others are warnings.',
        }),
        comment: z.boolean({ error: expected('true or false') }).default(true).meta({ description: 'Comment on issues with findings (one comment, edited in place).' }),
        labels: z
          .strictObject({
            'non-compliant': managedLabel().optional().meta({ description: 'Put on an item while it has item-level findings.', examples: ['roadmap: needs business case'] }),
            'over-budget': managedLabel().optional().meta({ description: "Put on an item while its category or customer is over budget.", examples: ['roadmap: over budget'] }),
            'outcome-hit': managedLabel().default('roadmap: outcome hit').meta({ description: 'Put on a bet by `/roadmap outcome hit`.' }),
            'outcome-missed': managedLabel().default('roadmap: outcome missed').meta({ description: 'Put on a bet by `/roadmap outcome missed`.' }),
            'outcome-walked-away': managedLabel().default('roadmap: outcome walked away').meta({ description: 'Put on a bet by `/roadmap outcome walked-away`.' }),
          })
          .prefault({})
          .superRefine(
            (labels, ctx) => {
              const [nonCompliant, overBudget] = [labels['non-compliant'], labels['over-budget']];
              // One label cannot mean two things: the bot would add it for one reason and remove it for the other.
              if (typeof nonCompliant === 'string' && typeof overBudget === 'string' && nonCompliant.trim().toLowerCase() === overBudget.trim().toLowerCase()) {
                ctx.addIssue({ code: 'custom', path: ['over-budget'], message: `use a label other than the non-compliant one ("${nonCompliant}"): the bot adds and removes each for its own reason` });
              }
            },
            whenMapping,
          )
          .meta({ description: 'Labels the bot keeps in sync; leave one out to not label.' }),
      })
      .prefault({})
      .meta({ description: 'What happens when the policy is not met.' }),
    'pull-requests': z
      .strictObject({
        'require-linked-issue': z.boolean({ error: expected('true or false') }).default(false).meta({
          description: 'true: the merge gate fails a pull request that closes no issue, so every change is tied to planned work. false: it passes with a notice.',
        }),
        'keywords-on-other-bases': z.boolean({ error: expected('true or false') }).default(false).meta({
          description:
            'true: for a pull request into another branch than the default one, where GitHub ignores closing keywords, the merge gate reads "Closes #12" from its description itself. false: only issues linked under Development count there.',
        }),
      })
      .prefault({})
      .meta({ description: 'The merge gate on pull requests.' }),
    execution: z
      .strictObject({
        cycles: z.enum(['milestones', 'off'], { error: expected('milestones or off') }).default('milestones').meta({
          description: 'milestones: each closed milestone with a due date is a cycle of the execution report. off: no execution report. (Board iterations are not yet supported.)',
        }),
        months: wholeNumber(`a whole number of months from 1 to ${MAX_EXECUTION_MONTHS}`, 1).max(MAX_EXECUTION_MONTHS, { error: expected(`a whole number of months from 1 to ${MAX_EXECUTION_MONTHS}`) }).default(6).meta({
          description: 'Cycles due in the last this many calendar months, the current one included.',
          examples: [6],
        }),
      })
      .prefault({})
      .meta({ description: 'The execution report in audits: committed, added, delivered on time, say/do per cycle.' }),
  })
  .superRefine(
    (policy, ctx) => {
      const backlog: unknown = policy.backlog;
      const enforcement: unknown = policy.enforcement;
      if (isMapping(backlog) && backlog.archive === true && isMapping(enforcement) && enforcement.comment === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['backlog', 'archive'],
          message: 'archiving needs enforcement.comment: true: the warning, and the date it was given, live in the bot comment',
        });
      }
    },
    whenMapping,
  );

/**
 * The policy file with every check that refuses it: the shape above, and the
 * category names `applies-to` gives. The other checks across the whole policy
 * warn (policyWarnings in cross-checks.ts): within v1 a policy 1.0 accepted stays valid.
 */
export const policyFileSchema = policyFileShape.superRefine((policy, ctx) => wholePolicyChecks(policy, ctx), whenMapping);

/** The policy after validation and defaults. */
export type ParsedPolicyFile = z.output<typeof policyFileSchema>;
