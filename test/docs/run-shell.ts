/**
 * Shell text from the docs, run as a reader would but offline: npx, npm, gh
 * and `bash <script>` are stand-ins (shims/), and `roadmap-guard` is the
 * command line under test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageSpecs } from './package-specs.js';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

/** A console block's commands (`$ …`), each with the lines it prints. */
export function sessionSteps(text: string): { command: string; output: string }[] {
  const steps: { command: string; output: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: [] });
    else steps.at(-1)?.output.push(line);
  }
  return steps.map((step) => ({ command: step.command, output: step.output.join('\n').trimEnd() }));
}

const shims = join(import.meta.dirname, 'shims');

/**
 * Runs shell text in a folder with offline stand-ins for npx, npm, gh and
 * bash scripts, and the built command line (dist/cli/index.js, what the
 * package ships, or the installed package's when ROADMAP_GUARD_DOCS_CLI
 * names it) as `roadmap-guard`. Returns each call the stand-ins saw, as
 * "<exit code> <command line>".
 */
export function runShell(cwd: string, text: string, fixture: unknown = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'docs-run-'));
  try {
    const log = join(scratch, 'calls.log');
    writeFileSync(log, '');
    writeFileSync(join(scratch, 'gh.json'), JSON.stringify(fixture));
    const run = spawnSync('/bin/bash', ['-o', 'pipefail', '-c', text], {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: `${shims}:${process.env.PATH}`,
        HOME: scratch,
        NO_COLOR: '1',
        // The built command line, or the one the packed package installed (scripts/check-package.js sets it).
        DOCS_CLI: process.env.ROADMAP_GUARD_DOCS_CLI ?? join(root, 'dist/cli/index.js'),
        DOCS_LOG: log,
        DOCS_GH_FIXTURE: join(scratch, 'gh.json'),
        DOCS_SCRIPTS: Object.keys(manifest.scripts).join('\n'),
        DOCS_PACKAGE_SPECS: packageSpecs(manifest.version).join('\n'),
      },
    });
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, calls };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
