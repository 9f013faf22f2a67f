/**
 * What must hold after every calm run (a run with nothing else in flight and
 * no fault armed), each a named check that can be switched off on its own.
 * A check sees the issues the run was about (every issue after an audit),
 * less those whose events GitHub has not delivered yet.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../../src/memory/markers.js';
import { readCommentState } from '../../src/memory/state.js';
import { readTrail, type TrailEntry } from '../../src/memory/trail.js';
import { runCli } from '../cli/helpers.js';
import { POLICY_PATH } from '../e2e/fixtures.js';
import type { FakeComment, FakeIssue } from '../fake-github/index.js';
import type { LoggedRequest } from '../fake-github/server.js';
import { scheduleEvent } from '../e2e/events.js';
import { evaluateFromScratch, type RunRecord } from './runner.js';
import { APP_TOKEN, APPROVER_TEAM, APPROVERS, DAY_MS, EXEMPT_LABEL, GRACE_DAYS, KEEP_LABEL, MAX_AGE_DAYS, MAX_OPEN_EXEMPTIONS, productLogin, SECRET_TOKEN, TEAM_APPROVER, type QueuedEvent, type World } from './world.js';

export interface Finding {
  kind: string;
  severity: string;
  item: number | null;
  exempt: boolean;
  /** The category of a budget's finding. */
  category?: string | null;
}

/** The yardstick: what a from-scratch evaluation of GitHub's current state says. */
export interface Scratch {
  findings: Finding[];
  budgets: unknown[];
}

export interface CheckContext {
  world: World;
  /** The calm run; undefined for the check at the end of a life. */
  event?: QueuedEvent;
  run?: RunRecord;
  /** The product's requests during the calm run. */
  requests: LoggedRequest[];
  /** Open and closed issues in scope, all their events delivered. */
  issues: FakeIssue[];
  /** The run was an audit, or this is the end of the life: everything is in scope. */
  global: boolean;
  scratch(): Promise<Scratch>;
  /** The merge gate's judgement of a pull request now (exit code of a dry run). */
  judgeGate(pullRequest: number): Promise<number>;
}

export interface Invariant {
  name: string;
  /** What it asserts, in one line. */
  rule: string;
  check(context: CheckContext): Promise<string[]> | string[];
}

export function productComments(world: World, issue: number): FakeComment[] {
  return world.fake.comments(issue).filter((comment) => world.model.productLogins.has(comment.author) && comment.body.includes(COMMENT_MARKER));
}

function decisionsOn(world: World, issue: number): TrailEntry[] {
  return productComments(world, issue).flatMap((comment) => readTrail(comment.body));
}

const isExempt = (issue: FakeIssue) => issue.labels.some((label) => label.toLowerCase() === EXEMPT_LABEL);
const isDashboard = (issue: FakeIssue) => (issue.body ?? '').includes(DASHBOARD_MARKER);
const roadmapIssues = (context: CheckContext) => context.issues.filter((issue) => !issue.isPullRequest && !isDashboard(issue));

const oneBotComment: Invariant = {
  name: 'one-bot-comment',
  rule: 'at most one bot comment per issue, exactly one on an open issue with a finding to fix; one open dashboard',
  async check(context) {
    const scratch = await context.scratch();
    // A comment that is no command ends its run with no API request (the README's workflow): that run judged nothing,
    // and a bot comment a person deleted comes back with the issue's next event or audit (docs/commands.md).
    const judged = context.global || context.requests.length > 0;
    const problems = roadmapIssues(context).flatMap((issue) => {
      const count = productComments(context.world, issue.number).length;
      if (count > 1) return [`#${issue.number} has ${count} bot comments`];
      const needs = judged && issue.state === 'open' && scratch.findings.some((f) => f.item === issue.number && !f.exempt && (f.kind === 'missing-field' || f.kind === 'forbidden-label'));
      return needs && count === 0 ? [`#${issue.number} needs a bot comment and has none`] : [];
    });
    if (!context.global) return problems;
    const dashboards = context.world.fake.repository.issues.filter((issue) => issue.state === 'open' && isDashboard(issue) && context.world.model.productLogins.has(issue.author));
    return dashboards.length === 1 ? problems : [...problems, `${dashboards.length} open dashboards`];
  },
};

const noCommentOnExcluded: Invariant = {
  name: 'no-comment-on-excluded-work',
  rule: 'work the policy excludes (label bug) gets no bot comment unless someone talks to the bot there',
  check(context) {
    const { model } = context.world;
    return roadmapIssues(context).flatMap((issue) => {
      // Putting the exemption label on asks the bot for an exemption too: "Anyone else's label is removed, with an answer
      // that says whom to ask" (docs/commands.md, Who can put the exemption label on), on any issue.
      const talkedTo = model.commands.some((command) => command.issue === issue.number) || model.exemptLabelAddedBy.has(issue.number);
      if (!issue.labels.includes('bug') || talkedTo) return [];
      return productComments(context.world, issue.number).length ? [`excluded #${issue.number} (bug) got a bot comment`] : [];
    });
  },
};

