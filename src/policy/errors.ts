import { excerpt, spellInvisible } from './describe-value.js';

/**
 * Problems found in a policy file, worded for the person who wrote it:
 * `.github/roadmap-policy.yml:14:7 categories.deal.budget.max-share: expected a share like 10% or 0.1, got "ten percent"`.
 */

/** One thing wrong with a policy file, located as precisely as we can. */
export interface PolicyProblem {
  /** The file as the user names it: `.github/roadmap-policy.yml` or `acme/.github:roadmap-policy.yml@main`. */
  file: string;
  /** 1-based line, when the problem has a place in the file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** The policy key in dotted form: `categories.deal.budget.max-share`, `enforcement.fail-on[1]`. */
  field?: string;
  message: string;
}

/** `file:line:col field: message`, leaving out the parts a problem does not have. */
export function formatProblem(problem: PolicyProblem): string {
  const place = problem.line === undefined ? `${problem.file}:` : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const what = problem.field ? `${problem.field}: ${problem.message}` : problem.message;
  return `${place} ${what}`;
}

/** Every problem, one per line, in file order. */
function formatProblems(problems: readonly PolicyProblem[]): string {
  return sortProblems(problems).map(formatProblem).join('\n');
}

/** Orders problems by file (as first seen), then line and column, so output reads top to bottom. */
export function sortProblems(problems: readonly PolicyProblem[]): PolicyProblem[] {
  const fileOrder = [...new Set(problems.map((p) => p.file))];
  return [...problems].sort(
    (a, b) =>
      fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** The policy cannot be used. Carries every problem found, not just the first. */
export class PolicyError extends Error {
  readonly problems: PolicyProblem[];

  constructor(problems: readonly PolicyProblem[], options?: { cause?: unknown }) {
    super(formatProblems(problems), options);
    this.name = 'PolicyError';
    this.problems = sortProblems(problems);
  }
}

/** A key path in policy terms: `categories.deal.match.fields["Work type"]`, `business-case.fields[2].one-of`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    // A key is the user's text: quote only the start of a long one.
    const key = excerpt(String(segment));
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[\p{L}\p{M}\p{N}_$-]+$/u.test(key)) text += text ? `.${key}` : key;
    else text += `[${spellInvisible(JSON.stringify(key))}]`;
  }
  return text;
}
