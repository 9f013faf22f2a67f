/** Size: planned work without an estimate is counted at the default size; say so, because budgets depend on it. */
import type { Policy } from '../policy.js';
import { type DraftFinding, type RuleContext, aboutItem, amount } from './context.js';

export function sizeRule(context: RuleContext): DraftFinding[] {
  return context.items
    .filter(({ assessment }) => assessment.planned && assessment.sizeDefaulted)
    .map((assessed) => ({
      ...aboutItem(assessed),
      kind: 'missing-size' as const,
      message: `No size; counted as ${amount(context.policy, assessed.assessment.size)}`,
      fix: howToSize(context.policy),
    }));
}

function howToSize(policy: Policy): string {
  const labels = Object.keys(policy.work.size.labels);
  const ways = [
    ...(labels.length > 0 ? [`add a size label (${labels.join(', ')})`] : []),
    ...(policy.work.size.field ? [`set "${policy.work.size.field}"`] : []),
  ].join(' or ');
  return ways.charAt(0).toUpperCase() + ways.slice(1);
}
