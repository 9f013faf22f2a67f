// Measures how many screens a markdown report takes on github.com, folds
// closed: renders each file as GFM with marked, styles it like GitHub's
// markdown, lays it out in headless Chromium and prints its height.
//
//   node scripts/measure-screens.mjs [options] file.md …      (- reads stdin)
//     --pane <px>     width of the markdown column (default 562: a job summary at a 900 px window)
//     --viewport <px> height of the browser's viewport (default 1000)
//     --chrome <px>   GitHub's own page above the summary on its first screen (default 300)
//     --open          open every fold (mermaid blocks count at the estimates below)
//     --cells         list the table cells that take more than one line, with their text
//     --unbroken <sel> the same for the elements a CSS selector picks ("li > strong, li > code")
//     --sections      print where each section (h2/h3) starts, and the screen it starts on
//     --json          print the figures as JSON
//     --html <file>   also write the page laid out (of the last file), to look at in a browser
//
// Assumptions (github.com, December 2026, at a 900×1000 CSS px viewport):
// - The run page lays out like Primer's PageLayout at its "md" breakpoint
//   (768–1011 px): 16 px page padding each side, the 256 px jobs pane, a 16 px
//   gap, then the summary box (1 px border, 16 px padding): 900 − 16 − 256 −
//   16 − 16 − 2 − 32 = 562 px for the markdown. An issue comment at 900 px
//   (where the Decisions are) has about 490 px (`--pane 490`): the 256 px
//   sidebar, the 40 px avatar and its 16 px gap, the comment's border and
//   16 px padding.
// - A screen is the viewport less GitHub's chrome above the summary: the
//   page header, the run's title strip and the summary box's own header,
//   about 300 px together (our estimate at this width; the run's status card
//   and job graph scroll away as the reader goes down to the summary), so a
//   screen holds 700 px of summary. Screens = summary height / (viewport −
//   chrome); 2 screens is 1,400 px.
// - Text is GitHub's markdown style: the system font stack at 14 px (the job
//   summary's size), line height 1.5, headings and block margins as
//   github-markdown-css sets them, table cells padded 6 px 13 px, code spans at
//   85 % in the monospace stack. Liberation Sans and Liberation Mono (metric
//   twins of Arial and Courier New, the stack's last fallbacks) stand in for
//   Segoe UI, SF Pro and SF Mono here: a reader's machine may wrap a line
//   sooner or later, so take the figure to within a few percent.
// - A closed <details> shows its <summary> only. Mermaid blocks, drawn only
//   when a fold is open, count 400 px for an xychart and 350 px for a pie
//   (an estimate of GitHub's mermaid viewer at this width: mermaid is not run).
// Needs Debian's Chromium (`apt-get install chromium`); CI does not use it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { Marked } from 'marked';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const MERMAID_HEIGHT = { xychart: 400, pie: 350, other: 400 };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pane: { type: 'string', default: '562' },
    viewport: { type: 'string', default: '1000' },
    chrome: { type: 'string', default: '300' },
    open: { type: 'boolean', default: false },
    cells: { type: 'boolean', default: false },
    unbroken: { type: 'string' },
    sections: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    html: { type: 'string' },
  },
});
if (positionals.length === 0) {
  console.error('usage: node scripts/measure-screens.mjs [--pane px] [--viewport px] [--chrome px] [--open] [--cells] [--unbroken selector] [--sections] [--json] [--html file] file.md …');
  process.exit(2);
}
const pane = Number(values.pane);
const viewport = Number(values.viewport);
const chrome = Number(values.chrome);

const CSS = `
body { margin: 0; background: #fff; }
.markdown-body { width: ${pane}px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", sans-serif;
  font-size: 14px; line-height: 1.5; color: #1f2328; word-wrap: break-word; }
.markdown-body > *:first-child { margin-top: 0 !important; }
.markdown-body > *:last-child { margin-bottom: 0 !important; }
.markdown-body h1, .markdown-body h2, .markdown-body h3 { margin-top: 24px; margin-bottom: 16px; font-weight: 600; line-height: 1.25; }
.markdown-body h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body p, .markdown-body blockquote, .markdown-body ul, .markdown-body ol, .markdown-body dl, .markdown-body table, .markdown-body pre, .markdown-body details { margin-top: 0; margin-bottom: 16px; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body ul ul { margin-top: 0; margin-bottom: 0; }
.markdown-body li + li { margin-top: .25em; }
.markdown-body strong, .markdown-body th { font-weight: 600; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto; border-spacing: 0; border-collapse: collapse; }
.markdown-body td, .markdown-body th { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body code, .markdown-body pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 85%; }
.markdown-body code { padding: .2em .4em; margin: 0; white-space: break-spaces; background: #818b981f; border-radius: 6px; }
.markdown-body pre { padding: 16px; line-height: 1.45; overflow: auto; }
.markdown-body pre code { padding: 0; white-space: pre; background: transparent; font-size: 100%; }
.markdown-body summary { cursor: pointer; display: list-item; }
.mermaid-estimate { background: #f6f8fa; margin-bottom: 16px; }
`;

