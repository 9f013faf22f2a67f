/**
 * What the policy reads of an issue's body: the few form answers and
 * checklist boxes its rules, budgets and reports judge. Every read keeps of a
 * body only these, so thousands of issues hold a few answers each.
 */
import type { Policy } from './policy.js';
import { normalizeHeading } from './issue-form.js';

/**
 * What the policy reads of an issue's body: the answers under these form
 * headings and the checklist entries with these texts (both normalized, see
 * `normalizeHeading`). `policyReads` makes them from a policy.
 */
export interface BodyReads {
  headings: ReadonlySet<string>;
  checklist: ReadonlySet<string>;
}

/**
 * What any rule, budget or report reads of an issue's body: the form answers
 * budgets read (`budgetHeadings`), the business case's answers and the bet's
 * review date, and the business case's checklist. Nothing else of a body
 * reaches a finding, a comment or a saved state.
 */
export function policyReads(policy: Policy): BodyReads {
  const headings = new Set(budgetHeadings(policy));
  for (const field of policy.businessCase.fields) headings.add(normalizeHeading(field.heading));
  if (policy.bets.reviewField !== undefined) headings.add(normalizeHeading(policy.bets.reviewField));
  return { headings, checklist: new Set(policy.businessCase.checklist.map(normalizeHeading)) };
}

/** Whether anything is read of a body: no form answer nor box is, for a policy of labels alone. */
export function readsBody(reads: BodyReads): boolean {
  return reads.headings.size > 0 || reads.checklist.size > 0;
}

/** Bodies are needed for budgets only when categories, customers or sizes come from form fields. */
export function budgetNeedsBody(policy: Policy): boolean {
  return budgetHeadings(policy).size > 0;
}

/** The fields and issue-form headings budgets read, normalized: the categories' match fields, the customer field and the size field. */
function budgetHeadings(policy: Policy): ReadonlySet<string> {
  const { customer, work } = policy;
  const names = [
    ...policy.categories.flatMap((category) => Object.keys(category.match.fields)),
    ...(customer.field === undefined ? [] : [customer.field]),
    ...(work.size.field === undefined ? [] : [work.size.field]),
  ];
  return new Set(names.map(normalizeHeading));
}
