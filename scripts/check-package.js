// Proves the published CLI works outside this repository: packs the package as
// npm would publish it, installs the tarball into an empty folder without the
// registry (so nothing it needs may be left unbundled), and runs each command
// there as a user would. Run after `npm run build`; exits 1 on the first
// difference from what is expected.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'roadmap-guard-package-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

try {
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work, ...quiet], { cwd: root, encoding: 'utf8' }))[0];
  const shipped = packed.files.map((file) => file.path);
  expect(`the tarball is named ${manifest.name}-${manifest.version}.tgz, as the release attaches it and the README's download address names it`, packed.filename === `${manifest.name}-${manifest.version}.tgz`);
  expect(`the tarball holds the bundled CLI and the example (${shipped.length} files)`, ['dist/cli/index.js', 'examples/roadmap-policy.yml', 'examples/acme-snapshot.json'].every((f) => shipped.includes(f)));
  expect('the tarball leaves out sources, tests and the action bundle', !shipped.some((f) => /^(src|test|lib)\/|^dist\/index\.js$/.test(f)));
  expect('the package declares no runtime dependency', Object.keys(manifest.dependencies ?? {}).length === 0);

  const project = join(work, 'project');
  mkdirSync(join(project, '.github'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "someone-elses-repository", "private": true }\n');
  execFileSync(npm, ['install', '--offline', ...quiet, join(work, packed.filename)], { cwd: project, encoding: 'utf8' });

  const installed = join(project, 'node_modules', 'roadmap-guard');
  writeFileSync(join(project, '.github', 'roadmap-policy.yml'), readFileSync(join(installed, 'examples', 'roadmap-policy.yml')));
  const cli = (...args) => spawnSync(join(project, 'node_modules', '.bin', 'roadmap-guard'), args, { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  const version = cli('--version');
  expect(`--version prints ${manifest.version}`, version.status === 0 && version.stdout.trim() === manifest.version);
  const valid = cli('validate');
  expect('validate reads .github/roadmap-policy.yml and exits 0', valid.status === 0 && valid.stdout.includes('OK'), valid);
  const demo = cli('demo');
  expect('demo prints the example report and exits 1 (its check fails)', demo.status === 1 && demo.stdout.includes('Capacity budgets'), demo);
  const simulate = cli('simulate', '--policy', '.github/roadmap-policy.yml', '--snapshot', join(installed, 'examples', 'acme-snapshot.json'), '--at', '2026-11-03');
  expect('simulate runs the policy against the example snapshot and exits 1', simulate.status === 1 && simulate.stdout.includes('Capacity budgets'), simulate);
  const bad = cli('simulate', '--policy', 'missing.yml');
  expect('bad input exits 2', bad.status === 2, bad);
  console.log(`${packed.filename} (${(packed.size / 1024).toFixed(0)} kB, ${shipped.length} files) installs offline and runs from an empty folder`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function expect(what, ok, result) {
  if (ok) {
    console.log(`ok  ${what}`);
    return;
  }
  const output = result ? `\nexit ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}` : '';
  throw new Error(`FAILED  ${what}${output}`);
}
