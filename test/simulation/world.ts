/**
 * The repository a simulated quarter happens to: its policy, its people, the
 * fake GitHub serving it on a simulated clock, and what the simulation itself
 * remembers about the life so far (the model the invariants judge by): who
 * touched what when, the decisions seen in the bot's comments, the command
 * comments waiting for an answer, the merge gate's verdict on each pull request.
 */
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { dealRequestBody, POLICY_PATH } from '../e2e/fixtures.js';
import type { InProcessEvent } from '../e2e/run-in-process.js';

/** The first day of the quarter: a Monday, before the weekly audit. */
const QUARTER_START = '2026-09-07T05:00:00.000Z';
export const DAY_MS = 86_400_000;

export const SECRET_TOKEN = 'ghs_SimulatedQuarterSecret4f2a9c';
export const APP_TOKEN = 'ghs_SimulatedQuarterAppToken81d3e';
/** The read-only token GitHub gives a run for a fork's pull request. */
export const FORK_TOKEN = 'ghs_SimulatedQuarterForkToken0b7';
/** The identity after the token changes: a GitHub App, as the docs advise for teams and boards. */
export const APP_BOT = 'roadmap-guard[bot]';
export const DASHBOARD_TITLE = 'Roadmap health';

export const EXEMPT_LABEL = 'roadmap-exempt';
export const KEEP_LABEL = 'pinned';
export const APPROVER = 'lead-lena';
export const MAX_OPEN_EXEMPTIONS = 1;
export const MAX_AGE_DAYS = 60;
export const GRACE_DAYS = 7;

/** Who lives in the repository. */
export const PEOPLE = {
  productManagers: ['pm-paula', 'pm-pete'],
  engineers: ['eng-erin', 'eng-eli'],
  approver: APPROVER,
  others: ['sales-sid', 'maint-mo'],
  labeler: 'triage-labeler[bot]',
  outsider: 'outside-olga',
} as const;

export const CUSTOMERS = ['globex', 'initech', 'hooli'];

/** The policy every life starts with; a policy change replaces the deal cap. */
export function simulationPolicy(options: { dealCap: number; businessCaseFor?: readonly string[] } = { dealCap: 30 }): string {
  return `version: 1
work:
  exclude-labels: [bug]
  size: { labels: { "size/S": 1, "size/M": 3, "size/L": 8 }, default: 3 }
categories:
  deal:
    match: { labels: [deal, "customer:*"] }
    budget: { max-share: ${options.dealCap}% }
  feature:
    match: { labels: [feature] }
  strategic:
    match: { labels: [roadmap] }
customer: { labels: "customer:*" }
business-case:
  applies-to: [${(options.businessCaseFor ?? ['deal']).join(', ')}]
  fields:
    - heading: Who will buy it?
      min-words: 3
    - heading: Success metric
forbidden-labels:
  - name: one-off
backlog:
  max-age-days: ${MAX_AGE_DAYS}
  archive: true
  grace-days: ${GRACE_DAYS}
  keep-labels: [${KEEP_LABEL}]
exemptions:
  label: ${EXEMPT_LABEL}
  approvers: [${APPROVER}, "${APPROVER_TEAM}"]
  max-open: ${MAX_OPEN_EXEMPTIONS}
  expires-after-days: 45
enforcement:
  fail-on: [missing-field, over-budget, forbidden-label]
  labels: { non-compliant: "roadmap: needs business case", over-budget: "roadmap: over budget" }
`;
}

/** An event GitHub has queued for a workflow, with when and why it was sent. */
export interface QueuedEvent {
  event: InProcessEvent;
  /** The workflow's concurrency group for it, evaluated as GitHub does. */
  group: string;
  cancelInProgress: boolean;
  /** What the event is about, for the scope of the invariants after it runs. */
  issue?: number;
  pullRequest?: number;
  label: string;
}

/** What the simulation remembers, independently of the product. */
export interface Model {
  /** Script name (`i3`, `p2`) → number on GitHub. */
  refs: Map<string, number>;
  /** The latest touch of each issue by anyone but the product (created, edited, labelled, commented, reopened). */
  touchedAt: Map<number, string>;
  /** Every such touch of each issue, oldest first: a touch after an archive does not undo it. */
  touches: Map<number, string[]>;
  /** When a person last removed the exemption label: grants recorded before do not stand behind a label added after. */
  exemptLabelRemovedAt: Map<number, string>;
  /** Who last put the exemption label on each issue by hand. */
  exemptLabelAddedBy: Map<number, string>;
  /** Every decision seen in the bot's comment on each issue, as JSON: none may disappear. */
  decisionsSeen: Map<number, Set<string>>;
  /** When a person last deleted the bot's comment on an issue: what it held until then is theirs to have lost. */
  botCommentDeletedAt: Map<number, string>;
  /** Command comments by people, by issue: each must get the bot's reaction. */
  commands: { issue: number; commentId: number; at: string }[];
  /** Issues a person closed (any other closed-as-not-planned issue was archived by the bot). */
  closedByPeople: Set<number>;
  /** Each open pull request's gate run: the exit code of its latest one (its job's check). */
  gateVerdicts: Map<number, number>;
  /** The log of each pull request's latest gate run: what it told the people who read the check. */
  gateLogs: Map<number, string>;
  /** Pull requests whose description names issues with a closing keyword, by number. */
  pullRequestsClosing: Map<number, number[]>;
  /** Every login the product has written as. */
  productLogins: Set<string>;
}

