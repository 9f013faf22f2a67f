/**
 * The shape of `src/`: dependencies run one way, as `scripts/module-map.ts`
 * declares them. The engine (`core/`) owns the policy type and knows nothing
 * of files, GitHub, reports or the command line; everything else may use it.
 * Imports are read with TypeScript's own scanner, so `import type` and
 * re-exports count as much as value imports: a type-only cycle is still two
 * modules that cannot be understood one without the other. Every folder must
 * be declared, packages count as much as folders, and an `import()` whose
 * target is computed, which no scanner can follow, is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MODULE_MAP } from '../scripts/module-map.js';

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Imports {
  /** `src/`-relative paths of the modules the file imports (`./x.js` is `x.ts`). */
  local: string[];
  /** Packages by name (`@scope/name`, `name`), Node built-ins as `node:x`. */
  packages: string[];
  /** `import()` calls whose target is not a plain string, at their line. */
  computed: string[];
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.split('/')[0]!;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every `import(…)` and `require(…)` whose argument is not a string literal: the scanner cannot see where it leads. */
function computedImports(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      const [target] = node.arguments;
      if (isImport && !(target && ts.isStringLiteralLike(target))) found.push(`line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 60)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function importsOf(file: string, text = readFileSync(file, 'utf8')): Imports {
  const names = ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
  return {
    local: names.filter((name) => name.startsWith('.')).map((name) => relative(SRC, resolve(dirname(file), name)).replace(/\.js$/, '.ts')),
    packages: [...new Set(names.filter((name) => !name.startsWith('.')).map(packageName))],
    computed: computedImports(file, text),
  };
}

const modules = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), importsOf(file)]));
const graph = new Map([...modules].map(([file, imports]) => [file, imports.local]));

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

/** The layer a `src/`-relative path belongs to: its top folder, or `.` for the files at the top of `src/`. */
const folder = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');

const LAYERS = new Map(MODULE_MAP.map((layer) => [layer.folder, layer]));

/** What breaks the module map, in words: undeclared folders, imports across layers it does not allow, packages, computed imports. */
function violations(files: Map<string, Imports>): string[] {
  return [...files].flatMap(([file, imports]) => {
    const layer = LAYERS.get(folder(file));
    if (!layer) return [`${file} is in src/${folder(file)}/, which scripts/module-map.ts does not declare`];
    return [
      ...imports.local.filter((target) => folder(target) !== layer.folder && !layer.mayImport.includes(folder(target))).map((target) => `${file} imports ${target}`),
      ...imports.packages.filter((name) => !layer.packages.includes(name)).map((name) => `${file} imports the package ${name}`),
      ...imports.computed.map((call) => `${file} imports a computed module, ${call}`),
    ];
  });
}

describe('the module structure of src/', () => {
  it('reads the imports of every module, type imports, packages and dynamic imports included', () => {
    expect(graph.get('core/evaluate.ts')).toContain('core/types.ts');
    expect(modules.get('policy/yaml-source.ts')?.packages).toContain('yaml');
    const file = join(SRC, 'core/x.ts');
    expect(importsOf(file, "import('./a.js'); import(`./b.js`); const n = './c.js'; import(n); import(`./${n}`); require(n);")).toEqual({
      local: ['core/a.ts', 'core/b.ts'],
      packages: [],
      computed: ['line 1: import(n)', 'line 1: import(`./${n}`)', 'line 1: require(n)'],
    });
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual(['a.ts → b.ts → a.ts']);
  });

  it('declares every folder of src/, and nothing that is not one', () => {
    const folders = [...new Set([...modules.keys()].map(folder))].sort();
    expect(MODULE_MAP.map((layer) => layer.folder).sort()).toEqual(folders);
  });

  it('flags an undeclared folder, a package outside the list, and a computed import', () => {
    const fake = new Map<string, Imports>([
      ['util/x.ts', { local: ['action/run.ts'], packages: [], computed: [] }],
      ['core/y.ts', { local: [], packages: ['node:fs', '@actions/github'], computed: ['line 3: import(name)'] }],
    ]);
    expect(violations(fake)).toEqual([
      'util/x.ts is in src/util/, which scripts/module-map.ts does not declare',
      'core/y.ts imports the package node:fs',
      'core/y.ts imports the package @actions/github',
      'core/y.ts imports a computed module, line 3: import(name)',
    ]);
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

  it('keeps each layer to the layers below it and its own packages, with no computed import', () => {
    expect(violations(modules)).toEqual([]);
  });

  it('keeps the engine free of files, GitHub, wording, the command line and every package', () => {
    const engine = [...modules].filter(([file]) => folder(file) === 'core');
    expect(engine.length).toBeGreaterThan(10);
    expect(LAYERS.get('core')).toMatchObject({ mayImport: [], packages: [] });
    expect(engine.flatMap(([file, imports]) => [...imports.local.filter((target) => folder(target) !== 'core'), ...imports.packages].map((target) => `${file} imports ${target}`))).toEqual([]);
  });

  it('reaches GitHub only through the ports: the composition roots are the only modules outside github/ that import it', () => {
    const outside = [...modules].filter(([file, imports]) => folder(file) !== 'github' && imports.local.some((target) => folder(target) === 'github'));
    expect(outside.map(([file]) => file).sort()).toEqual(['cli.ts', 'index.ts']);
    expect(MODULE_MAP.filter((layer) => layer.folder !== 'github' && layer.mayImport.includes('github')).map((layer) => layer.folder)).toEqual(['.']);
    expect(LAYERS.get('ports')).toMatchObject({ packages: [] });
    expect(LAYERS.get('ports')?.mayImport).not.toContain('github');
  });
});
