// A 40-person B2B company's policy, written as its product lead means it: each kind of work asks
// its own business case, and no customer takes more than 5% of capacity. It reads as meant.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate } from '../../src/core/evaluate.js';
import { parsePolicy } from '../../src/policy/normalize.js';
import { workItem } from '../fixtures.js';

const LEAD_POLICY = `
version: 1
work:
  size: { field: Estimate }
categories:
  deal:
    match: { labels: [deal] }
    budget: { max-share: 10% }
    per-customer: { max-share-of-planned-work: 5% }   # no customer over 5% of capacity
    business-case:
      fields:
        - { heading: Who buys it?, min-words: 3 }
        - heading: How is it marketed?
        - { heading: Would we build this without this customer?, one-of: ["Yes", "No"], fail-on: ["No"] }
  bet:
    match: { labels: [bet] }
    business-case:
      fields:
        - heading: Investment cap
        - heading: Success metric
        - { heading: Walk away by, type: date }
  feature:
    match: { labels: [feature] }
    business-case:
      fields:
        - { heading: Who buys it?, min-words: 3 }
        - heading: How is it marketed?
customer: { labels: "customer:*" }
`;

const policy = parsePolicy(parse(LEAD_POLICY));
const NOW = '2026-11-03T09:00:00Z';
const sized = (number: number, size: number, labels: string[], form: Record<string, string> = {}) =>
  workItem({ number, labels, form, fields: { Estimate: { type: 'number', value: size } } });

describe("a product lead's policy", () => {
  it('asks a bet its cap, metric and walk-away date, a deal its buyer, marketing and the customer question, a feature the first two', () => {
    const missing = (labels: string[]) =>
      evaluate(policy, [sized(1, 1, labels)], NOW).findings.filter((f) => f.kind === 'missing-field').map((f) => f.field);

    expect(missing(['bet'])).toEqual(['Investment cap', 'Success metric', 'Walk away by']);
    expect(missing(['deal'])).toEqual(['Who buys it?', 'How is it marketed?', 'Would we build this without this customer?']);
    expect(missing(['feature'])).toEqual(['Who buys it?', 'How is it marketed?']);
  });

  it('holds every customer to 5% of all planned work, whatever share deal work takes', () => {
    // Deal work is 8% of capacity: half of it (4%) is within 5% of capacity, though it would break "50% of deal".
    const items = [sized(1, 4, ['deal', 'customer:acme']), sized(2, 4, ['deal', 'customer:globex']), sized(3, 92, ['feature'])];
    expect(evaluate(policy, items, NOW).findings.filter((f) => f.kind === 'customer-over-share')).toEqual([]);

    const heavy = [sized(1, 6, ['deal', 'customer:acme']), sized(2, 2, ['deal', 'customer:globex']), sized(3, 92, ['feature'])];
    expect(evaluate(policy, heavy, NOW).findings.filter((f) => f.kind === 'customer-over-share').map((f) => f.message)).toEqual([
      'acme has 6% of all planned work through deal work, above the 5% per-customer cap of all planned work (6 of 100 points)',
    ]);
  });
});
