/**
 * The report a lead reads: the job summary, and the same markdown in a file
 * whose path is the `report` output, for a later step to upload or post.
 */
import { describeCounts } from '../ports/describe.js';
import type { RequestCounts } from '../ports/forge.js';
import type { Runner } from '../ports/runner.js';
import { escapeText } from '../report/escape.js';
import { renderMarkdownReport } from '../report/summary.js';
import type { ReportInput } from '../report/types.js';

const REPORT_FILE_NAME = 'roadmap-guard-report.md';

/** Writes the job summary and the report file; returns the file's path. */
export async function writeReport(input: ReportInput, runner: Runner): Promise<string> {
  return writeReportMarkdown(renderMarkdownReport(input), runner);
}

/** Writes markdown already rendered (the pull-request checks' report) as the job summary and the report file. */
export async function writeReportMarkdown(markdown: string, runner: Runner): Promise<string> {
  const path = runner.writeRunFile(REPORT_FILE_NAME, markdown);
  await writeSummary(markdown, runner);
  return path;
}

/** The most problems a failure summary lists; a policy is at most 1 MB, so there is always a bound. */
const MAX_DETAILS = 500;

/** When the run could not finish, the summary still says why (each of `details`, e.g. every policy problem, on a line of its own) and what it cost. */
export async function writeFailureSummary(reason: string, counts: RequestCounts, details: string[], runner: Runner): Promise<void> {
  const listed = details.slice(0, MAX_DETAILS).map((line) => `- ${escapeText(line, 400)}`);
  if (details.length > MAX_DETAILS) listed.push(`- …and ${details.length - MAX_DETAILS} more, in the log`);
  await writeSummary(
    ['## Roadmap Guard could not finish', '', escapeText(reason, 2000), '', ...(listed.length ? [...listed, ''] : []), `- **API requests:** ${describeCounts(counts)}`, ''].join('\n'),
    runner,
  );
}

/** Appended as the runner expects, after what earlier steps wrote. */
async function writeSummary(markdown: string, runner: Runner): Promise<void> {
  if (!(await runner.appendSummary(`${markdown.trimEnd()}\n`))) runner.info('No job summary file (GITHUB_STEP_SUMMARY is not set); the report is in the `report` output.');
}
