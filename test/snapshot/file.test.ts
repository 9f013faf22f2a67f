import { describe, expect, it } from 'vitest';
import { parseSnapshot, SnapshotError } from '../../src/snapshot/file.js';

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
    parseSnapshot(JSON.stringify(snapshot, null, 2), 'plan.json');
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

  it('places every problem at its line and column, JSON path and issue number', () => {
    const broken = { ...valid, items: [{ ...valid.items[0], state: 'OPEN', createdAt: 'yesterday', fields: { 'Work type': { type: 'select' } } }] };
    const problems = problemsOf(broken);
    expect(problems).toEqual([
      'plan.json:13:16 items[0].state (issue #7): expected open or closed, got "OPEN"; did you mean "open"?',
      'plan.json:17:20 items[0].createdAt (issue #7): expected a date and time like 2026-11-03T09:00:00Z, got "yesterday"',
      'plan.json:22:19 items[0].fields["Work type"].type (issue #7): expected a field value with type number, text, single-select, date or iteration, got "select"',
    ]);
    expect(() => parseSnapshot(JSON.stringify(broken, null, 2), 'plan.json')).toThrow(/^plan\.json: invalid snapshot\n {2}plan\.json:13:16 items\[0\]\.state/);
  });

  it('suggests the nearest key for a typo, and names the issue', () => {
    const { labels, ...rest } = valid.items[0]!;
    expect(problemsOf({ ...valid, items: [{ ...rest, labelz: labels }] })).toEqual(['plan.json:29:7 items[0].labelz (issue #7): unknown key; did you mean "labels"?']);
  });

  it('says what is missing and how to write it', () => {
    expect(problemsOf({})).toEqual([
      'plan.json:1:1 version: missing: add "version": 1',
      'plan.json:1:1 source: missing: add "source": { "kind": "repository", "name": "acme/platform" }',
      'plan.json:1:1 takenAt: missing: add "takenAt": "2026-11-03T09:00:00Z"',
      'plan.json:1:1 items: missing: add "items": []',
    ]);
  });

  it('rejects unknown keys and a wrong version', () => {
    expect(problemsOf({ ...valid, version: 2, extra: true })).toEqual([
      'plan.json:2:14 version: expected version: 1, got 2',
      'plan.json:34:3 extra: unknown key (allowed here: $schema, version, source, takenAt, items, milestones)',
    ]);
  });

  it('rejects an issue listed twice, whose work would count twice', () => {
    expect(problemsOf({ ...valid, items: [valid.items[0], valid.items[0]] })).toEqual([
      expect.stringMatching(/^plan\.json:\d+:\d+ items\[1\]\.number \(issue #7\): issue #7 is already items\[0\]; list each issue once$/),
    ]);
  });

  it('accepts a date alone as takenAt, as --at does: midnight UTC', () => {
    expect(parseSnapshot(JSON.stringify({ ...valid, takenAt: '2026-11-03' }), 'plan.json').takenAt).toBe('2026-11-03T00:00:00Z');
  });

  it('gives the line and column of a JSON syntax error', () => {
    expect(() => parseSnapshot('{\n  "version": 1,\n  "items": [\n}', 'plan.json')).toThrow(/^plan\.json: invalid snapshot\n {2}plan\.json:4:1 not valid JSON: /);
    expect(() => parseSnapshot('{ "version": 1', 'plan.json')).toThrow(/plan\.json:1:15 not valid JSON: /);
  });

  it('locates the first control character of a binary file and never prints one raw', () => {
    // The start of an executable: DEL, "ELF", then bytes no text file has.
    const binary = `\u007fELF\u0002\u0001\u0001${'\u0000'.repeat(40)}`;
    const lined = '{\n  "version": 1,\n  \u0001\u0000\u0000\n}';
    for (const [text, place] of [[binary, '1:1'], [lined, '3:3']] as const) {
      let message = '';
      try {
        parseSnapshot(text, 'plan.bin');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^plan\\.bin: invalid snapshot\n {2}plan\\.bin:${place} not valid JSON: .*is this a binary file\\?`));
      expect(message).not.toContain('is not valid JSON');
      // eslint-disable-next-line no-control-regex -- the test looks for control characters
      expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });
});
