/**
 * The step's outputs. Every output gets a value on every run, failures
 * included, so later steps can always read them.
 */
import * as core from './workflow-commands.js';
import type { Evaluation } from '../core/types.js';
import type { RequestCounts } from '../github/request-counts.js';
import { budgetsOutput, findingsOutput } from '../report/outputs.js';
import { withoutSecrets } from './secrets.js';

export interface OutputValues {
  compliant: boolean;
  overBudget: boolean;
  findings: unknown[];
  budgets: unknown[];
  reportPath: string;
  requests: RequestCounts;
}

/** `failed`: the run failed before it could evaluate (then it is not compliant); an ignored event is. */
export function outputsFrom(evaluation: Evaluation | undefined, reportPath: string, requests: RequestCounts, failed: boolean): OutputValues {
  return {
    compliant: evaluation?.compliant ?? !failed,
    overBudget: evaluation ? isAnythingOverBudget(evaluation) : false,
    findings: evaluation ? findingsOutput(evaluation) : [],
    budgets: evaluation ? budgetsOutput(evaluation) : [],
    reportPath,
    requests,
  };
}

export function setOutputs(values: OutputValues): void {
  // Findings quote issue titles: one that holds a token value must not carry it into a later step.
  const set = (name: string, value: string) => core.setOutput(name, withoutSecrets(value));
  set('compliant', String(values.compliant));
  set('over-budget', String(values.overBudget));
  set('findings', JSON.stringify(values.findings));
  set('budgets', JSON.stringify(values.budgets));
  set('report', values.reportPath);
  set('requests', JSON.stringify(requestsOutput(values.requests)));
}

/** The `requests` output: names as documented in action.yml. */
export function requestsOutput(counts: RequestCounts) {
  return {
    graphql: counts.graphql,
    'graphql-points': counts.graphqlPoints,
    'rest-read': counts.restRead,
    write: counts.write,
    'rate-limit-remaining': counts.rateLimitRemaining ?? null,
  };
}

function isAnythingOverBudget(evaluation: Evaluation): boolean {
  return evaluation.budgets.some((b) => b.status === 'over' || b.customers.some((c) => c.over));
}
