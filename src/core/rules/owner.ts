/**
 * Owner: with `business-case.require-assignee`, every open request of a
 * category that has a business case (the shared one through `applies-to`, or
 * a category's own `business-case`, as the business-case rule reads them) has
 * someone who answers for it. Judged on the issues whose assignees were read:
 * every read that judges items asks for them when the policy does (the budget
 * figures of other issues on an issue event need not).
 */
import { isExcluded } from '../classify.js';
import { type DraftFinding, type RuleContext, aboutItem } from './context.js';

export function ownerRule(context: RuleContext): DraftFinding[] {
  const { businessCase } = context.policy;
  if (!businessCase.requireAssignee) return [];
  const withCase = new Set(businessCase.byCategory.map((rule) => rule.category));
  return context.items
    .filter(({ item, assessment }) => item.state === 'open' && !isExcluded(context.policy, item) && withCase.has(assessment.category) && item.assignees?.length === 0)
    .map((assessed) => ({
      ...aboutItem(assessed),
      kind: 'missing-owner' as const,
      message: 'Nobody is assigned to this request',
      fix: 'Assign the person who answers for it',
    }));
}
