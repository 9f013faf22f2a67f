import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES_HELP } from '../../src/cli/io.js';
import { runCli } from './helpers.js';

const POLICY = 'examples/roadmap-policy.yml';
const SNAPSHOT = 'examples/acme-snapshot.json';

/** A scratch directory with the given files. */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-guard-simulate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('roadmap-guard simulate', () => {
  it('exits 1 when findings fail, and prints the report', async () => {
    const { code, stdout } = await runCli(['simulate', '--policy', POLICY, '--snapshot', SNAPSHOT]);
    expect(code).toBe(1);
    expect(stdout).toContain('Roadmap health: the check fails\nOver budget: deal work; acme (customer share)\nFailing: 2 items and 1 budget.');
  });

  it("prints the bets' outcomes an audit would, from the closed bets and outcome labels in the snapshot, in every format", async () => {
    const dir = scratch({ 'policy.yml': readFileSync(POLICY, 'utf8').replace('  review-field: Review by', '  review-field: Review by\n  outcome-due-days: 30') });
    const args = ['simulate', '--policy', join(dir, 'policy.yml'), '--snapshot', SNAPSHOT];
    const [text, markdown, json] = await Promise.all(['text', 'markdown', 'json'].map((format) => runCli([...args, '--format', format])));
    expect(text!.stdout).toContain('\nBets and outcomes\n  6 bets delivered since 2026-06-01 (6 months), 3 with a recorded outcome\n');
    expect(markdown!.stdout).toContain('<summary><strong>Bets and outcomes</strong> · 1 of 6 bets hit its metric, 3 never reviewed</summary>\n\nOf the **6 bets** delivered since 2026-06-01 (6 months), **3** have a recorded outcome');
    expect((JSON.parse(json!.stdout) as { verdict: { outcomes: { bets: number; hit: number } } }).verdict.outcomes).toMatchObject({ bets: 6, hit: 1 });
  });

  it('exits 0 when nothing fails: a what-if with a 30% deal cap and no forbidden labels', async () => {
    const dir = scratch({
      'policy.yml': [
        'version: 1',
        'work: { exclude-labels: [bug, chore], size: { labels: { "size/S": 1, "size/M": 3, "size/L": 8 }, default: 3 } }',
        'categories:',
        '  deal: { match: { labels: [deal, "customer:*"] }, budget: { max-share: 30% } }',
      ].join('\n'),
    });
    const { code, stdout, stderr } = await runCli(['simulate', '--policy', join(dir, 'policy.yml'), '--snapshot', SNAPSHOT, '--format', 'json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const { evaluation } = JSON.parse(stdout) as { evaluation: { compliant: boolean; budgets: { category: string; share: string; status: string }[] } };
    expect(evaluation.compliant).toBe(true);
    expect(evaluation.budgets[0]).toMatchObject({ category: 'deal', share: '22%', status: 'ok' });
  });

  it('evaluates at --at instead of the snapshot time', async () => {
    const later = await runCli(['simulate', '--policy', POLICY, '--snapshot', SNAPSHOT, '--at', '2027-03-01', '--format', 'json']);
    const { evaluation } = JSON.parse(later.stdout) as { evaluation: { at: string; findings: { kind: string }[] } };
    expect(evaluation.at).toBe('2027-03-01T00:00:00.000Z');
    // By March every review date in the example has passed.
    expect(evaluation.findings.filter((f) => f.kind === 'bet-overdue').length).toBeGreaterThan(2);
  });

  it('counts overdue bets the same in their section and in the overview, saying how many more are exempt', async () => {
    const { stdout } = await runCli(['simulate', '--policy', POLICY, '--snapshot', SNAPSHOT, '--at', '2027-03-01']);
    expect(stdout).toContain('  Bets past their review date (4 items, plus 2 items exempt)\n');
    expect(stdout).toContain('  Overdue bets: 4 items, plus 2 items exempt\n');
  });

  it('exits 2 with a clear message on bad input', async () => {
    const dir = scratch({
      'bad-policy.yml': 'version: 1\ncategories:\n  deal:\n    budget: { max-share: ten percent }\n',
      'bad.json': '{"version": 1}',
      'extends.yml': 'version: 1\nextends: acme/.github:roadmap-policy.yml\n',
    });
    const cases: [string[], RegExp][] = [
      [['--policy', POLICY], /--snapshot is required/],
      [['--snapshot', SNAPSHOT], /--policy is required/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--dry'], /unknown option --dry\b.*\(see roadmap-guard simulate --help\)/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, 'extra'], /unexpected argument "extra"/],
      [['--policy', 'nope.yml', '--snapshot', SNAPSHOT], /nope\.yml: no policy file found/],
      [['--policy', POLICY, '--snapshot', 'nope.json'], /nope\.json: no such snapshot file/],
      [['--policy', join(dir, 'bad-policy.yml'), '--snapshot', SNAPSHOT], /bad-policy\.yml:4:\d+ categories\.deal/],
      [['--policy', POLICY, '--snapshot', join(dir, 'bad.json')], /bad\.json: invalid snapshot\n {2}\S*bad\.json:1:1 source: missing: add "source"/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--at', 'next week'], /--at expects a date like 2027-01-15/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--at', '2027-02-30'], /--at expects a date/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--at', '2027-02-30T09:00:00Z'], /--at expects a date/],
      [['--policy', join(dir, 'extends.yml'), '--snapshot', SNAPSHOT], /extends\.yml:2:\d+ extends: .*is on GitHub; give a local copy with --extends-from <file>, or set GITHUB_TOKEN/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--format', 'yaml'], /--format must be one of text, markdown, json/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--format'], /--format needs a value \(see roadmap-guard simulate --help\)/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--help=yes'], /--help takes no value/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['simulate', ...args]);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr).toMatch(/^roadmap-guard simulate: /);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses sizes no work can have, and warns when --at is before the work was created', async () => {
    const item = (number: number, estimate: number) => ({
      number,
      title: `Item ${number}`,
      url: `https://github.com/acme/app/issues/${number}`,
      state: 'open',
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-01T10:00:00Z',
      fields: { Estimate: { type: 'number', value: estimate } },
    });
    const snapshot = (estimates: number[]) =>
      JSON.stringify({ version: 1, source: { kind: 'repository', name: 'acme/app' }, takenAt: '2026-11-03', items: estimates.map((e, i) => item(i + 1, e)) });
    const dir = scratch({ 'policy.yml': 'version: 1\nwork: { size: { field: Estimate } }\n', 'negative.json': snapshot([3, -5]), 'huge.json': snapshot([3, 1e300]), 'fine.json': snapshot([3, 5]) });
    const run = (file: string, ...more: string[]) => runCli(['simulate', '--policy', join(dir, 'policy.yml'), '--snapshot', join(dir, file), ...more]);

    const negative = await run('negative.json');
    expect(negative.code).toBe(2);
    // Located like every other snapshot problem: the items are on line 1 of this one-line file, the second size at its column.
    const column = readFileSync(join(dir, 'negative.json'), 'utf8').indexOf('-5') + 1;
    expect(negative.stderr).toContain(`negative.json:1:${column} items[1].fields["Estimate"].value (issue #2): a size of -5 is impossible; sizes are 0 or more`);
    const huge = await run('huge.json');
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/huge\.json:1:\d+ items\[1\]\.fields\["Estimate"\]\.value \(issue #2\): a size of 1e\+300 is beyond any real item \(at most 100,000\); check the unit/);

    const early = await run('fine.json', '--at', '2026-01-01');
    expect(early.code).toBe(0);
    expect(early.stderr).toBe(`roadmap-guard simulate: warning: ${join(dir, 'fine.json')}: 2026-01-01T00:00:00.000Z is before every item in the snapshot was created: the report counts work that did not exist yet\n`);
    expect((await run('fine.json')).stderr).toBe('');
  });

  it('reads an extended policy from a local copy given with --extends-from', async () => {
    const dir = scratch({ 'team.yml': 'version: 1\nextends: acme/.github:roadmap-policy.yml\ncategories:\n  deal:\n    budget: { max-share: 30% }\n' });
    const { code, stdout, stderr } = await runCli(['simulate', '--policy', join(dir, 'team.yml'), '--extends-from', POLICY, '--snapshot', SNAPSHOT, '--format', 'json']);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const { budgets } = JSON.parse(stdout) as { budgets: { category: string; cap: string | null }[] };
    // The team's 30% replaces the example's 10%; the strategic category comes from the extended file.
    expect(budgets.map((b) => [b.category, b.cap])).toEqual([['deal', '30%'], ['bet', null], ['strategic', null], ['other', null]]);
  });

  it('prints its usage with --help, listing --format and the exit codes', async () => {
    const { code, stdout } = await runCli(['simulate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--format <format>   text (default), markdown or json');
    expect(stdout).toContain(EXIT_CODES_HELP);
  });
});
