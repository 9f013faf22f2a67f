/** Exemptions: exceptions stay exceptions — more open exemptions than `max-open` is itself a finding. */
import { itemName } from '../item-name.js';
import type { WorkItem } from '../types.js';
import { type DraftFinding, type RuleContext, listItems, newestFirst } from './context.js';

function openExemptItems(context: RuleContext): WorkItem[] {
  return context.items.filter(({ item, assessment }) => assessment.exempt && item.state === 'open').map(({ item }) => item);
}

export function countExemptions(context: RuleContext): number {
  return openExemptItems(context).length;
}

export function exemptionsRule(context: RuleContext): DraftFinding[] {
  const exemptions = context.policy.exemptions;
  if (exemptions?.maxOpen === undefined) return [];
  const items = openExemptItems(context).sort(newestFirst);
  const exempt = items.map((item) => item.number);
  if (exempt.length <= exemptions.maxOpen) return [];
  return [
    {
      kind: 'exemptions-over-limit',
      message: `${exempt.length} open items carry "${exemptions.label}", above the limit of ${exemptions.maxOpen}`,
      fix: `Review the exceptions and remove "${exemptions.label}" where it is no longer justified: ${listItems(items.map(itemName))}`,
      contributors: exempt,
    },
  ];
}
