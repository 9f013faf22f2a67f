/**
 * The action, step by step: inputs → policy → read → evaluate → plan →
 * apply → report → outputs. Outputs are set and the run is failed (once, with
 * a one-line reason) whatever happens along the way.
 */
import { buildReportInput, outcomeMonths } from '../report/report-input.js';
import { windowStart } from '../core/trend.js';
import { evaluate } from '../core/evaluate.js';
import { itemName } from '../core/item-name.js';
import type { Evaluation } from '../core/types.js';
import { loadPolicy, type LoadedPolicy } from '../policy/load.js';
import { formatProblem, PolicyError } from '../policy/errors.js';
import type { ApplyOptions, ApplyResult, ConnectForge, Forge, RequestCounts } from '../ports/forge.js';
import { describeApplied, describeCounts, oneLine } from '../ports/describe.js';
import { getErrorMessage } from '../ports/errors.js';
import type { RelayedTarget } from '../ports/reads.js';
import type { Runner } from '../ports/runner.js';
import { itemFindings, planDashboard, planWrites } from '../plan/planned-writes.js';
import type { PlannedWrite } from '../plan/types.js';
import { renderComment } from '../report/comment.js';
import { renderDashboard } from '../report/dashboard.js';
import type { ReportInput, RunFacts } from '../report/types.js';
import type { Conversation } from '../memory/conversation.js';
import { onDefaultBranch, readEventContext, routeEvent, type EventContext, type Route } from './events.js';
import { completeCommentLookups, gatherAudit, gatherIssue, type Gathered } from './gather.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { outputsFrom, setOutputs } from './outputs.js';
import { annotatePolicyProblems, annotatePolicyWarnings } from './policy-annotations.js';
import { guardPullRequest } from './pull-request.js';
import { planPullRequestStatuses } from './pull-request-statuses.js';
import { writeFailureSummary, writeReport } from './job-summary.js';
import { scopeToItem } from '../plan/scope.js';
import { registerSecret, withoutSecrets } from './secrets.js';
import { auditExemptions, checkHandLabel, restoreRecords, runCommand, type Decided } from './command.js';
import { addsExemptionLabel } from '../commands/exemption-label.js';
import { conversationsFor, exemptionRecordsOf } from './conversations.js';
import { savedStateStore } from '../saved-state/saved-state.js';
import { boardItems, readRunBoard, requireProjectToken, summarizeBoard, gatheredWithBoardItems } from './board-work.js';
import { boardStateStore } from '../saved-state/board-state.js';
import { plural } from '../core/wording.js';
import { relayedLeftOut } from './project-dispatch.js';
import { archiveFirst, bothApplied, notTried } from './archive-first.js';

