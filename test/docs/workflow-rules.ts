/**
 * The mistakes a workflow shown in the docs must not teach, beyond what
 * actionlint finds: a step that reads the guard's outputs but is skipped
 * exactly when the guard fails the check, a ref other than the major tag,
 * and a job that leaves its token's permissions to the organization's default.
 */
import { parse, stringify } from 'yaml';

interface Step {
  id?: string;
  uses?: string;
  if?: string | boolean;
  'continue-on-error'?: boolean | string;
  [key: string]: unknown;
}

interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
  [key: string]: unknown;
}

export interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
  [key: string]: unknown;
}

const GUARD = /^roadmap-guard\/roadmap-guard@(.+)$/;
/** The action, by its published name or, in this repository's own workflows, as `./`. */
const isGuard = (step: Step) => GUARD.test(step.uses ?? '') || step.uses === './';

/**
 * A step runs after a failed step only when its `if` says so: GitHub adds
 * `success() &&` to any `if` without a status function ("Status check
 * functions", docs.github.com/en/actions/reference/workflows-and-actions/expressions).
 */
function runsAfterFailure(step: Step): boolean {
  return typeof step.if === 'string' && /\b(always|failure)\(\)|!\s*cancelled\(\)/.test(step.if);
}

export function workflowProblems(workflow: Workflow, majorTag: string): string[] {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    const steps = job.steps ?? [];
    const canFail: string[] = [];
    if (steps.some(isGuard) && job.permissions === undefined && workflow.permissions === undefined) {
      problems.push(`jobs.${name}: set permissions (contents: read, issues: write): the token's defaults depend on the organization's settings`);
    }
    steps.forEach((step, index) => {
      const ref = GUARD.exec(step.uses ?? '')?.[1];
      if (ref !== undefined && ref !== majorTag && !/^v\d+\.\d+\.\d+$|^[0-9a-f]{40}$/.test(ref)) {
        problems.push(`jobs.${name}.steps[${index}]: uses roadmap-guard@${ref}; use @${majorTag}, an exact version or a commit SHA`);
      }
      const text = JSON.stringify(step);
      for (const id of canFail) {
        if (text.includes(`steps.${id}.outputs`) && !runsAfterFailure(step)) {
          problems.push(`jobs.${name}.steps[${index}]: reads steps.${id}.outputs but is skipped when ${id} fails the check; add "if: \${{ always() && … }}" or "!cancelled()"`);
        }
      }
      const guardThatCanFail = isGuard(step) && step.id && String(step['continue-on-error'] ?? 'false') !== 'true';
      if (guardThatCanFail) canFail.push(step.id!);
    });
  }
  return problems;
}

/** The workflow a part shown in the docs belongs to: steps go into a job, a job's keys into a job, top-level keys into a workflow. */
function wholeWorkflow(part: unknown): Workflow {
  const skeleton = (): Workflow => ({
    on: { issues: { types: ['opened', 'edited'] }, issue_comment: { types: ['created'] }, workflow_dispatch: null },
    permissions: { contents: 'read', issues: 'write' },
    jobs: { roadmap: { 'runs-on': 'ubuntu-latest', steps: [{ id: 'guard', uses: 'roadmap-guard/roadmap-guard@v1' }] } },
  });
  const workflow = skeleton();
  if (Array.isArray(part)) workflow.jobs!.roadmap!.steps = part as Step[];
  else if (part && typeof part === 'object' && 'steps' in part) workflow.jobs!.roadmap = { 'runs-on': 'ubuntu-latest', ...(part as Job) };
  else Object.assign(workflow, part);
  return workflow;
}

/** A part's text as a whole workflow file, for actionlint. */
export function wholeWorkflowText(text: string): string {
  return stringify(wholeWorkflow(parse(text)));
}
