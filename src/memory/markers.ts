/**
 * Hidden markers that let the bot find its own comment and dashboard issue
 * again (together with the author), so it edits them in place instead of
 * posting duplicates. HTML comments do not show in rendered markdown.
 */
export const COMMENT_MARKER = '<!-- roadmap-guard:item -->';
export const DASHBOARD_MARKER = '<!-- roadmap-guard:dashboard -->';
/** Second markers that tell the bot's two sticky comments on a pull request apart (each also carries COMMENT_MARKER). */
export const MERGE_GATE_MARKER = '<!-- roadmap-guard:merge-gate -->';
export const POLICY_PREVIEW_MARKER = '<!-- roadmap-guard:policy-preview -->';

/** True for a line that is one of the markers above and nothing else. */
export function isMarkerLine(line: string): boolean {
  return /^<!-- roadmap-guard:[\w-]+ -->$/.test(line);
}
