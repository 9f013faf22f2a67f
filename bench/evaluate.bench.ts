/** How long the engine takes on a large roadmap: 10,000 generated items against the example policy. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { evaluate } from '../src/core/evaluate.js';
import type { WorkItem } from '../src/core/types.js';
import { parsePolicy } from '../src/policy/normalize.js';

const policy = parsePolicy(parse(readFileSync(new URL('../examples/roadmap-policy.yml', import.meta.url), 'utf8')));
const NOW = '2026-11-03T09:00:00Z';

const CUSTOMERS = ['acme', 'globex', 'initech', 'hooli', 'umbrella'];
const SIZES = ['size/S', 'size/M', 'size/L'];

/** A deterministic mix like a real tracker: deal requests with business cases, roadmap work, bugs, closed items. */
function generatedItem(number: number): WorkItem {
  const kind = number % 10;
  const deal = kind < 3;
  const labels = [
    ...(deal ? ['deal', `customer:${CUSTOMERS[number % CUSTOMERS.length]}`] : kind < 7 ? ['roadmap'] : kind === 7 ? ['bug'] : ['docs']),
    ...(number % 7 === 0 ? [] : [SIZES[number % SIZES.length]!]),
    ...(number % 97 === 0 ? ['one-off'] : []),
  ];
  const day = String((number % 28) + 1).padStart(2, '0');
  return {
    number,
    title: `Generated item ${number}`,
    url: `https://github.com/acme/app/issues/${number}`,
    state: number % 5 === 0 ? 'closed' : 'open',
    labels,
    author: 'maria',
    createdAt: `2026-0${(number % 9) + 1}-${day}T10:00:00Z`,
    updatedAt: `202${4 + (number % 3)}-10-${day}T10:00:00Z`,
    closedAt: number % 5 === 0 ? `2026-10-${day}T10:00:00Z` : null,
    milestone: null,
    form: deal
      ? {
          'Who will buy it?': number % 4 === 0 ? 'Acme' : 'Enterprise buyers who need SSO',
          'How will we market it?': number % 6 === 0 ? '' : 'Launch page',
          'New customers or expansion?': number % 8 === 0 ? 'Upsell' : 'Both',
          'Would we build this without this customer?': number % 9 === 0 ? 'No' : 'Yes',
          'Success metric': 'Three deals',
          'Investment cap': '3 points',
          'Review by': number % 2 === 0 ? '2026-10-01' : '2027-01-31',
        }
      : {},
    checklist: deal ? [{ text: 'GTM review', checked: number % 3 !== 0 }, { text: 'Technical review', checked: true }] : [],
    fields: {},
  };
}

const items = Array.from({ length: 10_000 }, (_, index) => generatedItem(index + 1));

test('evaluate 10,000 items against the example policy', async ({ bench }) => {
  const result = await bench('evaluate 10,000 items', () => {
    evaluate(policy, items, NOW);
  }).run();
  // Well under a second per run, with room for slow CI machines.
  expect(result.latency.mean).toBeLessThan(1_000);
});
