// Proves the published CLI works outside this repository: packs the package as
// npm would publish it (and the release attaches it), installs the tarball
// into an empty folder without the registry (so nothing it needs may be left
// unbundled), and walks a new user's first hour there (scripts/first-hour.sh).
// Run after `npm run build`; exits 1 on the first difference from what is
// expected.
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

  // What a new user does next, on this installation: scripts/first-hour.sh checks each step's output.
  const firstHour = spawnSync('bash', [join(root, 'scripts', 'first-hour.sh'), project], { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
  expect("a new user's first hour on the installed package (scripts/first-hour.sh)", firstHour.status === 0);
  // Every shell line of the README and docs/, run with the installed package as `roadmap-guard`.
  const cli = join(project, 'node_modules', 'roadmap-guard', 'dist', 'cli', 'index.js');
  const docs = spawnSync(npm, ['exec', '--', 'vitest', 'run', 'test/docs/blocks.test.ts', '-t', 'shell lines in the docs'], { cwd: root, encoding: 'utf8', env: { ...process.env, ROADMAP_GUARD_DOCS_CLI: cli } });
  expect('the shell lines of the README and docs/ run with the installed package (test/docs/blocks.test.ts)', docs.status === 0, docs);
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
