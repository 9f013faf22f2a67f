/**
 * Who does what next: the actors of a repository's quarter, as weighted
 * random choices over what GitHub holds now (so steps name issues that
 * exist), and GitHub's behaviour between them: time passing, deliveries that
 * come in bursts, late or newest first, faults, the token changing once.
 */
import { readCommentState } from '../../src/memory/state.js';
import type { FakeIssue } from '../fake-github/index.js';
import { productComments } from './invariants.js';
import type { Random } from './random.js';
import { nextAuditAfter, type Step } from './steps.js';
import { APPROVER, CUSTOMERS, DAY_MS, EXEMPT_LABEL, KEEP_LABEL, MAX_AGE_DAYS, PEOPLE, TEAM_APPROVER, type World } from './world.js';

const ACTOR_WEIGHTS = {
  'open-deal': 8,
  'open-feature': 3,
  'file-bug': 3,
  edit: 6,
  'approver-command': 7,
  'approver-spree': 2,
  'other-command': 5,
  labeler: 3,
  'exemption-label': 4,
  'touch-warned': 4,
  'bot-comment': 2,
  'close-reopen': 3,
  'pull-request': 5,
  'policy-change': 1,
  'token-change': 1,
  'workflow-edit': 1,
  fault: 3,
  'quick-label': 3,
  'team-approver': 3,
  'release-pr': 2,
  'fork-repository': 1,
  'business-case-policy': 1,
} as const;

type Actor = keyof typeof ACTOR_WEIGHTS;

/** Steps an actor planned that come next (a quick reaction is a short wait and then the touch). */
const planned = new WeakMap<World, Step[]>();

export const ACTORS = Object.keys(ACTOR_WEIGHTS) as Actor[];

export interface Casting {
  /** Actors left out of the life. */
  without?: readonly string[];
  /** Every actor acts once, in a seeded order, before the choice becomes weighted: a short life covers them all. */
  tour?: boolean;
  /** Filled with each actor that acted. */
  acted?: Set<string>;
}

/** The actors still to act once in a touring life, and how many turns were given back. */
const tours = new WeakMap<World, Actor[]>();
const retries = new WeakMap<World, number>();

function chooseActor(world: World, random: Random, casting: Casting): Actor {
  const allowed = ACTORS.filter((actor) => !casting.without?.includes(actor));
  // The workflow edit comes last: the tour meets GitHub's concurrency groups first.
  if (casting.tour && !tours.has(world)) tours.set(world, [...random.shuffle(allowed.filter((actor) => actor !== 'workflow-edit')), ...allowed.filter((actor) => actor === 'workflow-edit')]);
  const toured = tours.get(world)?.shift();
  if (toured) return toured;
  return random.weighted(Object.fromEntries(allowed.map((actor) => [actor, ACTOR_WEIGHTS[actor]])) as Record<Actor, number>);
}

export function nextStep(world: World, random: Random, index: number, casting: Casting = {}): Step {
  const queue = planned.get(world) ?? [];
  planned.set(world, queue);
  const next = queue.shift();
  if (next) return next;
  if (world.queue.length && random.chance(0.55)) return delivery(world, random, casting);
  if (random.chance(0.3)) return wait(world, random);
  const actor = chooseActor(world, random, casting);
  const steps = act(world, random, actor, index);
  if (steps.length) casting.acted?.add(actor);
  // An actor with nothing to act on yet (no deal to edit, no warned item) gets another turn later in a tour.
  else if (casting.tour && (retries.get(world) ?? 0) < 12) {
    retries.set(world, (retries.get(world) ?? 0) + 1);
    tours.get(world)?.push(actor);
  }
  queue.push(...steps.slice(1));
  return steps[0] ?? wait(world, random);
}

/** GitHub delivers what is queued: now and then an old event late, or the newest first; a tour has both early on. */
function delivery(world: World, random: Random, casting: Casting): Step {
  const toured = casting.acted ?? new Set<string>();
  const late = world.queue.length > 1 && (random.chance(0.15) || (!!casting.tour && !toured.has('late')));
  const reverse = random.chance(0.15) || (!!casting.tour && world.queue.length > 1 && !toured.has('newest-first'));
  if (casting.tour && late) toured.add('late');
  if (casting.tour && reverse) toured.add('newest-first');
  return { do: 'deliver', hold: late ? 1 : 0, reverse };
}

function wait(world: World, random: Random): Step {
  if (world.realTime) return { do: 'deliver', hold: 0, reverse: false };
  const kind = random.weighted({ minutes: 2, hours: 5, days: 4, week: 1, 'audit-news': 2 });
  // Someone who reads the audit's notifications at once: time stops a few minutes after the next weekly audit.
  const untilAudit = Math.ceil((nextAuditAfter(world.now) - world.now) / 60_000) + random.int(1, 3);
  const minutes = { minutes: random.int(1, 30), hours: random.int(1, 12) * 60, days: random.int(1, 4) * 1440, week: 7 * 1440, 'audit-news': untilAudit }[kind];
  return { do: 'wait', minutes };
}

