import { describe, expect, it } from 'vitest';
import { isArchiveNote, isSettledComment, renderArchiveNote, renderComment, renderResolvedComment } from '../../src/report/comment.js';
import { COMMENT_MARKER, readCommentState } from '../../src/report/markers.js';
import { examplePolicy, finding } from './fixtures.js';
import { compliantRoadmap, everythingFailing, giantTextRoadmap, hostileRoadmap, smallRoadmap } from './scenarios.js';

const golden = (name: string) => `./__golden__/${name}`;

describe('renderComment', () => {
  it('a deal request missing answers, over budget and over its customer share', async () => {
    const comment = renderComment({ ...smallRoadmap(), focusItem: 12 });
    await expect(comment).toMatchFileSnapshot(golden('comment-deal-request.md'));
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toContain("This deal request can't be scheduled yet: 2 business-case answers are missing or incomplete, it would be built only for this customer, 1 review is not ticked and deal work is over budget, with globex above its share.");
    expect(comment).toContain('- [ ] Fill in **Who will buy it?** with at least 3 words');
    expect(comment).toContain('- [ ] Fill in **Review by** with a date written YYYY-MM-DD');
    // Without #12's 8 points, deal work would be 4 of 32 points.
    expect(comment).toContain('This issue adds **8 points**; without it, deal work would take **12.5%**');
  });

  it('a one-off label, with the approvers shown without pinging them', async () => {
    const comment = renderComment({ ...smallRoadmap(), focusItem: 15 });
    await expect(comment).toMatchFileSnapshot(golden('comment-one-off.md'));
    expect(comment).toContain('An approver (`alice`, `@acme/product-leads`) can add the label `roadmap-exempt`');
    expect(comment).toContain('at most 2 may be open at a time (1 in use)');
  });

  it('an exempt item: findings shown as exempt, not as to-dos', async () => {
    const comment = renderComment({ ...smallRoadmap(), focusItem: 18 });
    await expect(comment).toMatchFileSnapshot(golden('comment-exempt.md'));
    expect(comment).not.toContain('- [ ]');
    expect(comment).toContain('**Success metric** is not answered (exempt)');
    expect(comment).not.toContain('Need an exception?');
  });

  it('a warning-only item says nothing is blocked', () => {
    const input = smallRoadmap();
    const comment = renderComment({ ...input, focusItem: 5 });
    expect(comment).toContain('This issue needs attention: it has no size estimate. Nothing is blocked');
  });

  it('every finding kind on one item', async () => {
    const comment = renderComment({ ...everythingFailing(), focusItem: 12 });
    await expect(comment).toMatchFileSnapshot(golden('comment-everything-failing.md'));
    expect(comment).toContain('- [ ] Fill in **How will we market it?**');
    expect(comment).toContain('- [ ] Answer **New customers or expansion?** with one of: New customers, Expansion, Both (A invalid-field finding)');
    expect(comment).toContain('- [ ] Fix the stale-backlog finding');
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
    expect(comment).toContain('- and 2 more items');
  });

  it('hostile issue text stays text', async () => {
    const comment = renderComment({ ...hostileRoadmap(), focusItem: 101 });
    await expect(comment).toMatchFileSnapshot(golden('comment-hostile.md'));
    // Code spans show their content literally; everything else must carry no tag.
    expect(comment.replace(/`[^`\n]*`/g, '')).not.toMatch(/<(script|img|b)\b/i);
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
    const comment = renderComment({ ...input, policy, focusItem: 12 });
    expect(comment).toContain('- [ ] Answer **Who will buy it?** with one of: Existing customers, New segment');
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
    expect(note).not.toContain('<img');
    expect(note).not.toMatch(/(^|\s)@acme\/everyone/);
    expect(isArchiveNote(note)).toBe(true);
    expect(isSettledComment(note)).toBe(true);
    expect(readCommentState(note)).toEqual({ touched: decision.touchedAt, warned: decision.warnedAt, archived: '2026-11-03T09:00:00.000Z' });
  });
});
