import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_POLICY_PATH } from '../policy/load.js';
import { IssueFormError, issueForms } from '../policy/issue-forms.js';
import { plural } from '../core/wording.js';
import { BadInput, type CliIo, type Command, EXIT, parseStrictly, rejectArguments, reportBadInput } from './io.js';
import { extendsReader } from './extends.js';
import { loadLocalPolicy } from './simulate.js';

export const DEFAULT_FORMS_DIR = '.github/ISSUE_TEMPLATE';

const FORMS_USAGE = `Usage: roadmap-guard forms [--policy <file>] [--out <dir>] [--extends-from <file>]

Writes one GitHub issue form per category that has a business case, asking
exactly the questions the policy checks: the category's labels applied,
required answers marked, choices from one-of, checkboxes for the checklist.
A form is named <category>-request.yml; an existing one is replaced.

  --policy <file>         the policy (default: ${DEFAULT_POLICY_PATH})
  --out <dir>             where the forms go (default: ${DEFAULT_FORMS_DIR})
  --extends-from <file>   a local copy of the policy that --policy extends
  --help, -h              this text

Run it again after changing the business case; \`roadmap-guard validate\`
reports a form whose questions no longer match the policy.

Exit codes:
  0  the forms were written
  2  they could not be: an unknown option, a missing or invalid policy,
     a category no form can put issues in, or a choice GitHub refuses
`;

export const formsCommand: Command = async (args, io) => {
  try {
    const { values, positionals } = parseStrictly('forms', args, {
      policy: { type: 'string' },
      out: { type: 'string' },
      'extends-from': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(FORMS_USAGE);
      return EXIT.ok;
    }
    rejectArguments(positionals, FORMS_USAGE);
    return await writeForms({ policyPath: values.policy ?? DEFAULT_POLICY_PATH, out: values.out ?? DEFAULT_FORMS_DIR, extendsFrom: values['extends-from'], io });
  } catch (error) {
    if (error instanceof IssueFormError) return reportBadInput('forms', new BadInput(error.message), io);
    return reportBadInput('forms', error, io);
  }
};

async function writeForms(options: { policyPath: string; out: string; extendsFrom: string | undefined; io: CliIo }): Promise<number> {
  const { policyPath, out, io } = options;
  const extended = extendsReader(options.extendsFrom, io.env, io.connect);
  const loaded = await loadLocalPolicy(policyPath, process.cwd(), extended?.read);
  const forms = issueForms(loaded.policy, policyPath);
  if (forms.length === 0) {
    io.stderr.write(`${policyPath}: no category has a business case, so there is no form to write (set business-case.applies-to, or a category's business-case)\n`);
    return EXIT.badInput;
  }
  await mkdir(out, { recursive: true });
  for (const form of forms) {
    const path = join(out, form.file);
    const before = await readFile(path, 'utf8').catch(() => null);
    if (before !== form.text) await writeFile(path, form.text);
    const what = before === null ? 'wrote' : before === form.text ? 'unchanged' : 'updated';
    io.stdout.write(`${what} ${path}: ${form.category}, ${plural(form.questions, 'question')}${form.reviews ? ` and ${plural(form.reviews, 'review')}` : ''}\n`);
  }
  return EXIT.ok;
}
