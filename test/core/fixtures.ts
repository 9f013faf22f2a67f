/** Builders for engine tests: each takes one partial-override object. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parsePolicy, type Policy } from '../../src/policy/schema.js';
import type { WorkItem } from '../../src/core/types.js';

export const NOW = '2026-11-03T09:00:00Z';

export function workItem(overrides: Partial<WorkItem> = {}): WorkItem {
  const number = overrides.number ?? 1;
  return {
    number,
    title: `Item ${number}`,
    url: `https://github.com/acme/app/issues/${number}`,
    state: 'open',
    labels: [],
    author: 'maria',
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-20T10:00:00Z',
    closedAt: null,
    milestone: null,
    form: {},
    checklist: [],
    fields: {},
    ...overrides,
  };
}

/** A policy from the policy file's own keys (kebab-case), `version: 1` implied. */
export function policy(file: Record<string, unknown> = {}): Policy {
  return parsePolicy({ version: 1, ...file });
}

/** The example policy users start from (examples/roadmap-policy.yml), with top-level keys overridden. */
export function examplePolicy(overrides: Record<string, unknown> = {}): Policy {
  const file = parse(readFileSync(new URL('../../examples/roadmap-policy.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
  return parsePolicy({ ...file, ...overrides });
}

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
