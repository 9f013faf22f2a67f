/**
 * What a reader sees. Labels, answers, customers and titles written to trip
 * markdown go through the real engine and every report, are rendered as
 * GitHub does (GFM, with marked), and the visible text must be exactly what
 * people typed: no entity or backslash showing, no formatting, and nothing
 * that links, pings, mails or cross-references.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../src/core/types.js';
import { renderComment } from '../../src/report/comment.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { plainText } from '../../src/report/escape.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { businessCase, dealItem, examplePolicy } from '../core/fixtures.js';
import { renderGfm, textOf } from './gfm.js';
import { HOSTILE_TEXTS } from './scenarios.js';

/** The text a reader sees; zero-width joiners (invisible) kept only when asked. */
function visibleText(markdown: string, options: { keepJoiners?: boolean } = {}): string {
  const text = textOf(renderGfm(markdown).replace(/<\/?(a|strong|em|code)\b[^>]*>/g, ''));
  return options.keepJoiners ? text : text.replace(/\u200d/g, '');
}

/** Each item carries one label the policy forbids, one customer and answers built to break out. */
const CASES = [
  { label: 'custom-R&D', customer: 'R&D <b>corp</b>', title: 'Fix #123 for bob@evil.example & <b>co</b> **now**', answer: '**ASAP** after `v2` ships' },
  { label: 'custom-<img src=x>', customer: 'bob@evil.example', title: '1. www.evil.example :smile: $x$', answer: 'see #123 and acme/other#5' },
  { label: 'one-off`**x**`', customer: '@acme/everyone', title: '- [x] a task _under_ ~~struck~~', answer: '<img src=x onerror=alert(1)> https://evil.example' },
  { label: 'custom-[x](https://evil.example)', customer: 'a|b', title: '> quoted \\ backslash | pipe', answer: '[link](https://evil.example) ![i](y.png)' },
  { label: 'custom-@alice #7', customer: 'GH-12 ``ticks``', title: 'Ping @alice and @acme/leads', answer: ':+1: &amp; &lt;b&gt;' },
];

const TYPED = CASES.flatMap((c) => [c.label, c.customer, c.title, c.answer]);

function hostileItems(): WorkItem[] {
  return CASES.map((c, index) =>
    dealItem({
      number: 201 + index,
      title: c.title,
      labels: ['deal', `customer:${c.customer}`, 'size/M', c.label],
      ...businessCase({ 'Review by': c.answer, 'New customers or expansion?': c.answer }),
    }),
  );
}

const policy = examplePolicy({ 'forbidden-labels': [{ name: 'one-off*', message: 'One-off features need an approved exception.' }, { name: 'custom-*' }] });
const input = buildReportInput({ mode: 'audit', policy, items: hostileItems(), now: '2026-11-03T09:00:00Z', policySources: ['.github/roadmap-policy.yml'], sourceName: 'acme/app' });

const outputs: [string, string][] = [
  ...CASES.map((_, index): [string, string] => [`comment on #${201 + index}`, renderComment({ ...input, mode: 'issue', focusItem: 201 + index })]),
  ['audit summary', renderMarkdownReport(input)],
  ['issue summary', renderMarkdownReport({ ...input, mode: 'issue', focusItem: 201 })],
  ['dashboard', renderDashboard(input)],
];

describe('untrusted text, rendered as GitHub renders it', () => {
  it.each(CASES.map((c, index) => ({ ...c, number: 201 + index })))('the comment on #$number shows its label, title and answer exactly as typed', (c) => {
    const text = visibleText(renderComment({ ...input, mode: 'issue', focusItem: c.number }));
    expect(text).toContain(`Remove label "${c.label}"`);
    expect(text).toContain(`now "${c.answer}"`);
  });

  it('the summary shows every customer and every title exactly as typed', () => {
    const text = visibleText(renderMarkdownReport(input));
    for (const c of CASES) {
      expect(text).toContain(`| ${c.customer}`.slice(2));
      expect(text).toContain(plainText(c.title));
      expect(text).toContain(`Label "${c.label}"`);
    }
    expect(text).toContain(`"Review by" is not a date: "${CASES[0]!.answer}"`);
  });

  describe.each(outputs)('%s', (_name, markdown) => {
    const text = visibleText(markdown);
    // GitHub links, pings and formats nothing inside code.
    const withJoiners = visibleText(markdown.replace(/```mermaid\n[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, ''), { keepJoiners: true });
    const html = renderGfm(markdown);

    it('shows no entity and no backslash that nobody typed', () => {
      const untyped = TYPED.reduce((rest, typed) => rest.split(plainText(typed)).join(' '), text);
      expect(untyped.match(/.{0,40}(&(amp|lt|gt);|\\).{0,40}/)?.[0]).toBeUndefined();
    });

    it('formats nothing from issue text', () => {
      expect(html).not.toMatch(/<(img|b|del|h1|blockquote|ol|input)\b/);
      expect(html).not.toMatch(/<(strong|em)>(now|x|ASAP|under)<\/(strong|em)>/);
    });

    it('links only to GitHub, and to no mail address', () => {
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\/github\.com\//);
    });

    it('leaves no mention, e-mail address, issue reference, URL or emoji code GitHub would act on', () => {
      for (const live of ['@alice', '@acme/', 'bob@evil', '#123', 'acme/other#5', 'GH-12', 'https://evil', 'www.evil', ':smile:', ':+1:']) {
        expect(withJoiners).not.toContain(live);
      }
    });
  });
});

describe('every golden report, rendered', () => {
  const folder = new URL('./__golden__/', import.meta.url);
  const goldens = readdirSync(folder).filter((name) => name.endsWith('.md'));
  const typed = HOSTILE_TEXTS.map(plainText);

  it.each(goldens)('%s shows no entity or stray backslash', (name) => {
    const text = visibleText(readFileSync(new URL(name, folder), 'utf8'));
    // The hostile scenario types "&amp;" itself: that must show as typed, so it is set aside.
    const untyped = typed.reduce((rest, t) => rest.split(t).join(' '), text);
    expect(untyped).not.toMatch(/&(amp|lt|gt);|\\/);
  });
});
