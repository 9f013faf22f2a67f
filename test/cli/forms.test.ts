import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { parseIssueBody } from '../../src/core/issue-form.js';
import { issueForms } from '../../src/policy/issue-forms.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { workItem } from '../fixtures.js';
import { issueFormProblems } from './github-issue-form.js';
import { runCli } from './helpers.js';

const EXAMPLE = 'examples/roadmap-policy.yml';
const examplePolicy = parsePolicy(parse(readFileSync(EXAMPLE, 'utf8')));
const CASE_KINDS = new Set(['missing-field', 'invalid-field', 'not-without-customer', 'unchecked-review']);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'roadmap-forms-'));
}

function policyFile(text: string): string {
  const path = join(tempDir(), 'roadmap-policy.yml');
  writeFileSync(path, text);
  return path;
}

interface FormElement {
  type: string;
  attributes: { label?: string; options?: (string | { label: string })[] };
}

/** The issue body GitHub writes when someone submits the form: `### label`, then the answer or `_No response_`; ticked boxes as `- [X]`. */
function submitted(formText: string, answer: (element: FormElement) => string | undefined): string {
  const form = parse(formText) as { body: FormElement[] };
  return form.body
    .filter((element) => element.type !== 'markdown')
    .map((element) => {
      if (element.type === 'checkboxes') {
        const boxes = (element.attributes.options ?? []).map((option) => `- [X] ${typeof option === 'string' ? option : option.label}`);
        return `### ${element.attributes.label}\n\n${boxes.join('\n')}`;
      }
      return `### ${element.attributes.label}\n\n${answer(element) ?? '_No response_'}`;
    })
    .join('\n\n');
}

/** Answers a product manager who filled in the form properly would give. */
function goodAnswer(element: FormElement): string {
  if (element.type === 'dropdown') return String(element.attributes.options?.[0]);
  if (element.attributes.label === 'Review by') return '2027-03-31';
  if (element.attributes.label === 'Estimate') return '3';
  return 'Enterprise buyers whose security teams mandate single sign-on';
}

