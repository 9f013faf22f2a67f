/**
 * The issues a pull request's description closes by keyword, read by Roadmap
 * Guard itself for pull requests into other branches than the default one,
 * where GitHub ignores the keywords (GitHub docs, "Linking a pull request to
 * an issue": the keywords are interpreted only when the pull request targets
 * the default branch). The same keywords as GitHub's: close, closes, closed,
 * fix, fixes, fixed, resolve, resolves, resolved, with an optional colon,
 * then `#12`, `owner/name#12` or the URL.
 *
 * The description is hostile input: it is read up to GitHub's own body limit,
 * and at most MAX_KEYWORD_REFERENCES references are taken from it.
 */
import { GITHUB_BODY_LIMIT } from '../report/escape.js';

export const MAX_KEYWORD_REFERENCES = 100;

const KEYWORD = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?[ \t]+(?:([\w.-]+\/[\w.-]+)?#(\d{1,9})\b|https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/issues\/(\d{1,9})\b)/gi;

export interface KeywordReferences {
  /** Issue numbers of this repository, in the order they appear, each once. */
  closes: number[];
  /** References to other repositories' issues (`owner/name#12`). */
  closesElsewhere: string[];
  /** More references than are read: the rest were not. */
  truncated: boolean;
}

export function closingKeywords(body: string, repo: { owner: string; name: string }): KeywordReferences {
  const here = `${repo.owner}/${repo.name}`.toLowerCase();
  const closes = new Set<number>();
  const elsewhere = new Set<string>();
  let truncated = false;
  for (const match of body.slice(0, GITHUB_BODY_LIMIT).matchAll(KEYWORD)) {
    if (closes.size + elsewhere.size >= MAX_KEYWORD_REFERENCES) {
      truncated = true;
      break;
    }
    const repository = (match[1] ?? match[3])?.toLowerCase();
    const number = Number(match[2] ?? match[4]);
    if (!Number.isSafeInteger(number) || number <= 0) continue;
    if (!repository || repository === here) closes.add(number);
    else elsewhere.add(`${repository}#${number}`);
  }
  return { closes: [...closes], closesElsewhere: [...elsewhere], truncated };
}
