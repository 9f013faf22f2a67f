/**
 * How the action talks to the runner: log lines, annotations, masks, outputs
 * and the exit code, as GitHub documents them ("Workflow commands for GitHub
 * Actions": `::warning file=…,line=…::message`, `::add-mask::value`, and the
 * `GITHUB_OUTPUT` file's `name<<delimiter` blocks). The same text
 * @actions/core writes, with Node's built-ins only: that package also loads
 * an HTTP client (for OIDC tokens this action never asks for), which was
 * half the bundle and most of the time to start and ignore an event.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spellInvisible } from '../policy/describe-value.js';
import type { AnnotationProperties, Runner } from '../ports/runner.js';

export type { AnnotationProperties };

/** A message on one line: the runner reads `%0A` as a line break. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also escapes the separators of the property list. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Property = [name: string, value: string | number | undefined];

/** `::command name=value,…::message`; properties without a value are left out. */
function issueCommand(command: string, message: string, properties: Property[] = []): void {
  const list = properties.flatMap(([name, value]) => (value ? [`${name}=${escapeProperty(String(value))}`] : [])).join(',');
  process.stdout.write(`::${command}${list ? ` ${list}` : ''}::${escapeData(message)}${EOL}`);
}

/** The runner's names for where an annotation points, in @actions/core's order. */
function annotation(properties: AnnotationProperties = {}): Property[] {
  return [
    ['title', properties.title && spellInvisible(properties.title)],
    ['file', properties.file],
    ['line', properties.startLine],
    ['endLine', properties.endLine],
    ['col', properties.startColumn],
    ['endColumn', properties.endColumn],
  ];
}

/** An input by its action.yml name, trimmed; '' when the workflow gave none. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Log lines and annotations spell out bidirectional controls (`\u202e`) rather than let one reorder what a person reads. */
export function info(message: string): void {
  process.stdout.write(`${spellInvisible(message)}${EOL}`);
}

export function notice(message: string, properties?: AnnotationProperties): void {
  issueCommand('notice', spellInvisible(message), annotation(properties));
}

/**
 * GitHub keeps at most 10 error and 10 warning annotations per step and drops
 * the rest without a word (actions/toolkit, docs/problem-matchers.md,
 * "Limitations": "10 warning annotations and 10 error annotations per step").
 * Beyond that, a message is a plain log line, counted so the run can say how
 * many were not annotated. One error is kept for the step's failure.
 */
export const ANNOTATIONS_PER_STEP = 10;

type Limited = 'error' | 'warning';
const annotated: Record<Limited, number> = { error: 0, warning: 0 };
const inLogOnly: Record<Limited, number> = { error: 0, warning: 0 };

/** How many errors and warnings of this step went to the log only, past GitHub's annotation limit. */
export function annotationsLeftOut(): Readonly<Record<Limited, number>> {
  return { ...inLogOnly };
}

/** A new step's annotation count: each run of the action is one step. */
export function startStep(): void {
  annotated.error = annotated.warning = inLogOnly.error = inLogOnly.warning = 0;
}

function limitedAnnotation(level: Limited, message: string, properties: AnnotationProperties | undefined, room: number): void {
  if (annotated[level] < room) {
    annotated[level] += 1;
    issueCommand(level, spellInvisible(message), annotation(properties));
    return;
  }
  inLogOnly[level] += 1;
  const where = properties?.file ? `${[properties.file, properties.startLine, properties.startColumn].filter((part) => part !== undefined).join(':')} ` : '';
  info(`${level === 'error' ? 'Error' : 'Warning'}: ${where}${message}`.replace(/[\r\n]+/g, ' '));
}

export function warning(message: string, properties?: AnnotationProperties): void {
  limitedAnnotation('warning', message, properties, ANNOTATIONS_PER_STEP);
}

export function error(message: string, properties?: AnnotationProperties): void {
  limitedAnnotation('error', message, properties, ANNOTATIONS_PER_STEP - 1);
}

/** Fails the step (exit code 1) with an error annotation saying why: the one error annotation kept for it. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  limitedAnnotation('error', message, undefined, ANNOTATIONS_PER_STEP);
}

/** The runner replaces this value with `***` in every later log line. */
export function setSecret(value: string): void {
  issueCommand('add-mask', value);
}

/**
 * A step output. In the `GITHUB_OUTPUT` file each value sits between a
 * random delimiter that neither the name nor the value may contain, so no
 * value can end its block early and set another output.
 */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const path = env.GITHUB_OUTPUT ?? '';
  if (!path) {
    process.stdout.write(EOL);
    issueCommand('set-output', value, [['name', name]]);
    return;
  }
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Unexpected input: an output holds the delimiter "${delimiter}"`);
  appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

/**
 * The runner of a GitHub Actions step: the functions above, with the files
 * the runner names in `env` (read at each call: one process may run the
 * action more than once, as the tests do). The job summary is appended to
 * the file `GITHUB_STEP_SUMMARY` names; a run's own files go to `RUNNER_TEMP`.
 */
export function workflowRunner(env: NodeJS.ProcessEnv = process.env): Runner {
  return {
    getInput: (name) => getInput(name, env),
    info,
    notice,
    warning,
    error,
    setFailed,
    setSecret,
    setOutput: (name, value) => setOutput(name, value, env),
    startStep,
    annotationsLeftOut,
    annotationsPerStep: ANNOTATIONS_PER_STEP,
    async appendSummary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return false;
      await appendFile(env.GITHUB_STEP_SUMMARY, markdown, 'utf8');
      return true;
    },
    writeRunFile(name, text) {
      const path = join(env.RUNNER_TEMP || tmpdir(), name);
      writeFileSync(path, text, 'utf8');
      return path;
    },
  };
}
