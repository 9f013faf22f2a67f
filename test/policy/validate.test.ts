import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { issueForms } from '../../src/policy/issue-forms.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { capturedIo } from '../cli/helpers.js';

/** The first YAML block after `marker` in a markdown file of the repository: the example a reader copies. */
function yamlBlockAfter(file: string, marker: string): string {
  const markdown = readFileSync(file, 'utf8');
  const at = markdown.indexOf(marker);
  if (at < 0) throw new Error(`${file} has no "${marker}"`);
  const start = markdown.indexOf('```yaml\n', at) + '```yaml\n'.length;
  return markdown.slice(start, markdown.indexOf('```', start));
}

const INHERITING = yamlBlockAfter('docs/policy.md', '## Inheriting a policy');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function policyFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'roadmap-policy-')), 'roadmap-policy.yml');
  writeFileSync(path, text);
  return path;
}

describe('roadmap-guard validate', () => {
  it('accepts the example policy and says what it enforces', async () => {
    const io = capturedIo();

    const exitCode = await main(['validate', 'examples/roadmap-policy.yml'], io);

    expect(io.err()).toBe('');
    expect(io.out()).toBe(
      'examples/roadmap-policy.yml: OK — 3 categories (deal ≤ 10%, bet, strategic ≥ 60%), 7 business-case fields and 2 reviews for deal, 3 business-case fields and 1 review for bet, 2 forbidden labels, fails on over-budget, forbidden-label\n',
    );
    expect(exitCode).toBe(0);
  });

  it("accepts the shipped issue forms against the example policy they were written from", async () => {
    const io = capturedIo();

    expect(await main(['validate', 'examples/roadmap-policy.yml', '--forms', '.github/ISSUE_TEMPLATE'], io)).toBe(0);
    expect(io.err()).toBe('');
  });

  it('refuses a --forms folder that does not exist, naming it, instead of saying OK with no form checked; the folder beside the policy may be missing', async () => {
    const io = capturedIo();
    expect(await main(['validate', 'examples/roadmap-policy.yml', '--forms', '.github/ISSUE_TEMPLATES'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('roadmap-guard validate: .github/ISSUE_TEMPLATES: no such folder (given as --forms), so no issue form was checked\n');

    const github = join(mkdtempSync(join(tmpdir(), 'roadmap-repo-')), '.github');
    mkdirSync(github);
    writeFileSync(join(github, 'roadmap-policy.yml'), readFileSync('examples/roadmap-policy.yml', 'utf8'));
    const beside = capturedIo();
    expect(await main(['validate', join(github, 'roadmap-policy.yml')], beside)).toBe(0);
  });

  it('reports an issue form whose questions drifted from the policy, at the form\'s lines', async () => {
    const github = join(mkdtempSync(join(tmpdir(), 'roadmap-repo-')), '.github');
    mkdirSync(join(github, 'ISSUE_TEMPLATE'), { recursive: true });
    const policy = join(github, 'roadmap-policy.yml');
    writeFileSync(policy, readFileSync('examples/roadmap-policy.yml', 'utf8'));
    const form = join(github, 'ISSUE_TEMPLATE', 'deal-request.yml');
    const shipped = readFileSync('.github/ISSUE_TEMPLATE/deal-request.yml', 'utf8');
    writeFileSync(form, shipped.replace('label: "Who will buy it?"', 'label: "Who buys it?"').replace('        - "No"\n', '        - "Maybe"\n').replace('        - label: "GTM review"\n', ''));
    writeFileSync(join(github, 'ISSUE_TEMPLATE', 'bug.yml'), 'name: Bug\ndescription: A bug\nlabels: [bug]\nbody:\n  - { type: textarea, attributes: { label: What happened? } }\n');
    const io = capturedIo();

    // The forms beside a policy in .github/ are checked without being named.
    expect(await main(['validate', policy], io)).toBe(2);
    const line = (text: string) => shipped.split('\n').findIndex((candidate) => candidate.includes(text)) + 1;
    expect(io.err()).toBe(
      [
        `${form}:${line('body:')}:1 body: no "GTM review" checkbox, which the business case for deal needs ticked (run roadmap-guard forms to write the form again from the policy)`,
        `${form}:${line('label: "Who will buy it?"')}:14 body[3].attributes.label: "Who buys it?" is not a question the policy knows; the business case for deal asks "Who will buy it?" (run roadmap-guard forms to write the form again from the policy)`,
        `${form}:${shipped.split('\n').findIndex((candidate, index) => index > line('label: "Would we build') && candidate.includes('options:')) + 1}:7 body[6].attributes.options: "Would we build this without this custome…" (42 characters) lacks "No" and offers "Maybe" the policy refuses; the business case for deal accepts "Yes", "No" (run roadmap-guard forms to write the form again from the policy)`,
        '',
      ].join('\n'),
    );
    // docs/cli.md shows the question's line as this run printed it, for the shipped form.
    const shown = `.github/ISSUE_TEMPLATE/deal-request.yml:${line('label: "Who will buy it?"')}:14 body[3].attributes.label: "Who buys it?" is not a question`;
    expect(readFileSync('docs/cli.md', 'utf8')).toContain(shown);
  });

  it('warns on a bare 1, reads it as 100% as 1.0 did, and fails on it only with --strict, as docs/cli.md shows', async () => {
    const policy = policyFile('version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\n    budget: { max-share: 1 }\n');
    const io = capturedIo();

    expect(await main(['validate', policy], io)).toBe(0);
    expect(io.out()).toBe(`${policy}: OK — 1 category (deal ≤ 100%), fails on over-budget, forbidden-label\n`);
    const shown = io.err().replaceAll(policy, '.github/roadmap-policy.yml');
    expect(shown).toMatch(/^warning: .*\n\.github\/roadmap-policy\.yml:5:26 categories\.deal\.budget\.max-share: 1 could mean 1% or 100%, and is read as 100%/);
    expect(readFileSync('docs/cli.md', 'utf8')).toContain(`\`\`\`text\n${shown}\`\`\``);
    const strict = capturedIo();
    expect(await main(['validate', '--strict', policy], strict)).toBe(2);
    expect(strict.err()).toBe(io.err());
  });

  it('refuses a policy over the size cap as the action does', async () => {
    const io = capturedIo();
    const path = policyFile(`version: 1\n${'#'.repeat(300 * 1024)}\n`);

    expect(await main(['validate', path], io)).toBe(2);
    expect(io.err()).toBe(`${path}: the file is 301 KB; a policy file may be at most 256 KB (a complete policy is usually under 10 KB)\n`);
  });

  it("refuses a managed label longer than GitHub's 50 characters, before any run fails on creating it", async () => {
    const io = capturedIo();
    const fifty = 'roadmap: '.padEnd(50, 'x');
    const path = policyFile(`version: 1\nenforcement:\n  labels:\n    non-compliant: "${fifty}"\n    over-budget: "${fifty}y"\n`);

    expect(await main(['validate', path], io)).toBe(2);
    expect(io.err()).toContain(`${path}:5:18 enforcement.labels.over-budget: GitHub allows label names of at most 50 characters; this one has 51`);
    expect(io.err()).not.toContain('non-compliant');
  });

  it('accepts the smallest valid policy', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\n');

    expect(await main(['validate', path], io)).toBe(0);
    expect(io.out()).toBe(`${path}: OK — 0 categories, fails on over-budget, forbidden-label\n`);
  });

  it('checks a policy that extends another on its own, with a note saying what it could not check, without a token or a copy', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\nextends: acme/.github:roadmap-policy.yml@main\nbusiness-case:\n  applies-to: [deal]\n');

    const exitCode = await main(['validate', path], io);

    expect(io.err()).toMatch(new RegExp(`^${escapeRegExp(path)}: note: extends acme/.github:roadmap-policy.yml@main, which was not read, so this file was checked on its own.\n`));
    expect(io.err()).toContain('Not checked: keys the categories inherit (such as match)');
    expect(io.err()).toContain('--extends-from <file>');
    expect(io.out()).toMatch(/: OK — 0 categories, 0 business-case fields and 0 reviews for deal, .* \(this file on its own\)\n$/);
    expect(exitCode).toBe(0);
  });

  it("accepts the README's short policy, and shows the form roadmap-guard forms writes from it", async () => {
    const io = capturedIo();
    const text = yamlBlockAfter('README.md', '<!-- policy:short -->');
    const form = yamlBlockAfter('README.md', '<!-- example:policy-form -->');

    expect(await main(['validate', policyFile(text)], io)).toBe(0);
    expect(io.err()).toBe('');
    expect(io.out()).toContain(': OK — 1 category (deal ≤ 10%), 2 business-case fields and 2 reviews for deal, 1 forbidden label, fails on over-budget, forbidden-label\n');
    expect(form).toBe(issueForms(parsePolicy(parse(text)), '.github/roadmap-policy.yml')[0]?.text);
    // The form asks who the customer is and how big the work is: the per-customer cap and the sizes read those answers.
    for (const question of ['Customer', 'Estimate', 'Who will buy it?', 'Would we build this without this customer?', 'GTM review', 'Technical review']) {
      expect(form).toContain(`"${question}"`);
    }
  });

  it("accepts the policy page's business case per kind of work, asking each category what the page says", async () => {
    const io = capturedIo();
    const text = yamlBlockAfter('docs/policy.md', '## A business case per kind of work');

    expect(await main(['validate', policyFile(text)], io)).toBe(0);
    const asked = Object.fromEntries(parsePolicy(parse(text)).businessCase.byCategory.map((rule) => [rule.category, [...rule.fields.map((f) => f.heading), ...rule.checklist]]));
    expect(asked).toEqual({
      deal: ['Who will buy it?', 'How will we market it?', 'Investment cap', 'Success metric', 'Would we build this without this customer?', 'GTM review'],
      feature: ['Who will buy it?', 'How will we market it?', 'GTM review'],
      bet: ['Investment cap', 'Success metric', 'Walk away by'],
    });
  });

  it("accepts the policy page's inheriting example on its own: a category that only changes its budget needs no match", async () => {
    const io = capturedIo();
    const path = policyFile(INHERITING);

    expect(await main(['validate', path], io)).toBe(0);
    expect(io.out()).toContain(': OK — 1 category (deal ≤ 15%)');
  });

  it('checks the merged policy when given a local copy of the extended one', async () => {
    const io = capturedIo();
    const path = policyFile(INHERITING);
    const org = policyFile('version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\n    budget: { max-share: 10%, min-share: 12% }\n');

    expect(await main(['validate', path, '--extends-from', org], io)).toBe(0);
    expect(io.err()).toBe('');
    expect(io.out()).toBe(`${path}: OK — 1 category (deal ≤ 15% ≥ 12%), fails on over-budget, forbidden-label (merged with acme/.github:roadmap-policy.yml@main, read from ${org})\n`);
  });

  it("checks the rollout page's example: a team policy merged with the organization's", async () => {
    const io = capturedIo();
    const block = (marker: string) => {
      const readme = readFileSync('docs/rollout.md', 'utf8');
      const start = readme.indexOf(`# ${marker}\n`);
      return readme.slice(start, readme.indexOf('```', start));
    };
    const org = policyFile(block("acme/.github: roadmap-policy.yml — the organization's policy, complete on its own"));
    const team = policyFile(block('each repository: .github/roadmap-policy.yml'));

    expect(await main(['validate', team, '--extends-from', org], io)).toBe(0);
    expect(io.out()).toContain('OK — 1 category (deal ≤ 10%)');
  });

  it('says when --extends-from is given for a policy that extends nothing', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\n');

    expect(await main(['validate', path, '--extends-from', path], io)).toBe(0);
    expect(io.err()).toBe(`${path}: note: --extends-from ${path} is not used: this policy extends no other\n`);
  });

  it('reports problems of the merged policy that neither file shows alone', async () => {
    const io = capturedIo();
    const path = policyFile(INHERITING);
    const org = policyFile('version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\n    budget: { min-share: 20% }\n');

    expect(await main(['validate', path, '--extends-from', org], io)).toBe(2);
    expect(io.err()).toContain('categories.deal.budget.min-share: min-share 20% is above max-share 15%');
  });

  it('reads the extended policy from GitHub when a token is set', async () => {
    const io = capturedIo({ env: { GITHUB_TOKEN: 'token-for-test', GITHUB_API_URL: 'https://api.github.test' } });
    const path = policyFile(INHERITING);
    const org = 'version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\n';
    // The contents API answers a file with its text in base64 (docs.github.com, "Get repository content").
    nock('https://api.github.test')
      .get('/repos/acme/.github/contents/roadmap-policy.yml')
      .query({ ref: 'main' })
      .reply(200, { type: 'file', name: 'roadmap-policy.yml', path: 'roadmap-policy.yml', encoding: 'base64', content: Buffer.from(org).toString('base64') });

    expect(await main(['validate', path], io)).toBe(0);
    expect(io.out()).toContain('OK — 1 category (deal ≤ 15%), fails on over-budget, forbidden-label (merged with acme/.github:roadmap-policy.yml@main, read from GitHub)');
  });

  it('still reports the problems of a policy that extends another', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\nextends: acme/.github:roadmap-policy.yml\nwork: { unit: hours }\n');

    expect(await main(['validate', path], io)).toBe(2);
    expect(io.err()).toContain(`${path}:3:15 work.unit: expected points or issues, got "hours"\n`);
  });

  it('says where it looked and how to start when there is no policy file', async () => {
    const io = capturedIo();

    const exitCode = await main(['validate', 'no/such/roadmap-policy.yml'], io);

    expect(io.err()).toBe(
      'no/such/roadmap-policy.yml: no policy file found at no/such/roadmap-policy.yml. To start, copy examples/roadmap-policy.yml from Roadmap Guard to no/such/roadmap-policy.yml and adapt it (or point the `policy` input at your file)\n' +
        'note: the example policy came with this command: examples/roadmap-policy.yml\n',
    );
    expect(exitCode).toBe(2);
  });

  it('looks for .github/roadmap-policy.yml by default', async () => {
    const io = capturedIo();

    await main(['validate'], io);

    expect(io.out() + io.err()).toMatch(/^\.github\/roadmap-policy\.yml: /);
  });

  it('explains itself with --help', async () => {
    const io = capturedIo();

    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: roadmap-guard validate [path]');
  });

  it('rejects an unknown option with exit code 2', async () => {
    const io = capturedIo();

    expect(await main(['validate', '--strictly'], io)).toBe(2);
    expect(io.err()).toContain('roadmap-guard validate: unknown option --strictly');
    expect(await main(['validate', '--extends-form', 'x.yml'], io)).toBe(2);
    expect(io.err()).toContain('unknown option --extends-form; did you mean --extends-from? (see roadmap-guard validate --help)');
  });
});
