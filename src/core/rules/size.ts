/** Size: planned work without an estimate is counted at the default size; say so, because budgets depend on it. */
import type { Policy } from '../policy.js';
import { amount, capitalize } from '../wording.js';
import { type DraftFinding, type RuleContext, aboutItem } from './context.js';

export function sizeRule(context: RuleContext): DraftFinding[] {
  return context.items
    .filter(({ assessment }) => assessment.planned && assessment.sizeDefaulted)
    .map((assessed) => ({
      ...aboutItem(assessed),
      kind: 'missing-size' as const,
      message: `No size; counted as ${amount(assessed.assessment.size, context.policy.work.unit)}`,
      fix: howToSize(context.policy),
    }));
}

function howToSize(policy: Policy): string {
  const labels = Object.keys(policy.work.size.labels);
  const ways = [
    ...(labels.length > 0 ? [`add a size label (${labels.join(', ')})`] : []),
    ...(policy.work.size.field ? [`set "${policy.work.size.field}"`] : []),
  ].join(' or ');
  return capitalize(ways);
}
