import { evaluate } from '../../../src/core/evaluate.js';
import type { FindingKind } from '../../../src/core/finding-kinds.js';
import type { Finding, WorkItem } from '../../../src/core/types.js';
import type { Policy } from '../../../src/core/policy.js';
import { NOW } from '../fixtures.js';

/** The findings of one kind that evaluating these items produces. */
export function findingsOf(policy: Policy, items: WorkItem[], kind: FindingKind, now: string = NOW): Finding[] {
  return evaluate(policy, items, now).findings.filter((finding) => finding.kind === kind);
}
