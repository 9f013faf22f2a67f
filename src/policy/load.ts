/**
 * Loads the policy a repository runs under: its own file, plus every policy
 * it `extends`, merged and validated. Reading files is left to the caller
 * (disk, or the contents API), so this module has no I/O of its own.
 */
import { checkPolicyData, checkPolicyHeader, locatorFor } from './check.js';
import type { Locator } from './describe-zod-issues.js';
import { formatProblem, PolicyError, type PolicyProblem, sortProblems } from './errors.js';
import { parseExtends } from './extends-ref.js';
import { isMapping, mergePolicyData } from './merge.js';
import { normalizePolicy } from './normalize.js';
import type { Policy } from '../core/policy.js';
import { type PolicySource, readPolicySource } from './yaml-source.js';

/** Reads one policy file. `repo: null` is the repository being checked; `null` means not found. */
export type PolicyFileReader = (ref: { repo: string | null; path: string; ref?: string }) => Promise<{ text: string; commit?: string } | null>;

export interface LoadedPolicy {
  policy: Policy;
  /** Every file the policy came from, most specific first: `.github/roadmap-policy.yml`, `acme/.github:roadmap-policy.yml@main`. */
  sources: string[];
  /** The commit the repository's own policy file was read at, when the reader knows it. */
  commit?: string;
  /** Where a key is set, for problems found only at run time (a board field the board lacks). */
  locate?: Locator;
  /** What the policy should change but 1.0 accepted: the policy runs as 1.0 read it (see cross-checks.ts). */
  warnings: PolicyProblem[];
}

/** How many `extends` may be followed from the repository's own file. */
export const MAX_EXTENDS_DEPTH = 5;

export const DEFAULT_POLICY_PATH = '.github/roadmap-policy.yml';

/**
 * The largest policy file read, and the same for each file it extends. A real
 * policy is a few KB; without a cap a 12 MB file took half a minute and GBs of memory.
 */
export const MAX_POLICY_BYTES = 256 * 1024;

/** Thrown by a reader that found the file but would not read it all. */
export class PolicyFileTooLargeError extends Error {
  readonly bytes: number;

