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
  const { fields, checklist, appliesTo } = policy.businessCase;
  if (appliesTo.length) {
    parts.push(`${plural(fields.length, 'business-case field')} and ${plural(checklist.length, 'review')} for ${appliesTo.join(', ')}`);
  }
  if (policy.forbiddenLabels.length) parts.push(plural(policy.forbiddenLabels.length, 'forbidden label'));
  parts.push(policy.enforcement.failOn.length ? `fails on ${policy.enforcement.failOn.join(', ')}` : 'never fails the check');
  return parts.join(', ');
}
