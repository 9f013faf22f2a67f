import { plural } from '../core/wording.js';
import type { Policy } from '../core/policy.js';

/** One line that says what a policy enforces: `2 categories (deal ≤ 10%, strategic ≥ 60%), 7 business-case fields, …`. */
export function summarizePolicy(policy: Policy): string {
  const parts: string[] = [];
  const categories = policy.categories.map((c) => {
    const limits = [c.maxShare && `≤ ${c.maxShare.text}`, c.minShare && `≥ ${c.minShare.text}`].filter(Boolean).join(' ');
    return limits ? `${c.name} ${limits}` : c.name;
  });
  parts.push(`${plural(policy.categories.length, 'category', 'categories')}${categories.length ? ` (${categories.join(', ')})` : ''}`);
  parts.push(...businessCases(policy));
  if (policy.forbiddenLabels.length) parts.push(plural(policy.forbiddenLabels.length, 'forbidden label'));
  parts.push(policy.enforcement.failOn.length ? `fails on ${policy.enforcement.failOn.join(', ')}` : 'never fails the check');
  return parts.join(', ');
}

/** "7 business-case fields and 2 reviews for deal", one part per size of case, naming its categories in policy order. */
function businessCases(policy: Policy): string[] {
  const groups = new Map<string, string[]>();
  for (const rule of policy.businessCase.byCategory) {
    const size = `${plural(rule.fields.length, 'business-case field')} and ${plural(rule.checklist.length, 'review')}`;
    groups.set(size, [...(groups.get(size) ?? []), rule.category]);
  }
  return [...groups].map(([size, categories]) => `${size} for ${categories.join(', ')}`);
}
