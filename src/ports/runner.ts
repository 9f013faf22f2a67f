/**
 * The runner: where a run's inputs come from and its log, annotations, job
 * summary, outputs and verdict go. `action/workflow-commands.ts` speaks to
 * a GitHub Actions runner; tests record in memory.
 */

/** Where an annotation points, as @actions/core names it. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface Runner {
  /** An input by its action.yml name, trimmed; '' when the workflow gave none. */
  getInput(name: string): string;
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** Fails the step with the one line that says why. */
  setFailed(message: string): void;
  /** Masks a value in every later log line. */
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  /** Appends markdown to the job summary; false when the runner keeps none. */
  appendSummary(markdown: string): Promise<boolean>;
  /** Writes a file of the run's (the report, the findings) where a later step may read it, and returns its path. */
  writeRunFile(name: string, text: string): string;
  /** A new step's annotation count: each run of the action is one step. */
  startStep(): void;
  /** How many errors and warnings of this step went to the log only, past the runner's annotation limit. */
  annotationsLeftOut(): Readonly<Record<'error' | 'warning', number>>;
  /** The most error and warning annotations a step shows. */
  readonly annotationsPerStep: number;
}
