import { describe, expect, it } from 'vitest';
import { cut, escapeText, mermaidLabel, neutralizeMentions, safeMarkdown, safeUrl, terminalText, truncateForGitHub } from '../../src/report/escape.js';
import { marked } from 'marked';

describe('escapeText', () => {
  it('escapes HTML so that it renders as text', () => {
    expect(escapeText('<script>alert(1)</script> & co')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
  });

  it('breaks mentions and team pings with a zero-width joiner', () => {
    expect(escapeText('ask @alice or @acme/leads')).toBe('ask @\u200dalice or @\u200dacme/leads');
  });

  it('leaves e-mail addresses alone, which GitHub never turns into mentions', () => {
    expect(escapeText('bob@example.com')).toBe('bob@example.com');
  });

  it('escapes markdown that would format, link or split a table cell', () => {
    expect(escapeText('**a** [b](c) | d `e` ~f~ #1')).toBe('\\*\\*a\\*\\* \\[b\\](c) \\| d \\`e\\` \\~f\\~ \\#1');
  });

  it('folds newlines and strips control and bidirectional characters', () => {
    expect(escapeText('one\r\ntwo\u001b[31m\u0007 three\u202e')).toBe('one two \\[31m three');
  });

  it('keeps bare URLs from becoming links', () => {
    expect(escapeText('see https://x.example and www.x.example')).toBe('see https\u200d://x.example and www\u200d.x.example');
  });

  it('cuts long text with an ellipsis', () => {
    expect(escapeText('a'.repeat(500), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('safeMarkdown', () => {
  it('keeps our bold and code spans but escapes HTML and mentions everywhere, code spans included', () => {
    expect(safeMarkdown('Remove `<b>` from **Title** <i>now</i> @bob')).toBe('Remove `&lt;b&gt;` from **Title** &lt;i&gt;now&lt;/i&gt; @\u200dbob');
  });

  it('stays safe when a quoted answer brings backticks of its own', () => {
    const render = (text: string) => String(marked.parse(safeMarkdown(text)));
    expect(render('"Review by" is "`<img src=x onerror=alert(1)>``", not a date')).not.toMatch(/<img/);
    expect(render('"Who will buy it?" is "`@acme/everyone``"')).not.toMatch(/@acme\/everyone/);
  });

  it('keeps links and images quoted from an answer from rendering', () => {
    expect(safeMarkdown('is "[x](https://e.example) ![i](y.png)"')).toBe('is "\\[x\\](https\u200d://e.example) !\\[i\\](y.png)"');
  });

  it('escapes pipes in a table cell, inside code spans too', () => {
    expect(safeMarkdown('a | `b|c`', { inTable: true })).toBe('a \\| `b\\|c`');
  });
});

describe('neutralizeMentions', () => {
  it('breaks a mention at the start of text and after punctuation', () => {
    expect(neutralizeMentions('@a (@b) x@c')).toBe('@\u200da (@\u200db) x@c');
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
