import { parse, validate as validateDocument } from 'graphql';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { PULL_REQUEST_QUERY } from '../../src/github/pull-request-read.js';
import { judgePullRequest, judgeWithEvaluation, type LinkedIssue } from '../../src/pull-request/gate.js';
import { gateFailure, gateStatusDescription, renderGateComment, renderGateResolved } from '../../src/pull-request/gate-comment.js';
import { planGateStatus } from '../../src/pull-request/gate-status.js';
import { closingKeywords, MAX_KEYWORD_REFERENCES } from '../../src/pull-request/closing-keywords.js';
import { STATUS_DESCRIPTION_LIMIT } from '../../src/github/commit-status.js';
import { LINKED_ISSUES_QUERY, ISSUE_BY_NUMBER_QUERY } from '../../src/github/linked-issues.js';
import { planStickyComment } from '../../src/pull-request/sticky-comment.js';
import { isResolvedComment } from '../../src/memory/settled.js';
import { MERGE_GATE_MARKER } from '../../src/memory/markers.js';
import { githubGraphqlSchema } from '../fake-github/index.js';
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
  return judgePullRequest({ policy: requireLinkedIssue ? { ...policy, pullRequests: { ...policy.pullRequests, requireLinkedIssue } } : policy, items, linked: linked(...numbers), now: NOW });
}

