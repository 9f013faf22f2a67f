/**
 * The report a lead reads: the job summary, and the same markdown in a file
 * whose path is the `report` output, for a later step to upload or post.
 */
import * as core from './workflow-commands.js';
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

/** When the run could not finish, the summary still says why and what it cost. */
export async function writeFailureSummary(reason: string, counts: RequestCounts, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await writeSummary(
    ['## Roadmap Guard could not finish', '', escapeText(reason, 2000), '', `- **API requests:** ${describeCounts(counts)}`, ''].join('\n'),
    env,
  );
}

async function writeSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) {
    core.info('No job summary file (GITHUB_STEP_SUMMARY is not set); the report is in the `report` output.');
    return;
  }
  // Appended as the runner expects; read from env each time rather than cached, so one process can report twice.
  await appendFile(env.GITHUB_STEP_SUMMARY, `${markdown.trimEnd()}\n`, 'utf8');
}