export interface RunOptions {
  /** The forge the run reads and writes (GitHub, from the composition root; memory, in tests). */
  connect: ConnectForge;
  /** Where inputs come from and the log, annotations, summary and outputs go. */
  runner: Runner;
  /** Where the event is read from (`GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`…); `process.env` unless given. Tests run events side by side with it. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

interface RunState {
  forge?: Forge;
  evaluation?: Evaluation;
  reportPath: string;
}

const NO_REQUESTS: RequestCounts = { graphql: 0, graphqlPoints: 0, restRead: 0, write: 0 };

export async function run(options: RunOptions): Promise<void> {
  const { runner } = options;
  const state: RunState = { reportPath: '' };
  runner.startStep();
  let failure: string | undefined;
  try {
    failure = await guardRoadmap(options, state);
  } catch (error) {
    failure = explainFailure(error, runner, state.forge);
    await writeFailureSummary(failure, state.forge?.counts() ?? NO_REQUESTS, failureDetails(error), runner).catch((e: unknown) => runner.warning(`Could not write the job summary: ${getErrorMessage(e)}`));
  } finally {
    const counts = state.forge?.counts() ?? NO_REQUESTS;
    if (state.forge) runner.info(`API requests: ${describeCounts(counts)}.`);
    setOutputs(outputsFrom(state.evaluation, state.reportPath, counts, failure !== undefined), runner);
    if (failure) runner.setFailed(failure);
  }
}

/** The steps. Returns why the run fails, or undefined when it passes. */
async function guardRoadmap(options: RunOptions, state: RunState): Promise<string | undefined> {
  // 1. Inputs and the event.
  const { runner } = options;
  const inputs = readInputs((name) => runner.getInput(name), (secret) => registerSecret(secret, runner));
  const context = readEventContext(options.env ?? process.env);
  const routed = routeEvent(context, inputs.mode);
  if (routed.mode === 'ignored') {
    runner.notice(routed.notice);
    return undefined;
  }
  runner.info(`Roadmap Guard: ${describeRoute(routed)}${inputs.dryRun ? ' (dry run: nothing will be written)' : ''}.`);
  const forge = await connect(inputs, options);
  state.forge = forge;
  const ports = { forge, runner };
  if (routed.mode === 'pull-request') return gateMerge({ ...ports, context, inputs, pullRequest: routed.pullRequest, now: nowOf(options), state });
  const route = routed.mode === 'relayed' ? await relayedRoute(ports, context, routed.target) : routed;
  if (!route) return undefined;

  // 2. The policy.
  const loaded = await loadRepositoryPolicy(ports, context, inputs);

  // 3. Read what the mode needs.
  const now = nowOf(options);
  const read = await boardAsPlannedWork(await gather(ports, context, loaded, inputs, route, now), { context, loaded, inputs, route, options });
  if (read.focusIsDashboard) return skipDashboard(route, runner);
  // Decisions about exceptions and outcomes come first, so the evaluation sees the issues as they leave them.
  const decided = await decideExceptions({ ...ports, context, loaded, route, gathered: read, now });
  runner.info(`Read ${describeRead(decided.gathered)}.`);

  // 4. Evaluate; an audit archives what is due first, and judges the repository as it leaves it.
  const archived = await archiveFirst({ forge, repo: context.repo, policy: loaded.policy, mode: route.mode, gathered: decided.gathered, evaluation: evaluateRoute(loaded.policy, decided.gathered, route, now), now, apply: applyOptions(inputs, runner) });
  const { gathered, evaluation } = archived;
  state.evaluation = evaluation;
  const report = reportInputFor({ context, loaded, inputs, route, gathered, evaluation, now, decided });

  // 5. Plan the writes: the issues', and the merge gate's status on the open pull requests they change.
  const statuses = await planPullRequestStatuses({ ...ports, context, policy: loaded.policy, items: gathered.items, fullItems: route.mode === 'audit' ? gathered.items : gathered.syncItems, now, note: (message) => decided.notes.push(message) });
  const plan = notTried(await planRun({ forge, context, loaded, inputs, route, gathered, evaluation, report, decided, statuses }), archived.tried);

  // 6. Apply them, within what is left of max-writes once the archives were written.
  const applied = bothApplied(archived.applied, await applyPlan(ports, context, plan, inputs, archived.applied));

  // 7. Report.
  const warnings = loaded.warnings.map((warning) => withoutSecrets(formatProblem(warning)));
  state.reportPath = await writeReport(
    {
      ...report,
      run: { ...runFacts(forge.counts(), applied), ...(decided.notes.length ? { notes: decided.notes } : {}), ...(warnings.length ? { policyWarnings: warnings } : {}) },
    },
    runner,
  );

  // 8. Pass or fail.
  return writesFailure(applied) ?? (evaluation.compliant ? undefined : failingFindings(evaluation));
}

function nowOf(options: RunOptions): Date {
  return options.now?.() ?? new Date();
}

/** A pull request event: the merge gate checks the issues it closes. */
async function gateMerge(options: Parameters<typeof guardPullRequest>[0]): Promise<string | undefined> {
  const checked = await guardPullRequest(options);
  return writesFailure(checked.applied) ?? checked.failure;
}

function applyOptions(inputs: ActionInputs, runner: Runner, before?: ApplyResult): ApplyOptions {
  const spent = before ? before.made.length + before.failed.length + before.notAttempted.length : 0;
  return { dryRun: inputs.dryRun, maxWrites: inputs.maxWrites - spent, log: runner };
}

async function applyPlan({ forge, runner }: RunPorts, context: EventContext, plan: PlannedWrite[], inputs: ActionInputs, before?: ApplyResult): Promise<ApplyResult> {
  // What stopped the archive writes (permissions, the rate limit) would stop these too.
  if (before?.stoppedBy) return { made: [], skippedByDryRun: [], deferred: [], failed: [], notAttempted: plan };
  const applied = await forge.applyWrites(context.repo, plan, applyOptions(inputs, runner, before));
  if (!inputs.dryRun && plan.length) runner.info(describeApplied(applied));
  return applied;
}

/** The forge and the runner, which every step past the inputs talks through. */
interface RunPorts {
  forge: Forge;
  runner: Runner;
}

/** The forge, connected only now: a run that ignores its event never loads a client. */
function connect(inputs: ActionInputs, options: RunOptions): Promise<Forge> {
  const { runner } = options;
  return options.connect({ token: inputs.githubToken, warn: (message) => runner.warning(message), earlierIdentities: inputs.previousBotLogins });
}

/** The dashboard issue is the bot's own report, not planned work. */
function skipDashboard(route: CheckedRoute, runner: Runner): undefined {
  runner.notice(`#${route.mode === 'issue' ? route.issueNumber : ''} is the dashboard issue Roadmap Guard keeps; it is not planned work, so there is nothing to check.`);
  return undefined;
}

/** "12 open issues and 30 closed for the trend". */
function describeRead(gathered: Gathered): string {
  const closed = gathered.closedItems.length ? ` and ${gathered.closedItems.length} closed for the trend` : '';
  return `${plural(gathered.items.length, 'open issue')}${closed}`;
}

/** The whole roadmap is evaluated (budgets need it); an issue event then keeps what concerns its issue. */
function evaluateRoute(policy: LoadedPolicy['policy'], gathered: Gathered, route: CheckedRoute, now: Date): Evaluation {
  const evaluated = evaluate(policy, gathered.items, now, gathered.closedItems);
  return route.mode === 'issue' ? scopeToItem(evaluated, route.issueNumber) : evaluated;
}

/** What every report of this run is rendered from. */
function reportInputFor(run: Pick<PlanContext, 'context' | 'loaded' | 'inputs' | 'route' | 'gathered' | 'evaluation' | 'decided'> & { now: Date }): ReportInput {
  const { context, loaded, inputs, route, gathered } = run;
  const audit = route.mode === 'audit';
  const exemptionRecords = audit ? exemptionRecordsOf(run.decided) : undefined;
  return buildReportInput({
    mode: route.mode,
    policy: loaded.policy,
    items: [...gathered.items, ...gathered.closedItems],
    now: run.now,
    evaluation: run.evaluation,
    policySources: loaded.sources,
    sourceName: `${context.repo.owner}/${context.repo.name}`,
    policyUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.name}/blob/${loaded.commit ?? 'HEAD'}/${inputs.policyPath}`,
    ...(loaded.commit ? { policyCommit: loaded.commit } : {}),
    ...(route.mode === 'issue' ? { focusItem: route.issueNumber } : {}),
    trendMonths: audit ? inputs.trendMonths : 0,
    outcomeMonths: audit ? outcomeMonths(loaded.policy, inputs.trendMonths) : 0,
    trendExtraRequests: gathered.trendRequests,
    ...(audit && gathered.execution ? { execution: gathered.execution } : {}),
    ...(exemptionRecords ? { exemptionRecords } : {}),
    ...(gathered.boardReadAt ? { boardReadAt: gathered.boardReadAt } : {}),
  });
}

/**
 * A refused write fails the run too: otherwise a comment or label that never
 * landed would go unnoticed behind a green check.
 */
function writesFailure(applied: ApplyResult): string | undefined {
  if (applied.stoppedBy) return `${firstLine(applied.failed.at(-1)?.reason ?? getErrorMessage(applied.stoppedBy))} ${describeApplied(applied)}`;
  if (applied.failed.length > 0) return `GitHub refused ${applied.failed.length} of the run's writes. ${describeApplied(applied)}`;
  return undefined;
}

function describeRoute(route: Exclude<Route, { mode: 'ignored' }>): string {
  if (route.mode === 'issue') return `issue mode for #${route.issueNumber}${route.command ? ` (/roadmap ${route.command.command.name} by ${route.command.actor})` : ''}`;
  if (route.mode === 'pull-request') return `merge gate for pull request #${route.pullRequest.number}`;
  if (route.mode === 'relayed') return `relayed board item (${'number' in route.target ? `#${route.target.number}` : route.target.nodeId})`;
  return 'audit mode';
}

/** A relayed board item is checked like an issue event once GitHub says it is an issue of this repository; anything else is left out with a notice. */
async function relayedRoute({ forge, runner }: RunPorts, context: EventContext, target: RelayedTarget): Promise<CheckedRoute | undefined> {
  const content = await forge.resolveRelayedContent(context.repo, target);
  if ('issueNumber' in content) {
    runner.info(`The relayed board item is issue #${content.issueNumber}: checking it like an issue event.`);
    return { mode: 'issue', issueNumber: content.issueNumber };
  }
  runner.notice(relayedLeftOut(content.leftOut));
  return undefined;
}

/** A command, a hand-added exemption label, or (in audits) exceptions that lapsed. */
async function decideExceptions(options: RunPorts & { context: EventContext; loaded: LoadedPolicy; route: Extract<Route, { mode: 'issue' | 'audit' }>; gathered: Gathered; now: Date }): Promise<Decided> {
  const { route, loaded, runner } = options;
  // What the decisions could not check is said in the log and in the job summary.
  const notes: string[] = [];
  const warn = (message: string) => {
    runner.warning(message);
    if (!notes.includes(message)) notes.push(message);
  };
  const common = { forge: options.forge, repo: options.context.repo, policy: loaded.policy, gathered: options.gathered, now: options.now, warn };
  const decided = await restoreRecords(common, await decide(route, loaded, common, runner));
  return { ...decided, notes };
}

async function decide(route: Extract<Route, { mode: 'issue' | 'audit' }>, loaded: LoadedPolicy, common: Parameters<typeof auditExemptions>[0], runner: Runner): Promise<Omit<Decided, 'notes'>> {
  if (route.mode === 'audit') return auditExemptions(common);
  if (route.command) {
    const decided = await runCommand({ ...common, request: route.command });
    runner.info(`/roadmap ${route.command.command.name} by ${route.command.actor}: ${decided.decisions[0]?.decision.status ?? 'done'}.`);
    return decided;
  }
  if (addsExemptionLabel(loaded.policy, route.labelAdded)) return checkHandLabel({ ...common, added: route.labelAdded });
  return { decisions: [], labelWrites: [], gathered: common.gathered };
}

async function loadRepositoryPolicy({ forge, runner }: RunPorts, context: EventContext, inputs: ActionInputs): Promise<LoadedPolicy> {
  const reader = forge.policyReader({
    repo: context.repo,
    ...(context.workspace ? { workspace: context.workspace } : {}),
    ...(context.sha ? { sha: context.sha } : {}),
    onRead: (description) => runner.info(`Policy file: ${description}.`),
  });
  const loaded = await loadPolicy(inputs.policyPath, reader);
  runner.info(`Policy: ${loaded.sources.join(', extending ')}${loaded.commit ? ` at ${loaded.commit.slice(0, 7)}` : ''}.`);
  annotatePolicyWarnings(loaded.warnings, runner);
  requireProjectToken(loaded.policy, inputs.projectToken);
  return loaded;
}

function gather({ forge, runner }: RunPorts, context: EventContext, loaded: LoadedPolicy, inputs: ActionInputs, route: CheckedRoute, now: Date): Promise<Gathered> {
  const common = { forge, repo: context.repo, policy: loaded.policy, ...(inputs.dashboardIssue ? { dashboardTitle: inputs.dashboardIssue } : {}) };
  const state = savedStateStore({ ...common, enabled: inputs.savedState, dryRun: inputs.dryRun, eventName: context.eventName, onDefaultBranch: onDefaultBranch(context), log: (line) => runner.info(line) });
  // With a board, planned work is the board's items (see boardAsPlannedWork), which the board read gives in full: the repository's other open issues are not needed.
  const readBudget = loaded.policy.work.project ? async () => [] : state.budgetItems;
  if (route.mode === 'issue') return gatherIssue({ ...common, issueNumber: route.issueNumber, readBudget });
  const closedMonths = Math.max(inputs.trendMonths, outcomeMonths(loaded.policy, inputs.trendMonths));
  return state.afterAuditRead(() => gatherAudit({ ...common, now, ...(closedMonths > 0 ? { trendSince: windowStart(now, closedMonths) } : {}) }));
}

/** The routes whose run reads, evaluates and syncs issues. */
type CheckedRoute = Extract<Route, { mode: 'issue' | 'audit' }>;

/** With `work.project`, the board's items become the planned work (see board-work.ts). */
async function boardAsPlannedWork(
  gathered: Gathered,
  run: { context: EventContext; loaded: LoadedPolicy; inputs: ActionInputs; route: CheckedRoute; options: RunOptions },
): Promise<Gathered> {
  const board = run.loaded.policy.work.project;
  if (!board || gathered.focusIsDashboard) return gathered;
  const { runner } = run.options;
  const { context, inputs, route } = run;
  const forge = await run.options.connect({ token: inputs.projectToken, warn: (message) => runner.warning(message) });
  const store = boardStateStore({ forge, repo: context.repo, board, policy: run.loaded.policy, enabled: inputs.savedState, dryRun: inputs.dryRun, eventName: context.eventName, onDefaultBranch: onDefaultBranch(context), log: (line) => runner.info(line) });
  const focus = route.mode === 'issue' ? gathered.items.find((item) => item.number === route.issueNumber) : undefined;
  const source = await readRunBoard({ forge, runner, loaded: run.loaded, repo: context.repo, store, ...(focus ? { focus } : {}) });
  runner.info(`Board read: ${describeCounts(forge.counts())}.`);
  const work = boardItems(source.read, context.repo, run.loaded.policy, gathered.items);
  await summarizeBoard(board, source, work, runner);
  return { ...gatheredWithBoardItems(gathered, work, focus?.number), ...(source.savedAt ? { boardReadAt: source.savedAt } : {}) };
}

interface PlanContext {
  forge: Forge;
  context: EventContext;
  loaded: LoadedPolicy;
  inputs: ActionInputs;
  route: CheckedRoute;
  gathered: Gathered;
  evaluation: Evaluation;
  report: ReportInput;
  decided: Decided;
  /** The merge gate's statuses to update (pull-request-statuses.ts). */
  statuses: PlannedWrite[];
}

async function planRun(run: PlanContext): Promise<PlannedWrite[]> {
  const { route, evaluation, report } = run;
  const focusItem = route.mode === 'issue' ? route.issueNumber : undefined;
  const existingComments = await completeCommentLookups({
    forge: run.forge,
    repo: run.context.repo,
    policy: run.loaded.policy,
    gathered: run.gathered,
    // Whether the bot already commented matters only where it may comment now.
    matters: (item) => run.loaded.policy.enforcement.comment && (item.number === focusItem || itemFindings(evaluation, item.number).length > 0),
  });
  const conversationFor = conversationsFor({ existingComments, report, decisions: run.decided.decisions, ...(run.decided.trails ? { trails: run.decided.trails } : {}) });
  const itemWrites = planWrites({
    evaluation,
    items: run.gathered.syncItems,
    existingComments,
    existingLabels: run.gathered.existingLabels,
    policy: run.loaded.policy,
    mode: route.mode,
    ...(focusItem === undefined ? {} : { focusItem }),
    renderedComments: (item, previousBody) =>
      renderComment({ ...report, focusItem: item, ...withConversation(conversationFor(item)), ...(previousBody === undefined ? {} : { previousBody }) }),
    conversationFor,
  });
  // Labels the decisions take off go first; labels they put on go after the comment that records the grant behind them
  // (a run started by that label reads the grant, never a label without one); the reaction last: a 👍 means everything else was written.
  const removals = run.decided.labelWrites.filter((write) => write.kind !== 'add-labels');
  const additions = run.decided.labelWrites.filter((write) => write.kind === 'add-labels');
  const writes = [...removals, ...itemWrites, ...additions, ...run.statuses, ...(run.decided.reaction ? [run.decided.reaction] : [])];
  if (route.mode !== 'audit' || !run.inputs.dashboardIssue) return writes;
  return [...writes, ...planDashboard({ title: run.inputs.dashboardIssue, body: renderDashboard(report), existing: run.gathered.dashboard, extras: run.gathered.extraDashboards })];
}

function withConversation(conversation: Conversation | undefined): { conversation?: Conversation } {
  return conversation ? { conversation } : {};
}

function runFacts(counts: RequestCounts, applied: ApplyResult): RunFacts {
  return {
    requests: { graphql: counts.graphql, graphqlPoints: counts.graphqlPoints, restRead: counts.restRead, write: counts.write },
    ...(counts.rateLimitRemaining === undefined ? {} : { rateLimitRemaining: counts.rateLimitRemaining }),
    writes: {
      made: applied.made.length,
      skippedByDryRun: applied.skippedByDryRun.length,
      deferredByMaxWrites: applied.deferred.length,
      failed: [
        ...applied.failed.map((f) => ({ description: f.write.description, reason: firstLine(f.reason), cause: f.cause })),
        ...applied.notAttempted.map((w) => ({ description: w.description, reason: 'not attempted: the run stopped at an earlier write' })),
      ],
    },
    archived: applied.made.flatMap((w) => (w.kind === 'close-issue' ? [w.issue] : [])),
  };
}

/** One line for the check: how many findings fail and the first few. */
function failingFindings(evaluation: Evaluation): string {
  const failing = evaluation.findings.filter((f) => f.severity === 'fail');
  const shown = failing.slice(0, 3).map((f) => `${f.item ? `${itemName(f.item)} ` : ''}${firstLine(f.message)}`);
  const more = failing.length > shown.length ? `; and ${failing.length - shown.length} more` : '';
  return `${plural(failing.length, 'finding')} fail${failing.length === 1 ? 's' : ''} the roadmap policy: ${shown.join('; ')}${more}. See the job summary.`;
}

/** Logs the details of an error and returns the one line the check shows. */
function explainFailure(error: unknown, runner: Runner, forge: Forge | undefined): string {
  if (error instanceof PolicyError) {
    annotatePolicyProblems(error, runner);
    const count = error.problems.length;
    const logOnly = runner.annotationsLeftOut().error;
    const where = logOnly ? `listed in the log and the job summary; GitHub shows ${runner.annotationsPerStep} error annotations per step, so ${logOnly} are not annotated` : 'listed above';
    return withoutSecrets(`The roadmap policy is invalid${count > 1 ? ` (${count} problems, ${where})` : ''}: ${firstLine(error.message)}`);
  }
  const message = getErrorMessage(error);
  if (message.includes('\n')) runner.info(withoutSecrets(message));
  // Before the forge is connected nothing was asked of it: the error's own words say what failed.
  return withoutSecrets(forge ? forge.describeFailure(error) : oneLine(message));
}

/** What the failure summary lists below the reason: every policy problem, since annotations show only the first ones. */
function failureDetails(error: unknown): string[] {
  return error instanceof PolicyError && error.problems.length > 1 ? error.message.split('\n').map(withoutSecrets) : [];
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

