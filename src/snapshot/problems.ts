/**
 * Problems in a snapshot file, worded to the standard of policy errors: the
 * line and column, the JSON path and the issue number, what is wrong in plain
 * words, and the nearest key for a typo. Raw validator output never reaches
 * the user. It reuses the policy file's locating and wording helpers
 * (snapshot/ → policy/, one way): one style of error for every file a user
 * hands us.
 */
import type { z } from 'zod';
import { describeValue } from '../policy/describe-value.js';
import { valueAt } from '../policy/merge.js';
import { allowedKeysAt, closest } from '../policy/did-you-mean.js';
import { readPolicySource, type Position } from '../policy/yaml-source.js';

export interface SnapshotProblem {
  line?: number;
  column?: number;
  /** The JSON path, `items[2].labels`, and the issue it belongs to when known. */
  field?: string;
  message: string;
  /** Where the problem is in the data, for one found after parsing: located in the file's text by locateSnapshotProblems. */
  path?: readonly PropertyKey[];
}

/** `line:col field: message`, leaving out what a problem does not have. */
export function formatSnapshotProblem(file: string, problem: SnapshotProblem): string {
  const place = problem.line === undefined ? `${file}:` : `${file}:${problem.line}:${problem.column ?? 1}`;
  return `${place} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/**
 * A JSON.parse error with its line and column. V8 gives an offset for some
 * errors and none for an unexpected token; then the YAML reader, for which
 * JSON is YAML, usually finds the place.
 */
export function jsonSyntaxProblem(text: string, error: unknown): SnapshotProblem {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /at position (\d+)/.exec(message)?.[1];
  const control = CONTROL.exec(text);
  const at =
    offset !== undefined
      ? positionOf(text, Number(offset))
      : /end of JSON input/.test(message)
        ? positionOf(text, text.length)
        : control
          ? positionOf(text, control.index)
          : yamlPosition(text);
  const reason = visible(
    message
      .replace(/\s*(in JSON )?at position \d+.*$/s, '')
      // V8 quotes the start of the text, ending in "..." when it cuts it: the position says where, and the text may be binary.
      .replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '')
      .replace(/^Unexpected end of JSON input$/, 'the file ends too early'),
  );
  const binary = control ? ` (a control character, ${codePoint(control[0])}: is this a binary file? A snapshot is JSON text)` : '';
  return { ...at, message: `not valid JSON: ${reason}${binary}` };
}

/** Characters no JSON text has outside a string, and no terminal should be sent raw: C0 controls but tab and line ends, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A parser's message with every control character it quotes shown as its code point, so nothing raw reaches the terminal. */
function visible(message: string): string {
  return message.replace(new RegExp(CONTROL.source, 'g'), codePoint);
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function yamlPosition(text: string): Position | undefined {
  const first = readPolicySource(text, 'snapshot').problems.find((problem) => problem.line !== undefined);
  return first && { line: first.line!, column: first.column ?? 1 };
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Problems found in the parsed data, given the line and column of their `path` in the file's text. */
export function locateSnapshotProblems(text: string, problems: SnapshotProblem[]): SnapshotProblem[] {
  if (!problems.some((problem) => problem.path && problem.line === undefined)) return problems;
  // JSON is YAML, so the policy reader's positions serve here too.
  const source = readPolicySource(text, 'snapshot');
  return problems.map((problem) => (problem.path && problem.line === undefined ? { ...problem, ...source.locate(problem.path, 'value') } : problem));
}

/** Every schema issue as a located problem; `data` is the parsed JSON, for issue numbers and the values shown. */
export function describeSnapshotIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, text: string, data: unknown): SnapshotProblem[] {
  // JSON is YAML, so the policy reader's positions serve here too; read only when something is wrong.
  const source = readPolicySource(text, 'snapshot');
  return issues.flatMap((issue) => {
    const path = issue.path;
    const actual = valueAt(data, path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, path);
      return issue.keys.map((key) => {
        const suggestion = closest(key, allowed);
        const message = suggestion ? `unknown key; did you mean "${suggestion}"?` : `unknown key (allowed here: ${allowed.join(', ')})`;
        return { ...source.locate([...path, key], 'key'), field: fieldName([...path, key], data), message };
      });
    }
    const message = actual === undefined && path.length > 0 ? missingMessage(path) : readable(issue, actual);
    return [{ ...source.locate(path, 'value'), field: fieldName(path, data), message }];
  });
}

const MISSING_HINTS: Record<string, string> = {
  version: '"version": 1',
  source: '"source": { "kind": "repository", "name": "acme/platform" }',
  takenAt: '"takenAt": "2026-11-03T09:00:00Z"',
  items: '"items": []',
};

function missingMessage(path: readonly PropertyKey[]): string {
  const key = String(path.at(-1));
  const hint = path.length === 1 ? MISSING_HINTS[key] : undefined;
  return `missing: add ${hint ?? `"${key}"`}`;
}

const TYPE_NAMES: Record<string, string> = { object: 'an object', array: 'a list', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false' };

/** The schema's own message where it has one, a plain one where the validator's default would show. */
function readable(issue: z.core.$ZodIssue, actual: unknown): string {
  if (issue.message.startsWith('expected')) return `${issue.message}, got ${describeValue(actual)}${suggestionFor(issue, actual)}`;
  if (!issue.message.startsWith('Invalid') && !issue.message.startsWith('Too')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(actual)}${suggestionFor(issue, actual)}`;
    case 'too_small':
      return `too small, got ${describeValue(actual)} (at least ${String(issue.minimum)})`;
    default:
      return `not valid here, got ${describeValue(actual)}`;
  }
}

/** "; did you mean "open"?" for a mistyped choice. */
function suggestionFor(issue: z.core.$ZodIssue, actual: unknown): string {
  if (issue.code !== 'invalid_value' || typeof actual !== 'string') return '';
  const suggestion = closest(actual, issue.values.map(String));
  return suggestion ? `; did you mean "${suggestion}"?` : '';
}

/** ["items", 3, "createdAt"] → "items[3].createdAt (issue #12)": the issue number tells the reader which issue to look at. */
function fieldName(path: readonly PropertyKey[], data: unknown): string {
  if (path.length === 0) return '(top level)';
  const name = path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(String(key)) ? `${index === 0 ? '' : '.'}${String(key)}` : `[${JSON.stringify(String(key))}]`,
    )
    .join('');
  const number = path[0] === 'items' && typeof path[1] === 'number' ? valueAt(data, ['items', path[1], 'number']) : undefined;
  return typeof number === 'number' ? `${name} (issue #${number})` : name;
}