describe('roadmap-guard forms', () => {
  it('writes the issue forms this repository ships, from the example policy', async () => {
    const out = tempDir();

    const result = await runCli(['forms', '--policy', EXAMPLE, '--out', out]);

    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`wrote ${out}/deal-request.yml: deal, 9 questions and 2 reviews\nwrote ${out}/bet-request.yml: bet, 4 questions and 1 review\n`);
    expect(result.code).toBe(0);
    for (const name of readdirSync(out)) {
      expect(readFileSync(join(out, name), 'utf8'), `${name}: run roadmap-guard forms --policy ${EXAMPLE} --out .github/ISSUE_TEMPLATE`).toBe(
        readFileSync(join('.github/ISSUE_TEMPLATE', name), 'utf8'),
      );
    }
    expect((await runCli(['forms', '--policy', EXAMPLE, '--out', out])).stdout).toContain(`unchanged ${out}/deal-request.yml`);
  });

  it("writes forms GitHub accepts, by its documented issue-form syntax", () => {
    const forms = issueForms(examplePolicy, EXAMPLE);

    expect(forms.map((form) => form.file)).toEqual(['deal-request.yml', 'bet-request.yml']);
    for (const form of forms) expect(issueFormProblems(form.text), form.file).toEqual([]);
  });

  it('the syntax check refuses what GitHub refuses: an unquoted Yes, a repeated label, a bad id', () => {
    const form = (body: string) => `name: Deal\ndescription: A deal\nbody:\n${body}`;
    expect(issueFormProblems(form('  - type: dropdown\n    attributes: { label: Sure?, options: [Yes, No] }\n'))).toEqual([
      'body.0.attributes.options.0: Invalid input: expected string, received boolean',
      'body.0.attributes.options.1: Invalid input: expected string, received boolean',
    ]);
    expect(issueFormProblems(form('  - { type: input, id: a b, attributes: { label: X } }\n  - { type: input, attributes: { label: X } }\n'))).toEqual([
      'body.0.id: may use only letters, digits, - and _',
      'body: labels must be unique',
    ]);
    expect(issueFormProblems(form('  - { type: markdown, attributes: { value: Hi } }\n'))).toEqual(['body: body must contain at least one non-markdown field']);
  });

  it('asks exactly what the policy checks: a form filled in properly passes the business case, one left blank does not', () => {
    for (const form of issueForms(examplePolicy, EXAMPLE)) {
      const labels = (parse(form.text) as { labels: string[] }).labels;
      const findings = (body: string) =>
        evaluate(examplePolicy, [workItem({ labels, ...parseIssueBody(body) })], '2026-11-03T09:00:00Z').findings.filter((finding) => CASE_KINDS.has(finding.kind));

      expect(findings(submitted(form.text, goodAnswer)), form.file).toEqual([]);
      const blank = findings(submitted(form.text, (element) => (element.type === 'dropdown' ? goodAnswer(element) : undefined)));
      expect(blank.length, form.file).toBeGreaterThan(0);
      expect(blank.every((finding) => finding.kind === 'missing-field')).toBe(true);
    }
  });

  it('offers the answers of one-of as choices, marks optional answers, and places a category matched by a field', async () => {
    const path = policyFile(
      [
        'version: 1',
        'categories:',
        '  partner:',
        '    match: { fields: { "Work type": "Partner request" } }',
        '    business-case:',
        '      fields:',
        '        - { heading: Partner tier, one-of: [Gold, Silver], message: The tier decides the revenue share. }',
        '        - { heading: Notes, required: false }',
        '',
      ].join('\n'),
    );
    const out = tempDir();

    expect((await runCli(['forms', '--policy', path, '--out', out])).code).toBe(0);
    const text = readFileSync(join(out, 'partner-request.yml'), 'utf8');
    expect(issueFormProblems(text)).toEqual([]);
    const form = parse(text) as { labels?: string[]; body: { type: string; attributes: Record<string, unknown>; validations?: { required: boolean } }[] };
    expect(form.labels).toBeUndefined();
    expect(form.body.slice(1).map((element) => [element.type, element.attributes['label'], element.attributes['options'], element.validations?.required])).toEqual([
      ['dropdown', 'Work type', ['Partner request'], true],
      ['dropdown', 'Partner tier', ['Gold', 'Silver'], true],
      ['textarea', 'Notes', undefined, false],
    ]);
    expect(form.body[2]?.attributes['description']).toBe('The tier decides the revenue share.');
  });

  it('refuses a category no form can put issues in, saying how to fix it', async () => {
    const path = policyFile('version: 1\ncategories:\n  deal:\n    match: { labels: ["customer:*"] }\nbusiness-case: { applies-to: [deal], fields: [{ heading: Who will buy it? }] }\n');

    const result = await runCli(['forms', '--policy', path, '--out', tempDir()]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'roadmap-guard forms: category "deal" has no plain label to apply (only globs) and no match field to answer, so a form cannot put issues in it; add a label like `deal` to its match.labels\n',
    );
  });

  it('refuses a choice GitHub reserves in dropdowns rather than write a form GitHub rejects', async () => {
    const path = policyFile('version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\nbusiness-case: { applies-to: [deal], fields: [{ heading: Competitor, one-of: [None, Globex] }] }\n');

    const result = await runCli(['forms', '--policy', path, '--out', tempDir()]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('roadmap-guard forms: "Competitor" offers "None", which GitHub reserves in dropdowns for no answer; name that answer differently in its one-of (like "No one")\n');
  });

  it('says so when the policy has no business case, and reports an invalid policy as validate does', async () => {
    const none = await runCli(['forms', '--policy', policyFile('version: 1\n'), '--out', tempDir()]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no category has a business case, so there is no form to write');

    const path = policyFile('version: 1\nbusiness-case: { applies-to: [Deal] }\ncategories: { deal: { match: { labels: [deal] } } }\n');
    const invalid = await runCli(['forms', '--policy', path, '--out', tempDir()]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`${path}:2:31 business-case.applies-to[0]: no category named "Deal"; did you mean \`deal\`?`);
  });
});
