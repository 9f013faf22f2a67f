import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import type { WorkItem } from '../../src/core/types.js';
import type { Policy } from '../../src/core/policy.js';
import { blockingKinds, diffPolicies, type BlockingChange } from '../../src/pull-request/policy-diff.js';
import { judgePullRequest } from '../../src/pull-request/gate.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { parseSnapshot } from '../../src/snapshot/file.js';
import { EXAMPLE_POLICY_CHANGE } from '../../scripts/readme-examples.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { policyFiles } from '../../src/pull-request/policy-files.js';
import { renderPolicyPreview } from '../../src/pull-request/preview-comment.js';
import { isResolvedComment } from '../../src/memory/settled.js';
import { POLICY_PREVIEW_MARKER } from '../../src/memory/markers.js';
import { NOW, businessCase, dealItem, examplePolicy, workItem } from '../core/fixtures.js';

const stamp = '_Checked by Roadmap Guard against `.github/roadmap-policy.yml` on 2026-11-03._';

/** 20 points of strategic work and a 3-point deal request for acme: deal work at 13%. */
const roadmap: WorkItem[] = [...Array.from({ length: 20 }, (_, i) => workItem({ number: 100 + i, labels: ['roadmap', 'size/S'] })), dealItem({ number: 5 })];

function diff(before: Policy, after: Policy, items = roadmap) {
  return diffPolicies({ items, before: { policy: before, evaluation: evaluate(before, items, NOW) }, after: { policy: after, evaluation: evaluate(after, items, NOW) } });
}

const capped = (share: string) => ({
  deal: { match: { labels: ['deal', 'customer:*'] }, budget: { 'max-share': share }, 'per-customer': { 'max-share': '50%' } },
  strategic: { match: { labels: ['roadmap'] }, budget: { 'min-share': '60%' } },
});

