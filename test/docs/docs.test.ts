import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../src/core/finding-kinds.js';
import { brokenLinks, githubSlug, headingAnchors, linkTargets } from './markdown-links.js';

const root = join(import.meta.dirname, '../..');
const documents = ['README.md', 'SECURITY.md', 'CHANGELOG.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

describe('links in the README and docs/', () => {
  it.each(documents)('every relative link and #anchor in %s lands on a file and a heading', (file) => {
    expect(brokenLinks(root, file)).toEqual([]);
  });

  it('covers the README and every page of docs/', () => {
    expect(documents).toEqual(expect.arrayContaining(['README.md', 'docs/policy.md', 'docs/findings.md', 'docs/troubleshooting.md']));
  });
});

describe('GitHub heading anchors', () => {
  it.each([
    ['Talking to the bot: /roadmap commands', 'talking-to-the-bot-roadmap-commands'],
    ['roadmap-guard validate', 'roadmap-guard-validate'],
    ['1. Write the policy', '1-write-the-policy'],
    ["What a run costs", 'what-a-run-costs'],
    ['Pull requests: the merge gate and policy previews', 'pull-requests-the-merge-gate-and-policy-previews'],
    ['Über `work.size` (beta)', 'über-worksize-beta'],
  ])('%s → #%s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  it('are taken from the text a heading shows, and numbered when repeated', () => {
    expect([...headingAnchors('# A `b` [c](d.md)\n\n## Notes\n\n## Notes\n\n```\n# not a heading\n```\n')]).toEqual(['a-b-c', 'notes', 'notes-1']);
  });
});

describe('the link check', () => {
  it('ignores links in code and reports a missing file, a missing heading and a path out of the repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'links-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs/a.md'), '# A\n\n## Here\n');
    writeFileSync(
      join(dir, 'README.md'),
      '# Top\n\n[ok](docs/a.md#here) [self](#top) [web](https://example.com/x.md#nope) `[code](gone.md)`\n\n[gone](gone.md) [anchor](docs/a.md#there) [self](#nowhere) [out](../x.md)\n\n```\n[block](gone.md)\n```\n',
    );
    expect(linkTargets('`[code](x.md)` [y](z.md)')).toEqual(['z.md']);
    expect(brokenLinks(dir, 'README.md')).toEqual([
      'README.md: gone.md (no such file)',
      'README.md: docs/a.md#there (no heading #there in docs/a.md)',
      'README.md: #nowhere (no heading #nowhere in README.md)',
      'README.md: ../x.md (leads outside the repository)',
    ]);
  });
});

describe('the finding kinds page', () => {
  it('lists every finding kind the engine reports, in its order', () => {
    const page = readFileSync(join(root, 'docs/findings.md'), 'utf8');
    const listed = [...page.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual([...FINDING_KINDS]);
  });
});