describe('the merge gate verdict', () => {
  it('blocks on a linked issue whose category is over budget with its work counted', () => {
    const verdict = judge();
    expect(verdict.passes).toBe(false);
    expect(verdict.issues).toMatchObject([{ issue: { number: 5 }, status: 'blocks', blockers: [], overBudget: true }]);
    expect(verdict.budgetBlockers).toMatchObject([{ kind: 'over-budget', category: 'deal' }]);
  });

  it('states a budget over its cap once, however many linked issues it holds up, with who can act', () => {
    const items = [...roadmap(), dealItem({ number: 6 }), dealItem({ number: 7 })];
    const verdict = judge(items, [5, 6, 7]);
    expect(verdict.budgetBlockers).toHaveLength(1);
    const body = renderGateComment({ verdict, pullRequest, stamp, summaryUrl: 'https://github.com/acme/app/actions/runs/42' });
    expect(body.match(/Deal work is \d+(\.\d+)?% of planned work/g)).toHaveLength(1);
    expect(body).toContain('**Over budget, repository-wide** (holds up #5, #6, #7)');
    expect(body).toMatch(/an approver exempts the issue \(`\/roadmap exempt <reason>` on it\), when other deal work is closed or deferred, or when the policy's cap is changed/);
    expect(body).toContain("[The run's summary](https://github.com/acme/app/actions/runs/42).");
    for (const number of [5, 6, 7]) expect(body).toContain(`Item ${number}: **blocks the merge**: its budget is over the cap (below)`);
  });

  it('is the same pure judgement over an evaluation made once', () => {
    const items = roadmap();
    expect(judgeWithEvaluation({ evaluation: evaluate(policy, items, NOW), policy, linked: linked(5) })).toEqual(judge(items, [5]));
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
    expect(body).toContain('- [#5](https://github.com/acme/app/issues/5) Item 5: **blocks the merge** ([what to fix](https://github.com/acme/app/issues/5#issuecomment-3000000001)): its budget is over the cap (below)');
    expect(body).toMatch(/\*\*Over budget, repository-wide\*\* \(holds up #5\):\n- Deal work is 13% of planned work, above its 10% cap/);
    expect(body).toContain('- [#100](https://github.com/acme/app/issues/100) Item 100: meets the policy.');
    expect(body.trimEnd().endsWith(stamp)).toBe(true);
  });

  it('neutralizes hostile titles', () => {
    const verdict = judgePullRequest({
      policy,
      items: roadmap(),
      now: NOW,
      linked: [{ number: 5, title: '<img src=x onerror=alert(1)> @acme/everyone [x](https://evil.example)', url: 'javascript:alert(1)' }],
    });
    const body = renderGateComment({ verdict, pullRequest, stamp });
    expect(body.replace(/`[^`\n]*`/g, '')).not.toMatch(/(?<!\\)<img|@acme\/everyone|\]\(https:\/\/evil|javascript:/);
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

describe('the merge gate status', () => {
  it('is set when the head commit carries another verdict, and left alone when it says the same', () => {
    const verdict = judge();
    const [write] = planGateStatus({ pullRequest: 70, headSha: 'b'.repeat(40), verdict, current: null, targetUrl: 'https://github.com/acme/app/actions/runs/42' });
    expect(write).toMatchObject({ kind: 'set-status', sha: 'b'.repeat(40), state: 'failure', statusDescription: 'Blocked by #5 (over budget)', targetUrl: 'https://github.com/acme/app/actions/runs/42' });
    expect(planGateStatus({ pullRequest: 70, headSha: 'b'.repeat(40), verdict, current: { state: 'failure', description: 'Blocked by #5 (over budget)' } })).toEqual([]);
    expect(planGateStatus({ pullRequest: 70, headSha: 'b'.repeat(40), verdict: judge(roadmap(), [100]), current: { state: 'failure', description: 'Blocked by #5 (over budget)' } })).toMatchObject([
      { state: 'success', statusDescription: '1 linked issue meets the roadmap policy' },
    ]);
  });

  it("fits GitHub's 140 characters however many issues block", () => {
    const items = [...roadmap(), ...Array.from({ length: 40 }, (_, index) => dealItem({ number: 1000 + index, form: {} }))];
    const description = gateStatusDescription(judge(items, items.map((item) => item.number)));
    expect(description.length).toBeLessThanOrEqual(STATUS_DESCRIPTION_LIMIT);
    expect(description).toMatch(/^Blocked by #5, #1000, #1001, #1002, #1003 and 36 more \(over budget\)$/);
  });
});

describe('a pull request into another branch', () => {
  it('says that GitHub ignores closing keywords there, and how to be gated', () => {
    const verdict = judgePullRequest({ policy, items: roadmap(), linked: [], now: NOW, linking: { base: 'develop', defaultBranch: 'main', keywordsRead: false } });
    expect(verdict).toMatchObject({ passes: true, noLinkedIssue: true, otherBase: { base: 'develop' } });
    const required = judgePullRequest({ policy: { ...policy, pullRequests: { requireLinkedIssue: true, keywordsOnOtherBases: false } }, items: roadmap(), linked: [], now: NOW, linking: { base: 'develop', defaultBranch: 'main', keywordsRead: false } });
    const body = renderGateComment({ verdict: required, pullRequest, stamp });
    expect(body).toContain('This pull request merges into `develop`, not the default branch `main`: GitHub links closing keywords ("Closes #123") only for pull requests into the default branch');
    expect(body).toContain('`pull-requests.keywords-on-other-bases: true`');
    expect(gateFailure(required)).toMatch(/It merges into develop, not main, where GitHub ignores closing keywords/);
  });

  it("reads GitHub's closing keywords from a description, bounded, as hostile input", () => {
    const repo = { owner: 'acme', name: 'app' };
    const body = 'Fixes #12, closes: #13 and resolves acme/app#14.\nRESOLVED https://github.com/acme/app/issues/15\nsee #16; prefixes #17; closes other/repo#3; fix #12 again';
    expect(closingKeywords(body, repo)).toEqual({ closes: [12, 13, 14, 15], closesElsewhere: ['other/repo#3'], truncated: false });
    const many = Array.from({ length: MAX_KEYWORD_REFERENCES + 1 }, (_, index) => `Closes #${index + 1}`).join('\n');
    expect(closingKeywords(many, repo)).toMatchObject({ truncated: true });
    expect(closingKeywords(many, repo).closes).toHaveLength(MAX_KEYWORD_REFERENCES);
  });
});

/** Validation against GitHub's published schema, as the fake GitHub applies it (see test/fake-github/schema.ts). */
const validate = (document: string) => validateDocument(githubGraphqlSchema(), parse(document));

describe('the pull request read', () => {
  it("is valid against GitHub's published schema", () => {
    for (const document of [PULL_REQUEST_QUERY, LINKED_ISSUES_QUERY, ISSUE_BY_NUMBER_QUERY]) expect(validate(document).map((error) => error.message)).toEqual([]);
  });
});