/* global document, NodeFilter -- measure() runs in the page, not in Node */
/** Runs in the page once it is laid out: writes the figures into the page, where --dump-dom prints them. */
function measure(open, selector) {
  const body = document.querySelector('.markdown-body');
  if (open) for (const details of body.querySelectorAll('details')) details.open = true;
  const broken = [];
  if (selector) {
    for (const cell of body.querySelectorAll(selector)) {
      // The lines a cell's text takes: its text boxes' middles, those closer than half a line counted as one line.
      const middles = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const r of range.getClientRects()) if (r.width > 0) middles.push(r.top + r.height / 2);
      }
      middles.sort((a, b) => a - b);
      const lines = middles.filter((middle, i) => i === 0 || middle - middles[i - 1] > 10).length;
      if (lines > 1) broken.push({ text: cell.textContent, lines, width: Math.round(cell.getBoundingClientRect().width) });
    }
  }
  // A table wider than the column scrolls sideways: what is past its edge is not seen.
  const overflowing = [...body.querySelectorAll('table')]
    .filter((table) => !table.closest('details:not([open])') && table.scrollWidth > table.clientWidth + 1)
    .map((table) => ({ header: table.rows[0]?.textContent.trim().replace(/\s+/g, ' ') ?? '', needs: table.scrollWidth, has: table.clientWidth }));
  const top = body.getBoundingClientRect().top;
  const sections = [...body.querySelectorAll('h2, h3')].map((h) => ({ heading: h.textContent, top: Math.round(h.getBoundingClientRect().top - top) }));
  const out = document.createElement('pre');
  out.id = 'measured';
  out.textContent = JSON.stringify({ height: Math.ceil(body.getBoundingClientRect().height), broken, sections, overflowing });
  document.body.append(out);
}

function page(markdown) {
  const marked = new Marked({ gfm: true, async: false });
  const html = marked.parse(markdown).replace(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g, (_, source) => {
    const kind = /xychart/.test(source) ? 'xychart' : /^(?:%%.*\n)?\s*pie\b/m.test(source) ? 'pie' : 'other';
    return `<div class="mermaid-estimate" style="height:${MERMAID_HEIGHT[kind]}px"></div>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body><div class="markdown-body">${html}</div>` +
    `<script>(${measure})(${values.open}, ${JSON.stringify(values.unbroken ?? (values.cells ? 'td, th' : null))});</script></body></html>`;
}

function layout(markdown) {
  const folder = mkdtempSync(join(tmpdir(), 'measure-screens-'));
  try {
    const file = join(folder, 'page.html');
    writeFileSync(file, page(markdown));
    const dom = execFileSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        `--user-data-dir=${join(folder, 'profile')}`, `--window-size=900,${viewport}`, '--dump-dom', `file://${file}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
    );
    const measured = /<pre id="measured">([^<]*)<\/pre>/.exec(dom);
    if (!measured) throw new Error('Chromium printed no measurement');
    return JSON.parse(measured[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const screen = viewport - chrome;
for (const path of positionals) {
  const markdown = readFileSync(path === '-' ? 0 : path, 'utf8');
  if (values.html) writeFileSync(values.html, page(markdown));
  const { height, broken, sections, overflowing } = layout(markdown);
  const screens = Math.round((height / screen) * 100) / 100;
  if (values.json) {
    console.log(JSON.stringify({ file: path, pane, screen, height, screens, broken, sections, overflowing }));
    continue;
  }
  console.log(`${path}: ${height} px at ${pane} px wide = ${screens} screens of ${screen} px${values.open ? ' (folds open)' : ' (folds closed)'}`);
  if (values.sections) for (const { heading, top } of sections) console.log(`  ${String(top).padStart(5)} px (screen ${Math.floor(top / screen) + 1}): ${heading}`);
  for (const table of overflowing) console.log(`  table scrolls sideways (${table.needs} px wide in ${table.has} px): ${table.header}`);
  for (const cell of broken) console.log(`  on ${cell.lines} lines (${cell.width} px): ${JSON.stringify(cell.text)}`);
}