const openIssues = (world: World) => world.fake.repository.issues.filter((issue) => issue.state === 'open' && !issue.isPullRequest && !issue.title.startsWith('Roadmap health'));

function refOf(world: World, issue: FakeIssue): string {
  return [...world.model.refs].find(([, number]) => number === issue.number)?.[0] ?? '?';
}

function someIssue(world: World, random: Random, filter: (issue: FakeIssue) => boolean = () => true): string | undefined {
  const candidates = openIssues(world).filter(filter);
  return candidates.length ? refOf(world, random.pick(candidates)) : undefined;
}

const REASONS = ['Launch partner signed before the policy existed', 'Board approved this as a strategic bet', 'ok', 'Renewal at risk without it'];

function act(world: World, random: Random, actor: Actor, index: number): Step[] {
  const pm = random.pick(PEOPLE.productManagers);
  const person = random.pick([...PEOPLE.productManagers, ...PEOPLE.engineers, ...PEOPLE.others]);
  const deal = (issue: FakeIssue) => issue.labels.includes('deal');
  switch (actor) {
    case 'open-deal':
    case 'open-feature':
    case 'file-bug': {
      const kind = actor === 'open-deal' ? 'deal' : actor === 'open-feature' ? 'feature' : 'bug';
      return [{ do: 'open', ref: `i${index}`, kind, by: kind === 'bug' ? random.pick(PEOPLE.engineers) : pm, complete: random.chance(0.5), customer: random.pick(CUSTOMERS), size: random.pick(['S', 'M', 'L'] as const), ...(random.chance(0.1) ? { hostile: true } : {}) }];
    }
    case 'edit': {
      const issue = someIssue(world, random, deal);
      return issue ? [{ do: 'edit', issue, by: pm, complete: random.chance(0.6) }] : [];
    }
    case 'approver-command': {
      const issue = someIssue(world, random, deal);
      const text = random.weighted({ exempt: 6, revoke: 2, outcome: 1, why: 1 });
      const body = text === 'exempt' ? `/roadmap exempt ${random.pick(REASONS)}` : text === 'revoke' ? '/roadmap revoke the customer walked away' : text === 'outcome' ? '/roadmap outcome hit 7 accounts use it' : '/roadmap why';
      return issue ? [{ do: 'command', issue, by: APPROVER, text: body }] : [];
    }
    case 'approver-spree': {
      // Two grants in a row on two issues: their runs start together, each in its issue's group.
      const first = someIssue(world, random, deal);
      const second = someIssue(world, random, (issue) => deal(issue) && refOf(world, issue) !== first);
      if (!first || !second) return [];
      return [
        { do: 'command', issue: first, by: APPROVER, text: `/roadmap exempt ${REASONS[0]}` },
        { do: 'command', issue: second, by: APPROVER, text: `/roadmap exempt ${REASONS[1]}` },
        { do: 'deliver', hold: 0, reverse: false },
      ];
    }
    case 'other-command': {
      const issue = someIssue(world, random);
      const text = random.pick(['/roadmap exempt We really need this for the deal', '/roadmap check', '> /roadmap exempt quoted from the thread', '/roadmap frobnicate @everyone <img src=x onerror=alert(1)>', 'Looks good to me', '/roadmap why']);
      return issue ? [{ do: 'command', issue, by: person, text }] : [];
    }
    case 'labeler': {
      const issue = someIssue(world, random);
      return issue ? [{ do: 'label', issue, by: PEOPLE.labeler, label: random.pick([EXEMPT_LABEL, 'one-off', 'customer:initech', 'size/M']) }] : [];
    }
    case 'exemption-label': {
      const exempt = someIssue(world, random, (issue) => issue.labels.includes(EXEMPT_LABEL));
      if (exempt && random.chance(0.6)) return [{ do: 'unlabel', issue: exempt, by: 'maint-mo', label: EXEMPT_LABEL }];
      const issue = someIssue(world, random, deal);
      return issue ? [{ do: 'label', issue, by: random.pick([APPROVER, 'sales-sid']), label: EXEMPT_LABEL }] : [];
    }
    case 'touch-warned': {
      // Someone answers the archive warning: at once (right after the audit that warned), or days later.
      const warned = someIssue(world, random, (issue) => productComments(world, issue.number).some((comment) => readCommentState(comment.body).warned));
      if (!warned) return [];
      const touch: Step = random.chance(0.5) ? { do: 'label', issue: warned, by: person, label: KEEP_LABEL } : { do: 'command', issue: warned, by: person, text: 'Still planned for next quarter.' };
      return random.chance(0.3) ? [{ do: 'wait', minutes: random.int(60, 3000) }, touch] : [touch];
    }
    case 'bot-comment': {
      const issue = someIssue(world, random, (candidate) => productComments(world, candidate.number).length > 0);
      return issue ? [{ do: 'bot-comment', issue, by: 'maint-mo', change: random.chance(0.7) ? 'edit' : 'delete' }] : [];
    }
    case 'close-reopen': {
      const closed = world.fake.repository.issues.filter((issue) => issue.state === 'closed' && !issue.isPullRequest);
      if (closed.length && random.chance(0.3)) return [{ do: 'reopen', issue: refOf(world, random.pick(closed)), by: person }];
      const issue = someIssue(world, random);
      return issue ? [{ do: 'close', issue, by: person }] : [];
    }
    case 'pull-request':
      return pullRequestStep(world, random, index);
    case 'policy-change':
      return [{ do: 'policy-pr', ref: `p${index}`, dealCap: random.pick([10, 20, 40]), by: pm }];
    case 'token-change':
      return world.token === 'ghs_SimulatedQuarterAppToken81d3e' ? [] : [{ do: 'token-change' }];
    case 'workflow-edit':
      return [{ do: 'workflow-edit', concurrency: !world.concurrency }];
    case 'fault':
      return [{ do: 'fault', kind: random.pick(['server-error', 'landed', 'dropped'] as const), on: random.pick(['write', 'read'] as const) }];
    case 'quick-label':
      return quickLabel(world, random, person);
    case 'team-approver': {
      const issue = someIssue(world, random, deal);
      if (!issue) return [];
      return [random.chance(0.7) ? { do: 'command', issue, by: TEAM_APPROVER, text: `/roadmap exempt ${REASONS[3]}` } : { do: 'label', issue, by: TEAM_APPROVER, label: EXEMPT_LABEL }];
    }
    case 'release-pr':
      return releasePullRequest(world, random, index);
    case 'fork-repository':
      return world.fake.repository.fork ? [] : [{ do: 'fork-repository' }];
    case 'business-case-policy':
      // Feature requests need a business case too: the deal cap stays, the business case covers more categories; the lead merges it once its preview ran.
      return [
        { do: 'policy-pr', ref: `p${index}`, dealCap: 30, by: pm, businessCaseFor: ['deal', 'feature'] },
        { do: 'deliver', hold: 0, reverse: false },
        { do: 'merge-pr', pr: `p${index}`, by: APPROVER },
      ];
  }
}

