/**
 * What the reliability suites share: a small roadmap in the fake GitHub, runs
 * of the action in this process (writes unpaced), what "converged" means, the
 * search for a token in everything a run produced, and the figures each suite
 * reports for docs/reliability.md.
 */
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issuesEvent, scheduleEvent } from '../e2e/events.js';
import { dealRequest, examplePolicy, healthyRoadmap, POLICY_PATH } from '../e2e/fixtures.js';
import type { ActionResult, WorkflowEvent } from '../e2e/run-action.js';
import { type InProcessEvent, runTogether } from '../e2e/run-in-process.js';
import type { SuiteFigures } from './figures.js';

export { figures, reportFigures } from './figures.js';

/** Distinctive token values: searched for in every artifact of every run. */
export const SECRET_TOKEN = 'ghs_RoadmapGuardSecret7d1f0c9a4e';
export const SECRET_PROJECT_TOKEN = 'github_pat_RoadmapGuardProject5b2e';
export const DASHBOARD_TITLE = 'Roadmap health';
export const NOW = new Date('2026-11-21T12:00:00Z');
/** Each try's deadline in these runs: long for the fake on one machine, short enough that hangs cost little time. */
export const REQUEST_TIMEOUT_MS = 200;
/** The new deal request every scenario's issue event is about: its business case is incomplete. */
export const NEW_DEAL = 31;

export async function startRoadmap(): Promise<FakeGitHub> {
  const fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'reliable' }, tokens: { [SECRET_TOKEN]: WORKFLOW_BOT }, clock: () => '2026-11-21T10:00:00Z' });
  fake.seed({ files: { [POLICY_PATH]: await examplePolicy() }, issues: healthyRoadmap({ count: 30, nonCompliantDeals: 1 }) });
  fake.addIssue({ number: NEW_DEAL, ...dealRequest({ answers: { 'Success metric': null } }) });
  return fake;
}

export const audit = (fake: FakeGitHub): WorkflowEvent => scheduleEvent(fake);
export const issueOpened = (fake: FakeGitHub, number = NEW_DEAL): WorkflowEvent => issuesEvent(fake, { action: 'opened', number });

export interface RunRecord extends ActionResult {
  /** run() itself threw: a crash, where every failure should have been reported. */
  crashed: boolean;
}

/**
 * Runs the action once per event in this process (see run-in-process.ts), all
 * at the same time when there are several (a race), with the distinctive
 * tokens, a dashboard, and a short deadline on each request.
 */
export async function runEvents(fake: FakeGitHub, events: InProcessEvent[], inputs: Record<string, string> = {}): Promise<RunRecord> {
  const { crash, ...record } = await runTogether({
    fake,
    events,
    token: SECRET_TOKEN,
    inputs: { 'project-token': SECRET_PROJECT_TOKEN, 'dashboard-issue': DASHBOARD_TITLE, ...inputs },
    now: NOW,
    client: { maxWaitSeconds: 60, requestTimeoutMs: REQUEST_TIMEOUT_MS },
  });
  return { ...record, crashed: crash !== undefined };
}

/** What the runs leave on GitHub that matters: per issue, the bot's comments and the labels; the bot's open dashboards. */
export function repositoryState(fake: FakeGitHub) {
  const issues = fake.repository.issues.filter((issue) => !isDashboard(issue.body ?? ''));
  return {
    issues: Object.fromEntries(
      issues.map((issue) => [
        issue.number,
        { botComments: botComments(fake, issue.number).length, labels: [...issue.labels].sort() },
      ]),
    ),
    openDashboards: fake.repository.issues.filter((issue) => issue.state === 'open' && isDashboard(issue.body ?? '') && issue.author === WORKFLOW_BOT).length,
  };
}

function isDashboard(body: string): boolean {
  return body.includes(DASHBOARD_MARKER);
}

export function botComments(fake: FakeGitHub, issue: number) {
  return fake.comments(issue).filter((comment) => comment.author === WORKFLOW_BOT && comment.body.includes(COMMENT_MARKER));
}

/** Issues with more than one bot comment, and dashboards beyond the first. */
export function duplicatesIn(fake: FakeGitHub): number {
  const state = repositoryState(fake);
  const comments = Object.values(state.issues).reduce((sum, issue) => sum + Math.max(0, issue.botComments - 1), 0);
  return comments + Math.max(0, state.openDashboards - 1);
}

/** Where a token value showed up: the log (minus `::add-mask::`, which the runner consumes), summary, outputs, GitHub. */
export function secretsEchoed(record: RunRecord | undefined, fake: FakeGitHub): string[] {
  const shown = record ? record.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n') : '';
  const artifacts: Record<string, string> = {
    log: shown,
    summary: record?.summary ?? '',
    outputs: JSON.stringify(record?.outputs ?? {}),
    github: JSON.stringify(fake.repository.issues.map((issue) => [issue.title, issue.body, fake.comments(issue.number).map((c) => c.body)])),
  };
  return Object.entries(artifacts).flatMap(([where, text]) =>
    [SECRET_TOKEN, SECRET_PROJECT_TOKEN].filter((secret) => text.includes(secret)).map((secret) => `${where}: ${secret.slice(0, 8)}…`),
  );
}

/** A crash shows as a stack trace in the log, or run() throwing. */
export function crashed(record: RunRecord): boolean {
  return record.crashed || /^\s+at .+:\d+:\d+\)?$/m.test(record.stdout);
}

/**
 * Counts one run (or one burst of runs) into the figures. `plantedOnGitHub`:
 * the test put a token into an issue itself, so GitHub holding it is not an echo.
 */
export function countRun(figures: SuiteFigures, record: RunRecord, fake: FakeGitHub, options: { runs?: number; plantedOnGitHub?: boolean } = {}): void {
  const runs = options.runs ?? 1;
  figures.runs += runs;
  if (crashed(record)) figures.crashes += 1;
  else figures.runsSurvived += runs;
  figures.secretsEchoed += secretsEchoed(record, fake).filter((where) => !(options.plantedOnGitHub && where.startsWith('github:'))).length;
}
