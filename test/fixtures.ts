/** Builders shared by every test folder: each takes one partial-override object. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { WorkItem } from '../src/core/types.js';
import { parsePolicy } from '../src/policy/normalize.js';
import type { Policy } from '../src/core/policy.js';

/** An open issue with no labels, form or fields; override what the test is about. */
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

/**
 * A policy from the policy file's own keys (kebab-case, as users write them),
 * `version: 1` implied, read the way the action reads it: the one way tests
 * build a Policy.
 */
export function policy(file: Record<string, unknown> = {}): Policy {
  return parsePolicy({ version: 1, ...file });
}

/** The example policy users start from (examples/roadmap-policy.yml), with top-level keys overridden. */
export function examplePolicy(overrides: Record<string, unknown> = {}): Policy {
  const file = parse(readFileSync(new URL('../examples/roadmap-policy.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
  return policy({ ...file, ...overrides });
}
