/** Builders for engine tests: each takes one partial-override object. */
import type { WorkItem } from '../../src/core/types.js';

import { workItem } from '../fixtures.js';

export { examplePolicy, policy, workItem } from '../fixtures.js';

export const NOW = '2026-11-03T09:00:00Z';

/** A complete, good business case for the example policy, with answers overridden. */
export function businessCase(overrides: Record<string, string> = {}): Pick<WorkItem, 'form' | 'checklist'> {
  return {
    form: {
      'Who will buy it?': 'Enterprise buyers whose security teams mandate SSO',
      'How will we market it?': 'Enterprise plan launch page',
      'New customers or expansion?': 'Both',
      'Would we build this without this customer?': 'Yes',
      'Success metric': 'Three enterprise deals by Q2',
      'Investment cap': '8 points',
      'Review by': '2027-01-31',
      ...overrides,
    },
    checklist: [
      { text: 'GTM review', checked: true },
      { text: 'Technical review', checked: true },
    ],
  };
}

/** A deal item for the example policy that passes every business-case rule. */
export function dealItem(overrides: Partial<WorkItem> = {}): WorkItem {
  return workItem({ labels: ['deal', 'customer:acme', 'size/M'], ...businessCase(), ...overrides });
}
