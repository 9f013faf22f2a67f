/**
 * The policy file as parsed (YAML's kebab-case keys, defaults applied) →
 * the engine's `Policy` (src/core/policy.ts). One small step per section, so
 * a new key is added in one visible place; the return types make the
 * compiler check every section against the engine's type.
 */
import { normalizeHeading } from '../core/issue-form.js';
import type { BacklogRule, BetsRule, BusinessCaseField, BusinessCaseRule, CategoryCase, CategoryRule, Enforcement, ExemptionsRule, Policy, WorkRule } from '../core/policy.js';
import { policyFileSchema, type ParsedPolicyFile } from './schema.js';

/** The normalized policy the engine reads: every section present, defaults applied. */
export function normalizePolicy(file: ParsedPolicyFile): Policy {
  const businessCase = businessCaseRule(file);
  return {
    version: 1,
    work: workRule(file.work),
    categories: Object.entries(file.categories ?? {}).map(([name, category]) => categoryRule(name, category)),
    customer: { labels: toArray(file.customer?.labels), field: file.customer?.field },
    businessCase,
    forbiddenLabels: file['forbidden-labels'] ?? [],
    bets: betsRule(file.bets, businessCase.appliesTo),
    backlog: backlogRule(file.backlog),
    exemptions: exemptionsRule(file.exemptions),
    enforcement: enforcement(file.enforcement),
    pullRequests: { requireLinkedIssue: file['pull-requests']['require-linked-issue'], keywordsOnOtherBases: file['pull-requests']['keywords-on-other-bases'] },
    execution: { cycles: file.execution.cycles, months: file.execution.months },
  };
}

/** Parses an already-loaded object (no file positions): for tests and the engine's callers. */
export function parsePolicy(input: unknown): Policy {
  return normalizePolicy(policyFileSchema.parse(input));
}

function workRule(work: ParsedPolicyFile['work']): WorkRule {
  const { project, size } = work;
  return {
    include: work.include,
    excludeLabels: work['exclude-labels'],
    project: project ? { owner: project.owner, number: project.number, iterationField: project['iteration-field'] } : undefined,
    size: { field: size?.field, labels: size?.labels ?? {}, default: size?.default },
    unit: work.unit,
  };
}

type ParsedCategory = NonNullable<ParsedPolicyFile['categories']>[string];

function categoryRule(name: string, category: ParsedCategory): CategoryRule {
  return {
    name,
    match: { labels: category.match.labels ?? [], fields: category.match.fields ?? {} },
    maxShare: category.budget?.['max-share'],
    minShare: category.budget?.['min-share'],
    perCustomerMaxShare: category['per-customer']?.['max-share-of-category'] ?? category['per-customer']?.['max-share'],
    perCustomerMaxPlannedShare: category['per-customer']?.['max-share-of-planned-work'],
  };
}

type ParsedCaseField = ParsedPolicyFile['business-case']['fields'][number];

/**
 * Each category's business case: the shared fields that apply to it (through
 * `business-case.applies-to`, or a field's own `applies-to`), the shared
 * checklist for the categories `applies-to` names, then the category's own.
 * A heading or checklist entry asked twice is asked once.
 */
function businessCaseRule(file: ParsedPolicyFile): BusinessCaseRule {
  const shared = file['business-case'];
  const cases = new Map<string, CategoryCase>();
  const caseOf = (category: string) => {
    let found = cases.get(category);
    if (!found) cases.set(category, (found = { category, fields: [], checklist: [] }));
    return found;
  };
  for (const field of shared.fields) for (const category of field['applies-to'] ?? shared['applies-to']) caseOf(category).fields.push(caseField(field));
  for (const category of shared['applies-to']) caseOf(category).checklist.push(...shared.checklist);
  for (const [category, rule] of Object.entries(file.categories ?? {})) {
    if (!rule['business-case']) continue;
    caseOf(category).fields.push(...rule['business-case'].fields.map(caseField));
    caseOf(category).checklist.push(...rule['business-case'].checklist);
  }
  const byCategory = [...cases.values()]
    .map((rule) => ({ ...rule, fields: uniqueBy(rule.fields, (field) => field.heading), checklist: uniqueBy(rule.checklist, (entry) => entry) }))
    .filter((rule) => rule.fields.length > 0 || rule.checklist.length > 0 || shared['applies-to'].includes(rule.category));
  return {
    appliesTo: shared['applies-to'],
    fields: uniqueBy([...shared.fields.map(caseField), ...byCategory.flatMap((rule) => rule.fields)], (field) => field.heading),
    checklist: uniqueBy([...shared.checklist, ...byCategory.flatMap((rule) => rule.checklist)], (entry) => entry),
    byCategory,
    requireAssignee: shared['require-assignee'],
  };
}

function caseField(field: Omit<ParsedCaseField, 'applies-to'>): BusinessCaseField {
  return {
    heading: field.heading,
    minWords: field['min-words'],
    oneOf: field['one-of'],
    failOn: field['fail-on'],
    message: field.message,
    type: field.type,
    required: field.required,
  };
}

/** The first of each group of values with the same heading, compared as the engine compares headings. */
function uniqueBy<T>(values: T[], text: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = normalizeHeading(text(value));
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Bets are the business case's categories unless the file names others. */
function betsRule(bets: ParsedPolicyFile['bets'], businessCaseCategories: string[]): BetsRule {
  return {
    reviewField: bets?.['review-field'],
    appliesTo: bets?.['applies-to'] ?? businessCaseCategories,
    outcomeDueDays: bets?.['outcome-due-days'],
  };
}

function backlogRule(backlog: ParsedPolicyFile['backlog']): BacklogRule {
  return {
    maxAgeDays: backlog?.['max-age-days'],
    archive: backlog?.archive ? { graceDays: backlog['grace-days'], keepLabels: backlog['keep-labels'], closeReason: backlog['close-reason'] } : undefined,
  };
}

function exemptionsRule(exemptions: ParsedPolicyFile['exemptions']): ExemptionsRule | undefined {
  if (!exemptions) return undefined;
  return { label: exemptions.label, approvers: exemptions.approvers, maxOpen: exemptions['max-open'], expiresAfterDays: exemptions['expires-after-days'] };
}

function enforcement(file: ParsedPolicyFile['enforcement']): Enforcement {
  const { labels } = file;
  return {
    failOn: [...file['fail-on']],
    comment: file.comment,
    labels: {
      nonCompliant: labels['non-compliant'],
      overBudget: labels['over-budget'],
      outcome: { hit: labels['outcome-hit'], missed: labels['outcome-missed'], 'walked-away': labels['outcome-walked-away'] },
    },
  };
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
