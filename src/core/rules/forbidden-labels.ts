/** Forbidden labels: one-off work is named and refused unless deliberately exempted. */
import type { Policy } from '../policy.js';
import { isExcluded } from '../classify.js';
import { matchesGlob } from '../glob.js';
import { type DraftFinding, type RuleContext, aboutItem } from './context.js';

export function forbiddenLabelsRule(context: RuleContext): DraftFinding[] {
  const rules = context.policy.forbiddenLabels;
  if (rules.length === 0) return [];
  return context.items
    .filter(({ item }) => item.state === 'open' && !isExcluded(context.policy, item))
    .flatMap((assessed) =>
      [...assessed.item.labels].sort().flatMap((label): DraftFinding[] => {
        const rule = rules.find((candidate) => matchesGlob(candidate.name, label));
        if (!rule) return [];
        return [
          {
            ...aboutItem(assessed),
            kind: 'forbidden-label',
            message: rule.message ? `Label "${label}": ${rule.message.trim().replace(/\.$/, '')}` : `Label "${label}" is not allowed`,
            fix: removeOrAsk(context.policy, label),
          },
        ];
      }),
    );
}

function removeOrAsk(policy: Policy, label: string): string {
  const exemptions = policy.exemptions;
  if (!exemptions) return `Remove label "${label}"`;
  const who = exemptions.approvers.length > 0 ? `an approver (${exemptions.approvers.join(', ')})` : 'an approver';
  return `Remove label "${label}" or ask ${who} for "${exemptions.label}"`;
}