export interface World {
  fake: FakeGitHub;
  now: number;
  token: string;
  queue: QueuedEvent[];
  model: Model;
  /** Failures armed for the next delivery only. */
  faultArmed: boolean;
  /** Runs of the built action take the machine's time: the simulated clock follows it and never jumps. */
  realTime: boolean;
  /** The issue workflow has the README's `concurrency` block; a team may drop it, and then every run starts at once. */
  concurrency: boolean;
  /** The workflow's other inputs: after a token change, `previous-bot-logins` as the README's inputs table tells users to set it. */
  inputs: Record<string, string>;
  /** Commits made so far in this life: each one's SHA is new, as Git's are. */
  commits: number;
}

export const iso = (time: number) => new Date(time).toISOString();

/** Who the product writes as now: the workflow's bot, or the App once the token changed. */
export const productLogin = (world: World) => (world.token === APP_TOKEN ? APP_BOT : WORKFLOW_BOT);

export async function startWorld(options: { realTime: boolean }): Promise<World> {
  const world: World = {
    fake: undefined as unknown as FakeGitHub,
    now: options.realTime ? Date.now() : Date.parse(QUARTER_START),
    token: SECRET_TOKEN,
    queue: [],
    faultArmed: false,
    realTime: options.realTime,
    concurrency: true,
    inputs: {},
    commits: 0,
    model: {
      refs: new Map(),
      touchedAt: new Map(),
      touches: new Map(),
      exemptLabelRemovedAt: new Map(),
      exemptLabelAddedBy: new Map(),
      decisionsSeen: new Map(),
      botCommentDeletedAt: new Map(),
      commands: [],
      closedByPeople: new Set(),
      gateVerdicts: new Map(),
      gateLogs: new Map(),
      pullRequestsClosing: new Map(),
      productLogins: new Set([WORKFLOW_BOT]),
    },
  };
  world.fake = await FakeGitHub.start({
    repository: { owner: 'acme', name: 'quarter' },
    tokens: { [SECRET_TOKEN]: WORKFLOW_BOT, [APP_TOKEN]: APP_BOT, [FORK_TOKEN]: WORKFLOW_BOT },
    readOnlyTokens: [FORK_TOKEN],
    clock: () => iso(world.now).replace('.000Z', 'Z'),
  });
  world.fake.seed({ files: { [POLICY_PATH]: simulationPolicy() } });
  seedBacklog(world);
  seedOrganization(world);
  return world;
}

/**
 * What the repository holds on day one: planned roadmap work (some of it
 * nearly stale), a compliant deal request, one missing an answer, and a bug. Seeded issues are
 * named `s1`…: steps can refer to them like to the ones opened later.
 */
function seedBacklog(world: World): void {
  const day = (offset: number) => iso(world.now + offset * DAY_MS).replace('.000Z', 'Z');
  const seeded = [
    { title: 'Roadmap: audit log', labels: ['roadmap', 'size/M'], at: day(-20) },
    { title: 'Roadmap: SSO', labels: ['roadmap', 'size/L'], at: day(-5) },
    { title: 'Roadmap: dark mode', labels: ['roadmap', 'size/S'], at: day(-61) },
    { title: 'Roadmap: CSV import', labels: ['roadmap', 'size/S'], at: day(-62) },
    { title: 'Roadmap: usage analytics', labels: ['roadmap', 'size/M'], at: day(-40) },
    { title: 'Feature: saved filters', labels: ['feature', 'size/S'], at: day(-50) },
    { title: 'Deal: bulk export for Globex', labels: ['deal', 'customer:globex', 'size/S'], at: day(-10), body: dealRequestBody({ Customer: 'globex' }) },
    { title: 'Bug: export times out', labels: ['bug'], at: day(-3) },
    { title: 'Deal: audit export for Initech', labels: ['deal', 'customer:initech', 'size/S'], at: day(-2), body: dealRequestBody({ Customer: 'initech', 'Success metric': null }) },
  ];
  seeded.forEach((issue, index) => {
    const created = world.fake.addIssue({ title: issue.title, labels: issue.labels, author: 'pm-paula', createdAt: issue.at, updatedAt: issue.at, body: issue.body ?? 'Planned work.' });
    world.model.refs.set(`s${index + 1}`, created.number);
    noteTouch(world, created.number, issue.at);
  });
}

/**
 * Approvers named as a team: the policy lists `@acme/release-leads`, whose
 * member lead-tom the workflow's token cannot confirm (GitHub answers 404 for
 * a team the token cannot see, as for a non-member: test/fake-github/rest-commands.ts
 * cites the reports); the App the token may change to reads organization members.
 */
export const APPROVER_TEAM = '@acme/release-leads';
export const TEAM_APPROVER = 'lead-tom';

/** Everyone whose grant stands: the approver by login, and the team's member. */
export const APPROVERS: readonly string[] = [APPROVER, TEAM_APPROVER];

function seedOrganization(world: World): void {
  const [org = '', slug = ''] = APPROVER_TEAM.slice(1).split('/');
  world.fake.addTeam(org, slug, [TEAM_APPROVER]);
  world.fake.allowOrgRead(APP_BOT);
}

/** Someone other than the product touched the issue at that moment. */
export function noteTouch(world: World, issue: number, at: string): void {
  world.model.touchedAt.set(issue, at);
  world.model.touches.set(issue, [...(world.model.touches.get(issue) ?? []), at]);
}
