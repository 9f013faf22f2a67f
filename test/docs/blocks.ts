/**
 * Every fenced block of the project's markdown, with what kind of thing it
 * is, so a test can execute each one: a workflow is linted, a policy is
 * validated, a command is run and its shown output compared, a JSON payload
 * is parsed. A block that cannot be told apart, and is not marked as an
 * excerpt, is an error: the docs hold nothing that is merely typed.
 *
 * A comment on the line before a block says what it is when its content
 * does not:
 *   <!-- docs:excerpt <why it cannot run> -->
 *   <!-- docs:checked-by <test file> -->
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type BlockKind =
  /** Written by `npm run readme` between `<!-- example:… -->` markers; a test compares it with what the code prints. */
  | 'generated'
  /** A complete workflow (it has `jobs`). */
  | 'workflow'
  /** Part of a workflow: steps, a job's `steps:`, or top-level keys such as `permissions` and `concurrency`. */
  | 'workflow-part'
  /** A policy, or part of one (only policy keys at the top). */
  | 'policy'
  /** Shell lines a reader runs: `roadmap-guard` commands, and the few other tools they are shown with. */
  | 'shell'
  /** `$ command` lines, each followed by what it prints. */
  | 'session'
  /** A command's synopsis: `roadmap-guard <command> [options]`, compared with the command's own help. */
  | 'synopsis'
  | 'snapshot'
  | 'dispatch-payload'
  | 'checked-by'
  | 'excerpt';

export interface Block {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  /** The block's text, dedented as far as its fence is indented. */
  text: string;
  kind: BlockKind | undefined;
  /** The marker's argument: why an excerpt cannot run, or which test checks it. */
  note?: string;
}

/** Top-level keys of a policy file, from its JSON Schema. */
function policyKeys(root: string): Set<string> {
  const schema = JSON.parse(readFileSync(join(root, 'roadmap-policy.schema.json'), 'utf8')) as { properties?: Record<string, unknown> };
  return new Set(Object.keys(schema.properties ?? {}));
}

/** The kinds a comment before a block may give it. */
const MARKERS = ['excerpt', 'checked-by'] as const;

const WORKFLOW_KEYS = new Set(['name', 'on', 'permissions', 'concurrency', 'env', 'defaults', 'jobs', 'run-name']);
const JOB_KEYS = new Set(['steps', 'runs-on', 'permissions', 'timeout-minutes', 'if', 'env', 'uses', 'with']);

/** The markdown files whose blocks are executed: the README, SECURITY.md and every page of docs/. */
export function documentedFiles(root: string): string[] {
  const pages = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', ...pages];
}

/** Every fenced block of a markdown text, classified. */
export function blocksOf(file: string, markdown: string, root: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  const keys = policyKeys(root);
  let example: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const exampleStart = /^<!-- example:([\w-]+) -->/.exec(line);
    if (exampleStart) example = exampleStart[1];
    if (example && line.startsWith(`<!-- /example:${example} -->`)) example = undefined;
    const fence = /^(\s*)(`{3,})(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const [, indent, ticks, lang] = fence;
    const end = lines.findIndex((candidate, j) => j > i && candidate.trimStart().startsWith(ticks!) && candidate.trim() === ticks);
    const closing = end < 0 ? lines.length : end;
    const text = lines
      .slice(i + 1, closing)
      .map((body) => (body.startsWith(indent!) ? body.slice(indent!.length) : body.trimStart()))
      .join('\n');
    const marker = /^\s*<!-- docs:([\w-]+)(?: (.*?))? -->\s*$/.exec(previousLine(lines, i) ?? '');
    const block: Block = { file, line: i + 1, lang: lang ?? '', text, kind: undefined };
    // A misspelt marker says nothing, and leaves the block unclassified.
    if (marker) Object.assign(block, { kind: MARKERS.find((kind) => kind === marker[1]), note: marker[2] });
    else if (example) Object.assign(block, { kind: 'generated', note: example });
    else block.kind = classify(block.lang, text, keys);
    blocks.push(block);
    i = closing;
  }
  return blocks;
}

function previousLine(lines: string[], index: number): string | undefined {
  for (let j = index - 1; j >= 0; j--) if (lines[j]!.trim() !== '') return lines[j];
  return undefined;
}

/** What a block's language and content say it is; undefined when they do not say. */
export function classify(lang: string, text: string, policyTopKeys: Set<string>): BlockKind | undefined {
  if (lang === 'yaml') return classifyYaml(text, policyTopKeys);
  if (lang === 'console') return 'session';
  if (lang === 'sh') return /<[a-z/-]+>|\[--?[a-z]/.test(text) ? 'synopsis' : 'shell';
  if (lang === 'json') {
    const data = parseJson(text) as Record<string, unknown> | undefined;
    if (data?.version === 1 && Array.isArray(data.items)) return 'snapshot';
    if (data?.event === 'projects_v2_item') return 'dispatch-payload';
  }
  return undefined;
}

function classifyYaml(text: string, policyTopKeys: Set<string>): BlockKind | undefined {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return undefined;
  }
  // Comments alone, such as the schema line a policy starts with.
  if (data === null) return /\$schema=.*roadmap-policy\.schema\.json/.test(text) ? 'policy' : undefined;
  if (Array.isArray(data)) return data.every((step) => typeof step === 'object' && step !== null && ('uses' in step || 'run' in step)) ? 'workflow-part' : undefined;
  if (typeof data !== 'object') return undefined;
  const keys = Object.keys(data);
  if (keys.includes('jobs') && keys.includes('on')) return 'workflow';
  if (keys.every((key) => policyTopKeys.has(key))) return 'policy';
  if (keys.every((key) => WORKFLOW_KEYS.has(key) || JOB_KEYS.has(key))) return 'workflow-part';
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
