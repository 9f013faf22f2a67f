/**
 * The action's orchestration through its two ports, in memory: a forge that
 * is a few Maps and a runner that records. No HTTP, no client, no stdout:
 * what each kind of run plans, applies, reports and sets is read straight
 * from the ports.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/action/run.js';
import { COMMENT_MARKER, MERGE_GATE_MARKER } from '../../src/memory/markers.js';
import { MERGE_GATE_CONTEXT, type ConnectOptions } from '../../src/ports/forge.js';
import { COMMANDS_POLICY, NON_COMPLIANT_LABEL, POLICY_PATH } from '../e2e/fixtures.js';
import { addIssue, memoryForge, memoryRepository, memoryRunner, type MemoryRepository, type MemoryRunner } from '../support/memory-forge.js';

const REPO = { owner: 'acme', name: 'roadmap' };
const CASE = '### Who will buy it?\n\nAcme Corp, renewing in May';
const NOW = new Date('2026-03-01T12:00:00Z');

let dir: string;
let memory: MemoryRepository;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-memory-'));
  memory = memoryRepository(REPO, { [POLICY_PATH]: COMMANDS_POLICY });
  addIssue(memory, { number: 12, title: 'SSO for Acme', labels: ['deal'] });
  addIssue(memory, { number: 13, title: 'Audit log export', labels: ['deal'], body: CASE });
  addIssue(memory, { number: 14, title: 'Faster search' });
  addIssue(memory, { number: 15, title: 'Dark mode' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Ran {
  runner: MemoryRunner;
  connected: ConnectOptions[];
}

/** One run of the action on `event`, with the forge in memory. */
async function runInMemory(event: { name: string; payload: Record<string, unknown> }, inputs: Record<string, string> = {}): Promise<Ran> {
  const eventPath = join(dir, `${event.name}.json`);
  await writeFile(eventPath, JSON.stringify({ ...event.payload, repository: { full_name: 'acme/roadmap' } }));
  const runner = memoryRunner({ 'github-token': 'ghs_memory', 'max-writes': '50', ...inputs });
  const connected: ConnectOptions[] = [];
  const forge = memoryForge(memory);
  await run({
    connect: async (options) => (connected.push(options), forge),
    runner,
    env: { GITHUB_REPOSITORY: 'acme/roadmap', GITHUB_EVENT_NAME: event.name, GITHUB_EVENT_PATH: eventPath, GITHUB_SHA: 'c0ffee0' },
    now: () => NOW,
  });
  return { runner, connected };
}

const opened = (number: number) => ({ name: 'issues', payload: { action: 'opened', issue: { number } } });
const schedule = { name: 'schedule', payload: {} };

describe('an issue event, in memory', () => {
  it('plans the comment and the label, applies them, and fails the check with one reason', async () => {
    const { runner, connected } = await runInMemory(opened(12));

    expect(connected).toEqual([expect.objectContaining({ token: 'ghs_memory' })]);
    expect(memory.made.map((write) => `${write.kind} #${write.issue ?? '-'}`)).toEqual(['create-label #-', 'create-comment #12', 'add-labels #12']);
    const issue = memory.issues.get(12)!;
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]!.body).toContain(COMMENT_MARKER);
    expect(issue.comments[0]!.body).toContain('Who will buy it?');
    expect(issue.labels).toEqual(['deal', NON_COMPLIANT_LABEL]);
    expect(runner.failed).toMatch(/^1 finding fails the roadmap policy: #12 .*Who will buy it\?.*See the job summary\.$/);
    expect(runner.outputs.compliant).toBe('false');
    expect(runner.summary).toContain('#12');
  });

  it('a second run on the same issue writes nothing more', async () => {
    await runInMemory(opened(12));
    const writes = memory.made.length;
    const again = await runInMemory(opened(12));
    expect(memory.made).toHaveLength(writes);
    expect(again.runner.failed).toMatch(/^1 finding fails/);
  });

  it('a compliant issue gets no comment, no label, and passes', async () => {
    const { runner } = await runInMemory(opened(13));
    expect(memory.made).toEqual([]);
    expect(runner.failed).toBeUndefined();
    expect(runner.outputs.compliant).toBe('true');
  });
});

