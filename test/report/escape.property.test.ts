/** Whatever an issue author types, escaped text renders as plain text: no tag, no link, no extra table cell. */
import fc from 'fast-check';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/report/escape.js';

const gfm = new Marked({ gfm: true, async: false });
// Characters that markdown, HTML and GitHub give meaning to, mixed with ordinary text.
// eslint-disable-next-line no-control-regex -- control characters are part of the hostile input
const hostileText = fc.stringMatching(/^[a-z @#<>&|*_`~![\]()\\/:.\n\r\t\u0000-\u001f-]{0,60}$/);

describe('escapeText, for any text', () => {
  it('renders inline with no HTML element at all', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string()), (text) => {
        // Code spans (quoted handles, references, URLs) are the one element it makes.
        const html = gfm.parseInline(escapeText(text)) as string;
        expect(html.replace(/<\/?code>/g, '')).not.toMatch(/<[a-z]/i);
      }),
      { numRuns: 500 },
    );
  });

  it('stays in its own table cell', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = gfm.parse(`| a | b |\n|---|---|\n| ${escapeText(text) || 'x'} | end |\n`) as string;
        expect(html.match(/<td>/g)).toHaveLength(2);
        expect(html).toContain('<td>end</td>');
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no @mention and no line break', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeText(text);
        // Inside code a handle pings nobody; an escaped backtick is a character of its own, which ends a handle.
        expect(escaped.replace(/\\`/g, '\\').replace(/`[^`]*`/g, '')).not.toMatch(/(^|[^\w\u200d])@[a-z0-9]/i);
        expect(escaped).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 300 },
    );
  });
});
