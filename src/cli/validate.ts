import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Policy } from '../core/policy.js';
import { formDrift } from '../policy/form-drift.js';
import { checkPolicyData, locatorFor } from '../policy/check.js';
import { formatProblem, PolicyError, type PolicyProblem, sortProblems } from '../policy/errors.js';
import { DEFAULT_POLICY_PATH, extendsOf, MAX_POLICY_BYTES, missingPolicyProblem, PolicyFileTooLargeError } from '../policy/load.js';
import { EXTENDS_PATTERN } from '../policy/schema.js';
import { normalizePolicy } from '../policy/normalize.js';
import { summarizePolicy } from '../policy/summary.js';
import { readPolicySource } from '../policy/yaml-source.js';
import { BadInput, type CliIo, type Command, EXIT, EXIT_CODES_HELP, parseStrictly, reportBadInput } from './io.js';
import { extendsReader } from './extends.js';
import { packageFilePath } from './package.js';
import { loadLocalPolicy } from './simulate.js';

const VALIDATE_USAGE = `Usage: roadmap-guard validate [path] [--extends-from <file>] [--forms <dir>] [--strict]

Checks a policy file and prints every problem as file:line:column field: message.

  path                    the policy file (default: ${DEFAULT_POLICY_PATH})
  --extends-from <file>   a local copy of the policy that path extends
  --forms <dir>           the issue forms to check against the policy's business
                          cases (default: ISSUE_TEMPLATE beside a policy in .github/)
  --strict                exit 2 on warnings too
  --help, -h              this text

Warnings are contradictions that Roadmap Guard 1.0 accepted (a forbidden glob
that catches the exemption label, a category no item can match, a bare 1 as a
share): within v1 the policy still runs as 1.0 read it, and validate prints
them on stderr after a "warning:" line, as file:line:column field: message,
and exits 0, or 2 with --strict.

A form that applies a category's label must ask every question of that
category's business case, with the same answers: a form that drifted is
reported at its line (roadmap-guard forms writes them from the policy).

A policy that extends another (extends: owner/repo:path) is checked whole,
merged with the policies it extends, when they can be read: from
--extends-from, or from GitHub with a token in GITHUB_TOKEN or GH_TOKEN
(read access to the extended repository is enough). Otherwise the file is
checked on its own, and the note says what that could not check.

${EXIT_CODES_HELP}`;