describe('the policy diff', () => {
  it('shows a raised cap moving a category from over to within budget', () => {
    const result = diff(examplePolicy({ categories: capped('10%') }), examplePolicy({ categories: capped('25%') }));
    expect(result.changed).toBe(true);
    expect(result.categories).toContainEqual({
      category: 'deal',
      before: { share: '13%', cap: '≤ 10%', status: 'over budget' },
      after: { share: '13%', cap: '≤ 25%', status: 'within budget' },
    });
    const preview = renderPolicyPreview({ diff: result, policyPath: '.github/roadmap-policy.yml', baseRef: 'main', stamp });
    expect(preview).toContain('| deal | 13% | ≤ 10% → ≤ 25% | **over budget → within budget** |');
    expect(preview).toContain('| strategic | 87% | ≥ 60% | within budget |');
    expect(preview).toContain(POLICY_PREVIEW_MARKER);
    expect(isResolvedComment(preview)).toBe(false);
  });

  it('says in one line that a change alters nothing', () => {
    const same = examplePolicy({ categories: capped('10%') });
    const result = diff(same, examplePolicy({ categories: capped('10%'), exemptions: { label: 'approved-exception' } }));
    expect(result.changed).toBe(false);
    const preview = renderPolicyPreview({ diff: result, policyPath: '.github/roadmap-policy.yml', baseRef: 'main', stamp });
    expect(preview).toContain('**This change alters nothing:**');
    expect(preview).not.toContain('| category |');
  });

  it('lists the issues whose pull requests would start or stop being blocked, ten at most, then how many more', () => {
    const deals = Array.from({ length: 12 }, (_, i) => dealItem({ number: 200 + i, labels: ['deal', 'customer:acme', 'size/S'], ...businessCase({ 'Success metric': '' }) }));
    const items = [...roadmap, ...deals];
    const lenient = examplePolicy({ categories: capped('100%') });
    const strict = examplePolicy({ categories: capped('100%'), enforcement: { 'fail-on': ['over-budget', 'forbidden-label', 'missing-field'] } });
    const result = diff(lenient, strict, items);
    expect(result.startBlocking.map((change) => change.item.number)).toEqual(deals.map((item) => item.number));
    expect(result.failOn).toEqual([{ kind: 'missing-field', before: false, after: true }]);
    expect(diff(strict, lenient, items).stopBlocking).toHaveLength(12);
    const preview = renderPolicyPreview({ diff: result, policyPath: '.github/roadmap-policy.yml', baseRef: 'main', stamp });
    expect(preview).toContain('**Pull requests closing these issues would start being blocked from merging (12):**');
    expect(preview).toContain('- [#200](https://github.com/acme/app/issues/200) Item 200 — by missing business-case answers\n');
    expect(preview).toContain('- [#209](https://github.com/acme/app/issues/209) Item 209 — by missing business-case answers\n- and 2 more');
    expect(preview).not.toContain('#210');
    expect(preview).toContain('| `missing-field` (missing business-case answers) | warns | **fails the check** |');
  });

  it("says what the README's example change does to the merge gate, issue by issue, as the gate itself judges it", () => {
    const root = join(import.meta.dirname, '../..');
    const text = readFileSync(join(root, 'examples/roadmap-policy.yml'), 'utf8');
    const changed = EXAMPLE_POLICY_CHANGE.reduce((policy, [from, to]) => policy.replace(from, to), text);
    const [before, after] = [text, changed].map((file) => parsePolicy(parse(file)));
    const items = parseSnapshot(readFileSync(join(root, 'examples/acme-snapshot.json'), 'utf8'), 'acme-snapshot.json').items.filter((item) => item.state === 'open');
    const result = diff(before!, after!, items);
    const kinds = (change: BlockingChange) => [change.item.number, blockingKinds({ blockers: change.before }), blockingKinds({ blockers: change.after })];
    expect(result.startBlocking).toEqual([]);
    expect(result.stopBlocking.map(kinds)).toEqual([27, 32, 52].map((n) => [n, ['over-budget'], []]));
    expect(result.blockedDifferently.map(kinds)).toContainEqual([38, ['over-budget'], ['missing-field']]);
    // The gate, asked about a pull request closing #38 under the change, gives the same answer.
    const gate = judgePullRequest({ policy: after!, items, now: NOW, linked: [{ number: 38, title: '', url: '' }] });
    expect(gate.issues[0]?.blockers.map((f) => f.kind)).toEqual(['missing-field']);
    expect(result.planned).toEqual({ before: { items: 24, points: 100 }, after: { items: 24, points: 100 } });
    expect(result.itemsJudged).toBe(35);
  });

  it('counts the open items that would miss an added business-case field', () => {
    const base = examplePolicy();
    const withField = examplePolicy({
      'business-case': { 'applies-to': ['deal'], fields: [...(examplePolicyFile()['business-case'].fields as unknown[]), { heading: 'Pricing' }], checklist: [] },
    });
    const result = diff(base, withField);
    expect(result.fieldsAdded).toEqual([{ heading: 'Pricing', missing: 1 }]);
    expect(diff(withField, base).fieldsRemoved).toEqual([{ heading: 'Pricing', missing: 1 }]);
    const preview = renderPolicyPreview({ diff: result, policyPath: '.github/roadmap-policy.yml', baseRef: 'main', stamp });
    expect(preview).toContain('**Business-case fields added:**\n- **Pricing**: 1 open item would miss it');
  });

  it('shows a customer whose cap changes', () => {
    const lower = { ...capped('100%'), deal: { ...capped('100%').deal, 'per-customer': { 'max-share': '50%' } } };
    const higher = { ...capped('100%'), deal: { ...capped('100%').deal, 'per-customer': { 'max-share': '100%' } } };
    const result = diff(examplePolicy({ categories: lower }), examplePolicy({ categories: higher }));
    expect(result.customers).toEqual([
      { category: 'deal', customer: 'acme', before: { share: '100%', cap: '≤ 50%', status: 'over its share' }, after: { share: '100%', cap: '≤ 100%', status: 'within its share' } },
    ]);
  });
});

function examplePolicyFile(): { 'business-case': { fields: unknown } } {
  return { 'business-case': { fields: examplePolicy().businessCase.fields.map((f) => ({ heading: f.heading })) } };
}

describe('the files that make a pull request a policy change', () => {
  it('are the policy file and the files of this repository it extends, never other repositories', () => {
    const sources = ['.github/roadmap-policy.yml', 'acme/widgets:policies/base.yml@main', 'acme/.github:roadmap-policy.yml'];
    expect(policyFiles('.github/roadmap-policy.yml', sources, { owner: 'Acme', name: 'Widgets' })).toEqual(['.github/roadmap-policy.yml', 'policies/base.yml']);
    expect(policyFiles('./custom/policy.yml', [], { owner: 'acme', name: 'widgets' })).toEqual(['custom/policy.yml']);
  });
});
