import { readFile } from 'node:fs/promises';
import { checkPolicyData, locatorFor } from '../policy/check.js';
import { formatProblems } from '../policy/errors.js';
import { DEFAULT_POLICY_PATH, extendsOf, MAX_POLICY_BYTES, missingPolicyProblem, PolicyFileTooLargeError } from '../policy/load.js';
import { EXTENDS_PATTERN, normalizePolicy } from '../policy/schema.js';
import { summarizePolicy } from '../policy/summary.js';
import { readPolicySource } from '../policy/yaml-source.js';
import { type Command, EXIT } from './io.js';

const VALIDATE_USAGE = `Usage: roadmap-guard validate [path]

Checks a policy file offline and prints every problem as file:line:column field: message.
Exits 0 when the policy is valid, 1 when it is not.

  path    the policy file (default: ${DEFAULT_POLICY_PATH})

A policy that extends another (extends: owner/repo:path) is checked on its own:
the extended policy is on GitHub and is read when the action runs.
`;

export const validateCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(VALIDATE_USAGE);
    return EXIT.ok;
  }
  const unknown = args.find((arg) => arg.startsWith('-'));
  if (unknown || args.length > 1) {
    io.stderr.write(`roadmap-guard validate: ${unknown ? `unknown option ${unknown}` : 'expected one policy file'}\n\n${VALIDATE_USAGE}`);
    return EXIT.badInput;
  }
  const path = args[0] ?? DEFAULT_POLICY_PATH;

  const text = await readText(path);
  if ('error' in text) {
    io.stderr.write(`${text.error}\n`);
    return EXIT.failed;
  }
  const bytes = Buffer.byteLength(text.text, 'utf8');
  if (bytes > MAX_POLICY_BYTES) {
    io.stderr.write(`${path}: ${new PolicyFileTooLargeError(bytes).message}\n`);
    return EXIT.failed;
  }
  const source = readPolicySource(text.text, path);
  const extendsTarget = extendsOf(source.value);
  const checked = source.readable ? checkPolicyData(source.value, locatorFor(source), { categoriesMayBeInherited: extendsTarget !== undefined }) : { problems: [] };
  const problems = [...source.problems, ...checked.problems];
  if (extendsTarget && EXTENDS_PATTERN.test(extendsTarget)) {
    io.stderr.write(`${path}: note: extends ${extendsTarget}, which cannot be read offline; checked this file on its own\n`);
  }
  if (problems.length > 0 || !checked.parsed) {
    io.stderr.write(`${formatProblems(problems)}\n`);
    return EXIT.failed;
  }
  io.stdout.write(`${path}: OK — ${summarizePolicy(normalizePolicy(checked.parsed))}\n`);
  return EXIT.ok;
};

async function readText(path: string): Promise<{ text: string } | { error: string }> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const problem = missingPolicyProblem(path);
      return { error: `${problem.file}: ${problem.message}` };
    }
    return { error: `${path}: cannot read the policy file (${code ?? (error instanceof Error ? error.message : String(error))})` };
  }
}

