/**
 * This version of the action reads issues, not Projects v2 boards. A policy
 * that names a board would silently lose its sizes, fields and iterations, so
 * the run says so in the log instead.
 */
import type { Policy } from '../policy/schema.js';

export function unreadBoardWarnings(policy: Policy): string[] {
  const project = policy.work.project;
  if (!project) return [];
  const warnings = [
    `The policy names the Projects v2 board ${project.owner}/${project.number} (work.project), which this version of Roadmap Guard does not read yet: sizes and fields come from labels and issue forms only.`,
  ];
  if (policy.work.include === 'iteration') {
    warnings.push(
      'work.include is "iteration", but without the board no item has an iteration, so no work counts as planned and every budget is empty. Use "include: open" until boards are read.',
    );
  }
  return warnings;
}
