/** Markdown rendered the way GitHub renders it (GFM), and the text a reader sees in the result. */
import { Marked } from 'marked';

const gfm = new Marked({ gfm: true, async: false });

export function renderGfm(markdown: string): string {
  return gfm.parse(markdown) as string;
}

/** The text of rendered HTML: tags removed, the entities marked writes decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
