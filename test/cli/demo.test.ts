import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageFilePath, packageRoot } from '../../src/cli/package.js';
import { runCli } from './helpers.js';

describe('roadmap-guard demo', () => {
  it('prints the lead report for the example roadmap, and exits 1 as simulate does, since the example fails its check', async () => {
    const { code, stdout, stderr } = await runCli(['demo']);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toContain('Roadmap health: the check fails\n');
    const simulated = await runCli(['simulate', '--policy', 'examples/roadmap-policy.yml', '--snapshot', 'examples/acme-snapshot.json']);
    expect(simulated.code).toBe(code);
    await expect(stdout).toMatchFileSnapshot('__golden__/demo.txt');
  });

  it('shows the figures a reader can check by hand against the example', async () => {
    const { stdout } = await runCli(['demo']);
    expect(stdout).toMatch(/deal\s+8\s+25\s+25%/);
    expect(stdout).toMatch(/acme\s+deal\s+4\s+15\s+60%/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours only on a terminal without NO_COLOR', async () => {
    expect((await runCli(['demo'], { tty: true })).stdout).toContain('\u001b[');
    expect((await runCli(['demo'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it("fits a terminal's width, and cuts nothing in a pipe", async () => {
    // eslint-disable-next-line no-control-regex -- the test measures lines without their escape sequences
    const lines = (text: string) => text.split('\n').map((line) => Array.from(line.replace(/\u001b\[[0-9;]*m/g, '')).length);
    const narrow = await runCli(['demo'], { tty: true, columns: 80 });
    const wide = await runCli(['demo'], { tty: true, columns: 160 });
    const piped = await runCli(['demo']);
    expect(Math.max(...lines(narrow.stdout))).toBeLessThanOrEqual(80);
    expect(narrow.stdout).toMatch(/below its 60%.*…/);
    expect(Math.max(...lines(wide.stdout))).toBeLessThanOrEqual(160);
    for (const full of [wide.stdout, piped.stdout]) expect(full).toContain('below its 60% floor (55 of 100 points)');
    expect(piped.stdout).not.toMatch(/\S…$/m);
  });

  it('counts each section the way the overview does, and says how many more are exempt', async () => {
    const { stdout } = await runCli(['demo']);
    expect(stdout).toContain('Failing: 2 items and 1 budget. Warnings: 25 findings on 7 items and 2 budgets. Exempt: 2 items.');
    expect(stdout).toContain('One-off labels (2 items, plus 2 items exempt)');
    expect(stdout).toContain('Missing business-case answers (9 findings on 3 items)');
    expect(stdout).toMatch(/#42 .* — fails\n/);
    expect(stdout).toContain('  Exemptions (roadmap-exempt): 2 in use of at most 2: #35, #50\n');
  });

  it('prints markdown and JSON on request', async () => {
    expect((await runCli(['demo', '--format', 'markdown'])).stdout).toMatch(/^#+ /m);
    const json = JSON.parse((await runCli(['demo', '--format=json'])).stdout) as { evaluation: { totalPoints: number }; findings: unknown[]; budgets: Record<string, unknown>[] };
    expect(json.evaluation.totalPoints).toBe(100);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.budgets).toHaveLength(4);
    expect(json.budgets[2]).toMatchObject({ category: 'strategic', cap: null, floor: '60%', status: 'under' });
  });

  it('refuses unknown options and formats with exit code 2', async () => {
    expect(await runCli(['demo', '--colour'])).toEqual({ code: 2, stdout: '', stderr: 'roadmap-guard demo: unknown option --colour (see roadmap-guard demo --help)\n' });
    expect((await runCli(['demo', '--fromat', 'json'])).stderr).toBe('roadmap-guard demo: unknown option --fromat; did you mean --format? (see roadmap-guard demo --help)\n');
    const badFormat = await runCli(['demo', '--format', 'html']);
    expect(badFormat).toMatchObject({ code: 2, stderr: 'roadmap-guard demo: --format must be one of text, markdown, json, got "html"\n' });
  });
});

describe('demo --help', () => {
  it('names the example snapshot by a path that works from where the user is', async () => {
    const { stdout } = await runCli(['demo', '--help']);
    expect(stdout).toContain('roadmap-guard simulate --policy .github/roadmap-policy.yml --snapshot examples/acme-snapshot.json\n');
    expect(packageFilePath('examples/acme-snapshot.json', '/home/me/app/node_modules/roadmap-guard', '/home/me/app')).toBe('node_modules/roadmap-guard/examples/acme-snapshot.json');
    expect(packageFilePath('examples/acme-snapshot.json', '/home/me/.npm/_npx/1a2b/node_modules/roadmap-guard', '/home/me/app')).toBe('/home/me/.npm/_npx/1a2b/node_modules/roadmap-guard/examples/acme-snapshot.json');
  });
});

describe('packageRoot', () => {
  it('walks up to the package.json named roadmap-guard, past others', () => {
    const root = mkdtempSync(join(tmpdir(), 'roadmap-guard-root-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'roadmap-guard' }));
    const nested = join(root, 'node_modules', 'other', 'dist', 'cli');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(root, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    expect(packageRoot(nested)).toBe(root);
  });
});
