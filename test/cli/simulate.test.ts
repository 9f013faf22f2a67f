import { mkdtempSync, writeFileSync } from 'node:fs';
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
    expect(stdout).toContain('The check fails: 3 findings fail.');
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
      [['--policy', POLICY, '--snapshot', join(dir, 'bad.json')], /bad\.json: invalid snapshot\n {2}source: /],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--at', 'next week'], /--at expects a date like 2027-01-15/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--at', '2027-02-30'], /--at expects a date/],
      [['--policy', POLICY, '--snapshot', SNAPSHOT, '--at', '2027-02-30T09:00:00Z'], /--at expects a date/],
      [['--policy', join(dir, 'extends.yml'), '--snapshot', SNAPSHOT], /extends\.yml:2:\d+ extends: .*cannot be read offline/],
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

  it('prints its usage with --help, listing --format and the exit codes', async () => {
    const { code, stdout } = await runCli(['simulate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--format <format>   text (default), markdown or json');
    expect(stdout).toContain(EXIT_CODES_HELP);
  });
});