const decisionKey = (entry: TrailEntry) => JSON.stringify([entry.at, entry.actor, entry.action, entry.outcome ?? null, entry.reason]);

/** Records every decision the bot's comments hold now; called after every run, calm or not. */
export function observeDecisions(world: World): void {
  for (const issue of world.fake.repository.issues) {
    const entries = decisionsOn(world, issue.number);
    if (!entries.length) continue;
    const seen = world.model.decisionsSeen.get(issue.number) ?? new Set<string>();
    for (const entry of entries) seen.add(decisionKey(entry));
    world.model.decisionsSeen.set(issue.number, seen);
  }
}

/** Every decision ever seen on an issue, oldest first. */
function decisionsSeen(world: World, issue: number): TrailEntry[] {
  return [...(world.model.decisionsSeen.get(issue) ?? [])]
    .map((key) => JSON.parse(key) as [string, string, TrailEntry['action'], TrailEntry['outcome'] | null, string])
    .map(([at, actor, action, outcome, reason]) => ({ at, actor, action, ...(outcome ? { outcome } : {}), reason }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const decisionsKept: Invariant = {
  name: 'decisions-kept',
  rule: 'no grant, revoke, outcome or refusal once recorded in a bot comment disappears (unless a person deleted that comment)',
  check(context) {
    return roadmapIssues(context).flatMap((issue) => {
      const now = new Set(decisionsOn(context.world, issue.number).map(decisionKey));
      const deleted = Date.parse(context.world.model.botCommentDeletedAt.get(issue.number) ?? '');
      const lost = decisionsSeen(context.world, issue.number)
        .filter((entry) => !(Date.parse(entry.at) <= deleted))
        .map(decisionKey)
        .filter((key) => !now.has(key));
      return lost.map((key) => `#${issue.number} lost the decision ${key}`);
    });
  },
};

const commandsAnswered: Invariant = {
  name: 'commands-answered',
  rule: 'every /roadmap command a person types gets the bot’s reaction once its events are delivered',
  check(context) {
    const inScope = new Set(roadmapIssues(context).map((issue) => issue.number));
    return context.world.model.commands
      .filter((command) => inScope.has(command.issue))
      .filter((command) => !context.world.fake.reactionsOn(command.commentId).some((reaction) => context.world.model.productLogins.has(reaction.user)))
      .map((command) => `the command of ${command.at} on #${command.issue} was never answered`);
  },
};

const exemptionByApprover: Invariant = {
  name: 'exemption-by-approver',
  rule: 'the exemption label stays only behind an approver’s grant made after the label was last removed by hand',
  check(context) {
    return roadmapIssues(context).flatMap((issue) => {
      if (issue.state !== 'open' || !isExempt(issue)) return [];
      // The decisions ever recorded: a person who deleted the bot's comment did not undo the grant it recorded.
      // A "record restored from GitHub" row says where the rows before it came from (docs/commands.md, Where the record lives): it decides nothing.
      const last = decisionsSeen(context.world, issue.number).filter((entry) => entry.action !== 'outcome' && entry.action !== 'restore').at(-1);
      const removed = context.world.model.exemptLabelRemovedAt.get(issue.number);
      if (!last || last.action !== 'exempt' || !APPROVERS.includes(last.actor)) return [`#${issue.number} is exempt without an approver's grant (last decision: ${last ? `${last.action} by ${last.actor}` : 'none'})`];
      // Put back by an approver, the label stands on the grant still in force; put back by anyone else, it needs a new one.
      const readdedBy = context.world.model.exemptLabelAddedBy.get(issue.number);
      if (removed && Date.parse(last.at) < Date.parse(removed) && !APPROVERS.includes(readdedBy ?? '')) return [`#${issue.number} is exempt on a grant of ${last.at}, though the label was removed by hand at ${removed} and put back by ${readdedBy ?? 'someone'}`];
      return [];
    });
  },
};

const exemptionsWithinCap: Invariant = {
  name: 'exemptions-within-max-open',
  rule: `after an audit, at most exemptions.max-open (${MAX_OPEN_EXEMPTIONS}) open issues carry the exemption label`,
  check(context) {
    if (!context.global || context.world.queue.length) return [];
    const open = context.world.fake.repository.issues.filter((issue) => issue.state === 'open' && !issue.isPullRequest && isExempt(issue));
    return open.length > MAX_OPEN_EXEMPTIONS ? [`${open.length} open exemptions (${open.map((i) => `#${i.number}`).join(', ')}), max-open is ${MAX_OPEN_EXEMPTIONS}`] : [];
  },
};

const archiveOnlyUntouched: Invariant = {
  name: 'archive-only-untouched',
  rule: 'an archived issue was warned, its grace period passed, and nobody but the bot touched it since the warning',
  check(context) {
    if (!context.global) return [];
    return roadmapIssues(context).flatMap((issue) => {
      if (issue.state !== 'closed' || issue.stateReason !== 'not_planned' || context.world.model.closedByPeople.has(issue.number)) return [];
      const state = readCommentState(productComments(context.world, issue.number).map((comment) => comment.body).join('\n'));
      if (!state.warned) return [`#${issue.number} was archived without a warning`];
      const [warned, closed] = [Date.parse(state.warned), Date.parse(issue.closedAt ?? '')];
      if (closed - warned < GRACE_DAYS * DAY_MS) return [`#${issue.number} was archived before its grace period ended`];
      // A touch between the warning and the archive cancels it; one on the archived issue comes too late.
      const touched = (context.world.model.touches.get(issue.number) ?? []).find((at) => Date.parse(at) > warned && Date.parse(at) <= closed);
      if (touched) return [`#${issue.number} was archived though a person touched it at ${touched}, after the warning of ${state.warned}`];
      return [];
    });
  },
};

/** Stale after max-age-days; warned by the next weekly audit; archived by the first audit after grace-days; a week's slack. */
const ARCHIVED_BY_MS = (MAX_AGE_DAYS + GRACE_DAYS + 14) * DAY_MS;

const staleArchived: Invariant = {
  name: 'stale-archived',
  rule: 'after an audit, no open planned item is untouched by people for longer than max-age-days + grace-days + two audits',
  check(context) {
    if (!context.global || !context.event) return [];
    return roadmapIssues(context).flatMap((issue) => {
      // A person who deletes the bot's comment deletes the warning it kept: the warning and its grace period start again.
      const deleted = context.world.model.botCommentDeletedAt.get(issue.number);
      const touched = [context.world.model.touchedAt.get(issue.number), deleted].filter((moment): moment is string => !!moment).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
      if (issue.state !== 'open' || isExempt(issue) || issue.labels.includes(KEEP_LABEL) || issue.labels.includes('bug') || !touched) return [];
      return context.world.now - Date.parse(touched) > ARCHIVED_BY_MS ? [`#${issue.number} is still open, untouched by people since ${touched}`] : [];
    });
  },
};

const viewsAgree: Invariant = {
  name: 'views-agree',
  rule: 'the exit code, the outputs, the log, the job summary and the dashboard give the same verdict and counts',
  check(context) {
    const run = context.run;
    if (!run || context.event?.pullRequest !== undefined || !run.outputs.findings) return [];
    const compliant = run.outputs.compliant === 'true';
    const problems: string[] = [];
    if ((run.exitCode === 0) !== compliant) problems.push(`exit code ${run.exitCode} but compliant=${run.outputs.compliant}`);
    const says = /Roadmap health: the check (passes|fails)/.exec(run.summary)?.[1];
    if (says && (says === 'passes') !== compliant) problems.push(`the summary says the check ${says} but compliant=${run.outputs.compliant}`);
    const failing = (JSON.parse(run.outputs.findings) as Finding[]).filter((f) => f.severity === 'fail' && !f.exempt).length;
    const logged = /::error::(\d+) findings? fails? the roadmap policy/.exec(run.stdout)?.[1];
    if (logged !== undefined && Number(logged) !== failing) problems.push(`the log counts ${logged} failing findings, the findings output ${failing}`);
    if (!context.global) return problems;
    const items = (JSON.parse(run.outputs.budgets || '[]') as { items: number }[]).reduce((sum, budget) => sum + budget.items, 0);
    const planned = /of planned work in (\d+) items?/.exec(run.summary)?.[1];
    if (planned !== undefined && Number(planned) !== items) problems.push(`the summary counts ${planned} planned items, the budgets output ${items}`);
    const dashboard = context.world.fake.repository.issues.find((issue) => issue.state === 'open' && isDashboard(issue) && issue.author === productLogin(context.world));
    const shown = dashboard && /Roadmap health: the check (passes|fails)/.exec(dashboard.body ?? '')?.[1];
    if (says && shown && shown !== says) problems.push(`the dashboard says the check ${shown}, the summary ${says}`);
    return problems;
  },
};

/** The merge gate's status on a pull request's head commit, as a required check reads it: 0 passes, 1 blocks, undefined never set. */
const GATE_CONTEXT = 'roadmap-guard/merge-gate';
function gateStatus(world: World, pullRequest: number): number | undefined {
  const pr = world.fake.pullRequest(pullRequest);
  const status = pr && world.fake.status(pr.headSha, GATE_CONTEXT);
  return status === undefined ? undefined : status.state === 'success' ? 0 : 1;
}

/**
 * The verdict to require is the `roadmap-guard/merge-gate` commit status, which
 * issue events and audits keep current for pull requests into the default
 * branch (docs/pull-requests.md, "Requiring the merge gate"); a pull request
 * into another branch is judged again by its own events only. A status never
 * set blocks a required check, as GitHub does with a missing one: nothing
 * passes unchecked (a fork's pull request until the next issue event or audit).
 */
const gateFollowsIssues: Invariant = {
  name: 'gate-follows-issues',
  rule: "each open pull request's required status equals the merge gate's judgement of its issues now",
  async check(context) {
    const inScope = new Set(context.issues.map((issue) => issue.number));
    const fake = context.world.fake;
    const problems: string[] = [];
    for (const number of context.world.model.gateVerdicts.keys()) {
      const pr = fake.pullRequest(number);
      if (!pr || pr.baseRef !== fake.repository.defaultBranch || fake.issue(number)?.state !== 'open' || !(context.global || pr.closes.some((issue) => inScope.has(issue)))) continue;
      if (context.world.queue.some((queued) => queued.pullRequest === number)) continue;
      const shown = gateStatus(context.world, number);
      if (shown === undefined) continue;
      const now = await context.judgeGate(number);
      if (now !== shown) problems.push(`pull request #${number}'s ${GATE_CONTEXT} status says ${shown === 0 ? 'pass' : 'fail'}, the gate now judges ${now === 0 ? 'pass' : 'fail'}`);
    }
    return problems;
  },
};

/**
 * GitHub links closing keywords only into the default branch, so a pull
 * request into another one closes nothing it names. The gate then says so in
 * its notice, which a fork's read-only run shows too, and gates on the named
 * issues only with `pull-requests.keywords-on-other-bases` (docs/pull-requests.md,
 * "Pull requests into other branches"): a pass over named failing issues is
 * allowed only with that explanation.
 */
const OTHER_BASE_NOTICE = 'GitHub links closing keywords only for the default branch';
const gateSeesNamedIssues: Invariant = {
  name: 'gate-sees-named-issues',
  rule: 'a pull request that names a failing issue with a closing keyword does not pass the gate silently, whatever its base',
  async check(context) {
    const scratch = await context.scratch();
    const failing = new Set(scratch.findings.filter((f) => f.severity === 'fail' && !f.exempt && f.item !== null).map((f) => f.item));
    const problems: string[] = [];
    for (const [number, verdict] of context.world.model.gateVerdicts) {
      if (verdict !== 0 || context.world.fake.issue(number)?.state !== 'open') continue;
      const named = (context.world.model.pullRequestsClosing.get(number) ?? []).filter((issue) => failing.has(issue));
      const linked = context.world.fake.pullRequest(number)?.closes ?? [];
      const unseen = named.filter((issue) => !linked.includes(issue));
      const explained = (context.world.model.gateLogs.get(number) ?? '').includes(OTHER_BASE_NOTICE);
      if (unseen.length && !explained) problems.push(`pull request #${number} into ${context.world.fake.pullRequest(number)?.baseRef} passes silently though it names failing ${unseen.map((i) => `#${i}`).join(', ')}`);
    }
    return problems;
  },
};

/** Issues the product closed as not planned at this moment: what the run just archived. */
function archivedNow(context: CheckContext): number[] {
  const now = new Date(context.world.now).toISOString().replace('.000Z', 'Z');
  return context.world.fake.repository.issues
    .filter((issue) => issue.state === 'closed' && issue.stateReason === 'not_planned' && !context.world.model.closedByPeople.has(issue.number) && issue.closedAt === now)
    .map((issue) => issue.number);
}

const budgetsFromScratch: Invariant = {
  name: 'budgets-from-scratch',
  rule: "a run's budgets equal a from-scratch evaluation of what GitHub holds (saved state or not)",
  check(context) {
    return archivedNow(context).length ? [] : compareBudgets(context);
  },
};

const archivingAuditBudgets: Invariant = {
  name: 'budgets-after-archiving',
  rule: 'an audit that archives items reports the budgets without them, as a from-scratch evaluation after it does',
  check(context) {
    return archivedNow(context).length ? compareBudgets(context) : [];
  },
};

/** The run's budgets against a from-scratch evaluation's. */
async function compareBudgets(context: CheckContext): Promise<string[]> {
  const run = context.run;
  // A run that read nothing ignored its event (a quoted command, a bot's comment): it judges nothing.
  if (!run || context.event?.pullRequest !== undefined || !run.outputs.budgets || !context.requests.length) return [];
  const budgets = JSON.parse(run.outputs.budgets) as unknown[];
  // A closed issue's event only tidies up: it evaluates nothing and reports no budget.
  if (!budgets.length && context.issues.every((issue) => issue.state === 'closed')) return [];
  const scratch = await context.scratch();
  return isDeepStrictEqual(budgets, scratch.budgets) ? [] : [`${context.event?.label ?? 'the run'} reported budgets ${describeBudgets(budgets)}; a fresh evaluation gives ${describeBudgets(scratch.budgets)}`];
}

/** "deal 4 items 13 points 35.1%; strategic …": what differs at a glance. */
function describeBudgets(budgets: unknown[]): string {
  const rows = budgets as { category: string; items: number; points: number; share: string }[];
  return rows.length ? rows.map((row) => `${row.category} ${row.items} items ${row.points} points ${row.share}`).join('; ') : 'none';
}

/** Every artifact of a run and what it left on GitHub. */
function artifacts(context: CheckContext): Record<string, string> {
  const run = context.run;
  const fake = context.world.fake;
  return {
    log: (run?.stdout ?? '').split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n'),
    summary: run?.summary ?? '',
    outputs: JSON.stringify(run?.outputs ?? {}),
    'bot comments': fake.repository.comments.filter((c) => context.world.model.productLogins.has(c.author)).map((c) => c.body).join('\n'),
    dashboards: fake.repository.issues.filter(isDashboard).map((issue) => issue.body).join('\n'),
  };
}

const noSecretEchoed: Invariant = {
  name: 'no-secret-echoed',
  rule: 'no token value in the log, summary, outputs or anything written to GitHub',
  check(context) {
    return Object.entries(artifacts(context)).flatMap(([where, text]) => [SECRET_TOKEN, APP_TOKEN].filter((token) => text.includes(token)).map(() => `a token value in the ${where}`));
  },
};

/** What typed text must never become in the bot's output: a mention, HTML, a script link, a workflow command. */
const LIVE = [/(^|[\s(>])@everyone/m, /(?<!\\)<img src=x/, /(?<!\\)\]\(javascript:/, /^::error::pwned/m];

const noLiveUntrustedText: Invariant = {
  name: 'no-live-untrusted-text',
  rule: 'hostile text people type is never live in the bot’s comments, dashboard, summary or log',
  check(context) {
    return Object.entries(artifacts(context))
      .filter(([where]) => where !== 'outputs')
      .flatMap(([where, text]) => LIVE.filter((pattern) => pattern.test(text)).map((pattern) => `live hostile text (${pattern.source}) in the ${where}`));
  },
};

/**
 * The cost table (README, "What a run costs"): an issue event reads ≤ 5 times,
 * an audit of ≤ 100 open issues ≤ 5. Keeping the merge gate's status current
 * adds one read per 100 issues the open pull requests into the default branch
 * close (docs/pull-requests.md, "Cost"; the one read of the open pull requests
 * is in the table's figures). A timeline costs one read, and is read only for
 * an issue with an exemption to trace (docs/commands.md) or, in audits, one
 * that looks stale to archive (docs/archiving.md): each such read is counted
 * apart, and must be for such an issue, once.
 */
function linkedReads(world: World): number {
  const fake = world.fake;
  const closed = fake.repository.pullRequests.filter((pr) => pr.baseRef === fake.repository.defaultBranch && fake.issue(pr.number)?.state === 'open').reduce((sum, pr) => sum + pr.closes.length, 0);
  return Math.ceil(closed / 100);
}

const queryName = (request: LoggedRequest) => /(query|mutation)\s+(\w+)/.exec(String((request.body as { query?: string } | null)?.query))?.[2] ?? '';

/** Timeline reads for an issue with no exemption to trace and not old enough to look stale, or for one issue twice. */
function needlessTimelines(context: CheckContext, timelines: LoggedRequest[]): string[] {
  const { world } = context;
  const numbers = timelines.map((request) => Number((request.body as { variables?: { number?: number } } | null)?.variables?.number));
  const traced = (number: number) => {
    const issue = world.fake.issue(number);
    if (!issue) return false;
    const exempt = isExempt(issue) || world.model.exemptLabelAddedBy.has(number) || world.model.exemptLabelRemovedAt.has(number) || decisionsOn(world, number).length > 0;
    return exempt || (context.global && world.now - Date.parse(issue.createdAt) > MAX_AGE_DAYS * DAY_MS);
  };
  return numbers.filter((number, index) => numbers.indexOf(number) !== index || !traced(number)).map((number) => `#${number}`);
}

const costWithinTable: Invariant = {
  name: 'cost-within-table',
  rule: 'an issue event makes at most 5 reads, an audit of up to 100 open issues at most 5, each +1 per 100 issues that open pull requests close, +1 per timeline it must trace, +2 for an approving team',
  check(context) {
    if (!context.event || context.event.pullRequest !== undefined) return [];
    const reads = context.requests.filter((request) => request.kind === 'graphql' || request.kind === 'rest-read');
    const timelines = reads.filter((request) => request.kind === 'graphql' && queryName(request) === 'RoadmapIssueTimeline');
    // A command by someone not listed by login asks about the approving team: its membership, then the team itself on a 404 (docs/commands.md).
    const teamReads = reads.filter((request) => request.path.startsWith('/orgs/')).length;
    const bound = 5 + linkedReads(context.world) + timelines.length + Math.min(teamReads, 2);
    const routes = context.requests.filter((request) => request.kind !== 'write' && !request.mutation).map((request) => (request.kind === 'graphql' ? `graphql ${queryName(request)}` : request.route));
    const problems = reads.length > bound ? [`${context.event.label} made ${reads.length} reads (${routes.join(', ')}), more than ${bound}`] : [];
    const needless = needlessTimelines(context, timelines);
    return needless.length ? [...problems, `${context.event.label} read the timeline of ${needless.join(', ')}, with no exemption to trace or stale item to archive`] : problems;
  },
};

/**
 * A team approver whose membership the token cannot read (GitHub answers 404,
 * as for a non-member) is not a non-approver: the bot may refuse, but must
 * say it could not tell, never tell them plainly that only approvers may act.
 */
const teamApproverHeard: Invariant = {
  name: 'team-approver-heard',
  rule: `a member of ${APPROVER_TEAM} is never refused as a non-approver without being told the team could not be read`,
  check(context) {
    const replies = (issue: FakeIssue) =>
      context.world.fake
        .comments(issue.number)
        .filter((comment) => context.world.model.productLogins.has(comment.author))
        .flatMap((comment) => comment.body.split('\n'))
        .filter((line) => line.includes(`\`${TEAM_APPROVER}\``) && /only an approver/i.test(line));
    return roadmapIssues(context).flatMap((issue) =>
      replies(issue)
        .filter((line) => !/could not tell|cannot read/i.test(line))
        .map(() => `#${issue.number} told ${TEAM_APPROVER} of ${APPROVER_TEAM} that only approvers may grant, without saying the team could not be read`),
    );
  },
};

/** What the merge gate says when it takes a pull request for a fork's. */
const FORK_NOTICE = 'comes from a fork';

const forkIsAnotherRepository: Invariant = {
  name: 'fork-is-another-repository',
  rule: "a pull request from a branch of the repository itself is never treated as a fork's, even when the repository is a fork",
  check(context) {
    const fake = context.world.fake;
    const own = `${fake.repository.owner}/${fake.repository.name}`.toLowerCase();
    return [...context.world.model.gateLogs]
      .filter(([number, log]) => fake.pullRequest(number)?.headRepository.toLowerCase() === own && log.includes(FORK_NOTICE))
      .map(([number]) => `pull request #${number} from a branch of ${own}${fake.repository.fork ? ' (itself a fork)' : ''} was treated as a fork's`);
  },
};

/** "Deal work is 51.4% of planned work, above its 30% cap": a budget that blocks, as the gate's comment states it. */
const BUDGET_BLOCKER = /(\S+) work is [\d.]+% of planned work, above its [\d.]+% cap/g;

const gateStatesBlockerOnce: Invariant = {
  name: 'gate-states-blocker-once',
  rule: "the merge gate's comment states a category over budget once, however many of the pull request's issues it holds up",
  check(context) {
    const { world } = context;
    return world.fake.repository.pullRequests
      .filter((pr) => world.fake.issue(pr.number)?.state === 'open')
      .flatMap((pr) =>
        world.fake
          .comments(pr.number)
          .filter((comment) => world.model.productLogins.has(comment.author))
          .flatMap((comment) => {
            const categories = [...comment.body.matchAll(BUDGET_BLOCKER)].map((match) => match[1]!.toLowerCase());
            const repeated = [...new Set(categories.filter((category, index) => categories.indexOf(category) !== index))];
            return repeated.map((category) => `pull request #${pr.number}'s gate comment states ${category} over budget ${categories.filter((c) => c === category).length} times`);
          }),
      );
  },
};

/**
 * The merge gate's cost (docs/pull-requests.md, "Cost"; the README's cost
 * table: at most 5 requests at any size): one read of the pull request, one
 * per 100 issues it closes, the issues changed since the last audit (or every
 * open issue, one per 100, without a saved state), one REST read of the
 * policy, and one more for a pull request that changes the policy.
 */
const gateCostWithinTable: Invariant = {
  name: 'gate-cost-within-table',
  rule: 'a merge gate run makes at most 5 reads (one more for a pull request that changes the policy), however many issues it closes',
  check(context) {
    const number = context.event?.pullRequest;
    if (number === undefined) return [];
    const reads = context.requests.filter((request) => (request.kind === 'graphql' && !request.mutation) || request.kind === 'rest-read');
    const pr = context.world.fake.pullRequest(number);
    const bound = 5 + (pr?.files.includes(POLICY_PATH) ? 1 : 0);
    const routes = reads.map((request) => (request.kind === 'graphql' ? `graphql ${queryName(request)}` : request.route));
    return reads.length > bound ? [`${context.event!.label} (closing ${pr?.closes.length ?? 0} issues) made ${reads.length} reads (${routes.join(', ')}), more than ${bound}`] : [];
  },
};

/**
 * What a product lead sees from the command line: `roadmap-guard snapshot` of
 * GitHub now, then `simulate` of the repository's policy on it as text,
 * markdown and JSON (README, "Try it offline"). Run in this process, as the
 * command line's tests do.
 */
type CommandLineViews = Record<'text' | 'markdown' | 'json', { code: number; stdout: string }>;

let viewsFolder: string | undefined;

async function commandLineViews(world: World): Promise<CommandLineViews | string> {
  if (!viewsFolder) {
    const folder = await mkdtemp(join(tmpdir(), 'quarter-views-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    viewsFolder = folder;
  }
  const folder = viewsFolder;
  const snapshot = join(folder, 'snapshot.json');
  const policy = join(folder, 'policy.yml');
  await writeFile(policy, world.fake.repository.files[POLICY_PATH] ?? '');
  const taken = await runCli(['snapshot', '--repo', `${world.fake.repository.owner}/${world.fake.repository.name}`, '--api-url', world.fake.url, '--out', snapshot], { env: { GITHUB_TOKEN: world.token } });
  if (taken.code !== 0) return `snapshot exited ${taken.code}: ${taken.stderr.trim().split('\n')[0] ?? ''}`;
  const at = new Date(world.now).toISOString();
  const run = (format: string) => runCli(['simulate', '--policy', policy, '--snapshot', snapshot, '--format', format, '--at', at]);
  const [text, markdown, json] = await Promise.all([run('text'), run('markdown'), run('json')]);
  return { text: text!, markdown: markdown!, json: json! };
}

/** "Missing business-case answers (5 findings on 3 items)" in text, "**Missing business-case answers · 3 items**" in markdown: the numbers of each. */
function sectionCounts(views: CommandLineViews): Map<string, { text: string; markdown: string }> {
  const markdown = new Map([...views.markdown.stdout.matchAll(/^\*\*(.+?) · (.+)\*\*$/gm)].map((match) => [match[1]!, match[2]!]));
  const counts = new Map<string, { text: string; markdown: string }>();
  for (const match of views.text.stdout.matchAll(/^\s+(.+?) \(([^()]+)\)$/gm)) {
    const inMarkdown = markdown.get(match[1]!);
    if (inMarkdown !== undefined) counts.set(match[1]!, { text: match[2]!, markdown: inMarkdown });
  }
  return counts;
}

/** The numbers of a count's first phrase ("8 findings on 4 items" of "8 findings on 4 items, plus 2 findings on 1 item exempt"). */
const numbersIn = (text: string) => (text.split(',')[0]!.match(/\d+(\.\d+)?/g) ?? []).join(' ');

/** The verdict each view states, against the exit code every format returns. */
function verdictProblems(views: CommandLineViews): string[] {
  const codes = [views.text.code, views.markdown.code, views.json.code];
  if (new Set(codes).size > 1) return [`simulate exits ${codes.join(', ')} in text, markdown and JSON`];
  const passes = codes[0] === 0;
  const problems: string[] = [];
  const said = { text: /^Roadmap health: (.+)$/m.exec(views.text.stdout)?.[1], markdown: /^## Roadmap health: (.+)$/m.exec(views.markdown.stdout)?.[1] };
  for (const [format, headline] of Object.entries(said)) {
    if (headline !== undefined && (passes ? /fails/.test(headline) : /compliant|passes/.test(headline))) problems.push(`the ${format} says "Roadmap health: ${headline}" though the check ${passes ? 'passes' : 'fails'} (exit ${codes[0]})`);
  }
  const compliant = (JSON.parse(views.json.stdout) as { evaluation?: { compliant?: boolean } }).evaluation?.compliant;
  if (compliant !== undefined && compliant !== passes) problems.push(`the JSON says compliant: ${compliant} though simulate exits ${codes[0]}`);
  return problems;
}

/** "it is 42.3% of work planned now against a 30% cap": the trend's share now is the capped budget's share. */
function trendProblems(views: CommandLineViews): string[] {
  const trend = /The (.+?) share of delivered \(closed\) work.*?it is ([\d.]+)% of work planned now against a ([\d.]+%) cap/.exec(views.markdown.stdout);
  if (!trend) return [];
  const budgets = (JSON.parse(views.json.stdout) as { budgets?: { category: string; share: string; cap: string | null }[] }).budgets ?? [];
  const capped = budgets.find((budget) => budget.cap === trend[3]);
  if (!capped || Number.parseFloat(capped.share) === Number(trend[2])) return [];
  return [`the trend says the ${trend[1]} share is ${trend[2]}% of work planned now, the budget table ${capped.category} ${capped.share}`];
}

/** The views of GitHub as it is now, taken once for the three checks that read them. */
const viewsTaken = new WeakMap<World, { key: string; views: Promise<CommandLineViews | string> }>();

function viewsNow(world: World): Promise<CommandLineViews | string> {
  const { repository } = world.fake;
  const key = JSON.stringify([world.now, world.token, repository.files, repository.issues, repository.comments.length]);
  const taken = viewsTaken.get(world);
  if (taken?.key === key) return taken.views;
  const views = commandLineViews(world);
  viewsTaken.set(world, { key, views });
  return views;
}

/** A check of the command line's views after an audit and at the end of the quarter; a snapshot that failed is said by the first. */
function viewsCheck(name: string, rule: string, judge: (views: CommandLineViews) => string[], first = false): Invariant {
  return {
    name,
    rule,
    async check(context) {
      if (!context.global) return [];
      const views = await viewsNow(context.world);
      if (typeof views === 'string') return first ? [views] : [];
      return judge(views);
    },
  };
}

const commandLineVerdict = viewsCheck('command-line-verdict', 'snapshot, then simulate: text, markdown, JSON and the exit code state one verdict', verdictProblems, true);

const commandLineCounts = viewsCheck('command-line-counts', 'snapshot, then simulate: text and markdown give the same numbers for each kind of finding', (views) =>
  [...sectionCounts(views)]
    .filter(([, count]) => numbersIn(count.text) !== numbersIn(count.markdown))
    .map(([name, count]) => `"${name}" counts (${count.text}) in text, "${count.markdown}" in markdown`),
);

const trendShare = viewsCheck('trend-share-is-budget-share', "snapshot, then simulate: the trend's share of work planned now is its capped budget's share", trendProblems);

/**
 * A policy change's preview names every item whose merge verdict the change
 * turns: blocked by its own findings, or by its category's budget (deal work,
 * the one capped category), unless exempt. Judged under the base policy and
 * under the pull request's, each by a from-scratch evaluation.
 */
async function blockedItems(world: World, findings: Finding[]): Promise<Set<number>> {
  const budgetFails = findings.some((finding) => finding.item === null && finding.severity === 'fail' && finding.category === 'deal');
  const isDeal = (issue: FakeIssue) => !issue.labels.includes('bug') && issue.labels.some((label) => label === 'deal' || label.startsWith('customer:'));
  const open = world.fake.repository.issues.filter((issue) => issue.state === 'open' && !issue.isPullRequest && !isDashboard(issue));
  return new Set(
    open
      .filter((issue) => findings.some((finding) => finding.item === issue.number && finding.severity === 'fail' && !finding.exempt) || (budgetFails && isDeal(issue) && !isExempt(issue)))
      .map((issue) => issue.number),
  );
}

const previewNamesTurnedVerdicts: Invariant = {
  name: 'preview-names-turned-verdicts',
  rule: "a policy change's preview names every item whose merge verdict it turns, from blocked to not or back",
  async check(context) {
    const { world } = context;
    const pr = context.event?.pullRequest === undefined ? undefined : world.fake.pullRequest(context.event.pullRequest);
    const proposed = pr?.files.includes(POLICY_PATH) ? world.fake.repository.refs[pr.mergeSha]?.[POLICY_PATH] : undefined;
    if (!pr || proposed === undefined || world.fake.issue(pr.number)?.state !== 'open') return [];
    const before = await blockedItems(world, (await context.scratch()).findings);
    const current = world.fake.repository.files[POLICY_PATH]!;
    world.fake.repository.files[POLICY_PATH] = proposed;
    const record = await evaluateFromScratch(world, scheduleEvent(world.fake)).finally(() => (world.fake.repository.files[POLICY_PATH] = current));
    const after = await blockedItems(world, JSON.parse(record.outputs.findings || '[]') as Finding[]);
    const preview = world.fake.comments(pr.number).filter((comment) => world.model.productLogins.has(comment.author)).map((comment) => comment.body).join('\n');
    const turned = [...new Set([...before, ...after])].filter((number) => before.has(number) !== after.has(number));
    return turned
      .filter((number) => !new RegExp(`#${number}(?!\\d)`).test(preview))
      .map((number) => `the preview on pull request #${pr.number} does not name #${number}, which ${before.has(number) ? 'would no longer be blocked' : 'would become blocked'}`);
  },
};

export const INVARIANTS: readonly Invariant[] = [
  oneBotComment,
  noCommentOnExcluded,
  decisionsKept,
  commandsAnswered,
  exemptionByApprover,
  exemptionsWithinCap,
  archiveOnlyUntouched,
  staleArchived,
  viewsAgree,
  gateFollowsIssues,
  gateSeesNamedIssues,
  budgetsFromScratch,
  archivingAuditBudgets,
  noSecretEchoed,
  noLiveUntrustedText,
  costWithinTable,
  teamApproverHeard,
  forkIsAnotherRepository,
  gateStatesBlockerOnce,
  gateCostWithinTable,
  commandLineVerdict,
  commandLineCounts,
  trendShare,
  previewNamesTurnedVerdicts,
];

export type InvariantName = (typeof INVARIANTS)[number]['name'];
