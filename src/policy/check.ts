/**
 * Validates policy data against the schema and reports every problem at once,
 * each placed in the file (and at the line) that holds it.
 */
import { z } from 'zod';
import { bareOneShares, policyWarnings } from './cross-checks.js';
import { describeValue } from './describe-value.js';
import { problemsFromIssues, type Locator } from './describe-zod-issues.js';
import { fieldPath, type PolicyProblem } from './errors.js';
import { isMapping } from './merge.js';
import { type ParsedPolicyFile, policyFileSchema, policyFileShape } from './schema.js';
import type { PolicySource } from './yaml-source.js';

export interface CheckOptions {
  /**
   * The file extends a policy that was not read (offline validation): its
   * categories may come from there, so naming an unknown category is not an
   * error, and a category that only changes its budget needs no `match`.
   */
  categoriesMayBeInherited?: boolean;
}

export interface CheckResult {
  parsed?: ParsedPolicyFile;
  problems: PolicyProblem[];
  /** What a valid policy should still change: the checks 1.0 did not have. The policy runs as 1.0 read it. */
  warnings: PolicyProblem[];
}

/** Checks one file's data, or several files merged (the locator knows which file set what). */
export function checkPolicyData(value: unknown, locate: Locator, options: CheckOptions = {}): CheckResult {
  const shapeProblem = checkIsMapping(value, locate);
  if (shapeProblem) return { problems: [shapeProblem], warnings: [] };
  const keyProblems = unrepresentableKeys(value, locate);
  if (keyProblems.length) return { problems: keyProblems, warnings: [] };
  const written = value;
  if (options.categoriesMayBeInherited) value = withInheritableMatches(value as Record<string, unknown>);
  // Categories may come from the policy this file extends: the checks that need them all wait for the merged policy.
  const result = (options.categoriesMayBeInherited ? policyFileShape : policyFileSchema).safeParse(value);
  if (!result.success) return { problems: problemsFromIssues(result.error.issues, value, locate), warnings: [] };
  const warnings = options.categoriesMayBeInherited ? bareOneShares(written) : policyWarnings(result.data, written);
  return { parsed: result.data, problems: [], warnings: problemsFromIssues(warnings, written, locate) };
}

/** What each file in an `extends` chain must get right on its own: being a mapping, `version` and `extends`. */
export function checkPolicyHeader(source: PolicySource): PolicyProblem[] {
  const locate = locatorFor(source);
  const shapeProblem = checkIsMapping(source.value, locate);
  if (shapeProblem) return [shapeProblem];
  const result = headerSchema.safeParse(source.value);
  return [...unrepresentableKeys(source.value, locate), ...(result.success ? [] : problemsFromIssues(result.error.issues, source.value, locate))];
}

const headerSchema = z.looseObject({ version: policyFileSchema.shape.version, extends: policyFileSchema.shape.extends });

export function locatorFor(source: PolicySource): Locator {
  return (path, target) => ({ file: source.file, ...source.locate(path, target) });
}

function checkIsMapping(value: unknown, locate: Locator): PolicyProblem | undefined {
  if (value === undefined || value === null) {
    return { ...locate([], 'value'), message: 'the policy is empty; add `version: 1` (examples/roadmap-policy.yml shows a complete policy)' };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ...locate([], 'value'), message: `the policy must be a mapping of keys such as \`version: 1\`, got ${describeValue(value)}` };
  }
  return undefined;
}

/**
 * `__proto__` cannot be a key of the plain objects policy data becomes: the
 * validator would drop it without a word (and a merge would set a prototype
 * with it). It is refused where it is written instead.
 */
function unrepresentableKeys(value: unknown, locate: Locator, path: PropertyKey[] = []): PolicyProblem[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unrepresentableKeys(item, locate, [...path, index]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '__proto__'
      ? [{ ...locate([...path, key], 'key'), field: fieldPath([...path, key]), message: '`__proto__` cannot be used as a name; choose another' }]
      : unrepresentableKeys(child, locate, [...path, key]),
  );
}

/**
 * A category without `match` in a file that extends another most likely
 * overrides an inherited category's budget: it is checked as if it matched nothing.
 */
function withInheritableMatches(policy: Record<string, unknown>): Record<string, unknown> {
  const categories = policy['categories'];
  if (!isMapping(categories)) return policy;
  const filled = Object.fromEntries(Object.entries(categories).map(([name, category]) => [name, isMapping(category) && !('match' in category) ? { ...category, match: {} } : category]));
  return { ...policy, categories: filled };
}
