import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCommentItem, exampleReportInput, renderReadmeExamples, withExamples } from '../../scripts/readme-examples.js';
import { renderComment } from '../../src/report/comment.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderTerminal } from '../../src/report/terminal.js';

const root = join(import.meta.dirname, '../..');
const golden = (name: string) => `./__golden__/${name}`;

describe('the README’s examples', () => {
  it('are what the example roadmap produces today (run `npm run readme` to refresh them)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(withExamples(readme, renderReadmeExamples(root))).toBe(readme);
  });

  it('replace only the text between the markers', () => {
    const readme = 'before\n<!-- example:comment -->\nold\n<!-- /example:comment -->\nmiddle\n<!-- example:summary -->\n<!-- /example:summary -->\n<!-- example:outcomes -->\n<!-- /example:outcomes -->\nafter\n';
    expect(withExamples(readme, { comment: 'new\n\ncomment\n', summary: 'sum', outcomes: 'out' })).toBe(
      'before\n<!-- example:comment -->\n> new\n>\n> comment\n<!-- /example:comment -->\nmiddle\n<!-- example:summary -->\n> sum\n<!-- /example:summary -->\n<!-- example:outcomes -->\n> out\n<!-- /example:outcomes -->\nafter\n',
    );
  });

  it('fail loudly when a marker is missing', () => {
    expect(() => withExamples('no markers', { comment: 'x', summary: 'y', outcomes: 'z' })).toThrow(/<!-- example:comment -->/);
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
    expect(summary).toContain('deal work over budget');
  });

  it('the dashboard', async () => {
    await expect(renderDashboard(input)).toMatchFileSnapshot(golden('example-dashboard.md'));
  });

  it('the terminal report', async () => {
    await expect(renderTerminal(input, { color: false })).toMatchFileSnapshot(golden('example-terminal.txt'));
  });
});
