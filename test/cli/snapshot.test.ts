// `snapshot` against the fake GitHub's board, then `simulate` on the file it
// wrote: the same findings and budgets as the audit of the same board.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeGitHub } from '../fake-github/index.js';
import { DEFAULT_TOKEN } from '../fake-github/server.js';
import { BOARD_POLICY, BOARD_TOKEN, NOW, startBoardFake } from '../e2e/board-fixtures.js';
import { workflowDispatchEvent } from '../e2e/events.js';
import { runInProcess } from '../e2e/run-in-process.js';
import { startExampleFake } from '../e2e/fixtures.js';
import { runCli } from './helpers.js';
import { projectKey } from '../fake-github/projects.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXIT_CODES_HELP } from '../../src/cli/io.js';

/** When the example roadmap (examples/acme-snapshot.json) was taken. */
const EXAMPLE_TAKEN_AT = '2026-11-03T09:00:00Z';

let fake: FakeGitHub | undefined;
let temp: string | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  if (temp) await rm(temp, { recursive: true, force: true });
  temp = undefined;
});

describe('roadmap-guard snapshot', () => {
  it('captures the board so that simulate gives the audit\'s findings', async () => {
    const github = (fake = await startBoardFake());
    const dir = (temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-snapshot-')));
    const out = join(dir, 'snapshot.json');
    const policy = join(dir, 'policy.yml');
    await writeFile(policy, BOARD_POLICY);

    const audit = await runInProcess({ fake: github, event: workflowDispatchEvent(github), now: NOW, inputs: { 'project-token': BOARD_TOKEN, 'dry-run': 'true' } });
    github.clearRequests();
    const captured = await runCli(['snapshot', '--repo', 'acme/widgets', '--out', out, '--api-url', github.url], { env: { GITHUB_TOKEN: BOARD_TOKEN } });
    expect(captured.stderr).toMatch(/^Read 119 items: \d+ GraphQL/m);
    expect(captured.code).toBe(0);
    expect(github.requests.every((r) => r.kind !== 'write')).toBe(true);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ version: 1, source: { kind: 'project', name: 'acme/7' } });

    const simulated = await runCli(['simulate', '--policy', policy, '--snapshot', out, '--at', NOW.toISOString(), '--format', 'json']);
    expect(simulated.stderr).toBe('');
    const result = JSON.parse(simulated.stdout) as { findings: unknown[]; budgets: unknown[] };
    expect(result.findings).toEqual(JSON.parse(audit.outputs.findings ?? ''));
    expect(result.budgets).toEqual(JSON.parse(audit.outputs.budgets ?? ''));
    expect(simulated.code).toBe(1);
  });

  it('carries the closed work the trend and the bets need, so simulate prints every section demo prints', async () => {
    const github = (fake = await startExampleFake());
    const dir = (temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-snapshot-')));
    const out = join(dir, 'snapshot.json');
    // Taken the day the example snapshot was: the window of closed work is counted back from it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(EXAMPLE_TAKEN_AT));
    try {
      const captured = await runCli(['snapshot', '--repo', 'acme-analytics/platform', '--out', out, '--api-url', github.url], { env: { GITHUB_TOKEN: DEFAULT_TOKEN } });
      // The open and closed issues, then each finished quarter within 24 months and the one after it, with their history.
      expect(captured.stderr).toMatch(/^Read 59 items: 6 GraphQL/);
      expect(captured.code).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    const items = (JSON.parse(await readFile(out, 'utf8')) as { items: { state: string; closedAt: string | null; milestone: string | null }[] }).items;
    const closed = items.filter((item) => item.state === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    // Closed work in the report window; older closed work only as part of a milestone the execution report reads.
    expect(closed.every((item) => item.closedAt! >= '2026-06-01' || item.milestone !== null)).toBe(true);

    const simulated = await runCli(['simulate', '--policy', 'examples/roadmap-policy.yml', '--snapshot', out, '--format', 'markdown']);
    const demo = await runCli(['demo', '--format', 'markdown']);
    expect(simulated.stdout).toContain('<summary><strong>Bets and outcomes</strong>');
    expect(simulated.stdout).toBe(demo.stdout);
  });

  it('names what to grant when no token is set', async () => {
    const result = await runCli(['snapshot', '--repo', 'acme/widgets']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('roadmap-guard snapshot: set GITHUB_TOKEN or GH_TOKEN to a token that can read acme/widgets (Issues: read, Contents: read) and, for a board, the project (Projects: read)\n');
  });

  it('says in one line when the token cannot see the board', async () => {
    const github = (fake = await startBoardFake());
    github.addToken('outsider-token', 'outsider');
    const result = await runCli(['snapshot', '--repo', 'acme/widgets', '--api-url', github.url], { env: { GH_TOKEN: 'outsider-token' } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Projects: read');
  });

  it('says on stderr which board items its token cannot read, and keeps stdout the snapshot alone', async () => {
    const github = (fake = await startBoardFake());
    github.addToken('scoped-token', 'scoped-reader', { repositories: ['acme/widgets'] });
    github.store.projects.get(projectKey('acme', 7))!.readers.push('scoped-reader');
    const result = await runCli(['snapshot', '--repo', 'acme/widgets', '--api-url', github.url], { env: { GITHUB_TOKEN: 'scoped-token' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: 1, source: { kind: 'project', name: 'acme/7' } });
    expect(result.stderr).toMatch(/^`project-token` may read the board acme\/7 but not the issues of 5 items on it/m);
  });

  it('reads a policy file on this machine, so data can be captured before the policy is committed', async () => {
    const github = (fake = await startBoardFake());
    const dir = (temp = await mkdtemp(join(tmpdir(), 'roadmap-guard-snapshot-')));
    // The repository's policy names a board; this uncommitted one does not, so the repository's open issues are read.
    const policy = join(dir, 'new-policy.yml');
    await writeFile(policy, 'version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\n    budget: { max-share: 20% }\n');
    const result = await runCli(['snapshot', '--repo', 'acme/widgets', '--policy', policy, '--api-url', github.url], { env: { GITHUB_TOKEN: BOARD_TOKEN } });
    expect(result.stderr).toMatch(new RegExp(`^Policy: ${policy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, the file on this machine\\.\nRead \\d+ items: `));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: 1, source: { kind: 'repository', name: 'acme/widgets' } });
    expect(github.requests.filter((request) => request.path.includes('/contents/'))).toEqual([]);
  });

  it('says in one line that GitHub could not be reached, and exits 2: the snapshot could not be taken', async () => {
    const closed = await closedPort();
    const result = await runCli(['snapshot', '--repo', 'acme/widgets', '--api-url', `http://127.0.0.1:${closed}`], { env: { GITHUB_TOKEN: 'any-token' }, client: { retryTimeUnitMs: 1 } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^roadmap-guard snapshot: Could not read \.github\/roadmap-policy\.yml from acme\/widgets: GET \/repos\/acme\/widgets\/contents\/.* got no answer from GitHub: .*Check the network \(and --api-url, if given\), then run the command again\n$/);
  });

  it('lists the exit codes in its help, as every command does', async () => {
    const help = await runCli(['snapshot', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(EXIT_CODES_HELP);
  });
});

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
