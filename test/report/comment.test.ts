import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderArchiveNote, renderComment, renderResolvedComment } from '../../src/report/comment.js';
import { isArchiveNote, isSettledComment } from '../../src/memory/settled.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { readCommentState } from '../../src/memory/state.js';
import { sameText } from '../../src/plan/planned-writes.js';
import { codeSpan, escapeText } from '../../src/report/escape.js';
import { evaluate } from '../../src/core/evaluate.js';
import { AT, examplePolicy, finding } from './fixtures.js';
import { compliantRoadmap, everythingFailing, giantTextRoadmap, hostileRoadmap, smallRoadmap } from './scenarios.js';

const golden = (name: string) => `./__golden__/${name}`;

describe('renderComment', () => {
  it('a deal request missing answers, over budget and over its customer share', async () => {
    const comment = renderComment({ ...smallRoadmap(), focusItem: 12 });
    await expect(comment).toMatchFileSnapshot(golden('comment-deal-request.md'));
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toContain("This deal request can't be scheduled yet: 2 business-case answers are missing or incomplete, it would be built only for this customer, 1 review is not ticked and deal work is over budget, with globex above its share.");
    // A list that shows state: nothing to tick, which the next run would untick.
    expect(comment).not.toContain('- [ ]');
    expect(comment).toContain('### Still to fix\n- Fill in "Who will buy it?" with at least 3 words');
    expect(comment).toContain('- Fill in "Review by" with a date like 2026-12-31');
    // One capacity section for the category and the customer.
    expect(comment.match(/### Capacity/g)).toHaveLength(1);
    // Without #12's 8 points, deal work would be 4 of 32 points; globex 3 of 4.
    expect(comment).toContain('This issue adds **8 points**. Without it, deal work would still be over budget (**12.5%** > 10%)');
    expect(comment).toContain('globex would still be over its share (**75%** > 50%)');
  });

  it('lists what was fixed since the last check, once, and renders the same comment on a re-run', () => {
    const input = smallRoadmap();
    const first = renderComment({ ...input, focusItem: 12 });
    expect(first).toContain('<!-- roadmap-guard:fixes open=');
    expect(first).not.toContain('Fixed since the last check');
    // "Review by" is answered now: its finding is gone.
    const answered = { ...input.evaluation, findings: input.evaluation.findings.filter((f) => !(f.item?.number === 12 && f.field === 'Review by')) };
    const second = renderComment({ ...input, evaluation: answered, focusItem: 12, previousBody: first });
    expect(second).toContain('### Fixed since the last check\n- **Review by** is answered\n');
    expect(second).not.toContain('- [x]');
    expect(second.split('\n').filter((line) => line.includes('Review by'))).toHaveLength(1);
    // Nothing changed: the same comment, so the bot writes nothing.
    expect(renderComment({ ...input, evaluation: answered, focusItem: 12, previousBody: second })).toBe(second);
    // It comes back: it is still to fix again, and no longer fixed.
    const back = renderComment({ ...input, focusItem: 12, previousBody: second });
    expect(back).not.toContain('Fixed since the last check');
    expect(back).toContain('- Fill in "Review by" with a date like 2026-12-31');
  });

  it('escapes what it lists as fixed, and a forged or broken marker lists nothing harmful', () => {
    const input = smallRoadmap();
    const hostile = { field: '**Bold** <img src=x> @alice #1', label: 'custom-R&D `x`' };
    const withHostile = {
      ...input.evaluation,
      findings: [
        ...input.evaluation.findings,
        finding({ kind: 'missing-field', item: { number: 12, title: 't', url: 'u' }, category: 'deal', field: hostile.field, message: 'm', fix: 'f' }),
        finding({ kind: 'forbidden-label', item: { number: 12, title: 't', url: 'u' }, category: 'deal', message: `Label "${hostile.label}" is not allowed`, fix: 'f' }),
      ],
    };
    const first = renderComment({ ...input, evaluation: withHostile, focusItem: 12 });
    const second = renderComment({ ...input, focusItem: 12, previousBody: first });
    const fixedSection = second.split('### Fixed since the last check\n')[1]!.split('\n\n')[0]!;
    expect(fixedSection).toContain(`- **${escapeText(hostile.field, 80)}** is answered`);
    expect(fixedSection).toContain(`- The label ${codeSpan(hostile.label)} is gone`);
    expect(fixedSection).toContain('custom-R&D `x`');
    expect(marked.parse(fixedSection)).not.toContain('<img');
    const broken = renderComment({ ...input, focusItem: 12, previousBody: '<!-- roadmap-guard:fixes open=%E0%A4%A,ok fixed=%3Cimg%3E -->' });
    expect(broken).toContain('- \\<img\\> is settled');
    expect(broken).not.toContain('<img>');
  });

  it('a one-off label, with the approvers shown without pinging them', async () => {
    const comment = renderComment({ ...smallRoadmap(), focusItem: 15 });
    await expect(comment).toMatchFileSnapshot(golden('comment-one-off.md'));
    expect(comment).toContain('An approver (`alice`, `@acme/product-leads`) can comment `/roadmap exempt <reason>` (or add the label `roadmap-exempt`)');
    expect(comment).toContain('at most 2 may be open at a time (1 in use)');
  });

  it('says so when no exceptions are left', () => {
    const input = smallRoadmap();
    const comment = renderComment({ ...input, focusItem: 15, evaluation: { ...input.evaluation, exemptions: { inUse: 2, maxOpen: 2 } } });
    expect(comment).toContain('**No exceptions are left:** 2 of at most 2 are in use');
  });

  it('quotes the answer as it stands instead of repeating the question, and a cut answer keeps its closing quote', () => {
    const input = smallRoadmap();
    const items = input.items.map((i) => (i.number === 12 ? { ...i, form: { ...i.form, 'Review by': `next spring ${'and then some '.repeat(20)}` } } : i));
    const comment = renderComment({ ...input, items, focusItem: 12 });
    expect(comment).toMatch(/- Fill in "Review by" with a date like 2026-12-31 — now "next spring and then some [a-z ]+…"\n/);
  });

  it('an exempt item: findings shown as exempt, not as to-dos', async () => {
    const comment = renderComment({ ...smallRoadmap(), focusItem: 18 });
    await expect(comment).toMatchFileSnapshot(golden('comment-exempt.md'));
    expect(comment).not.toContain('- [ ]');
    expect(comment).toContain('"Success metric" is not answered (exempt)');
    expect(comment).not.toContain('Need an exception?');
  });

  it('on budgets counted from the saved board, says in its last line when the rest of the board was read, and only then', () => {
    const input = { ...smallRoadmap(), boardReadAt: '2026-11-21T10:00:07.000Z' };
    const onBudgets = renderComment({ ...input, focusItem: 12 });
    const lastLine = onBudgets.trimEnd().split('\n').at(-1)!;
    expect(lastLine).toMatch(/^_Checked by Roadmap Guard against .*_ _Budgets count the rest of the board as last read in full, at 2026-11-21 10:00 UTC: GitHub cannot list the items of a board changed since, so other changes on the board show from the next audit\._ <!-- roadmap-guard:state /);
    // In the stamp line, which alone never rewrites a comment: a later audit's time does not edit it.
    expect(sameText(onBudgets, renderComment({ ...input, boardReadAt: '2026-11-22T10:00:00.000Z', focusItem: 12 }))).toBe(true);
    // No budget in the comment, no word of the board's time.
    expect(renderComment({ ...input, focusItem: 5 })).not.toContain('rest of the board');
  });

  it('a warning-only item says nothing is blocked', () => {
    const input = smallRoadmap();
    const comment = renderComment({ ...input, focusItem: 5 });
    expect(comment).toContain('This issue needs attention: it has no size estimate. Nothing is blocked');
  });

  it('every finding kind on one item', async () => {
    const comment = renderComment({ ...everythingFailing(), focusItem: 12 });
    await expect(comment).toMatchFileSnapshot(golden('comment-everything-failing.md'));
    expect(comment).toContain('- Fill in "How will we market it?"');
    expect(comment).toContain('- Answer "New customers or expansion?" with one of: New customers, Expansion, Both\n');
    expect(comment).toContain('- Fix the stale-backlog finding');
    // The opening counts fixes, not points: the two reasons it names stand for 3 fixes, and the rest for what else is listed.
    const listed = comment.slice(comment.indexOf('### Still to fix'), comment.indexOf('<!-- roadmap-guard:fixes')).split('\n').filter((line) => line.startsWith('- ')).length;
    expect(comment).toContain(`, ${listed - 3} more fixes listed below and deal work is over budget`);
  });

  it('an item with no findings', async () => {
    const comment = renderComment({ ...compliantRoadmap(), focusItem: 1 });
    await expect(comment).toMatchFileSnapshot(golden('comment-compliant.md'));
    expect(comment).toContain('This issue meets the roadmap policy.');
  });

  it('lists at most 5 contributors, then "and N more"', () => {
    const input = hostileRoadmap();
    const comment = renderComment({ ...input, focusItem: 100 });
    const contributors = comment.split('\n').filter((line) => /^- \[#10\d\]/.test(line));
    expect(contributors).toHaveLength(5);
    expect(comment).toContain('- and 2 more items: [#102](https://github.com/acme/app/issues/102), [#101](https://github.com/acme/app/issues/101)');
  });

  it('links "and N more" to a search for the category when labels alone define it', () => {
    const hostile = hostileRoadmap();
    const input = { ...hostile, items: hostile.items.map((i) => ({ ...i, labels: ['deal', `customer:c${i.number % 3}`] })) };
    const policy = examplePolicy({ categories: { deal: { match: { labels: ['deal', 'customer:*'] }, budget: { 'max-share': '10%' } } } });
    const comment = renderComment({ ...input, policy, focusItem: 100 });
    const search = /- and 2 more items \(\[all open deal work\]\((https:\/\/github\.com\/acme\/app\/issues\?q=[^)]+)\)\)/.exec(comment);
    expect(search).not.toBeNull();
    const query = decodeURIComponent(search![1]!.split('?q=')[1]!);
    // The glob is spelled out as the customer labels the items carry; excluded work is left out.
    expect(query).toMatch(/^is:issue is:open label:"deal","customer:c\d","customer:c\d","customer:c\d" -label:"bug" -label:"chore"$/);
  });

  it('hostile issue text stays text', async () => {
    const comment = renderComment({ ...hostileRoadmap(), focusItem: 101 });
    await expect(comment).toMatchFileSnapshot(golden('comment-hostile.md'));
    // Every angle bracket from issue text is escaped.
    expect(comment).not.toMatch(/(?<!\\)<(script|img|b)\b/i);
    expect(comment).not.toContain('javascript:');
  });

  it('a 60,000-character title and answer stay short', async () => {
    const comment = renderComment({ ...giantTextRoadmap(), focusItem: 12 });
    await expect(comment).toMatchFileSnapshot(golden('comment-giant-text.md'));
    expect(comment.length).toBeLessThan(6_000);
  });

  it('never exceeds 65,536 characters, whatever the findings', () => {
    const input = smallRoadmap();
    const many = Array.from({ length: 3_000 }, (_, i) =>
      finding({ kind: 'forbidden-label', severity: 'fail', item: { number: 12, title: 'x', url: 'https://github.com/acme/app/issues/12' }, message: `Label custom-${i}`, fix: `Remove label \`custom-${i}\` and explain why at length`.padEnd(200, '.') }),
    );
    const comment = renderComment({ ...input, focusItem: 12, evaluation: { ...input.evaluation, findings: many } });
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment).toContain('This report was cut to fit GitHub’s size limit');
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it('uses the policy’s own field rules for what a valid answer looks like', () => {
    const input = smallRoadmap();
    const policy = examplePolicy({ 'business-case': { 'applies-to': ['deal'], fields: [{ heading: 'Who will buy it?', 'one-of': ['Existing customers', 'New segment'] }] } });
    // The comment says what the business-case rule wrote: one wording for every report.
    const evaluation = evaluate(policy, input.items, AT);
    const comment = renderComment({ ...input, policy, evaluation, focusItem: 12 });
    expect(comment).toContain('- Answer "Who will buy it?" with one of: Existing customers, New segment');
  });
});

describe('renderResolvedComment', () => {
  it('says the issue is resolved, with the date', async () => {
    const comment = renderResolvedComment({ item: { number: 12, title: 'SAML <b>SSO</b> for @globex', url: 'https://github.com/acme/app/issues/12' }, at: '2026-11-05T08:00:00Z' });
    await expect(comment).toMatchFileSnapshot(golden('comment-resolved.md'));
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toContain('as of 2026-11-05');
    expect(comment).not.toContain('<b>');
  });
});

describe('renderArchiveNote', () => {
  it('says why the item was closed and how to bring it back, keeps hostile titles as text, and records its dates', () => {
    const policy = examplePolicy({ backlog: { 'max-age-days': 365, archive: true, 'grace-days': 14 } });
    const decision = { number: 12, touchedAt: '2025-01-02T00:00:00.000Z', warnedAt: '2026-10-20T09:00:00.000Z', archiveOn: '2026-11-03T09:00:00.000Z', due: true };
    const note = renderArchiveNote({
      item: { number: 12, title: 'Old <img src=x onerror=alert(1)> idea for @acme/everyone', url: 'https://github.com/acme/app/issues/12' },
      decision,
      policy,
      at: '2026-11-03T09:00:00.000Z',
    });
    expect(note).toMatch(/was closed as not planned on 2026-11-03\. Nobody had updated it since 2025-01-02, over the backlog limit of 365 days, and nobody did during the 14 days after the warning of 2026-10-20\./);
    expect(note).toMatch(/Reopen it/);
    // Shown as typed, never as an element.
    expect(marked.parse(note, { async: false, gfm: true })).not.toMatch(/<img/);
    expect(note).not.toMatch(/(^|\s)@acme\/everyone/);
    expect(isArchiveNote(note)).toBe(true);
    expect(isSettledComment(note)).toBe(true);
    expect(readCommentState(note)).toEqual({ touched: decision.touchedAt, warned: decision.warnedAt, archived: '2026-11-03T09:00:00.000Z' });
  });
});