describe('an audit, in memory', () => {
  it('writes the job summary and sets every output from the one evaluation', async () => {
    const { runner } = await runInMemory(schedule);

    expect(runner.summary).toMatch(/^## /);
    expect(runner.summary).toContain('#12');
    expect(runner.files.get('roadmap-guard-report.md')!.trimEnd()).toBe(runner.summary.trimEnd());
    expect(runner.outputs.report).toBe('memory/roadmap-guard-report.md');
    expect(runner.outputs.compliant).toBe('false');
    expect(JSON.parse(runner.outputs.findings!)).toEqual([expect.objectContaining({ item: 12, kind: 'missing-field' })]);
    expect(JSON.parse(runner.outputs.requests!)).toMatchObject({ write: 3 });
    expect(runner.outputs['findings-file']).toBe('memory/roadmap-guard-findings.json');
    expect(Object.keys(runner.outputs).sort()).toEqual(['budgets', 'compliant', 'findings', 'findings-file', 'over-budget', 'report', 'requests']);
  });
});

describe('a failure mid-run, in memory', () => {
  it('says which writes were made and which were not, in the check, the log and the summary', async () => {
    memory.refuse = (write) => (write.kind === 'add-labels' ? 'Resource not accessible by integration: grant `issues: write`' : undefined);
    const { runner } = await runInMemory(opened(12));

    expect(memory.made.map((write) => write.kind)).toEqual(['create-label', 'create-comment']);
    expect(memory.issues.get(12)!.labels).toEqual(['deal']);
    expect(runner.failed).toBe(`Resource not accessible by integration: grant \`issues: write\` Made 2 of 3 planned writes; 1 failed (add label ${NON_COMPLIANT_LABEL} to #12).`);
    expect(runner.log).toContain(`Made 2 of 3 planned writes; 1 failed (add label ${NON_COMPLIANT_LABEL} to #12).`);
    expect(runner.summary).toContain(`**1 write failed:** add label ${NON_COMPLIANT_LABEL} to \`#12\` (Resource not accessible by integration`);
    expect(runner.summary).toMatch(/\*\*Writes:\*\* 2 made, 0 skipped by dry run, 1 failed/);
  });

  it('a dry run plans the same writes and makes none', async () => {
    const { runner } = await runInMemory(opened(12), { 'dry-run': 'true' });
    expect(memory.made).toEqual([]);
    expect(runner.summary).toMatch(/\*\*Writes:\*\* 0 made, 3 skipped by dry run/);
  });
});

describe('the merge gate, in memory', () => {
  const pullRequest = (number: number, closes: number[]) => {
    memory.pullRequests.set(number, { number, title: 'Ship it', body: '', baseRef: 'main', headSha: `head${number}`, closes, files: ['src/app.ts'], comments: [], status: null });
    const repo = { full_name: 'acme/roadmap' };
    return { name: 'pull_request', payload: { action: 'opened', number, pull_request: { number, draft: false, base: { ref: 'main', sha: 'base0', repo }, head: { repo } } } };
  };

  it('fails a pull request that closes an issue without a business case: status, comment and check agree', async () => {
    const { runner } = await runInMemory(pullRequest(7, [12]));

    const pr = memory.pullRequests.get(7)!;
    expect(pr.status).toEqual({ state: 'failure', description: expect.stringContaining('#12') });
    expect(memory.made.find((write) => write.kind === 'set-status')).toMatchObject({ sha: 'head7', state: 'failure' });
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]!.body).toContain(MERGE_GATE_MARKER);
    expect(runner.failed).toMatch(/^The pull request closes 1 issue that does not meet the roadmap policy: #12 \(/);
    expect(runner.outputs.compliant).toBe('false');
  });

  it('passes a pull request whose issue meets the policy, with no comment', async () => {
    const { runner } = await runInMemory(pullRequest(8, [13]));

    expect(memory.pullRequests.get(8)!.status).toEqual({ state: 'success', description: expect.any(String) });
    expect(memory.pullRequests.get(8)!.comments).toEqual([]);
    expect(runner.failed).toBeUndefined();
    expect(runner.log).toContain('Merge gate: passes (1 linked issue).');
    expect(MERGE_GATE_CONTEXT).toBe('roadmap-guard/merge-gate');
  });
});
