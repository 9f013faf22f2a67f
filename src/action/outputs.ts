/**
 * The step's outputs. Every output gets a value on every run, failures
 * included, so later steps can always read them.
 *
 * GitHub keeps at most 1 MB of outputs per job, measured in UTF-16 ("Outputs
 * can be a maximum of 1 MB per job … Size is approximated based on UTF-16
 * encoding", GitHub docs, "Defining outputs for jobs"). This step keeps its own
 * to half of that, so the job's other steps have room: the JSON lists hold as
 * many entries as fit, the run says when one was cut, and every finding is
 * always in the file `findings-file` names.
 */
import type { Runner } from '../ports/runner.js';
import type { Evaluation } from '../core/types.js';
import type { RequestCounts } from '../ports/forge.js';
import { budgetsOutput, findingsOutput } from '../report/outputs.js';
import { withoutSecrets } from './secrets.js';
import { formatNumber, plural } from '../core/wording.js';

/** What this step's outputs may take, in bytes of UTF-16 as GitHub counts them: half the job's 1 MB. */
export const OUTPUT_BYTES = 512 * 1024;
/** What `budgets` may take of that; the rest, after the small outputs, is for `findings`. */
const BUDGETS_BYTES = 64 * 1024;
const FINDINGS_FILE_NAME = 'roadmap-guard-findings.json';

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

/** A JSON list cut to the entries that fit in `bytes` (UTF-16), and how many it kept. */
function fitJsonList(values: unknown[], bytes: number): { json: string; kept: number } {
  const units = Math.floor(bytes / 2);
  let length = 2;
  let kept = 0;
  for (const value of values) {
    const entry = withoutSecrets(JSON.stringify(value)).length + (kept ? 1 : 0);
    if (length + entry > units) break;
    length += entry;
    kept += 1;
  }
  return { json: withoutSecrets(JSON.stringify(values.slice(0, kept))), kept };
}

export function setOutputs(values: OutputValues, runner: Runner): void {
  // Findings quote issue titles: one that holds a token value must not carry it into a later step.
  const small: [string, string][] = [
    ['compliant', String(values.compliant)],
    ['over-budget', String(values.overBudget)],
    ['report', values.reportPath],
    ['requests', JSON.stringify(requestsOutput(values.requests))],
    ['findings-file', writeFindingsFile(values.findings, runner)],
  ];
  const smallBytes = small.reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0);
  const budgets = fitJsonList(values.budgets, BUDGETS_BYTES);
  const findings = fitJsonList(values.findings, OUTPUT_BYTES - smallBytes - 2 * (budgets.json.length + 'budgets'.length + 'findings'.length));
  for (const [name, value] of small) runner.setOutput(name, withoutSecrets(value));
  runner.setOutput('findings', findings.json);
  runner.setOutput('budgets', budgets.json);
  warnIfCut(runner, 'findings', findings.kept, values.findings.length, 'Every finding is in the file the `findings-file` output names');
  warnIfCut(runner, 'budgets', budgets.kept, values.budgets.length, 'Every budget is in the job summary');
}

function warnIfCut(runner: Runner, output: string, kept: number, total: number, where: string): void {
  if (kept === total) return;
  runner.warning(`The \`${output}\` output holds the first ${formatNumber(kept)} of ${plural(total, output.slice(0, -1))}: GitHub keeps at most 1 MB of outputs per job. ${where}.`);
}

/** Every finding as JSON in the runner's temporary folder; its path, or '' when it could not be written (said in the log). */
function writeFindingsFile(findings: unknown[], runner: Runner): string {
  try {
    return runner.writeRunFile(FINDINGS_FILE_NAME, `${withoutSecrets(JSON.stringify(findings))}\n`);
  } catch (error) {
    runner.warning(`Could not write the findings file ${FINDINGS_FILE_NAME}: ${error instanceof Error ? error.message : String(error)}`);
    return '';
  }
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
