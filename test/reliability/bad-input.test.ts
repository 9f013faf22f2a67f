/**
 * Bad input through the action, not only the CLI: every policy of the broken
 * corpus, generated hostile issue titles and bodies, and event payload
 * variants. The run never crashes, a bad policy writes nothing, and comments
 * carry no raw HTML or live mention from untrusted text.
 */
import { marked } from 'marked';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WARNINGS_HEADING } from '../../src/cli/validate.js';
import { evaluate } from '../../src/core/evaluate.js';
import { POLICY_PATH, dealRequestBody } from '../e2e/fixtures.js';
import { examplePolicy } from '../core/fixtures.js';
import { audit, botComments, countRun, figures, issueOpened, NEW_DEAL, reportFigures, runEvents, startRoadmap } from './harness.js';

const tally = figures('bad-input');
afterAll(() => reportFigures(tally));

const CORPUS = join(import.meta.dirname, '..', 'policy', 'corpus');
const corpus = readdirSync(CORPUS).filter((name) => name.endsWith('.yml')).sort();

describe('the broken-policy corpus, through the action', () => {
  // A policy 1.0 accepted (its expected output is warnings) runs within v1, with a warning annotation for each.
  it(`fails each of the ${corpus.length} policies with its located problems and writes nothing, or warns on what 1.0 accepted`, async () => {
    const fake = await startRoadmap();
    try {
      for (const name of corpus) {
        fake.repository.files[POLICY_PATH] = readFileSync(join(CORPUS, name), 'utf8');
        fake.clearRequests();
        const record = await runEvents(fake, [issueOpened(fake)]);
        tally.badInputs += 1;
        countRun(tally, record, fake);
        expect(record.crashed, name).toBe(false);
        const [first, ...lines] = readFileSync(join(CORPUS, name.replace(/\.yml$/, '.expected')), 'utf8').trim().split('\n');
        const warns = first === WARNINGS_HEADING;
        if (!warns) {
          expect(record.exitCode, name).toBe(1);
          expect(fake.writes, name).toEqual([]);
          expect(record.outputs.compliant, name).toBe('false');
        }
        // Each expected message, without its place (the action names the file by the policy input), is an annotation.
        const annotated = record.annotations.filter((a) => a.level === (warns ? 'warning' : 'error')).map((a) => a.message).join('\n');
        for (const line of warns ? lines : [first!, ...lines]) expect(annotated, name).toContain(line.replace(/^\S+?:(\d+:\d+)? /, ''));
        if (warns) expect(record.annotations.filter((a) => /roadmap policy is invalid/.test(a.message)), name).toEqual([]);
      }
    } finally {
      await fake.stop();
    }
  }, 120_000);
});

const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '@evil-team', '@acme/everyone', '](javascript:alert(1))', '| --- |', '```', '<!-- roadmap-guard:comment -->', '\u202e', '&lt;b&gt;'];

describe('hostile issue titles and answers, through the action', () => {
  it('never crash a run, and reach the comment only neutralized', async () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
    const samples = fc.sample(fc.record({ title: text, answer: text }), { numRuns: 6, seed: 15 });
    const fake = await startRoadmap();
    try {
      for (const { title, answer } of samples) {
        const issue = fake.issue(NEW_DEAL)!;
        issue.title = `Deal ${title}`;
        issue.body = dealRequestBody({ 'Who will buy it?': answer, 'Success metric': null });
        const record = await runEvents(fake, [issueOpened(fake)]);
        tally.badInputs += 1;
        countRun(tally, record, fake);
        expect(record.crashed).toBe(false);
        const comment = botComments(fake, NEW_DEAL)[0]?.body ?? '';
        // What a reader gets, rendered as GitHub renders markdown: the text as typed, never an element.
        expect(rendered(comment)).not.toMatch(/<img|<script|href="(javascript|mailto):/i);
        expect(comment).not.toMatch(/(^|[^\w])@(evil-team|acme\/everyone)/);
        expect(rendered(record.summary)).not.toMatch(/<img|<script|href="(javascript|mailto):/i);
      }
      expect(botComments(fake, NEW_DEAL)).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  }, 120_000);

  it('never make the engine throw, whatever the headings and labels', () => {
    const policy = examplePolicy();
    const word = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'deal', 'customer:', 'size/L', ...HOSTILE), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(fc.record({ labels: fc.array(word, { maxLength: 4 }), heading: word, answer: word }), { maxLength: 8 }), (items) => {
        tally.badInputs += 1;
        const workItems = items.map((item, index) => ({
          number: index + 1,
          title: item.heading,
          url: `https://github.com/acme/reliable/issues/${index + 1}`,
          state: 'open' as const,
          labels: item.labels,
          author: 'someone',
          createdAt: '2026-01-01T00:00:00Z',
          updatedAt: '2026-01-01T00:00:00Z',
          closedAt: null,
          milestone: null,
          form: Object.fromEntries([[item.heading, item.answer]]),
          checklist: [],
          fields: {},
        }));
        expect(() => evaluate(policy, workItems, '2026-11-21T12:00:00Z')).not.toThrow();
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

const PAYLOADS: [string, string][] = [
  ['an empty file', ''],
  ['not JSON', '{"action": "opened", '],
  ['a list', '[]'],
  ['an issue without a number', '{"action": "opened", "issue": {}}'],
  ['a number as text', '{"action": "opened", "issue": {"number": "31"}}'],
  ['a pull request inside issues', '{"action": "opened", "issue": {"number": 31, "pull_request": {"url": "x"}}}'],
];

describe('event payload variants, through the action', () => {
  for (const [name, text] of PAYLOADS) {
    it(`${name}: reported, outputs set, no crash`, async () => {
      const fake = await startRoadmap();
      try {
        const event = { name: 'issues', payload: {} as Record<string, unknown> };
        const record = await runEvents(fake, [{ ...event, raw: text } as typeof event]);
        tally.badInputs += 1;
        countRun(tally, record, fake);
        expect(record.crashed).toBe(false);
        expect(Object.keys(record.outputs).sort()).toEqual(['budgets', 'compliant', 'findings', 'findings-file', 'over-budget', 'report', 'requests']);
        expect(fake.writes).toEqual([]);
      } finally {
        await fake.stop();
      }
    });
  }

  it('an audit on any payload still audits', async () => {
    const fake = await startRoadmap();
    try {
      const record = await runEvents(fake, [audit(fake)]);
      expect(record.crashed).toBe(false);
    } finally {
      await fake.stop();
    }
  });
});

function rendered(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}
