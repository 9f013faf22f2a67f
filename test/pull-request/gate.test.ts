import { validate } from '@octokit/graphql-schema';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { PULL_REQUEST_QUERY } from '../../src/github/pull-request-read.js';
import { judgePullRequest, type LinkedIssue } from '../../src/pull-request/gate.js';
import { gateFailure, renderGateComment, renderGateResolved } from '../../src/pull-request/gate-comment.js';
import { planStickyComment } from '../../src/pull-request/sticky-comment.js';
import { isResolvedComment } from '../../src/report/comment.js';
import { MERGE_GATE_MARKER } from '../../src/report/markers.js';
import { NOW, dealItem, examplePolicy, workItem } from '../core/fixtures.js';

const policy = examplePolicy({ enforcement: { 'fail-on': ['over-budget', 'forbidden-label', 'missing-field'] } });
const pullRequest = { number: 70, title: 'Add SSO', url: 'https://github.com/acme/app/pull/70' };
const stamp = '_Checked by Roadmap Guard against `.github/roadmap-policy.yml` on 2026-11-03._';

/** 20 points of strategic work and a 3-point deal request (13%, over the 10% cap) unless told otherwise. */
function roadmap(deal = dealItem({ number: 5 })) {
  return [...Array.from({ length: 20 }, (_, i) => workItem({ number: 100 + i, labels: ['roadmap', 'size/S'] })), deal];
}

function linked(...numbers: number[]): LinkedIssue[] {
  return numbers.map((number) => ({ number, title: `Item ${number}`, url: `https://github.com/acme/app/issues/${number}` }));
}

function judge(items = roadmap(), numbers = [5], requireLinkedIssue = false) {
  return judgePullRequest({ evaluation: evaluate(policy, items, NOW), linked: linked(...numbers), requireLinkedIssue });
}

describe('the merge gate verdict', () => {
  it('blocks on a linked issue whose category is over budget with its work counted', () => {
    const verdict = judge();
    expect(verdict.passes).toBe(false);
    expect(verdict.issues).toMatchObject([{ issue: { number: 5 }, status: 'blocks', blockers: [{ kind: 'over-budget' }] }]);
  });

  it("blocks on a linked issue's own failing finding, and lists it", () => {
    const verdict = judge(roadmap(dealItem({ number: 5, labels: ['deal', 'customer:acme', 'size/S'], form: {} })));
    expect(verdict.issues[0]?.blockers.map((f) => f.kind)).toContain('missing-field');
  });

  it('passes when the linked issues meet the policy, and ignores findings that only warn', () => {
    const verdict = judge(roadmap(), [100, 101]);
    expect(verdict).toMatchObject({ passes: true, issues: [{ status: 'passes' }, { status: 'passes' }] });
  });

  it('lets an exempt issue pass whatever its budget says', () => {
    const verdict = judge(roadmap(dealItem({ number: 5, labels: ['deal', 'customer:acme', 'size/M', 'roadmap-exempt'] })));
    expect(verdict).toMatchObject({ passes: true, issues: [{ status: 'exempt', blockers: [] }] });
  });

  it('passes a pull request that closes nothing, unless the policy requires a linked issue', () => {
    expect(judge(roadmap(), [])).toMatchObject({ passes: true, noLinkedIssue: true });
    expect(judge(roadmap(), [], true)).toMatchObject({ passes: false, noLinkedIssue: true });
    expect(gateFailure(judge(roadmap(), [], true))).toMatch(/closes no issue, and the roadmap policy requires/);
  });
});

describe('the merge gate comment', () => {
  it('names each linked issue, what blocks it, and links to its own comment for the fixes', () => {
    const verdict = judge(roadmap(), [5, 100]);
    verdict.issues[0]!.issue.commentUrl = 'https://github.com/acme/app/issues/5#issuecomment-3000000001';
    const body = renderGateComment({ verdict, pullRequest, stamp });
    expect(body).toContain(MERGE_GATE_MARKER);
    expect(body).toContain("can't merge yet: it closes 2 issues, and 1 of them doesn't meet the roadmap policy");
    expect(body).toContain('- [#5](https://github.com/acme/app/issues/5) Item 5: **blocks the merge** ([what to fix](https://github.com/acme/app/issues/5#issuecomment-3000000001))');
    expect(body).toMatch(/\n {2}- Deal work is 13% of planned work, above its 10% cap/);
    expect(body).toContain('- [#100](https://github.com/acme/app/issues/100) Item 100: meets the policy.');
    expect(body.trimEnd().endsWith(stamp)).toBe(true);
  });

  it('neutralizes hostile titles', () => {
    const verdict = judgePullRequest({
      evaluation: evaluate(policy, roadmap(), NOW),
      linked: [{ number: 5, title: '<img src=x onerror=alert(1)> @acme/everyone [x](https://evil.example)', url: 'javascript:alert(1)' }],
      requireLinkedIssue: false,
    });
    const body = renderGateComment({ verdict, pullRequest, stamp });
    expect(body).not.toMatch(/(?<!\\)<img|@acme\/everyone|\]\(https:\/\/evil|javascript:/);
  });

  it('becomes a resolved note once the pull request passes, and is never posted for a pull request that never failed', () => {
    const resolved = renderGateResolved({ pullRequest, at: NOW });
    expect(isResolvedComment(resolved)).toBe(true);
    expect(resolved).toContain(MERGE_GATE_MARKER);
    const failing = renderGateComment({ verdict: judge(), pullRequest, stamp });
    expect(planStickyComment({ pullRequest: 70, existing: null, body: resolved, mayCreate: false, what: 'x' })).toEqual([]);
    expect(planStickyComment({ pullRequest: 70, existing: { id: '3000000009', body: failing }, body: resolved, mayCreate: false, what: 'x' })).toMatchObject([
      { kind: 'update-comment', commentId: '3000000009', onPullRequest: true },
    ]);
    expect(planStickyComment({ pullRequest: 70, existing: { id: '3000000009', body: resolved }, body: resolved, mayCreate: false, what: 'x' })).toEqual([]);
    // A comment GitHub gave no usable id for is neither edited nor posted again.
    expect(planStickyComment({ pullRequest: 70, existing: { id: null, body: failing }, body: resolved, mayCreate: true, what: 'x' })).toEqual([]);
    // The same verdict on another day changes only the stamp: nothing to write.
    const later = failing.replace('2026-11-03', '2026-11-04');
    expect(planStickyComment({ pullRequest: 70, existing: { id: '3000000009', body: failing }, body: later, mayCreate: true, what: 'x' })).toEqual([]);
  });
});

describe('the pull request read', () => {
  it("is valid against GitHub's published schema", () => {
    expect(validate(PULL_REQUEST_QUERY).map((error) => error.message)).toEqual([]);
  });
});
