/**
 * Turns the schema's validation issues into problems a person can act on:
 * one per mistake, at the key or value to change, in policy terms.
 * Raw validator output never reaches the user.
 */
import type { z } from 'zod';
import { FINDING_KINDS } from '../core/finding-kinds.js';
import { describeValue, excerpt } from './describe-value.js';
import { allowedKeysAt, closest, schemaAt } from './did-you-mean.js';
import { fieldPath, type PolicyProblem } from './errors.js';
import { valueAt } from './merge.js';
import { policyFileSchema } from './schema.js';
import type { KeyPath, Position, Target } from './yaml-source.js';

/** Finds where a key path is written: which file, which line and column. */
export type Locator = (path: KeyPath, target: Target) => Position & { file: string };

type Issue = z.core.$ZodIssue;

interface Described {
  path: PropertyKey[];
  target: Target;
  message: string;
  /** For a missing key: the key is missing. For an unknown key: the key we suggest instead. */
  missing?: string;
  suggested?: string;
}

export function problemsFromIssues(issues: readonly Issue[], root: unknown, locate: Locator): PolicyProblem[] {
  const described = issues.flatMap((issue) => describeIssue(issue, [], root));
  // `nam: x` is reported as "did you mean `name`?"; saying `name` is missing as well would be noise.
  const suggested = new Set(described.filter((d) => d.suggested).map((d) => fieldPath([...d.path.slice(0, -1), d.suggested!])));
  return described
    .filter((d) => !(d.missing && suggested.has(fieldPath(d.path))))
    .map(({ path, target, message }) => ({ ...locate(path, target), field: fieldPath(path) || undefined, message }));
}

/** `schemaPrefix` is where `prefix` sits in the schema: they differ below a misspelt key. */
function describeIssue(issue: Issue, prefix: PropertyKey[], root: unknown, schemaPrefix: PropertyKey[] = prefix): Described[] {
  const path = [...prefix, ...issue.path];
  const schemaPath = [...schemaPrefix, ...issue.path];
  const actual = valueAt(root, path);
  if (actual === undefined && MISSING_CODES.has(issue.code) && path.length > 0) {
    return [{ path, target: 'value', message: missingMessage(path), missing: String(path.at(-1)) }];
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.flatMap((key) => {
        const allowed = allowedKeysAt(policyFileSchema, schemaPath);
        const suggested = closest(key, allowed);
        const unknown: Described = { path: [...path, key], target: 'key', message: unknownKeyMessage(key, suggested, allowed), ...(suggested ? { suggested } : {}) };
        return [unknown, ...(suggested ? underMisspeltKey([...path, key], [...schemaPath, suggested], root) : [])];
      });
    case 'invalid_key':
      return [{ path, target: 'key', message: issue.issues[0]?.message ?? `${describeValue(path.at(-1))} is not allowed as a name here` }];
    case 'invalid_union': {
      // For a mapping or list, the branch that accepts its shape explains the mistake best: `{ nam: one-off }` gets "unknown key nam".
      const shaped = typeof actual === 'object' && actual !== null;
      const branch = shaped ? issue.errors.find((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0)) : undefined;
      if (branch) return branch.flatMap((inner) => describeIssue(inner, path, root, schemaPath));
      break;
    }
    case 'invalid_value':
      if (isFindingKindList(issue.values)) return [{ path, target: 'value', message: unknownFindingKindMessage(actual) }];
      return [{ path, target: 'value', message: withSuggestion(readable(issue, actual), actual, issue.values.map(String)) }];
  }
  return [{ path, target: 'value', message: readable(issue, actual) }];
}

/**
 * What is wrong below a misspelt key, checked as if it were spelt as
 * suggested: `bussines-case: { fields: [{ min-word: 3 }] }` reports both
 * mistakes in one run, not one per fix.
 */
function underMisspeltKey(path: PropertyKey[], schemaPath: PropertyKey[], root: unknown): Described[] {
  const schema = schemaAt(policyFileSchema, schemaPath);
  const value = valueAt(root, path);
  if (!schema || value === undefined || value === null) return [];
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.flatMap((inner) => describeIssue(inner, path, root, schemaPath));
}

/** The codes a required key that is not there produces, depending on the kind of value expected. */
const MISSING_CODES = new Set<Issue['code']>(['invalid_type', 'invalid_value', 'invalid_union']);

/** The schema's own message, or a plain one where the schema left the validator's default. */
function readable(issue: Issue, actual: unknown): string {
  if (!issue.message.startsWith('Invalid')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(actual)}`;
    case 'too_small':
      return `too small, got ${describeValue(actual)} (at least ${String(issue.minimum)})`;
    case 'too_big':
      return `too big, got ${describeValue(actual)} (at most ${String(issue.maximum)})`;
    default:
      return `not valid here, got ${describeValue(actual)}`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function missingMessage(path: PropertyKey[]): string {
  const key = String(path.at(-1));
  if (path.length === 1 && key === 'version') return 'missing: add `version: 1` at the top of the file';
  if (key === 'match') return 'missing: say which items belong to this category, like `match: { labels: [deal] }`';
  return `missing: add \`${key}\``;
}

function unknownKeyMessage(name: string, suggestion: string | undefined, allowed: string[]): string {
  const key = excerpt(name);
  if (suggestion) return `unknown key \`${key}\`; did you mean \`${suggestion}\`?`;
  return allowed.length ? `unknown key \`${key}\` (allowed here: ${allowed.join(', ')})` : `unknown key \`${key}\``;
}

function isFindingKindList(values: readonly unknown[]): boolean {
  return values.length === FINDING_KINDS.length && FINDING_KINDS.every((kind) => values.includes(kind));
}

function unknownFindingKindMessage(actual: unknown): string {
  const suggestion = typeof actual === 'string' ? closest(actual, FINDING_KINDS) : undefined;
  const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '';
  return `unknown finding kind ${describeValue(actual)}${hint} (finding kinds: ${FINDING_KINDS.join(', ')})`;
}

function withSuggestion(message: string, actual: unknown, allowed: string[]): string {
  const suggestion = typeof actual === 'string' ? closest(actual, allowed) : undefined;
  return suggestion ? `${message}; did you mean \`${suggestion}\`?` : message;
}
