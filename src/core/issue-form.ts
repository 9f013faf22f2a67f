/**
 * Reads the answers of a GitHub issue form back out of the issue body.
 *
 * GitHub renders a submitted form as markdown: one `### Heading` per field,
 * the answer below it, `_No response_` for an empty answer and `- [X] text`
 * for ticked checkboxes. People edit bodies by hand afterwards, so nothing
 * here may assume the body is well formed, and nothing here throws.
 */
import type { ChecklistEntry } from './types.js';

export interface ParsedIssueBody {
  /** Answers by heading as written (trimmed); an empty answer is "". */
  form: Record<string, string>;
  /** Every checkbox line outside code blocks, in body order. */
  checklist: ChecklistEntry[];
}

// Patterns are anchored and free of nested quantifiers: a 65,536-character line costs linear time.
const HEADING = /^ {0,3}###[ \t]+(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CHECKBOX = /^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.*)$/;
const NO_RESPONSE = /^_No response_$/i;

/**
 * The key two headings are compared by: case, emoji, punctuation and spacing
 * do not matter, so "### 💰 Investment cap: " in a body matches the policy's
 * "Investment cap". Policy rules compare checklist text the same way.
 */
export function normalizeHeading(heading: string): string {
  let normalized = normalizedHeadings.get(heading);
  if (normalized === undefined) {
    normalized = normalize(heading);
    // Headings repeat across thousands of issues; a bounded cache keeps lookups cheap without growing forever.
    if (normalizedHeadings.size >= 10_000) normalizedHeadings.clear();
    normalizedHeadings.set(heading, normalized);
  }
  return normalized;
}

const normalizedHeadings = new Map<string, string>();

function normalize(heading: string): string {
  return heading
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The answer under `heading`, compared by {@link normalizeHeading}; undefined when the form has no such heading. */
export function formAnswer(form: Record<string, string>, heading: string): string | undefined {
  if (Object.hasOwn(form, heading)) return form[heading];
  const wanted = normalizeHeading(heading);
  // Keys one by one rather than Object.entries: asked for every item and heading, the copies added up.
  for (const key in form) {
    if (Object.hasOwn(form, key) && normalizeHeading(key) === wanted) return form[key];
  }
  return undefined;
}

export function parseIssueBody(body: string | null | undefined): ParsedIssueBody {
  // Headings are whatever the author typed: with no prototype, `### __proto__` is an answer like any other.
  const form = Object.create(null) as Record<string, string>;
  const checklist: ChecklistEntry[] = [];
  if (typeof body !== 'string' || body.length === 0) return { form, checklist };

  let heading: string | undefined;
  let answer: string[] = [];
  let fence: { marker: string; length: number } | undefined;

  const closeSection = () => {
    // The first of two identical headings wins: later ones are usually hand-pasted copies.
    if (heading !== undefined && !Object.hasOwn(form, heading)) form[heading] = cleanAnswer(answer);
    answer = [];
  };

  for (const line of body.split(/\r\n|\r|\n/)) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence.marker && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) {
        fence = undefined;
      }
      answer.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = { marker: fenceMatch[1][0], length: fenceMatch[1].length };
      answer.push(line);
      continue;
    }
    const headingText = withoutClosingHashes(HEADING.exec(line)?.[1] ?? '');
    if (headingText !== '') {
      closeSection();
      heading = headingText;
      continue;
    }
    const checkbox = CHECKBOX.exec(line);
    if (checkbox) checklist.push({ text: checkbox[2].trim(), checked: checkbox[1] !== ' ' });
    answer.push(line);
  }
  closeSection();
  return { form, checklist };
}

/** "Heading ###" → "Heading": markdown allows closing hashes after a space. */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trim();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end -= 1;
  if (end === trimmed.length || end === 0 || !/\s/.test(trimmed[end - 1])) return trimmed;
  return trimmed.slice(0, end).trim();
}

function cleanAnswer(lines: string[]): string {
  const text = lines.join('\n').trim();
  return NO_RESPONSE.test(text) ? '' : text;
}
