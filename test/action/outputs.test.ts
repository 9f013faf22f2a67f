import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTPUT_BYTES, setOutputs, type OutputValues } from '../../src/action/outputs.js';
import { startStep, workflowRunner } from '../../src/action/workflow-commands.js';
import { captureActionLog } from '../action-log.js';
import { checkRunnerLimits, parseOutputFile } from '../e2e/run-action.js';

/** A finding as an audit of a large repository reports it: a title, a message and a fix of everyday length. */
function finding(number: number) {
  return {
    kind: 'missing-field',
    severity: 'fail',
    item: number,
    url: `https://github.com/acme/roadmap/issues/${number}`,
    title: `Single sign-on with Okta for the Globex rollout, phase ${number}`,
    category: 'deal',
    customer: 'globex',
    message: 'No answer to "Who will buy it?"',
    fix: 'Answer "Who will buy it?" in the issue body, under its heading.',
    exempt: false,
  };
}

const REQUESTS = { graphql: 101, graphqlPoints: 202, restRead: 0, write: 0 };

describe('the outputs of a run with many findings', () => {
  let dir: string;
  let log: ReturnType<typeof captureActionLog>;
  const values = (count: number): OutputValues => ({
    compliant: false,
    overBudget: true,
    findings: Array.from({ length: count }, (_, index) => finding(index + 1)),
    budgets: [{ category: 'deal', items: count, points: count, share: '20%', cap: '10%', floor: null, status: 'over', customers: [] }],
    reportPath: join(dir, 'report.md'),
    requests: REQUESTS,
  });
  const outputs = async () => parseOutputFile(await readFile(join(dir, 'output'), 'utf8'));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-outputs-'));
    await writeFile(join(dir, 'output'), '');
    process.env.GITHUB_OUTPUT = join(dir, 'output');
    startStep();
    log = captureActionLog();
  });

  afterEach(async () => {
    log.restore();
    delete process.env.GITHUB_OUTPUT;
    await rm(dir, { recursive: true, force: true });
  });

  it('keep 10,000 findings under half of GitHub\'s 1 MB per job, say so, and write them all to findings-file', async () => {
    setOutputs(values(10_000), workflowRunner({ ...process.env, RUNNER_TEMP: dir }));
    const out = await outputs();
    const bytes = Object.entries(out).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0);
    expect(bytes).toBeLessThanOrEqual(OUTPUT_BYTES);
    expect(bytes).toBeGreaterThan(OUTPUT_BYTES - 1_000);
    expect(() => checkRunnerLimits({ annotations: [], outputs: out })).not.toThrow();
    const kept = (JSON.parse(out.findings!) as { item: number }[]).map((f) => f.item);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, index) => index + 1));
    expect(log.commands('warning')).toEqual([
      `::warning::The \`findings\` output holds the first ${kept.length.toLocaleString('en-US')} of 10,000 findings: GitHub keeps at most 1 MB of outputs per job. Every finding is in the file the \`findings-file\` output names.`,
    ]);
    expect(out['findings-file']).toBe(join(dir, 'roadmap-guard-findings.json'));
    expect(JSON.parse(await readFile(out['findings-file']!, 'utf8'))).toHaveLength(10_000);
    expect(JSON.parse(out.budgets!)).toHaveLength(1);
  });

  it('keep every finding, without a warning, when they fit', async () => {
    setOutputs(values(500), workflowRunner({ ...process.env, RUNNER_TEMP: dir }));
    const out = await outputs();
    expect(JSON.parse(out.findings!)).toHaveLength(500);
    expect(JSON.parse(await readFile(out['findings-file']!, 'utf8'))).toEqual(JSON.parse(out.findings!));
    expect(log.commands('warning')).toEqual([]);
  });
});
