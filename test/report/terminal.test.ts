import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/report/terminal.js';
import { compliantRoadmap, everythingFailing, giantTextRoadmap, hostileRoadmap, hugeRoadmap, smallRoadmap, withTrend } from './scenarios.js';
import { runFacts } from './fixtures.js';
import { buildReportInput } from '../../src/report/report-input.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { workItem } from '../fixtures.js';

const golden = (name: string) => `./__golden__/${name}`;
// eslint-disable-next-line no-control-regex -- the test looks for escape sequences
const ANSI = /\u001b\[[0-9;]*m/g;
const width = (line: string) => Array.from(line.replace(ANSI, '')).length;

describe('renderTerminal', () => {
  it('a roadmap over budget, without colour', async () => {
    const text = renderTerminal(withTrend({ ...smallRoadmap(), run: runFacts() }), { color: false, width: 80 });
    await expect(text).toMatchFileSnapshot(golden('terminal-audit.txt'));
    expect(text).not.toMatch(ANSI);
    expect(text).toContain('  deal               3     12    30%     ≤ 10%  over    ██│██░░░░░░░░░░░');
  });

  it('colours only when asked', () => {
    const input = smallRoadmap();
    const coloured = renderTerminal(input, { color: true, width: 80 });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(renderTerminal(input, { color: false, width: 80 }));
  });

  it.each([
    ['small', () => withTrend({ ...smallRoadmap(), run: runFacts() })],
    ['everything failing', everythingFailing],
    ['hostile', hostileRoadmap],
    ['5,000 items', () => hugeRoadmap()],
  ])('fits 80 columns (%s)', (_name, input) => {
    const text = renderTerminal(input(), { color: true, width: 80 });
    const wide = text.split('\n').filter((line) => width(line) > 80);
    expect(wide).toEqual([]);
  });

  it("uses a wide terminal's width instead of cutting at 80 columns", () => {
    const input = giantTextRoadmap();
    const narrow = renderTerminal(input, { color: false, width: 80 });
    const wide = renderTerminal(input, { color: false, width: 160 });
    expect(narrow).toContain('…');
    expect(Math.max(...wide.split('\n').map(width))).toBeGreaterThan(80);
    expect(wide.split('\n').filter((line) => width(line) > 160)).toEqual([]);
  });

  it('cuts nothing when the output is not a terminal', () => {
    expect(renderTerminal(giantTextRoadmap(), { color: false })).toContain(`#12 ${'very long words '.repeat(3_749)}very long words\n`);
    expect(renderTerminal(everythingFailing(), { color: false })).not.toMatch(/\S…$/m);
  });

  it("heads the trend's column with the whole category name when piped, and cuts it with … only on a terminal", () => {
    const policy = parsePolicy({ version: 1, categories: { 'customer-work': { match: { labels: ['customer:*'] }, budget: { 'max-share': '15%' } } } });
    const items = [workItem({ number: 1, labels: ['customer:contoso'] }), workItem({ number: 2 })];
    const input = withTrend(buildReportInput({ mode: 'simulate', policy, items, now: '2026-11-03T09:00:00Z', policySources: ['policy.yml'], sourceName: 'acme/app' }));
    const header = (text: string) => text.split('\n').find((line) => line.startsWith('  Month'));

    expect(header(renderTerminal(input, { color: false }))).toBe('  Month       Delivered customer-work  Share');
    expect(header(renderTerminal(input, { color: false, width: 80 }))).toBe('  Month       Delivered customer…  Share');
    expect(renderTerminal(input, { color: false })).toContain('  planned now         2             1    50%');
  });

  it('sets a verdict off from the title with a dash, so without colour it is not read as part of the title', () => {
    const text = renderTerminal(smallRoadmap(), { color: false, width: 80 });
    expect(text).toMatch(/^ {4}#\d+ .+ — fails$/m);
    // Every line ending in "fails" is an item's verdict, except the report's own title.
    expect(text.split('\n').slice(1).join('\n')).not.toMatch(/[^—] fails$/m);
  });

  it('strips escape sequences from issue text', async () => {
    const text = renderTerminal(hostileRoadmap(), { color: false, width: 80 });
    await expect(text).toMatchFileSnapshot(golden('terminal-hostile.txt'));
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
  });

  it('a compliant roadmap', async () => {
    await expect(renderTerminal(compliantRoadmap(), { color: false, width: 80 })).toMatchFileSnapshot(golden('terminal-compliant.txt'));
  });

  it('issue mode: the item and its category’s budget', async () => {
    const text = renderTerminal({ ...smallRoadmap(), mode: 'issue', focusItem: 12 }, { color: false, width: 80 });
    await expect(text).toMatchFileSnapshot(golden('terminal-issue.txt'));
    expect(text).toContain('#12 SAML single sign-on for Globex');
    expect(text).not.toContain('strategic');
  });
});

describe('renderTerminal with backlog archiving', () => {
  it('says how many items will be archived, and when the first is', () => {
    const policy = parsePolicy({ version: 1, backlog: { 'max-age-days': 365, archive: true, 'grace-days': 14 } });
    const items = [workItem({ number: 1, updatedAt: '2025-01-01T00:00:00Z' }), workItem({ number: 2, updatedAt: '2025-02-01T00:00:00Z', archiveWarnedAt: '2026-10-30T09:00:00Z' })];
    const input = buildReportInput({ mode: 'simulate', policy, items, now: '2026-11-03T09:00:00Z', policySources: ['policy.yml'], sourceName: 'acme/app' });
    const text = renderTerminal(input, { color: false });
    expect(text).toContain('  Stale backlog: 2 items not updated in 365+ days');
    expect(text).toContain('  To be archived: 2 items, the first on 2026-11-13');
    // Named, oldest first, as the markdown names them.
    expect(text).toMatch(/ {4}#1 .* — on 2026-11-\d\d\n {4}#2 .* — on 2026-11-13\n/);
  });
});

describe('renderTerminal, ordered like the markdown', () => {
  it('the verdict, what to act on first with its fixes, then the warnings, then the tables, within 80 columns', () => {
    const text = renderTerminal(withTrend({ ...smallRoadmap(), run: runFacts() }), { color: false, width: 80 });
    const order = ['Roadmap health: the check fails', 'Act on these first', 'Categories over budget', '      → ', 'One-off labels', '\nWarnings\n', '\nCapacity budgets', '\nCustomers', '\nRun'].map((s) => text.indexOf(s));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toMatch(/ {6}→ Remove label "one-off"/);
    expect(text).not.toContain('Needs attention');
    for (const line of text.split('\n')) expect(width(line)).toBeLessThanOrEqual(80);
  });

  it('prints a long fix whole, broken between words, on a terminal; on one line when piped', () => {
    const input = withTrend({ ...smallRoadmap(), run: runFacts() });
    const fix = input.evaluation.findings.find((f) => f.kind === 'over-budget')!.fix;
    const piped = renderTerminal(input, { color: false });
    expect(piped).toContain(`      → ${fix}`);
    const narrow = renderTerminal(input, { color: false, width: 50 });
    expect(narrow.replace(/\n {8}/g, ' ')).toContain(`      → ${fix}`);
    for (const line of narrow.split('\n').filter((l) => l.startsWith('      →') || l.startsWith('        '))) expect(width(line)).toBeLessThanOrEqual(50);
  });

  it('calls a floor a target, as the markdown does, and draws its mark', () => {
    const text = renderTerminal(smallRoadmap(), { color: false, width: 80 });
    expect(text).toContain('Target  Status  Share vs target');
    expect(text).not.toMatch(/\bCap\b.*Share vs cap/);
    expect(text).toMatch(/ {2}strategic .* ≥ \d+% {2}under .*┆/);
  });

  it('groups 5,000 failing items by fix and names the first few', () => {
    const text = renderTerminal(hugeRoadmap(), { color: false, width: 80 });
    expect(text).toContain('    Remove label "one-off" — 5,000 items: #1, #2, #3');
    expect(text).toContain('and 4,990 more');
    // Counts carry thousands separators, as the points beside them do.
    expect(text).toMatch(/ {2}deal +5,000 +15,000 /);
    expect(text).toContain('9,950 deferred (max-writes)');
    for (const line of text.split('\n')) expect(width(line)).toBeLessThanOrEqual(80);
  });
});
