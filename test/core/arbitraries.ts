/** Generated work items and roadmaps for property tests: labels, answers and fields the example policy reads, and arbitrary text besides. */
import fc from 'fast-check';
import type { FieldValue, WorkItem } from '../../src/core/types.js';
import { workItem } from './fixtures.js';

export const LABELS = ['deal', 'customer:acme', 'customer:globex', 'Customer:Initech', 'roadmap', 'bug', 'chore', 'size/S', 'size/M', 'size/L', 'one-off', 'custom-sso', 'roadmap-exempt', 'docs'];
export const HEADINGS = ['Who will buy it?', 'How will we market it?', 'New customers or expansion?', 'Would we build this without this customer?', 'Success metric', 'Investment cap', 'Review by', 'Work type', 'Customer', 'Estimate'];

export const moment = fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
export const size = fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constantFrom(0.1, 0.2, 0.25, 1.5, 2.7, 0.001));

export const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  size.map((value) => ({ type: 'number' as const, value })),
  fc.string().map((value) => ({ type: 'text' as const, value })),
  fc.constantFrom('Customer commitment', 'Roadmap', 'customer  COMMITMENT').map((value) => ({ type: 'single-select' as const, value })),
  fc.constantFrom('2026-01-01', '2026-12-31').map((value) => ({ type: 'date' as const, value })),
  fc.record({ title: fc.string(), startDate: fc.constantFrom('2026-10-27', '2026-11-10'), durationDays: fc.integer({ min: 1, max: 28 }) }).map((v) => ({ type: 'iteration' as const, ...v })),
);

export const answer = fc.oneof(fc.string(), fc.constantFrom('', 'Both', 'No', 'yes', '2026-01-31', '31/01/2027', '3', 'Customer commitment', 'acme', 'Three enterprise buyers'));

export const item = (number: fc.Arbitrary<number>): fc.Arbitrary<WorkItem> =>
  fc
    .record({
      number,
      state: fc.constantFrom('open' as const, 'closed' as const),
      labels: fc.uniqueArray(fc.oneof(fc.constantFrom(...LABELS), fc.string({ maxLength: 12 })), { maxLength: 5 }),
      createdAt: moment,
      updatedAt: moment,
      form: fc.dictionary(fc.oneof(fc.constantFrom(...HEADINGS), fc.string({ maxLength: 10 })), answer, { maxKeys: 6 }),
      checklist: fc.array(fc.record({ text: fc.constantFrom('GTM review', 'technical review', 'Other'), checked: fc.boolean() }), { maxLength: 3 }),
      fields: fc.dictionary(fc.constantFrom('Estimate', 'Work type', 'Customer', 'Review by', 'Sprint'), fieldValue, { maxKeys: 3 }),
    })
    .map((overrides) => workItem(overrides));

/** Up to `maxLength` items with distinct numbers. */
export const roadmapOf = (maxLength: number) => fc.uniqueArray(item(fc.integer({ min: 1, max: 10_000 })), { selector: (i) => i.number, maxLength });

export const roadmap = roadmapOf(40);

