import { describe, expect, it } from 'vitest';
import { formAnswer, normalizeHeading, parseIssueBody } from '../../src/core/issue-form.js';

const rendered = [
  '### Customer',
  '',
  'Acme Corp',
  '',
  '### Who will buy it?',
  '',
  'Mid-market logistics companies',
  '',
  '### Investment cap',
  '',
  '_No response_',
  '',
  '### Reviews',
  '',
  '- [X] GTM review',
  '- [ ] Technical review',
].join('\n');

describe('parseIssueBody', () => {
  it('reads the answers GitHub renders for an issue form', () => {
    expect(parseIssueBody(rendered)).toEqual({
      form: {
        Customer: 'Acme Corp',
        'Who will buy it?': 'Mid-market logistics companies',
        'Investment cap': '',
        Reviews: '- [X] GTM review\n- [ ] Technical review',
      },
      checklist: [
        { text: 'GTM review', checked: true },
        { text: 'Technical review', checked: false },
      ],
    });
  });

  it('reads CRLF bodies like LF bodies', () => {
    expect(parseIssueBody(rendered.replace(/\n/g, '\r\n'))).toEqual(parseIssueBody(rendered));
  });

  it('keeps ### lines inside code fences as part of the answer', () => {
    const body = '### Success metric\n\n```md\n### not a heading\n- [x] not a checkbox\n```\n\n### Investment cap\n\n3 points';
    const { form, checklist } = parseIssueBody(body);
    expect(form['Success metric']).toBe('```md\n### not a heading\n- [x] not a checkbox\n```');
    expect(form['Investment cap']).toBe('3 points');
    expect(checklist).toEqual([]);
  });

  it('closes a fence only with the same marker at least as long', () => {
    const body = '### A\n\n~~~~\n```\n### inside\n~~~\n~~~~\n\n### B\n\nb';
    expect(Object.keys(parseIssueBody(body).form)).toEqual(['A', 'B']);
  });

  it('keeps a multi-line answer, trimmed', () => {
    expect(parseIssueBody('### Why\n\n\nline one\n\nline two\n\n\n').form).toEqual({ Why: 'line one\n\nline two' });
  });

  it('reads headings with trailing spaces, closing hashes and emoji', () => {
    const { form } = parseIssueBody('### 💰 Investment cap   \n\n5\n\n### Success metric ##\n\nNPS');
    expect(form).toEqual({ '💰 Investment cap': '5', 'Success metric': 'NPS' });
    expect(formAnswer(form, 'Investment cap')).toBe('5');
    expect(formAnswer(form, 'success METRIC')).toBe('NPS');
  });

  it('treats only level-3 headings as questions', () => {
    expect(parseIssueBody('## Big\n\n#### Small\n\ntext').form).toEqual({});
    expect(parseIssueBody('### Q\n\n#### Small\n\ntext').form).toEqual({ Q: '#### Small\n\ntext' });
  });

  it('does not take an empty heading for a question', () => {
    expect(parseIssueBody('### Q\n\n### \n\nA').form).toEqual({ Q: '### \n\nA' });
  });

  it('keeps the first of two identical headings', () => {
    expect(parseIssueBody('### Q\n\nfirst\n\n### Q\n\nsecond').form).toEqual({ Q: 'first' });
  });

  it('reads checkboxes in hand-edited bodies with any list marker and case', () => {
    const { checklist } = parseIssueBody('Notes\r\n* [x] GTM review\n  - [X]   Technical review  \n+ [ ] Legal\n- [] not a box\n-[x] nor this');
    expect(checklist).toEqual([
      { text: 'GTM review', checked: true },
      { text: 'Technical review', checked: true },
      { text: 'Legal', checked: false },
    ]);
  });

  it('returns no answers for a body with no form, an empty body or none', () => {
    expect(parseIssueBody('Acme asked for this on the call.\nThey will pay.')).toEqual({ form: {}, checklist: [] });
    expect(parseIssueBody('')).toEqual({ form: {}, checklist: [] });
    expect(parseIssueBody(null)).toEqual({ form: {}, checklist: [] });
    expect(parseIssueBody(undefined)).toEqual({ form: {}, checklist: [] });
  });

  it('ignores text before the first heading', () => {
    expect(parseIssueBody('Intro text\n\n### Q\n\nA').form).toEqual({ Q: 'A' });
  });

  it('reads a body over 65,536 characters in linear time, including pathological lines', () => {
    const answer = 'word '.repeat(13_000);
    const body = `### Q\n\n${answer}\n### ${' '.repeat(30_000)}x\n- [x] ${' '.repeat(20_000)}y`;
    expect(body.length).toBeGreaterThan(65_536);
    const started = performance.now();
    const { form, checklist } = parseIssueBody(body);
    // Linear work takes milliseconds; a quadratic scan of these lines would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(form.Q).toBe(answer.trim());
    expect(form.x).toMatch(/^- \[x\] +y$/);
    expect(checklist).toEqual([{ text: 'y', checked: true }]);
  });
});

describe('normalizeHeading', () => {
  it('ignores case, emoji, punctuation and spacing', () => {
    expect(normalizeHeading('  🛒 Who   will buy it?! ')).toBe('who will buy it');
    expect(normalizeHeading('WHO WILL BUY IT')).toBe(normalizeHeading('Who will buy it?'));
  });

  it('keeps letters and digits of any script', () => {
    expect(normalizeHeading('Größe (Punkte) 2')).toBe('größe punkte 2');
  });
});
