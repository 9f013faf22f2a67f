/**
 * The report a lead reads: the job summary, and the same markdown in a file
 * whose path is the `report` output, for a later step to upload or post.
 */
import * as runner from './workflow-commands.js';
import { appendFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCounts, type RequestCounts } from '../github/request-counts.js';
import { escapeText } from '../report/escape.js';
import { renderMarkdownReport } from '../report/summary.js';
import type { ReportInput } from '../report/types.js';

const REPORT_FILE_NAME = 'roadmap-guard-report.md';

/** Writes the job summary and the report file; returns the file's path. */
export async function writeReport(input: ReportInput, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return writeReportMarkdown(renderMarkdownReport(input), env);
}

/** Writes markdown already rendered (the pull-request checks' report) as the job summary and the report file. */
export async function writeReportMarkdown(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = join(env.RUNNER_TEMP || tmpdir(), REPORT_FILE_NAME);
  await writeFile(path, markdown, 'utf8');
  await writeSummary(markdown, env);
  return path;
}

/** The most problems a failure summary lists; a policy is at most 1 MB, so there is always a bound. */
const MAX_DETAILS = 500;

/** When the run could not finish, the summary still says why (each of `details`, e.g. every policy problem, on a line of its own) and what it cost. */
export async function writeFailureSummary(reason: string, counts: RequestCounts, details: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const listed = details.slice(0, MAX_DETAILS).map((line) => `- ${escapeText(line, 400)}`);
  if (details.length > MAX_DETAILS) listed.push(`- …and ${details.length - MAX_DETAILS} more, in the log`);
  await writeSummary(
    ['## Roadmap Guard could not finish', '', escapeText(reason, 2000), '', ...(listed.length ? [...listed, ''] : []), `- **API requests:** ${describeCounts(counts)}`, ''].join('\n'),
    env,
  );
}

async function writeSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    runner.info('No job summary file (GITHUB_STEP_SUMMARY is not set); the report is in the `report` output.');
    return;
  }
  // Appended as the runner expects; read from env each time rather than cached, so one process can report twice.
  await appendFile(env.GITHUB_STEP_SUMMARY, `${markdown.trimEnd()}\n`, 'utf8');
}
