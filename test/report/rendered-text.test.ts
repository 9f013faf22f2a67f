/**
 * What a reader sees. Labels, answers, customers and titles written to trip
 * markdown go through the real engine and every report, are rendered as
 * GitHub does (GFM, with marked), and the visible text must be exactly what
 * people typed: no entity or backslash showing, no formatting, and nothing
 * that links, pings, mails or cross-references.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../src/core/types.js';
import { renderComment, renderResolvedComment } from '../../src/report/comment.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { plainText } from '../../src/report/escape.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { businessCase, dealItem, examplePolicy } from '../core/fixtures.js';
import { renderGfm, textOf } from './gfm.js';
import { HOSTILE_TEXTS, hugeRoadmap } from './scenarios.js';
import { runFacts } from './fixtures.js';
import { exampleReportInput } from '../../scripts/readme-examples.js';

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
      // A budget table's status is bold on purpose ("**under**"); the title's "_under_" must not be.
      expect(html).not.toMatch(/<(strong|em)>(now|x|ASAP)<\/(strong|em)>|<em>under<\/em>/);
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

describe('what a lead acts on, rendered', () => {
  const root = join(import.meta.dirname, '../..');
  const example = exampleReportInput(root);
  const links = (html: string) => [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(([, href, text]) => ({ href: decodeHtml(href!), text: text! }));
  /** From its heading to the next heading or fold. */
  const actFirst = (markdown: string) => {
    const start = markdown.indexOf('### Act on these first');
    return markdown.slice(start, start + markdown.slice(start).search(/\n(### |<details>)/));
  };

  it('links every item the bot lists to fix a budget, marks the exempt one, and links the rest to a search', () => {
    const html = renderGfm(actFirst(renderMarkdownReport(example)));
    const budgetLine = visibleText(actFirst(renderMarkdownReport(example))).split('\n').find((line) => line.includes('newest first'))!;
    expect(budgetLine).toContain('newest first: #57, #52, #50 (exempt), #42, #38 and 3 more');
    const linked = links(html);
    for (const n of [57, 52, 50, 42, 38]) expect(linked).toContainEqual({ href: `https://github.com/acme-analytics/platform/issues/${n}`, text: `#${n}` });
    const more = linked.find((l) => l.text === '3 more')!;
    expect(new URL(more.href).searchParams.get('q')).toBe('is:open label:"roadmap: over budget" sort:created-desc');
    // A zero-width joiner is left only after an @ in prose (the approvers a fix names), where nothing else keeps GitHub from pinging.
    expect(html.replace(/@\u200d/g, '')).not.toContain('\u200d');
  });

  it('puts the run’s problems first, with the fix, before the verdict’s counts and every section', () => {
    const markdown = renderMarkdownReport({ ...example, run: runFacts() });
    const text = visibleText(markdown);
    const order = ['Roadmap health: the check fails', 'This run could not do everything', '1 write failed: add label to #12 (HTTP 403: Resource not accessible by integration)', 'Fix: Give the job the write permission', 'Failing:', 'Act on these first', 'Missing business-case answers ·', 'Capacity budgets', 'Mode: audit'].map((s) => text.indexOf(s));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(renderMarkdownReport(example)).not.toContain('could not do everything');
  });

  it('names the permission GitHub asked for when a write is refused, and states a shared fix once', () => {
    const reason = 'GitHub refused to comment on #12 (403): the token needs the `issues: write` permission; add `permissions: { issues: write }` to the job.\nIn the workflow file:\npermissions:\n  issues: write';
    const failed = [12, 13, 14, 15].map((n) => ({ description: `comment on #${n}`, reason: reason.replace('#12', `#${n}`), cause: { status: 403, permission: 'issues' } }));
    const text = visibleText((renderMarkdownReport({ ...example, run: runFacts({ writes: { made: 0, skippedByDryRun: 0, deferredByMaxWrites: 0, failed } }) })));
    expect(text).toContain('4 writes failed: comment on #12 (GitHub refused to comment on #12 (403)');
    expect(text).toContain('; and 1 more.');
    expect(text.match(/Fix: Give the job issues: write under permissions:/g)).toHaveLength(1);
  });

  it('groups 5,000 failing items by fix: each fix once, its items linked, the rest counted and searchable', () => {
    const huge = hugeRoadmap();
    const labels = ['one-off', 'custom-report', 'bespoke'];
    const findings = huge.evaluation.findings.map((f) => (f.kind === 'forbidden-label' ? { ...f, fix: `Remove label "${labels[f.item!.number % 3]}"` } : f));
    const policy = { ...huge.policy, enforcement: { ...huge.policy.enforcement, labels: { ...huge.policy.enforcement.labels, nonCompliant: 'roadmap: needs work' } } };
    const markdown = actFirst(renderMarkdownReport({ ...huge, policy, evaluation: { ...huge.evaluation, findings } }));
    const html = renderGfm(markdown);
    const text = visibleText(markdown);
    for (const label of labels) expect(text.match(new RegExp(`Remove label "${label}" — [\\d,]+ items:`, 'g'))).toHaveLength(1);
    expect(text).toMatch(/Remove label "one-off" — 1,666 items: #3, #6, #9,/);
    expect(links(html).filter((l) => /^#\d+$/.test(l.text))).toHaveLength(3 * 10);
    const searches = links(html).filter((l) => / more$/.test(l.text));
    expect(searches.map((l) => l.text)).toEqual(['1,657 more', '1,657 more', '1,656 more']);
    expect(new URL(searches[0]!.href).searchParams.get('q')).toBe('is:open label:"roadmap: needs work" sort:created-desc');
    expect(markdown.split('\n').length).toBeLessThanOrEqual(12);
  });

  it('quotes the handles, references and URLs people typed as code, which copies exactly', () => {
    const html = renderGfm(renderComment({ ...input, mode: 'issue', focusItem: 203 }));
    expect(html).toContain('<code>https://evil.example</code>');
    const summary = renderGfm(renderMarkdownReport(input));
    for (const typed of ['@alice', '@acme/leads', '#123', 'acme/other#5', 'GH-12', ':smile:']) expect(summary).toContain(`<code>${typed}</code>`);
    // An e-mail address is prose: the joiner after its @ is the one left.
    expect(summary).toContain('bob@\u200devil.example');
  });

  it('keeps zero-width joiners out of code spans and URLs', () => {
    for (const [, markdown] of [...outputs, ['example', renderMarkdownReport({ ...example, run: runFacts() })] as [string, string]]) {
      const html = renderGfm(markdown);
      for (const [, code] of html.matchAll(/<code>([^<]*)<\/code>/g)) expect(code).not.toContain('\u200d');
      for (const { href } of links(html)) expect(() => new URL(href)).not.toThrow();
      for (const { href } of links(html)) expect(href).not.toContain('\u200d');
    }
  });
});

function decodeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

describe('the trend chart, rendered', () => {
  const example = exampleReportInput(join(import.meta.dirname, '../..'));
  const markdown = renderMarkdownReport(example);
  const chart = /```mermaid\n(%%[^\n]*\n)?xychart-beta\n([\s\S]*?)```/.exec(markdown)![2]!;

  it('draws one bar series, so no series of zeros draws slivers under every month, and the cap as a line', () => {
    const bars = [...chart.matchAll(/^ {4}bar \[(.*)\]$/gm)].map((m) => m[1]!.split(', ').map(Number));
    expect(bars).toHaveLength(1);
    expect(bars[0]!.at(-1)).toBe(25);
    expect(chart).toMatch(/^ {4}line \[10(, 10)+\]$/m);
  });

  it('says under the chart what each mark is, since mermaid draws no legend', () => {
    const text = visibleText(markdown);
    expect(text).toContain("Blue bars: the share of each month's delivered work, then of the work planned now; red line: the 10% cap.");
  });
});

describe('the bets and outcomes section, rendered', () => {
  it('folds the table its sentence already gives the figures of', () => {
    const markdown = renderMarkdownReport(exampleReportInput(join(import.meta.dirname, '../..')));
    const start = markdown.indexOf('<details><summary><strong>Bets and outcomes</strong>');
    const section = markdown.slice(start, markdown.indexOf('<details><summary><strong>', start + 1));
    expect(section).toMatch(/^<details><summary><strong>Bets and outcomes<\/strong> · 1 of 6 bets hit its metric, 3 never reviewed<\/summary>\n/);
    const body = section.slice(section.indexOf('\n'));
    const open = renderGfm(body.replace(/<details>[\s\S]*?<\/details>/g, ''));
    expect(textOf(open).replace(/\s+/g, ' ')).toContain('1 hit its metric (16.7%), 1 missed, 1 walked away');
    expect(open).not.toContain('<table>');
    expect(body).toMatch(/<details><summary>Outcomes as a table<\/summary>\n\n\| Outcome \| Bets \| Share \|/);
  });
});

describe('the Decisions of a comment, rendered', () => {
  const reason = 'Signed with @alice, see https://docs.example.com/contracts/acme-2026-q1 and #12; **no** <b>formatting</b>';
  const trail = [
    { at: '2026-11-03T09:00:00Z', actor: 'lead-lena', action: 'exempt' as const, reason },
    { at: '2026-11-20T09:00:00Z', actor: 'github-actions[bot]', action: 'label-removed' as const, reason: '' },
    { at: '2026-12-01T09:00:00Z', actor: 'product-lead-with-a-long-name', action: 'outcome' as const, outcome: 'walked-away' as const, reason },
  ];
  const markdown = renderResolvedComment({ item: { number: 7, title: 'Acme export', url: 'https://github.com/acme/app/issues/7' }, at: '2026-12-02T09:00:00Z', conversation: { trail } });
  const html = renderGfm(markdown.slice(markdown.indexOf('### Decisions')));

  // A table squeezed its date and login columns beside long evidence, and GitHub broke them at their hyphens ("2026-11-/03", "lead-/lena").
  it('lists each decision, no table, starting with its date and the login, which copies exactly', () => {
    expect(html).not.toContain('<table>');
    const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    expect(items.map((item) => /^<strong>([^<]*)<\/strong> · <code>([^<]*)<\/code> · /.exec(item)?.slice(1))).toEqual([
      ['2026-11-03', 'lead-lena'],
      ['2026-11-20', 'github-actions[bot]'],
      ['2026-12-01', 'product-lead-with-a-long-name'],
    ]);
    const flat = (item: string) => textOf(item).replace(/\s+/g, ' ').trim();
    expect(flat(items[1]!)).toBe('2026-11-20 · github-actions[bot] · exemption label removed (not added by an approver)');
    expect(flat(items[2]!)).toMatch(/^2026-12-01 · product-lead-with-a-long-name · outcome recorded: walked away — Signed with @alice ?, see https:/);
  });

  it('quotes the evidence as typed, formatting and linking nothing', () => {
    expect(html).toContain('<code>https://docs.example.com/contracts/acme-2026-q1</code>');
    expect(html).toContain('<code>#12</code>');
    expect(html).toContain('<code>@alice</code>');
    expect(html).not.toMatch(/<(b|em)>|<strong>no<\/strong>/);
    expect(visibleText(markdown)).toContain('**no** <b>formatting</b>');
  });
});
