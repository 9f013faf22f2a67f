/** Properties the engine must hold for any input, checked on generated roadmaps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { parseIssueBody } from '../../src/core/issue-form.js';
import { workItemFromIssue } from '../../src/github/work-items.js';
import type { WorkItem } from '../../src/core/types.js';
import { examplePolicy, NOW, workItem } from './fixtures.js';
import { item, roadmap, size } from './arbitraries.js';

const example = examplePolicy();

/** Points as integer thousandths, the engine's own exact unit. */
const exact = (points: number) => Math.round(points * 1000);

describe('engine properties', () => {
  it('shares of all categories add up to all planned work', () => {
    fc.assert(
      fc.property(roadmap, (items) => {
        const { budgets, totalPoints } = evaluate(example, items, NOW);
        expect(budgets.reduce((sum, b) => sum + exact(b.points), 0)).toBe(exact(totalPoints));
        if (totalPoints > 0) {
          // Each share is rounded to a tenth of a percent, so the printed shares are off by at most 0.05 each.
          const printed = budgets.reduce((sum, b) => sum + Number.parseFloat(b.share), 0);
          expect(Math.abs(printed - 100)).toBeLessThanOrEqual(0.05 * budgets.length + 1e-9);
        }
      }),
    );
  });

  it('adding a deal item never lowers the deal share', () => {
    const newDeal = fc.record({ labels: fc.constantFrom(['deal'], ['customer:acme', 'size/L'], ['deal', 'size/S']), size: fc.option(size) });
    fc.assert(
      fc.property(roadmap, newDeal, (items, { labels, size: estimate }) => {
        const added = workItem({ number: 20_000, labels: [...labels], fields: estimate === null ? {} : { Estimate: { type: 'number', value: estimate } } });
        const share = (list: WorkItem[]) => {
          const evaluation = evaluate(example, list, NOW);
          return { deal: exact(evaluation.budgets.find((b) => b.category === 'deal')!.points), total: exact(evaluation.totalPoints) };
        };
        const before = share(items);
        const after = share([...items, added]);
        // before.deal / before.total ≤ after.deal / after.total, compared exactly; an empty plan has no share to lower.
        if (before.total > 0) expect(before.deal * after.total).toBeLessThanOrEqual(after.deal * before.total);
      }),
    );
  });

  it('gives the same evaluation whatever order the items come in, duplicates included', () => {
    const withDuplicates = fc.array(item(fc.integer({ min: 1, max: 30 })), { maxLength: 30 });
    fc.assert(
      fc.property(
        withDuplicates.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }))),
        ([items, shuffled]) => {
          expect(evaluate(example, shuffled, NOW)).toEqual(evaluate(example, items, NOW));
        },
      ),
    );
  });

  it('never throws on any body or item', () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('### ', '###', '\r\n', '\n', '```', '~~~', '- [x] ', '- [ ] ', '_No response_', '#', '🛒', '\u0000', ' '),
    );
    const body = fc.oneof(fc.constant(null), fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(body, item(fc.integer({ min: 1, max: 99 })), (text, base) => {
        expect(() => parseIssueBody(text)).not.toThrow();
        const fromIssue = workItemFromIssue({ ...base, body: text, state: base.state.toUpperCase() });
        expect(() => evaluate(example, [fromIssue, base], NOW)).not.toThrow();
      }),
    );
  });
});
