/**
 * Policy problems as workflow annotations: each lands at its file, line and
 * column, so on a pull request it shows on the diff where the typo is.
 */
import type { AnnotationProperties, Runner } from '../ports/runner.js';
import type { PolicyError, PolicyProblem } from '../policy/errors.js';
import { withoutSecrets } from './secrets.js';

export function annotatePolicyProblems(error: PolicyError, runner: Runner): void {
  for (const problem of error.problems) runner.error(...annotationOf(problem, 'Invalid roadmap policy'));
}

/**
 * What a valid policy should still change (a check 1.0 did not have): a
 * warning each, past GitHub's 10 per step in the log only, and a log line saying how many were left out.
 */
export function annotatePolicyWarnings(warnings: readonly PolicyProblem[], runner: Runner): void {
  for (const problem of warnings) runner.warning(...annotationOf(problem, 'Roadmap policy warning'));
  const logOnly = runner.annotationsLeftOut().warning;
  if (logOnly) runner.info(`GitHub shows ${runner.annotationsPerStep} warning annotations per step: ${logOnly} of the ${warnings.length} policy warnings are in the log and the job summary only.`);
}

function annotationOf(problem: PolicyProblem, title: string): [string, AnnotationProperties] {
  return [
    withoutSecrets(`${problem.field ? `${problem.field}: ` : ''}${problem.message}`),
    {
      title,
      file: problem.file,
      ...(problem.line === undefined ? {} : { startLine: problem.line }),
      ...(problem.column === undefined ? {} : { startColumn: problem.column }),
    },
  ];
}
