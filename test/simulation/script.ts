/** A life's script as people read it, and as a file that replays it. */
import { describeStep, type Step } from './steps.js';

export function readableScript(script: readonly Step[]): string {
  return script.map((step, index) => `${String(index + 1).padStart(3)}. ${describeStep(step)}`).join('\n');
}

export interface SavedScript {
  invariant: string;
  message: string;
  seed: number;
  script: Step[];
}
