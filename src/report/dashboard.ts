/**
 * The body of the dashboard issue: the latest audit report, for leads who
 * bookmark an issue rather than open workflow runs. Found again by
 * DASHBOARD_MARKER; run facts are left out so that the body only changes when
 * the roadmap does.
 */
import { GITHUB_BODY_LIMIT, truncateForGitHub } from './escape.js';
import { DASHBOARD_MARKER } from '../memory/markers.js';
import { renderMarkdownReport } from './summary.js';
import type { ReportInput } from './types.js';

const UPDATED_LINE = /^_Updated at [^\n]*_\n?$/m;

export function renderDashboard(input: ReportInput): string {
  const report = renderMarkdownReport({ ...input, mode: 'audit', focusItem: undefined, run: undefined });
  const updated = `_Updated at ${input.evaluation.at.replace('T', ' ').replace(/\.\d+/, '').replace(/Z$/, ' UTC')} by Roadmap Guard._\n`;
  const footerLength = updated.length + 2;
  const body = truncateForGitHub(`${DASHBOARD_MARKER}\n${report}`, GITHUB_BODY_LIMIT - footerLength);
  return `${body}\n${updated}`;
}

/** True when two dashboard bodies differ only in their "updated at" line: no edit is needed. */
export function sameDashboardContent(a: string, b: string): boolean {
  return a.replace(UPDATED_LINE, '').trimEnd() === b.replace(UPDATED_LINE, '').trimEnd();
}
