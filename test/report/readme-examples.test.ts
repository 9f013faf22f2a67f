import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveExamples, exampleCommentItem, exampleReportInput, readDocuments, renderReadmeExamples, withExamples, withExamplesIn } from '../../scripts/readme-examples.js';
import { readCommentState } from '../../src/memory/state.js';
import { renderComment } from '../../src/report/comment.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { runCli } from '../cli/helpers.js';
import { parseSnapshot } from '../../src/snapshot/file.js';

const root = join(import.meta.dirname, '../..');
const golden = (name: string) => `./__golden__/${name}`;

describe('the examples in the README and docs/', () => {
  it('are what the example roadmap produces today (run `npm run readme` to refresh them)', () => {
    const documents = readDocuments(root);
    expect(Object.keys(documents)).toEqual(expect.arrayContaining(['README.md', 'docs/cli.md', 'docs/pull-requests.md', 'docs/archiving.md', 'docs/bets.md']));
    expect(withExamplesIn(documents, renderReadmeExamples(root))).toEqual(documents);
  });

  it('keep the comment and the job summary in the README, the front door', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('<!-- example:comment -->');
    expect(readme).toContain('<!-- example:summary -->');
  });

  it('replace only the text between the markers', () => {
    const readme = 'before\n<!-- example:comment -->\nold\n<!-- /example:comment -->\nmiddle\n<!-- example:summary -->\n<!-- /example:summary -->\n<!-- example:outcomes -->\n<!-- /example:outcomes -->\nafter\n';
    expect(withExamples(readme, { comment: 'new\n\ncomment\n', summary: 'sum', outcomes: 'out' })).toBe(
      'before\n<!-- example:comment -->\n> new\n>\n> comment\n<!-- /example:comment -->\nmiddle\n<!-- example:summary -->\n> sum\n<!-- /example:summary -->\n<!-- example:outcomes -->\n> out\n<!-- /example:outcomes -->\nafter\n',
    );
  });

  it('show the demo output exactly as `roadmap-guard demo` prints it on an 80-column terminal', async () => {
    const demo = await runCli(['demo'], { tty: true, columns: 80, env: { NO_COLOR: '1' } });
    const shown = renderReadmeExamples(root).demo!;
    expect(shown).toContain('      → Defer, descope or close at least 17 points of deal work');
    expect(shown).toContain('Policy: examples/roadmap-policy.yml');
    expect(demo.stdout.startsWith(`${shown}\n\n`)).toBe(true);
  });

  it('show the job summary byte for byte as `roadmap-guard demo --format markdown` prints it, bets and outcomes included', async () => {
    const demo = await runCli(['demo', '--format', 'markdown']);
    const summary = renderReadmeExamples(root).summary;
    expect(summary).toBe(demo.stdout);
    expect(summary).toContain('<details><summary><strong>Bets and outcomes</strong> · 1 of 6 bets hit its metric, 3 never reviewed</summary>');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- example:summary -->\n') + '<!-- example:summary -->\n'.length, readme.indexOf('<!-- /example:summary -->'));
    const unquoted = block.split('\n').map((line) => line.replace(/^> ?/, '')).join('\n');
    expect(unquoted).toBe(demo.stdout);
  });

  it("show a snapshot error exactly as simulate reports the docs' own snapshot example with two typos", () => {
    const readme = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    const start = readme.indexOf('```json\n{\n  "$schema": "./snapshot.schema.json"') + '```json\n'.length;
    const example = readme.slice(start, readme.indexOf('```', start));
    const broken = example.replace('"labels":', '"labelz":').replace('"state": "open"', '"state": "OPEN"');
    let message = '';
    try {
      parseSnapshot(broken, 'plan.json');
    } catch (error) {
      message = `roadmap-guard simulate: ${(error as Error).message}`;
    }
    expect(message).toMatch(/labelz/);
    expect(readme).toContain(`\`\`\`text\n${message}\n\`\`\``);
  });

  it('fail loudly when an example has no block, or a block in two documents', () => {
    const block = '<!-- example:comment -->\n<!-- /example:comment -->\n';
    expect(() => withExamplesIn({ 'README.md': 'no markers', 'docs/a.md': 'none either' }, { comment: 'x' })).toThrow(
      '<!-- example:comment --> must be in exactly one of README.md, docs/a.md; found in none',
    );
    expect(() => withExamplesIn({ 'README.md': block, 'docs/a.md': block }, { comment: 'x' })).toThrow(/found in README\.md, docs\/a\.md$/);
    expect(() => withExamples('<!-- example:comment -->\nno end', { comment: 'x' })).toThrow('<!-- example:comment --> has no <!-- /example:comment --> after it');
    expect(withExamplesIn({ 'README.md': 'text', 'docs/a.md': block }, { comment: 'x' })).toEqual({ 'README.md': 'text', 'docs/a.md': '<!-- example:comment -->\n> x\n<!-- /example:comment -->\n' });
  });
});

describe('reports on the example roadmap', () => {
  const input = exampleReportInput(root);

  it('the comment on the example deal request', async () => {
    const comment = renderComment({ ...input, mode: 'issue', focusItem: exampleCommentItem(input) });
    await expect(comment).toMatchFileSnapshot(golden('example-comment.md'));
    expect(comment).toMatch(/^<!-- roadmap-guard:item -->\n\nThis deal request can't be scheduled yet: /);
  });

  it('the audit summary', async () => {
    const summary = renderMarkdownReport(input);
    await expect(summary).toMatchFileSnapshot(golden('example-summary.md'));
    expect(summary).toMatch(/^## Roadmap health: the check fails\n\n\*\*Deal work is 25% of planned capacity against a 10% cap; one-off labels on 2 items\.\*\*/);
  });

  it('the archive warning and the archive note on the stale item', () => {
    const { archiveWarning, archiveNote } = archiveExamples(root);
    expect(archiveWarning).toMatch(/will be archived on 2026-11-17 unless someone updates it/);
    expect(readCommentState(archiveWarning)).toEqual({ touched: '2025-08-04T10:00:00Z', warned: '2026-11-03T09:00:00.000Z' });
    expect(archiveNote).toMatch(/^<!-- roadmap-guard:item -->\n\n\*\*Archived:\*\* \[#1\]\(.*\) Dark mode for the admin console was closed as not planned on 2026-11-17\./);
    expect(readCommentState(archiveNote).archived).toBe('2026-11-17T09:00:00.000Z');
  });

  it('the dashboard', async () => {
    await expect(renderDashboard(input)).toMatchFileSnapshot(golden('example-dashboard.md'));
  });

  it('the terminal report', async () => {
    await expect(renderTerminal(input, { color: false, width: 80 })).toMatchFileSnapshot(golden('example-terminal.txt'));
  });
});
