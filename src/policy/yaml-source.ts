/**
 * A policy file's YAML, parsed with positions, so that every problem found
 * later (by the schema, or after merging `extends`) can point at the line and
 * column the user has to change.
 */
import { type Document, isCollection, isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument, visit, type YAMLError } from 'yaml';
import { excerpt } from './describe-value.js';
import { fieldPath, type PolicyProblem } from './errors.js';

export type KeyPath = readonly PropertyKey[];

/** Where a problem should point: the value itself, or the key that names it. */
export type Target = 'value' | 'key';

export interface Position {
  line: number;
  column: number;
}

export interface PolicySource {
  /** The file as the user names it. */
  file: string;
  /** The plain data (`undefined` for an empty file), or `undefined` when the YAML could not be read. */
  value: unknown;
  /** YAML syntax errors and duplicate keys. */
  problems: PolicyProblem[];
  /** False when the YAML is broken so badly that its data cannot be trusted. */
  readable: boolean;
  /** The deepest part of `path` present in the file: used to find who set a value after merging. */
  depthOf(path: KeyPath): number;
  /** The position of `path`; for a key that is missing, the position of its closest parent. */
  locate(path: KeyPath, target: Target): Position;
}

export function readPolicySource(text: string, file: string): PolicySource {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below, with a message that names both places.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const problems: PolicyProblem[] = dedupe(doc.errors).map((error) => ({ file, ...position(error.pos[0]), message: syntaxMessage(error) }));
  let value: unknown;
  problems.push(...unresolvedAliases(doc, file, position));
  if (problems.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // An alias to a missing anchor, or aliases that expand without bound.
      problems.push({ file, ...position(0), message: `YAML syntax error: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  const readable = problems.length === 0;
  if (readable) problems.push(...duplicateKeys(doc.contents, [], file, position));

  const walk = (path: KeyPath) => {
    const steps: { key: Node | null; value: Node | null }[] = [];
    let node: unknown = doc.contents;
    for (const segment of path) {
      const step = child(node, segment);
      if (!step) break;
      steps.push(step);
      node = step.value;
    }
    return steps;
  };

  return {
    file,
    value,
    problems,
    readable,
    depthOf: (path) => walk(path).length,
    locate(path, target) {
      const steps = walk(path);
      const last = steps.at(-1);
      if (!last) return startOf(doc.contents, position);
      const found = steps.length === path.length;
      const value = last.value;
      // A missing key points at its parent's key; a block collection points at its key, not its first line.
      const pointAtValue = found && target === 'value' && value && (isCollection(value) ? value.flow : !isEmptyScalar(value));
      const node = pointAtValue ? value : (last.key ?? value);
      return startOf(node, position);
    },
  };
}

function child(node: unknown, segment: PropertyKey): { key: Node | null; value: Node | null } | undefined {
  if (isMap(node)) {
    const pair = node.items.findLast((item) => keyText(item) === String(segment));
    return pair ? { key: pair.key as Node | null, value: pair.value as Node | null } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined;
    return item ? { key: null, value: item } : undefined;
  }
  return undefined;
}

/** `key:` with nothing after it: point at the key, not at the end of the line. */
function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function startOf(node: unknown, position: (offset: number) => Position): Position {
  const range = (node as Node | null | undefined)?.range;
  return range ? position(range[0]) : { line: 1, column: 1 };
}

function duplicateKeys(node: unknown, path: PropertyKey[], file: string, position: (offset: number) => Position): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (isMap(node)) {
    const seen = new Map<string, Position>();
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key !== undefined) {
        const here = startOf(pair.key, position);
        const first = seen.get(key);
        if (first) problems.push({ file, ...here, field: fieldPath([...path, key]), message: duplicateMessage(path, key, first) });
        else seen.set(key, here);
      }
      problems.push(...duplicateKeys(pair.value, [...path, key ?? '?'], file, position));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => problems.push(...duplicateKeys(item, [...path, index], file, position)));
  }
  return problems;
}

function duplicateMessage(path: PropertyKey[], name: string, first: Position): string {
  const key = excerpt(name);
  if (path.length === 1 && path[0] === 'categories') {
    return `category "${key}" is defined twice (first at line ${first.line}); merge the two into one`;
  }
  return `\`${key}\` appears twice (first at line ${first.line}); keep one`;
}

/** `*name` with no `&name` before it: reported at the alias, not as a crash while reading the data. */
function unresolvedAliases(doc: Document, file: string, position: (offset: number) => Position): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  visit(doc, {
    Alias(_, alias) {
      // An empty name is already a syntax error, reported with the same advice.
      if (alias.source !== '' && !alias.resolve(doc)) problems.push({ file, ...startOf(alias, position), message: unquotedGlobMessage(alias.source) });
    },
  });
  return problems;
}

/**
 * `*custom` unquoted is a YAML alias, not text: a label glob that starts with
 * `*` is the usual cause, and quoting it is the fix.
 */
function unquotedGlobMessage(name: string): string {
  const written = excerpt(`*${name}`);
  const anchor = name === '' ? '' : `, and no anchor \`&${excerpt(name)}\` is defined above it`;
  return `YAML syntax error: YAML reads \`${written}\` as an alias${anchor}; a label glob that starts with * must be quoted: "${written}"`;
}

/** The parser can report several errors for one place; the first explains it best. */
function dedupe(errors: readonly YAMLError[]): YAMLError[] {
  const seen = new Set<number>();
  return errors.filter((error) => {
    const key = error.pos[0];
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Plain words for the YAML mistakes people make most; the parser's own text is kept where it adds detail. */
const SYNTAX_HINTS: Partial<Record<YAMLError['code'] | 'BAD_FLOW', { hint: string; keepDetail: boolean }>> = {
  TAB_AS_INDENT: { hint: 'tabs cannot indent YAML; indent with spaces', keepDetail: false },
  MULTIPLE_DOCS: { hint: 'the policy must be one YAML document; remove the extra `---`', keepDetail: false },
  BLOCK_AS_IMPLICIT_KEY: { hint: 'a key and its value must be on one line, or the value indented on the lines below', keepDetail: false },
  MULTILINE_IMPLICIT_KEY: { hint: 'a key must fit on one line; is a `:` or a closing quote missing?', keepDetail: false },
  BAD_INDENT: { hint: 'the indentation does not line up', keepDetail: true },
  BAD_FLOW: { hint: 'a `{` or `[` is not closed', keepDetail: false },
  MISSING_CHAR: { hint: 'a quote or bracket is not closed', keepDetail: true },
  UNEXPECTED_TOKEN: { hint: 'quote values that contain `: `, ` #`, `[` or `{`', keepDetail: true },
};

const SYNTAX_DETAIL_LENGTH = 120;

function syntaxMessage(error: YAMLError): string {
  if (/^Alias cannot be an empty string/i.test(error.message)) return unquotedGlobMessage('');
  // An unclosed `{` on the last lines is reported as an indentation problem.
  const code = /^Flow (map|sequence) in block collection/.test(error.message) ? 'BAD_FLOW' : error.code;
  const known = SYNTAX_HINTS[code];
  // The parser's text may quote the file; keep only the start of it.
  const detail = excerpt(lowerFirst(error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '') ?? ''), SYNTAX_DETAIL_LENGTH);
  if (!known) return `YAML syntax error: ${detail}`;
  return known.keepDetail ? `YAML syntax error: ${known.hint} (${detail})` : `YAML syntax error: ${known.hint}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
