/**
 * Issue mode judges one issue: its own findings and the budgets of its
 * category and customer. The budget read leaves other issues' bodies out, so
 * their item-level findings would be noise; they are dropped here.
 */
import { isBudgetFinding } from '../core/finding-kinds.js';
import type { Evaluation, Finding } from '../core/types.js';

export function scopeToItem(evaluation: Evaluation, focus: number): Evaluation {
  const assessment = evaluation.items.find((a) => a.number === focus);
  const concerns = (finding: Finding): boolean => {
    if (finding.item) return finding.item.number === focus;
    if (!assessment?.planned || !isBudgetFinding(finding)) return false;
    if (finding.category !== assessment.category) return false;
    return finding.kind !== 'customer-over-share' || finding.customer === assessment.customer;
  };
  const findings = evaluation.findings.filter(concerns);
  return { ...evaluation, findings, compliant: findings.every((f) => f.severity !== 'fail') };
}
