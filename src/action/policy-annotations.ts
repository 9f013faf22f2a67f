/**
 * Policy problems as workflow annotations: each lands at its file, line and
 * column, so on a pull request it shows on the diff where the typo is.
 */
import * as runner from './workflow-commands.js';
import type { PolicyError } from '../policy/errors.js';
import { withoutSecrets } from './secrets.js';

export function annotatePolicyProblems(error: PolicyError): void {
  for (const problem of error.problems) {
    runner.error(withoutSecrets(`${problem.field ? `${problem.field}: ` : ''}${problem.message}`), {
      title: 'Invalid roadmap policy',
      file: problem.file,
      ...(problem.line === undefined ? {} : { startLine: problem.line }),
      ...(problem.column === undefined ? {} : { startColumn: problem.column }),
    });
  }
}
