/**
 * Hidden markers that let the bot find its own comment and dashboard issue
 * again (together with the author), so it edits them in place instead of
 * posting duplicates. HTML comments do not show in rendered markdown.
 */
export const COMMENT_MARKER = '<!-- roadmap-guard:item -->';
export const DASHBOARD_MARKER = '<!-- roadmap-guard:dashboard -->';