/**
 * Someone reads the audit's archive warning within minutes and labels the
 * item (a triage label, not the keep label): the warning asks for a label or
 * a comment. The item is one the next audit will find stale and warn, or
 * one already warned.
 */
function quickLabel(world: World, random: Random, person: string): Step[] {
  if (world.realTime) return [];
  const audit = nextAuditAfter(world.now);
  const warned = (issue: FakeIssue) => productComments(world, issue.number).some((comment) => readCommentState(comment.body).warned);
  const stale = (issue: FakeIssue) => audit - Date.parse(world.model.touchedAt.get(issue.number) ?? issue.createdAt) > MAX_AGE_DAYS * DAY_MS;
  const kept = (issue: FakeIssue) => [EXEMPT_LABEL, KEEP_LABEL, 'bug'].some((label) => issue.labels.includes(label));
  // An item the next audit will warn; else one already warned, whose answer comes right after the next audit's notifications.
  const issue = someIssue(world, random, (candidate) => stale(candidate) && !kept(candidate) && !warned(candidate)) ?? someIssue(world, random, (candidate) => !kept(candidate) && warned(candidate));
  if (!issue) return [];
  return [
    { do: 'wait', minutes: Math.ceil((audit - world.now) / 60_000) + random.int(1, 4) },
    { do: 'label', issue, by: person, label: random.pick(['next-quarter', 'size/L']) },
  ];
}

/** A release pull request into the default branch that closes several of the open requests at once. */
function releasePullRequest(world: World, random: Random, index: number): Step[] {
  const candidates = openIssues(world).filter((issue) => issue.labels.includes('deal') || issue.labels.includes('feature'));
  if (candidates.length < 2) return [];
  const closes = random.shuffle(candidates).slice(0, random.int(2, Math.min(4, candidates.length))).map((issue) => refOf(world, issue));
  return [{ do: 'open-pr', ref: `p${index}`, closes, base: 'main', fork: false, by: random.pick(PEOPLE.engineers) }];
}

function pullRequestStep(world: World, random: Random, index: number): Step[] {
  const open = world.fake.repository.pullRequests.filter((pr) => world.fake.issue(pr.number)?.state === 'open');
  const by = random.pick(PEOPLE.engineers);
  if (open.length && random.chance(0.5)) {
    const pr = [...world.model.refs].find(([, number]) => number === random.pick(open).number)?.[0] ?? '?';
    return [random.chance(0.5) ? { do: 'push-pr', pr, by } : { do: 'merge-pr', pr, by: APPROVER }];
  }
  const issue = someIssue(world, random, (candidate) => candidate.labels.includes('deal') || candidate.labels.includes('feature'));
  return issue ? [{ do: 'open-pr', ref: `p${index}`, closes: [issue], base: random.chance(0.75) ? 'main' : 'release', fork: random.chance(0.2), by }] : [];
}
