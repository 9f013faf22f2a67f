/**
 * The policy file as parsed (YAML's kebab-case keys, defaults applied) →
 * the engine's `Policy` (src/core/policy.ts). One small step per section, so
 * a new key is added in one visible place; the return types make the
 * compiler check every section against the engine's type.
 */
import type { BacklogRule, BetsRule, BusinessCaseRule, CategoryRule, Enforcement, ExemptionsRule, Policy, WorkRule } from '../core/policy.js';
import { policyFileSchema, type ParsedPolicyFile } from './schema.js';

/** The normalized policy the engine reads: every section present, defaults applied. */
export function normalizePolicy(file: ParsedPolicyFile): Policy {
  const businessCase = businessCaseRule(file['business-case']);
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
    pullRequests: { requireLinkedIssue: file['pull-requests']['require-linked-issue'] },
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
    perCustomerMaxShare: category['per-customer']?.['max-share'],
  };
}

function businessCaseRule(businessCase: ParsedPolicyFile['business-case']): BusinessCaseRule {
  return {
    appliesTo: businessCase['applies-to'],
    fields: businessCase.fields.map((field) => ({
      heading: field.heading,
      minWords: field['min-words'],
      oneOf: field['one-of'],
      failOn: field['fail-on'],
      message: field.message,
      type: field.type,
      required: field.required,
    })),
    checklist: businessCase.checklist,
  };
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
