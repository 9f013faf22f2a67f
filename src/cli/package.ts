/** The installed roadmap-guard package: where its example files are, and its version. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInput } from './io.js';

/**
 * The installed package's root: the nearest directory above this module whose
 * package.json is named roadmap-guard. Works from src/ under the tests and
 * from the dist/cli/ bundle alike, inside node_modules or a clone.
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest)?.name === 'roadmap-guard') return dir;
    if (dirname(dir) === dir) throw new BadInput(`cannot find the roadmap-guard package above ${from}; reinstall it`);
  }
}

/**
 * A file that came with the package, as a user can type it where they are:
 * the package is usually installed under node_modules or npx's cache, not in
 * the user's repository, so `examples/…` alone would not be found. Relative
 * when the file is below the working directory, absolute otherwise.
 */
export function packageFilePath(file: string, root: string = packageRoot(), cwd: string = process.cwd()): string {
  const path = join(root, file);
  const fromHere = relative(cwd, path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

/** The version in the package's own package.json, so `--version` cannot drift from what was published. */
export function packageVersion(root: string = packageRoot()): string {
  const version = readManifest(join(root, 'package.json'))?.version;
  return typeof version === 'string' ? version : 'unknown';
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