export const validateCommand: Command = async (args, io) => {
  try {
    const { values, positionals } = parseStrictly('validate', args, {
      'extends-from': { type: 'string' },
      forms: { type: 'string' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(VALIDATE_USAGE);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new BadInput(`expected one policy file, got ${positionals.length}\n\n${VALIDATE_USAGE}`);
    const path = positionals[0] ?? DEFAULT_POLICY_PATH;
    const forms = values.forms !== undefined ? { dir: values.forms, given: true } : formsBeside(path);
    return await validate(path, { extendsFrom: values['extends-from'], forms, strict: values.strict === true }, io);
  } catch (error) {
    // Policy problems are printed as they are, one `file:line:col field: message` per line, for editors to jump to.
    if (!(error instanceof PolicyError)) return reportBadInput('validate', error, io);
    io.stderr.write(`${error.message}\n`);
    return EXIT.badInput;
  }
};

/** The policy file's text, refused when too large; null, with the problem on stderr, when there is no such file. */
async function readPolicyText(path: string, io: CliIo): Promise<string | null> {
  const text = await readText(path);
  if (text === null) {
    io.stderr.write(`${formatProblem(missingPolicyProblem(path))}\nnote: the example policy came with this command: ${packageFilePath('examples/roadmap-policy.yml')}\n`);
    return null;
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_POLICY_BYTES) throw new PolicyError([{ file: path, message: new PolicyFileTooLargeError(bytes).message }]);
  return text;
}

/** Where the issue forms are: `given` with --forms, which must exist; otherwise beside the policy, if there. */
interface FormsDir {
  dir: string;
  given: boolean;
}

async function validate(path: string, options: { extendsFrom: string | undefined; forms: FormsDir | undefined; strict: boolean }, io: CliIo): Promise<number> {
  const { extendsFrom } = options;
  const text = await readPolicyText(path, io);
  if (text === null) return EXIT.badInput;
  const source = readPolicySource(text, path);
  const target = extendsOf(source.value);
  // A malformed extends is reported below as a problem of this file; only a well-formed one can be followed.
  const followable = target !== undefined && EXTENDS_PATTERN.test(target);
  const extended = followable ? extendsReader(extendsFrom, io.env, io.connect) : undefined;
  if (extended) {
    const loaded = await loadLocalPolicy(path, process.cwd(), extended.read);
    await checkForms(loaded.policy, options.forms);
    io.stdout.write(`${path}: OK — ${summarizePolicy(loaded.policy)} (merged with ${loaded.sources.slice(1).join(' → ')}, read ${extended.how})\n`);
    return reportWarnings(loaded.warnings, options.strict, io);
  }
  if (extendsFrom !== undefined && target === undefined) io.stderr.write(`${path}: note: --extends-from ${extendsFrom} is not used: this policy extends no other\n`);
  const checked = source.readable ? checkPolicyData(source.value, locatorFor(source), { categoriesMayBeInherited: target !== undefined }) : { problems: [], warnings: [] };
  const problems = [...source.problems, ...checked.problems];
  if (followable) io.stderr.write(`${path}: note: ${partialCheckNote(target)}\n`);
  if (problems.length > 0 || !checked.parsed) throw new PolicyError(problems);
  const policy = normalizePolicy(checked.parsed);
  // A file checked on its own may lack the categories it inherits: its forms are checked with the merged policy only.
  if (target === undefined) await checkForms(policy, options.forms);
  io.stdout.write(`${path}: OK — ${summarizePolicy(policy)}${target === undefined ? '' : ' (this file on its own)'}\n`);
  return reportWarnings(checked.warnings, options.strict, io);
}

/**
 * Warnings go to stderr under one heading, each as `file:line:column field: message`
 * like an error, for editors to jump to; only --strict fails on them.
 */
function reportWarnings(warnings: readonly PolicyProblem[], strict: boolean, io: CliIo): number {
  if (warnings.length === 0) return EXIT.ok;
  io.stderr.write(`${WARNINGS_HEADING}\n${sortProblems(warnings).map(formatProblem).join('\n')}\n`);
  return strict ? EXIT.badInput : EXIT.ok;
}

export const WARNINGS_HEADING = 'warning: Roadmap Guard 1.0 accepted these, and v1 still runs the policy as 1.0 read it; change them (validate --strict fails on them):';

function partialCheckNote(target: string): string {
  return [
    `extends ${target}, which was not read, so this file was checked on its own.`,
    '  Not checked: keys the categories inherit (such as match), categories named in an applies-to but defined there,',
    '  the checks across the whole policy (forbidden labels against the labels it uses, categories no item can match),',
    '  its issue forms, and the merged policy as a whole. To check it whole, give a local copy with --extends-from <file>,',
    '  or set GITHUB_TOKEN (or GH_TOKEN) to a token that can read that repository.',
  ].join('\n');
}

/** The file's text, or null when there is no such file. */
async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new BadInput(`${path}: cannot read the policy file (${code ?? (error instanceof Error ? error.message : String(error))})`);
  }
}

/** The forms beside a policy kept in .github/: .github/ISSUE_TEMPLATE. Elsewhere, only the ones --forms names. */
function formsBeside(policyPath: string): FormsDir | undefined {
  const dir = dirname(policyPath);
  return basename(resolve(dir)) === '.github' ? { dir: join(dir, 'ISSUE_TEMPLATE'), given: false } : undefined;
}

/**
 * Every issue form in the folder against the policy's business cases. The
 * folder beside the policy may be missing (no forms to drift); one named with
 * --forms must exist, or its forms were not checked.
 */
async function checkForms(policy: Policy, forms: FormsDir | undefined): Promise<void> {
  if (forms === undefined) return;
  const { dir } = forms;
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && !forms.given) return [];
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new BadInput(`${dir}: no such folder (given as --forms), so no issue form was checked`);
    throw new BadInput(`${dir}: cannot read the issue forms (${error.code ?? error.message})`);
  });
  const problems: PolicyProblem[] = [];
  for (const name of names.filter((file) => /\.ya?ml$/i.test(file) && !/^config\.ya?ml$/i.test(file)).sort()) {
    const file = join(dir, name);
    problems.push(...formDrift(policy, file, await readFile(file, 'utf8')));
  }
  if (problems.length > 0) throw new PolicyError(problems);
}
