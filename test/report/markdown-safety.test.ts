/**
 * Renders our markdown the way GitHub does (GFM) and checks what a reader
 * would get: real tables, and nothing from issue text turned into HTML, a
 * link, an image or a mention.
 */
import { describe, expect, it } from 'vitest';
import { renderComment, renderResolvedComment } from '../../src/report/comment.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderGfm, textOf } from './gfm.js';
import { hostileRoadmap, smallRoadmap, withTrend } from './scenarios.js';

const render = renderGfm;

/** Text a reader sees outside code: code spans and blocks never notify or link. */
function visibleText(html: string): string {
  return textOf(html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, ''));
}

const hostile = hostileRoadmap();
const outputs: [string, string][] = [
  ['comment', renderComment({ ...hostile, focusItem: 101 })],
  ['comment with contributors', renderComment({ ...hostile, focusItem: 100 })],
  ['resolved comment', renderResolvedComment({ item: hostile.items[2]!, at: hostile.evaluation.at })],
  ['summary', renderMarkdownReport(withTrend(hostile))],
  ['issue summary', renderMarkdownReport({ ...hostile, mode: 'issue', focusItem: 102 })],
  ['dashboard', renderDashboard(hostile)],
];

describe.each(outputs)('%s rendered as GitHub-flavoured markdown', (_name, markdown) => {
  const html = render(markdown);

  it('carries no HTML element from issue text', () => {
    const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(/<(script|img|b|iframe)\b/i);
  });

  it('links only to GitHub', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/github\.com\//);
    expect(html).not.toMatch(/src="/);
  });

  it('leaves no @mention GitHub would link', () => {
    expect(visibleText(html)).not.toMatch(/(^|[^\w\u200d])@[a-z0-9]/im);
  });

  it('keeps issue text on its line: no heading from a title', () => {
    expect(html).not.toMatch(/<h\d[^>]*>[^<]*heading/);
  });
});

describe('tables', () => {
  it('the summary’s budget and customer tables render as tables, one row per entry', () => {
    const html = render(renderMarkdownReport(hostile));
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables).toHaveLength(2);
    // 8 customers whose names hold pipes and markup: still 8 rows of 6 cells.
    const customerRows = tables[1]!.match(/<tr>[\s\S]*?<\/tr>/g)!.slice(1);
    expect(customerRows).toHaveLength(8);
    for (const row of customerRows) expect(row.match(/<td/g)).toHaveLength(6);
  });

  it('the audit summary renders its budget table with a bar per category', () => {
    const html = render(renderMarkdownReport(smallRoadmap()));
    const budgetTable = html.match(/<table>[\s\S]*?<\/table>/)![0];
    expect(budgetTable.match(/<tr>/g)).toHaveLength(4);
    expect(budgetTable).toContain('<code>█│█░');
  });

  it('the comment’s list of fixes shows state, with no checkbox to tick that the next run would untick', () => {
    const html = render(renderComment({ ...smallRoadmap(), focusItem: 12 }));
    expect(html).not.toMatch(/<input [^>]*type="checkbox"/);
    expect(html.match(/<h3>Still to fix<\/h3>\n<ul>\n(<li>[\s\S]*?<\/li>\n){4}<\/ul>/)).not.toBeNull();
  });
});
