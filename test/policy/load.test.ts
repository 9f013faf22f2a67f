import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/policy/errors.js';
import { loadPolicy, MAX_EXTENDS_DEPTH, type PolicyFileReader } from '../../src/policy/load.js';

/** Files keyed as `path` (this repository) or `owner/repo:path[@ref]`, like an `extends` value. */
function memoryReader({ files = {}, commit }: { files?: Record<string, string>; commit?: string } = {}) {
  const reads: string[] = [];
  const read: PolicyFileReader = async ({ repo, path, ref }) => {
    const key = repo === null ? path : `${repo}:${path}${ref ? `@${ref}` : ''}`;
    reads.push(key);
    const text = files[key];
    return text === undefined ? null : { text, ...(commit && repo === null ? { commit } : {}) };
  };
  return { read, reads };
}

const TOP = '.github/roadmap-policy.yml';

async function loadError(path: string, read: PolicyFileReader): Promise<PolicyError> {
  const error = await loadPolicy(path, read).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PolicyError);
  return error as PolicyError;
}

describe('loadPolicy', () => {
  it('refuses a policy over the size cap before parsing it, whichever reader read it', async () => {
    const started = performance.now();
    const error = await loadError(TOP, memoryReader({ files: { [TOP]: `version: 1\nnote: "${'x'.repeat(12_800_000)}"\n` } }).read);
    expect(error.message).toBe(`${TOP}: the file is 12.2 MB; a policy file may be at most 256 KB (a complete policy is usually under 10 KB)`);
    // Parsing it took 27 s; refusing it is a length check.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('quotes only the start of a bad value, however long', async () => {
    const secret = `ghs_${'s'.repeat(60)}`;
    const error = await loadError(TOP, memoryReader({ files: { [TOP]: `INPUT_GITHUB-TOKEN=${secret}` } }).read);
    expect(error.message).toBe(`${TOP}:1:1 the policy must be a mapping of keys such as \`version: 1\`, got "INPUT_GITHUB-TOKEN=ghs_sssssssssssssssss…" (83 characters)`);
    expect(error.message).not.toContain(secret);
  });

  it('loads the repository policy with defaults applied, and reports where it came from', async () => {
    const { read } = memoryReader({ files: { [TOP]: 'version: 1\ncategories:\n  deal:\n    match: { labels: [deal] }\n    budget: { max-share: 10% }\n' }, commit: 'abc123' });

    const loaded = await loadPolicy(TOP, read);

    expect(loaded.sources).toEqual([TOP]);
    expect(loaded.commit).toBe('abc123');
    expect(loaded.policy.categories).toEqual([
      { name: 'deal', match: { labels: ['deal'], fields: {} }, maxShare: { numerator: 10, denominator: 100, text: '10%' }, minShare: undefined, perCustomerMaxShare: undefined },
    ]);
    expect(loaded.policy.enforcement.failOn).toEqual(['over-budget', 'forbidden-label']);
    expect(loaded.policy.work.unit).toBe('points');
  });

  it('leaves out the commit when the reader does not know it', async () => {
    const { read } = memoryReader({ files: { [TOP]: 'version: 1\n' } });

    expect(await loadPolicy(TOP, read)).not.toHaveProperty('commit');
  });

  it('says where it looked and how to start when the repository has no policy', async () => {
    const { read } = memoryReader();

    const error = await loadError(TOP, read);

    expect(error.message).toBe(
      '.github/roadmap-policy.yml: no policy file found at .github/roadmap-policy.yml. To start, copy examples/roadmap-policy.yml from Roadmap Guard to .github/roadmap-policy.yml and adapt it (or point the `policy` input at your file)',
    );
  });

  it('reports every problem of an invalid policy at once, one per line', async () => {
    const { read } = memoryReader({ files: { [TOP]: 'version: 1\nwork: { unit: hours }\nenforcement:\n  fail-on: [over-budgets]\n' } });

    const error = await loadError(TOP, read);

    expect(error.message.split('\n')).toEqual([
      '.github/roadmap-policy.yml:2:15 work.unit: expected points or issues, got "hours"',
      expect.stringMatching(/^\.github\/roadmap-policy\.yml:4:13 enforcement\.fail-on\[0\]: unknown finding kind "over-budgets"; did you mean `over-budget`\?/),
    ]);
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toEqual({ file: TOP, line: 2, column: 15, field: 'work.unit', message: 'expected points or issues, got "hours"' });
  });

  describe('extends', () => {
    const ORG = 'acme/.github:roadmap-policy.yml';
    const orgPolicy = [
      'version: 1',
      'work: { exclude-labels: [bug, chore], unit: points }',
      'categories:',
      '  deal:',
      '    match: { labels: [deal, "customer:*"] }',
      '    budget: { max-share: 10% }',
      '    per-customer: { max-share: 50% }',
      'customer: { labels: "customer:*" }',
      'forbidden-labels: [one-off, "custom-*"]',
      'enforcement: { fail-on: [over-budget] }',
      '',
    ].join('\n');

    it('merges the extended policy under this one: maps key by key, lists replaced, this file winning', async () => {
      const top = [
        'version: 1',
        `extends: ${ORG}@main`,
        'work: { exclude-labels: [chore] }',
        'categories:',
        '  deal:',
        '    budget: { max-share: 15% }',
        '  strategic:',
        '    match: { labels: [roadmap] }',
        'business-case: { applies-to: [deal] }',
        '',
      ].join('\n');
      const { read, reads } = memoryReader({ files: { [TOP]: top, [`${ORG}@main`]: orgPolicy } });

      const loaded = await loadPolicy(TOP, read);

      expect(reads).toEqual([TOP, `${ORG}@main`]);
      expect(loaded.sources).toEqual([TOP, `${ORG}@main`]);
      expect(loaded.policy.work.excludeLabels).toEqual(['chore']);
      expect(loaded.policy.work.unit).toBe('points');
      const [deal, strategic] = loaded.policy.categories;
      expect(deal?.match.labels).toEqual(['deal', 'customer:*']);
      expect(deal?.maxShare?.text).toBe('15%');
      expect(deal?.perCustomerMaxShare?.text).toBe('50%');
      expect(strategic?.name).toBe('strategic');
      expect(loaded.policy.forbiddenLabels.map((l) => l.name)).toEqual(['one-off', 'custom-*']);
      expect(loaded.policy.enforcement.failOn).toEqual(['over-budget']);
      expect(loaded.policy.businessCase.appliesTo).toEqual(['deal']);
    });

    it('reads an extended policy without @ref at the default branch', async () => {
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}\n`, [ORG]: orgPolicy } });

      expect((await loadPolicy(TOP, read)).sources).toEqual([TOP, ORG]);
    });

    it('names the chain when policies extend each other in a loop', async () => {
      const { read } = memoryReader({
        files: {
          [TOP]: 'version: 1\nextends: acme/a:policy.yml\n',
          'acme/a:policy.yml': 'version: 1\nextends: acme/b:policy.yml\n',
          'acme/b:policy.yml': 'version: 1\nextends: acme/a:policy.yml\n',
        },
      });

      const error = await loadError(TOP, read);

      expect(error.message).toBe('acme/b:policy.yml:2:10 extends: these policies extend each other in a loop: .github/roadmap-policy.yml → acme/a:policy.yml → acme/b:policy.yml → acme/a:policy.yml; remove one of the extends');
    });

    it(`stops after ${MAX_EXTENDS_DEPTH} extended policies`, async () => {
      const files: Record<string, string> = { [TOP]: 'version: 1\nextends: acme/p1:policy.yml\n' };
      for (let n = 1; n <= 7; n++) files[`acme/p${n}:policy.yml`] = `version: 1\nextends: acme/p${n + 1}:policy.yml\n`;
      const { read, reads } = memoryReader({ files });

      const error = await loadError(TOP, read);

      expect(reads).toHaveLength(1 + MAX_EXTENDS_DEPTH);
      expect(error.problems).toEqual([
        expect.objectContaining({ file: 'acme/p5:policy.yml', line: 2, field: 'extends', message: expect.stringMatching(/^more than 5 policies extend each other \(.* → acme\/p6:policy\.yml\); flatten the chain$/) }),
      ]);
    });

    it('accepts a chain exactly as deep as the limit', async () => {
      const files: Record<string, string> = { [TOP]: 'version: 1\nextends: acme/p1:policy.yml\n' };
      for (let n = 1; n < MAX_EXTENDS_DEPTH; n++) files[`acme/p${n}:policy.yml`] = `version: 1\nextends: acme/p${n + 1}:policy.yml\n`;
      files[`acme/p${MAX_EXTENDS_DEPTH}:policy.yml`] = 'version: 1\n';

      expect((await loadPolicy(TOP, memoryReader({ files }).read)).sources).toHaveLength(1 + MAX_EXTENDS_DEPTH);
    });

    it('points at the extends line when the extended policy does not exist', async () => {
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}@v2\n` } });

      const error = await loadError(TOP, read);

      expect(error.message).toBe(
        '.github/roadmap-policy.yml:2:10 extends: acme/.github:roadmap-policy.yml@v2 not found (looked for roadmap-policy.yml in acme/.github at v2); check the name, and that the token can read acme/.github',
      );
    });

    it('keeps the reason when the extended policy cannot be read', async () => {
      const read: PolicyFileReader = async ({ repo }) => {
        if (repo === null) return { text: `version: 1\nextends: ${ORG}\n` };
        throw new Error('Resource not accessible by integration');
      };

      const error = await loadError(TOP, read);

      expect(error.message).toBe(
        '.github/roadmap-policy.yml:2:10 extends: could not read acme/.github:roadmap-policy.yml (roadmap-policy.yml in acme/.github at the default branch): Resource not accessible by integration',
      );
    });

    it('refuses an extended policy over the size cap, at the extends line', async () => {
      const huge = `version: 1\n${'# padding\n'.repeat(1_000_000)}`;
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}\n`, [ORG]: huge } });

      const error = await loadError(TOP, read);

      expect(error.message).toBe(
        `.github/roadmap-policy.yml:2:10 extends: ${ORG}: the file is 9.5 MB; a policy file may be at most 256 KB (a complete policy is usually under 10 KB)`,
      );
    });

    it.each([
      ['../.github:roadmap-policy.yml', '".." is not a GitHub account name'],
      ['acme/..:roadmap-policy.yml', '".." is not a repository name'],
      ['acme/.github:../secrets/roadmap-policy.yml', 'the path "../secrets/roadmap-policy.yml" must name a file inside the repository'],
      ['acme/.github:policies//roadmap.yml', 'the path "policies//roadmap.yml" must name a file inside the repository'],
      ['acme/.github:roadmap-policy.yml@main..evil', '"main..evil" is not a branch, tag or commit name'],
    ])('refuses %s without reading anything', async (target, message) => {
      const { read, reads } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${target}\n` } });

      const error = await loadError(TOP, read);

      expect(error.message).toContain(`.github/roadmap-policy.yml:2:10 extends: ${message}`);
      expect(reads).toEqual([TOP]);
    });

    it('reports a problem in the extended policy against that file and line', async () => {
      const broken = orgPolicy.replace('max-share: 10%', 'max-share: ten percent');
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}\n`, [ORG]: broken } });

      const error = await loadError(TOP, read);

      expect(error.message).toBe('acme/.github:roadmap-policy.yml:6:26 categories.deal.budget.max-share: expected a share like 10% or 0.1, got "ten percent"');
    });

    it('reports a value this file overrides against this file', async () => {
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}\ncategories:\n  deal:\n    budget: { min-share: 20% }\n`, [ORG]: orgPolicy } });

      const error = await loadError(TOP, read);

      expect(error.message).toBe('.github/roadmap-policy.yml:5:26 categories.deal.budget.min-share: min-share 20% is above max-share 10%; no amount of work can meet both');
    });

    it('reports YAML errors of every file read, each in its own file', async () => {
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}\n`, [ORG]: 'version: 1\nwork:\n\tunit: points\n' } });

      const error = await loadError(TOP, read);

      expect(error.message).toBe('acme/.github:roadmap-policy.yml:3:1 YAML syntax error: tabs cannot indent YAML; indent with spaces');
    });

    it('requires version: 1 in every file of the chain', async () => {
      const { read } = memoryReader({ files: { [TOP]: `version: 1\nextends: ${ORG}\n`, [ORG]: 'work: { unit: issues }\n' } });

      const error = await loadError(TOP, read);

      expect(error.message).toBe('acme/.github:roadmap-policy.yml:1:1 version: missing: add `version: 1` at the top of the file');
    });

    it('does not follow an extends value that is not owner/repo:path', async () => {
      const { read, reads } = memoryReader({ files: { [TOP]: 'version: 1\nextends: roadmap-policy.yml\n' } });

      const error = await loadError(TOP, read);

      expect(reads).toEqual([TOP]);
      expect(error.problems.map((p) => p.field)).toEqual(['extends']);
    });
  });
});

describe('category names', () => {
  it('accepts letters of any script, with their combining marks', async () => {
    const { read } = memoryReader({ files: { [TOP]: 'version: 1\ncategories:\n  صفقة:\n    match: { labels: [deal] }\n  ディール:\n    match: { labels: [x] }\n  सौदा:\n    match: { labels: [y] }\n' } });
    const loaded = await loadPolicy(TOP, read);
    expect(loaded.policy.categories.map((c) => c.name)).toEqual(['صفقة', 'ディール', 'सौदा']);
  });

  it('refuses a right-to-left override and spells it out instead of echoing it', async () => {
    const { read } = memoryReader({ files: { [TOP]: 'version: 1\ncategories:\n  "deal\u202eevil":\n    match: { labels: [deal] }\n' } });
    const error = await loadError(TOP, read);
    expect(error.message).toContain('category names use letters, digits, - and _, got "deal\\u202eevil"');
    expect(error.message).toContain('categories["deal\\u202eevil"]');
    expect(error.message).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
