/**
 * A section of the job summary, open under its heading or folded under a
 * one-line summary that states its number, so the page a lead opens keeps
 * the verdict, what to act on and the budgets on its first screens and every
 * other section one click away.
 */

export interface Section {
  title: string;
  /** The section's figure in a few of our own words ("1 of 6 bets hit its metric"): it becomes the fold's one line, which GitHub shows as HTML, so it carries no markdown and no user text. */
  line: string;
  /** Markdown blocks, in order. */
  body: string[];
}

/** Under its own heading, as the docs show it. */
export function openSection(section: Section): string {
  return [`### ${section.title}`, ...section.body].join('\n\n');
}

/** Folded: "▸ **Customers** · 4 customers, 1 over its share", the body one click away. */
export function foldedSection(section: Section): string {
  return `<details><summary><strong>${section.title}</strong> · ${section.line}</summary>\n\n${section.body.join('\n\n')}\n\n</details>`;
}