  constructor(bytes: number) {
    super(`the file is ${formatSize(bytes)}; a policy file may be at most ${formatSize(MAX_POLICY_BYTES)} (a complete policy is usually under 10 KB)`);
    this.name = 'PolicyFileTooLargeError';
    this.bytes = bytes;
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Reads a file and holds it to the size cap, whatever the reader did. */
async function readCapped(read: PolicyFileReader, ref: Parameters<PolicyFileReader>[0]): ReturnType<PolicyFileReader> {
  const file = await read(ref);
  const bytes = file ? Buffer.byteLength(file.text, 'utf8') : 0;
  if (bytes > MAX_POLICY_BYTES) throw new PolicyFileTooLargeError(bytes);
  return file;
}

export async function loadPolicy(path: string, read: PolicyFileReader): Promise<LoadedPolicy> {
  const top = await readCapped(read, { repo: null, path }).catch((error: unknown) => {
    throw error instanceof PolicyFileTooLargeError ? new PolicyError([{ file: path, message: error.message }], { cause: error }) : error;
  });
  if (!top) throw new PolicyError([missingPolicyProblem(path)]);

  const chain = await readExtendsChain(readPolicySource(top.text, path), read);
  // A chain with an unreadable file is not merged: problems of the partial result would mislead.
  const checked = chain.complete ? checkPolicyData(mergeChain(chain.sources), ownerLocator(chain.sources)) : { problems: [], warnings: [] };
  const problems = unique([...chain.problems, ...checked.problems]);
  if (problems.length > 0 || !checked.parsed) throw new PolicyError(problems);
  return {
    policy: normalizePolicy(checked.parsed),
    sources: chain.sources.map((s) => s.file),
    ...(top.commit ? { commit: top.commit } : {}),
    locate: ownerLocator(chain.sources),
    warnings: sortProblems(unique(checked.warnings)),
  };
}

/** The user-facing problem for a repository without a policy file: where we looked and how to start. */
export function missingPolicyProblem(path: string): PolicyProblem {
  return {
    file: path,
    message: `no policy file found at ${path}. To start, copy examples/roadmap-policy.yml from Roadmap Guard to ${path} and adapt it (or point the \`policy\` input at your file)`,
  };
}

interface Chain {
  /** Most specific first. */
  sources: PolicySource[];
  problems: PolicyProblem[];
  /** False when a file could not be read or parsed: the merged policy would be misleading. */
  complete: boolean;
}

async function readExtendsChain(first: PolicySource, read: PolicyFileReader): Promise<Chain> {
  const sources: PolicySource[] = [];
  const problems: PolicyProblem[] = [];
  let source: PolicySource | undefined = first;
  while (source) {
    sources.push(source);
    problems.push(...source.problems);
    if (!source.readable) return { sources, problems, complete: false };
    const headerProblems = checkPolicyHeader(source);
    problems.push(...headerProblems);
    if (!isMapping(source.value)) return { sources, problems, complete: false };
    const target = extendsOf(source.value);
    if (!target) return { sources, problems, complete: true };
    if (headerProblems.some((p) => p.field === 'extends')) return { sources, problems, complete: false };

    const at = { file: source.file, ...source.locate(['extends'], 'value'), field: 'extends' };
    const names = sources.map((s) => s.file);
    if (names.includes(target)) {
      problems.push({ ...at, message: `these policies extend each other in a loop: ${[...names, target].join(' → ')}; remove one of the extends` });
      return { sources, problems, complete: false };
    }
    if (sources.length > MAX_EXTENDS_DEPTH) {
      problems.push({ ...at, message: `more than ${MAX_EXTENDS_DEPTH} policies extend each other (${[...names, target].join(' → ')}); flatten the chain` });
      return { sources, problems, complete: false };
    }
    const next = await readExtended(target, read);
    if ('message' in next) {
      problems.push({ ...at, message: next.message });
      return { sources, problems, complete: false };
    }
    source = readPolicySource(next.text, target);
  }
  return { sources, problems, complete: true };
}

async function readExtended(target: string, read: PolicyFileReader): Promise<{ text: string } | { message: string }> {
  const { owner, repo: name, path, ref } = parseExtends(target);
  const repo = `${owner}/${name}`;
  const where = `${path} in ${repo} at ${ref ? ref : 'the default branch'}`;
  try {
    const file = await readCapped(read, { repo, path, ...(ref ? { ref } : {}) });
    return file ?? { message: `${target} not found (looked for ${where}); check the name, and that the token can read ${repo}` };
  } catch (error) {
    if (error instanceof PolicyFileTooLargeError) return { message: `${target}: ${error.message}` };
    return { message: `could not read ${target} (${where}): ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The `extends` target a policy file names, if it names one. */
export function extendsOf(value: unknown): string | undefined {
  return isMapping(value) && typeof value['extends'] === 'string' ? value['extends'] : undefined;
}

/** Merges the chain from the most general file up to the repository's own. */
function mergeChain(sources: PolicySource[]): unknown {
  return sources.reduceRight<unknown>((base, source) => mergePolicyData(base, withoutKeys(source.value)), undefined);
}

/** `extends` and `$schema` describe a file, not the merged policy. */
function withoutKeys(value: unknown): unknown {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'extends' && key !== '$schema'));
}

/**
 * Points a problem of the merged policy at the file that set the value: the one
 * that spells out most of its key path, the most specific file on a tie.
 */
function ownerLocator(sources: PolicySource[]): Locator {
  return (path, target) => {
    let owner = sources[0]!;
    for (const source of sources.slice(1)) if (source.depthOf(path) > owner.depthOf(path)) owner = source;
    return locatorFor(owner)(path, target);
  };
}

function unique(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = formatProblem(problem);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
