import { describe, expect, it } from 'vitest';
import { codeSpan, cut, escapeText, mermaidLabel, neutralizeMentions, quoted, safeUrl, terminalText, truncateForGitHub } from '../../src/report/escape.js';
import { marked } from 'marked';

describe('escapeText', () => {
  it('escapes HTML so that it renders as text', () => {
    expect(escapeText('<script>alert(1)</script> & co')).toBe('\\<script\\>alert(1)\\</script\\> \\& co');
  });

  it('shows handles and team handles as code, which pings nobody and copies exactly', () => {
    expect(escapeText('ask @alice or @acme/leads.')).toBe('ask `@alice` or `@acme/leads`.');
  });

  it('breaks e-mail addresses, which GitHub would turn into mailto: links, with a joiner after the @: the one place prose needs it', () => {
    expect(escapeText('bob@evil.example')).toBe('bob@\u200devil.example');
    expect(escapeText('custom-@alice')).toBe('custom-`@alice`');
  });

  it('shows issue references as code, which cross-references nothing and copies exactly', () => {
    expect(escapeText('see #123, acme/other#5 and GH-7')).toBe('see `#123`, `acme/other#5` and `GH-7`');
  });

  it('keeps a line start from becoming a list', () => {
    expect(escapeText('- a')).toBe('\\- a');
    expect(escapeText('12. a')).toBe('12\\. a');
  });

  it('escapes markdown that would format, link or split a table cell', () => {
    expect(escapeText('**a** [b](c) | d `e` ~f~ $x$')).toBe('\\*\\*a\\*\\* \\[b\\](c) \\| d \\`e\\` \\~f\\~ \\$x\\$');
  });

  it('folds newlines and strips control and bidirectional characters', () => {
    expect(escapeText('one\r\ntwo\u001b[31m\u0007 three\u202e')).toBe('one two \\[31m three');
  });

  it('keeps bare URLs from becoming links', () => {
    expect(escapeText('see https://x.example/a?b=1. and www.x.example')).toBe('see `https://x.example/a?b=1`. and `www.x.example`');
    // A pipe would end a table cell even inside code, so it ends the URL; the rest is escaped as prose.
    expect(escapeText('https://x.example/a|b')).toBe('`https://x.example/a`\\|b');
    expect(new URL(escapeText('(see https://x.example/a?b=1)').match(/`([^`]+)`/)![1]!).href).toBe('https://x.example/a?b=1');
  });

  it('cuts long text with an ellipsis', () => {
    expect(escapeText('a'.repeat(500), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('quoted', () => {
  it('cuts inside the quotes, so a cut answer keeps its closing quote', () => {
    expect(quoted('a'.repeat(50), 10)).toBe(`"${'a'.repeat(9)}…"`);
  });
});

describe('codeSpan', () => {
  const render = (markdown: string) => String(marked.parseInline(markdown));

  it('shows text verbatim: no entity escapes inside code', () => {
    expect(codeSpan('custom-R&D <img>')).toBe('`custom-R&D <img>`');
    expect(render(codeSpan('custom-R&D <img>'))).toBe('<code>custom-R&amp;D &lt;img&gt;</code>');
  });

  it('fences with more backticks than any run inside, padded when the text touches a backtick', () => {
    expect(codeSpan('one-off`**x**`')).toBe('`` one-off`**x**` ``');
    expect(render(codeSpan('a ``` b'))).toBe('<code>a ``` b</code>');
    expect(render(codeSpan('`'))).toBe('<code>`</code>');
  });

  it('escapes a pipe in a table cell, where it would end the cell even in code', () => {
    expect(codeSpan('a|b', { inTable: true })).toBe('`a\\|b`');
  });
});

describe('neutralizeMentions', () => {
  it('breaks a mention at the start of text, after punctuation and inside an e-mail address', () => {
    expect(neutralizeMentions('@a (@b) x@c.example')).toBe('@\u200da (@\u200db) x@\u200dc.example');
  });
});

describe('safeUrl', () => {
  it('accepts http(s) and encodes characters that end a markdown link', () => {
    expect(safeUrl('https://github.com/a/b/issues/1?q=(x)')).toBe('https://github.com/a/b/issues/1?q=%28x%29');
  });

  it('refuses other schemes', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
  });
});

describe('mermaidLabel', () => {
  it('keeps only characters a chart label cannot misuse', () => {
    expect(mermaidLabel('Globex "Inc" <b>#1</b>; %%x')).toBe('Globex Inc b1/b x');
  });

  it('never returns an empty label', () => {
    expect(mermaidLabel('<<>>')).toBe('unnamed');
  });
});

describe('terminalText', () => {
  it('removes escape sequences that would recolour or move the terminal', () => {
    expect(terminalText('\u001b[2Jcleared\u001b[31m', 40)).toBe('[2Jcleared [31m');
  });
});

describe('cut', () => {
  it('keeps the closing quote of a quotation it cuts', () => {
    expect(cut('"Review by" is not a date: "next spring, or maybe summer"', 40)).toBe('"Review by" is not a date: "next sprin…"');
    expect(cut('"Review by" is not a date: "next spring, or maybe summer"', 40)).toHaveLength(40);
    expect(cut('no quotes here at all, just words', 10)).toBe('no quotes…');
  });

  it('never splits a character made of two UTF-16 units', () => {
    expect(cut('😀😀😀', 2)).toBe('😀…');
  });
});

describe('truncateForGitHub', () => {
  it('returns short text unchanged', () => {
    expect(truncateForGitHub('short')).toBe('short');
  });

  it('cuts at a line boundary under the limit and says so', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join('\n');
    const result = truncateForGitHub(text, 1_000);
    expect(result.length).toBeLessThanOrEqual(1_000);
    expect(result).toMatch(/line \d+\n\n_This report was cut to fit GitHub’s size limit/);
    expect(text.startsWith(result.split('\n\n_This report')[0]!)).toBe(true);
  });

  it('closes a code fence left open by the cut', () => {
    const text = `intro\n\n\`\`\`mermaid\n${'x\n'.repeat(2_000)}\`\`\`\n`;
    const result = truncateForGitHub(text, 500);
    expect(result.match(/^```/gm)).toHaveLength(2);
    expect(result.length).toBeLessThanOrEqual(500);
  });

  it('uses GitHub’s 65,536-character limit by default', () => {
    expect(truncateForGitHub('a\n'.repeat(40_000)).length).toBeLessThanOrEqual(65_536);
  });
});
