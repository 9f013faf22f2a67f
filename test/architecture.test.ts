/**
 * The shape of `src/`: dependencies run one way. The engine (`core/`) owns the
 * policy type and knows nothing of files, GitHub, reports or the command line;
 * everything else may use it. Imports are read with TypeScript's own scanner,
 * so `import type` and re-exports count as much as value imports: a type-only
 * cycle is still two modules that cannot be understood one without the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `src/`-relative paths of the modules a file imports (`./x.js` is `x.ts`); packages and node: built-ins are left out. */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((ref) => ref.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, resolve(dirname(file), name)).replace(/\.js$/, '.ts'));
}

const graph = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), localImports(file)]));

/** Every cycle, each written once as `a.ts → b.ts → a.ts` (depth-first search, cycles found on back edges). */
function cycles(edges: Map<string, string[]>): string[] {
  const found = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') found.add([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return [...found];
}

const folder = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path);

/**
 * The folders each layer may import besides its own: the README's module map.
 * The engine at the bottom imports nothing; file formats (`policy/`,
 * `snapshot/`) read into the engine's types; `report/` words things and
 * `commands/` decides `/roadmap` commands with those words; `plan/` decides
 * writes as data; `github/` does the I/O; the entry points (`action/`,
 * `cli/`) may use everything.
 */
const ALLOWED: Record<string, string[]> = {
  core: [],
  policy: ['core'],
  snapshot: ['core', 'policy'],
  report: ['core'],
  commands: ['core', 'report'],
  plan: ['core', 'report'],
  github: ['core', 'policy', 'report', 'commands', 'plan'],
  'pull-request': ['core', 'report', 'plan', 'github'],
  'saved-state': ['core', 'github'],
};

describe('the module structure of src/', () => {
  it('reads the imports of every module, type imports included', () => {
    expect(graph.get('core/evaluate.ts')).toContain('core/types.ts');
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual(['a.ts → b.ts → a.ts']);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import cycle between folders either', () => {
    const folders = new Map<string, string[]>();
    for (const [file, imports] of graph) {
      const others = imports.map(folder).filter((target) => target !== folder(file));
      folders.set(folder(file), [...new Set([...(folders.get(folder(file)) ?? []), ...others])]);
    }
    expect(cycles(folders)).toEqual([]);
  });

  it('keeps each layer to the layers below it', () => {
    const crossings = [...graph].flatMap(([file, imports]) => {
      const allowed = ALLOWED[folder(file)];
      if (!allowed) return [];
      const outside = imports.filter((target) => folder(target) !== folder(file) && !allowed.includes(folder(target)));
      return outside.map((target) => `${file} imports ${target}`);
    });
    expect(crossings).toEqual([]);
  });

  it('keeps the engine free of files, GitHub, wording and the command line', () => {
    const engine = [...graph].filter(([file]) => folder(file) === 'core');
    expect(engine.length).toBeGreaterThan(10);
    expect(engine.flatMap(([file, imports]) => imports.filter((target) => folder(target) !== 'core').map((target) => `${file} imports ${target}`))).toEqual([]);
  });
});
