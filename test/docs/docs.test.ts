import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../src/core/finding-kinds.js';
import { brokenLinks, githubSlug, headingAnchors, linkTargets } from './markdown-links.js';

const root = join(import.meta.dirname, '../..');
const documents = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

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

  it('says how to fix every kind, in the words comments and summaries use (written by npm run readme)', () => {
    const page = readFileSync(join(root, 'docs/findings.md'), 'utf8');
    const fixes = page.slice(page.indexOf('<!-- example:finding-fixes -->'), page.indexOf('<!-- /example:finding-fixes -->'));
    expect([...fixes.matchAll(/^- `([a-z-]+)`: \S/gm)].map((match) => match[1])).toEqual([...FINDING_KINDS]);
  });
});

describe('the policy reference', () => {
  interface SchemaNode {
    $ref?: string;
    anyOf?: SchemaNode[];
    oneOf?: SchemaNode[];
    allOf?: SchemaNode[];
    properties?: Record<string, SchemaNode>;
    additionalProperties?: SchemaNode | boolean;
    items?: SchemaNode;
  }
  const schema = JSON.parse(readFileSync(join(root, 'roadmap-policy.schema.json'), 'utf8')) as SchemaNode & { $defs?: Record<string, SchemaNode> };

  /** A node's shapes: itself, with a `$ref` followed and the branches of `anyOf`, `oneOf` and `allOf`. */
  function shapes(node: SchemaNode | boolean | undefined): SchemaNode[] {
    if (!node || typeof node !== 'object') return [];
    if (node.$ref) return shapes(schema.$defs?.[node.$ref.replace('#/$defs/', '')]);
    return [node, ...[...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])].flatMap(shapes)];
  }

  /** Every key the policy schema allows, as `parent.key`, with `<name>` for a category and `[]` for a list's items; and whether it has keys below it. */
  function keysOf(node: SchemaNode | undefined, path: string[], keys: Map<string, boolean>): void {
    for (const shape of shapes(node)) {
      const mapping = typeof shape.additionalProperties === 'object' ? shape.additionalProperties : undefined;
      if (path.length > 0 && (shape.properties || mapping)) keys.set(path.join('.'), true);
      for (const [key, child] of Object.entries(shape.properties ?? {})) {
        const name = [...path, key].join('.');
        if (!keys.has(name)) keys.set(name, false);
        keysOf(child, [...path, key], keys);
      }
      if (mapping) keysOf(mapping, [...path, '<name>'], keys);
      if (shape.items && path.length > 0) keysOf(shape.items, [...path.slice(0, -1), `${path.at(-1)}[]`], keys);
    }
  }

  it('docs/policy.md has a row for every key a policy can set', () => {
    const keys = new Map<string, boolean>();
    keysOf(schema, [], keys);
    const page = readFileSync(join(root, 'docs/policy.md'), 'utf8');
    // Each table row: the keys in its first cell (`work.size.field`, or `….heading` below its parent's row), and its whole text.
    const rows = [...page.matchAll(/^\| \**([^|]*?)\**\s*\|.*$/gm)].map((match) => ({ keys: [...match[1]!.matchAll(/`([^`]+)`/g)].map((code) => code[1]!), text: match[0] }));
    const parentOf = (key: string) => key.slice(0, key.lastIndexOf('.')).replace(/\[\]$/, '');
    const named = (key: string) => (name: string) => name === key || name === `${key}[]` || (name.startsWith('…') && key.endsWith(name.slice(1)));
    // A key has a row of its own, or is named in the row of the list or mapping it belongs to (`{ owner, number, iteration-field }`).
    const documented = (key: string) =>
      rows.some((row) => row.keys.some(named(key)) || (row.keys.some(named(parentOf(key))) && row.text.includes(key.slice(key.lastIndexOf('.') + 1))));
    const leaves = [...keys].filter(([key, hasKeys]) => !hasKeys && key !== '$schema').map(([key]) => key);
    expect(leaves.length).toBeGreaterThan(40);
    expect(leaves.filter((key) => !documented(key))).toEqual([]);
  });
});
