/**
 * The token values of this run. The runner masks them in the log once
 * `runner.setSecret` registered them, but not in the job summary, the outputs
 * or anything else a message of ours is written to; so messages that may
 * quote a user's file are passed through `withoutSecrets` as well.
 */
import type { Runner } from '../ports/runner.js';

const secrets = new Set<string>();

/** Masks a token in the log and remembers it for `withoutSecrets`. */
export function registerSecret(value: string, runner: Pick<Runner, 'setSecret'>): void {
  runner.setSecret(value);
  secrets.add(value);
}

export function withoutSecrets(text: string): string {
  let cleaned = text;
  for (const secret of secrets) cleaned = cleaned.split(secret).join('***');
  return cleaned;
}

/** Forgets the tokens registered so far: for a process that runs the action more than once, like the test suite, whose next run has tokens of its own. */
export function forgetSecrets(): void {
  secrets.clear();
}
