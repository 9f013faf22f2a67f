import { describe, expect, it } from 'vitest';
import { parseSnapshot, SnapshotError, workItemFromIssue } from '../../src/core/snapshot.js';

const valid = {
  version: 1,
  source: { kind: 'repository', name: 'acme/app' },
  takenAt: '2026-11-03T09:00:00Z',
  items: [
    {
      number: 7,
      title: 'SSO',
      url: 'https://github.com/acme/app/issues/7',
      state: 'open',
      labels: ['deal'],
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-02T10:00:00+02:00',
      body: '### Who will buy it?\n\nEnterprise buyers\n\n### Reviews\n\n- [x] GTM review',
      fields: { Estimate: { type: 'number', value: 5 }, Sprint: { type: 'iteration', title: 'S9', startDate: '2026-10-27', durationDays: 14 } },
    },
  ],
};

function problemsOf(snapshot: unknown): string[] {
  try {
    parseSnapshot(JSON.stringify(snapshot), 'plan.json');
  } catch (error) {
    if (error instanceof SnapshotError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseSnapshot', () => {
  it('fills defaults and reads form answers and checkboxes from a body', () => {
    const snapshot = parseSnapshot(JSON.stringify({ $schema: './snapshot.schema.json', ...valid }), 'plan.json');
    expect(snapshot.items[0]).toEqual({
      number: 7,
      title: 'SSO',
      url: 'https://github.com/acme/app/issues/7',
      state: 'open',
      labels: ['deal'],
      author: null,
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-02T10:00:00+02:00',
      closedAt: null,
      milestone: null,
      form: { 'Who will buy it?': 'Enterprise buyers', Reviews: '- [x] GTM review' },
      checklist: [{ text: 'GTM review', checked: true }],
      fields: valid.items[0]!.fields,
    });
    expect(snapshot).not.toHaveProperty('$schema');
  });

  it('keeps form and checklist given explicitly over the body', () => {
    const item = { ...valid.items[0], form: { A: 'b' }, checklist: [] };
    expect(parseSnapshot(JSON.stringify({ ...valid, items: [item] }), 'x').items[0]).toMatchObject({ form: { A: 'b' }, checklist: [] });
  });

  it('names the file and the JSON path of every problem', () => {
    const broken = { ...valid, items: [{ ...valid.items[0], state: 'OPEN', createdAt: 'yesterday', fields: { 'Work type': { type: 'select' } } }] };
    const problems = problemsOf(broken);
    expect(problems).toEqual([
      'items[0].state: expected open or closed',
      'items[0].createdAt: expected a date and time like 2026-11-03T09:00:00Z',
      'items[0].fields["Work type"].type: expected a field value with type number, text, single-select, date or iteration',
    ]);
    expect(() => parseSnapshot(JSON.stringify(broken), 'plan.json')).toThrow(/^plan\.json: invalid snapshot\n {2}items\[0\]\.state/);
  });

  it('rejects unknown keys and a wrong version', () => {
    expect(problemsOf({ ...valid, version: 2, extra: true })).toEqual(['version: expected version: 1', '(top level): Unrecognized key: "extra"']);
  });

  it('explains a file that is not JSON', () => {
    expect(() => parseSnapshot('{ nope', 'plan.json')).toThrow(/^plan\.json: invalid snapshot\n {2}not valid JSON: /);
  });
});

describe('workItemFromIssue', () => {
  it('normalizes what the GitHub APIs return into a work item', () => {
    const item = workItemFromIssue({
      number: 3,
      title: 'Export',
      url: 'https://github.com/acme/app/issues/3',
      state: 'OPEN',
      labels: [{ name: 'deal' }, 'size/M'],
      author: { login: 'sam' },
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-01T10:00:00Z',
      closedAt: null,
      milestone: { title: 'Q4' },
      body: '### Success metric\r\n\r\n_No response_\r\n',
    });
    expect(item).toEqual({
      number: 3,
      title: 'Export',
      url: 'https://github.com/acme/app/issues/3',
      state: 'open',
      labels: ['deal', 'size/M'],
      author: 'sam',
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-01T10:00:00Z',
      closedAt: null,
      milestone: 'Q4',
      form: { 'Success metric': '' },
      checklist: [],
      fields: {},
    });
    expect(workItemFromIssue({ ...item, state: 'CLOSED', author: null, milestone: null, body: null })).toMatchObject({ state: 'closed', author: null, form: {} });
  });
});
