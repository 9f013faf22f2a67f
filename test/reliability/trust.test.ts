/**
 * Trust: the bot's memory played against by an attacker and by a busy
 * GitHub. Grants made while other runs raced on the same issue must stay
 * recorded; the exemption label put on by anyone who is not an approver (a
 * person, another bot, a workflow sharing the product's token, a label taken
 * off and put back) must come off; a stale item a person touched after the
 * warning must stay open, and one only the bot's own writes touched must be
 * archived when its grace period ends. Each scenario runs the action in
 * process against the local fake GitHub and counts what went wrong.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { readTrail, trailData, type TrailEntry } from '../../src/memory/trail.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issueCommentEvent, issuesEvent, scheduleEvent } from '../e2e/events.js';
import { COMMANDS_POLICY, POLICY_PATH, dealRequest } from '../e2e/fixtures.js';
import { runTogether, type InProcessEvent } from '../e2e/run-in-process.js';
import { countRun, figures, reportFigures, REQUEST_TIMEOUT_MS, SECRET_TOKEN, type RunRecord } from './harness.js';

const tally = figures('trust');
afterAll(() => reportFigures(tally));

const EXEMPT = 'roadmap-exempt';
const NOW = '2026-11-20T12:00:00Z';
const DAY = 86_400_000;

let clock = NOW;

async function start(policy: string, issues: Parameters<FakeGitHub['seed']>[0]['issues']): Promise<FakeGitHub> {
  clock = NOW;
  const fake = await FakeGitHub.start({ tokens: { [SECRET_TOKEN]: WORKFLOW_BOT }, clock: () => clock });
  fake.seed({ files: { [POLICY_PATH]: policy }, issues });
  return fake;
}

/** The events at once (a race when there are several), at `at`, the fake's clock moved there too. */
async function run(fake: FakeGitHub, events: InProcessEvent[], at = clock): Promise<RunRecord> {
  clock = at;
  const { crash, ...record } = await runTogether({ fake, events, token: SECRET_TOKEN, now: new Date(at), client: { maxWaitSeconds: 60, requestTimeoutMs: REQUEST_TIMEOUT_MS } });
  const result = { ...record, crashed: crash !== undefined };
  countRun(tally, result, fake, { runs: events.length });
  return result;
}

function botTrail(fake: FakeGitHub, issue: number): TrailEntry[] {
  return fake.comments(issue).filter((comment) => comment.author === WORKFLOW_BOT && comment.body.includes(COMMENT_MARKER)).flatMap((comment) => readTrail(comment.body));
}

const hasExempt = (fake: FakeGitHub, issue: number) => fake.labelsOf(issue).some((label) => label.toLowerCase() === EXEMPT);

/** A grant by lead-lena is lost when no bot comment records it or its label is gone. */
function countGrant(fake: FakeGitHub, issue: number): void {
  const recorded = botTrail(fake, issue).some((entry) => entry.action === 'exempt' && entry.actor === 'lead-lena');
  if (!recorded || !hasExempt(fake, issue)) tally.grantsLost += 1;
}

/** The label is on, and the last decision recorded is not an approver's grant. */
function countUnapproved(fake: FakeGitHub, issue: number): void {
  const last = botTrail(fake, issue).filter((entry) => entry.action !== 'outcome').at(-1);
  if (hasExempt(fake, issue) && !(last?.action === 'exempt' && last.actor === 'lead-lena')) tally.exemptionsWithoutApprover += 1;
}

const newDeal = () => [{ number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) }];

/** `issues.labeled` with the exemption label, sent by `sender`; the label is on the issue, as it is when GitHub sends the event. */
function labeled(fake: FakeGitHub, sender: string, type: 'User' | 'Bot' = 'User'): InProcessEvent {
  const issue = fake.issue(1)!;
  if (!issue.labels.includes(EXEMPT)) issue.labels.push(EXEMPT);
  const event = issuesEvent(fake, { action: 'labeled', number: 1, label: EXEMPT });
  event.payload.sender = { ...(event.payload.sender as object), login: sender, type };
  return event;
}

describe('grants are never lost', () => {
  it("an approver's /roadmap exempt while two other events on the new issue race it, twice over", async () => {
    for (let burst = 0; burst < 2; burst++) {
      const fake = await start(COMMANDS_POLICY, newDeal());
      try {
        const exempt = issueCommentEvent(fake, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner, signed before the policy existed' });
        await run(fake, [exempt, issuesEvent(fake, { action: 'edited', number: 1 }), issuesEvent(fake, { action: 'opened', number: 1 })]);
        await run(fake, [scheduleEvent(fake)]);
        tally.faultsInjected += 1;
        countGrant(fake, 1);
        expect(botTrail(fake, 1).filter((entry) => entry.action === 'exempt')).toHaveLength(1);
      } finally {
        await fake.stop();
      }
    }
  });

  it('the grant held only by a newer copy of the bot comment survives the clean-up', async () => {
    const fake = await start(COMMANDS_POLICY, newDeal());
    try {
      await run(fake, [issuesEvent(fake, { action: 'opened', number: 1 })]);
      const grant: TrailEntry = { at: NOW, actor: 'lead-lena', action: 'exempt', reason: 'Launch partner signed in March' };
      fake.labelAddedBy(1, EXEMPT, WORKFLOW_BOT);
      fake.addComment({ issueNumber: 1, author: WORKFLOW_BOT, body: `${COMMENT_MARKER}\nException granted.\n\n${trailData([grant])}\n` });
      await run(fake, [scheduleEvent(fake)]);
      tally.faultsInjected += 1;
      countGrant(fake, 1);
      expect(tally.grantsLost).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});

/** An approver grants; then pm-paula takes the label off and puts it back, and `next` runs. */
async function putBackAfterGrant(fake: FakeGitHub, next: () => InProcessEvent): Promise<void> {
  await run(fake, [issueCommentEvent(fake, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' })]);
  fake.labelRemovedBy(1, EXEMPT, 'pm-paula');
  fake.labelAddedBy(1, EXEMPT, 'pm-paula');
  await run(fake, [next()]);
}

describe('only approvers put the exemption label on', () => {
  const CASES: [string, (fake: FakeGitHub) => Promise<void>][] = [
    ['a person who is not an approver', async (fake) => void (await run(fake, [labeled(fake, 'pm-paula')]))],
    ['another bot (a labeler app)', async (fake) => void (await run(fake, [labeled(fake, 'labeler-app[bot]', 'Bot')]))],
    ["a workflow sharing the product's token, with no grant", async (fake) => void (await run(fake, [labeled(fake, WORKFLOW_BOT, 'Bot')]))],
    [
      'a team member the token cannot see as one',
      async (fake) => {
        fake.addTeam('acme', 'product-leads', ['tara']);
        fake.labelAddedBy(1, EXEMPT, 'tara');
        await run(fake, [labeled(fake, 'tara')]);
      },
    ],
    ['a non-approver who took the granted label off and put it back (an event ran)', async (fake) => putBackAfterGrant(fake, () => labeled(fake, 'pm-paula'))],
    ['a non-approver who took the granted label off and put it back (only the audit saw it)', async (fake) => putBackAfterGrant(fake, () => scheduleEvent(fake))],
    [
      'another bot, seen only by the audit',
      async (fake) => {
        fake.labelAddedBy(1, EXEMPT, 'labeler-app[bot]');
        await run(fake, [scheduleEvent(fake)]);
      },
    ],
  ];

  for (const [name, attack] of CASES) {
    it(name, async () => {
      const fake = await start(COMMANDS_POLICY, newDeal());
      try {
        await attack(fake);
        tally.faultsInjected += 1;
        countUnapproved(fake, 1);
        expect(hasExempt(fake, 1)).toBe(false);
      } finally {
        await fake.stop();
      }
    });
  }
});

const ARCHIVE_POLICY = `version: 1
backlog:
  max-age-days: 365
  archive: true
  grace-days: 14
enforcement:
  labels: { non-compliant: "roadmap: stale" }
`;

const at = (days: number, minutes = 0) => new Date(Date.parse(NOW) + days * DAY + minutes * 60_000).toISOString().replace('.000', '');

describe('archiving follows who touched the item', () => {
  const stale = () => [{ number: 1, title: 'Offline mode', createdAt: '2024-03-01T09:00:00Z', updatedAt: '2025-06-01T09:00:00Z', author: 'pm-paula' }];

  /** An audit warns about the stale item, `between` happens, and an audit runs once the 14-day grace period is over: the item's state then. */
  async function afterGracePeriod(between: (fake: FakeGitHub) => void): Promise<string | undefined> {
    const fake = await start(ARCHIVE_POLICY, stale());
    try {
      await run(fake, [scheduleEvent(fake)], at(0));
      between(fake);
      await run(fake, [scheduleEvent(fake)], at(15));
      tally.faultsInjected += 1;
      return fake.issue(1)?.state;
    } finally {
      await fake.stop();
    }
  }

  const TOUCHES: [string, (fake: FakeGitHub) => void][] = [
    ["a person's label a minute after the warning", (fake) => fake.labelAddedBy(1, 'customer:globex', 'pm-paula', at(0, 1))],
    ["a person's label taken off four minutes after the warning", (fake) => fake.labelRemovedBy(1, 'roadmap: stale', 'pm-paula', at(0, 4))],
    ["a person's comment two minutes after the warning", (fake) => void fake.addComment({ issueNumber: 1, author: 'pm-paula', body: 'Still needed.', createdAt: at(0, 2) })],
  ];

  for (const [name, touch] of TOUCHES) {
    it(`is cancelled by ${name}`, async () => {
      const state = await afterGracePeriod(touch);
      if (state === 'closed') tally.archivedDespiteTouch += 1;
      expect(state).toBe('open');
    });
  }

  const OWN_WRITES: [string, (fake: FakeGitHub) => void][] = [
    ['its label put back ten minutes after its comment', (fake) => (fake.labelRemovedBy(1, 'roadmap: stale', WORKFLOW_BOT, at(0, 9)), fake.labelAddedBy(1, 'roadmap: stale', WORKFLOW_BOT, at(0, 10)))],
    ['its label put back a week after its comment', (fake) => (fake.labelRemovedBy(1, 'roadmap: stale', WORKFLOW_BOT, at(7)), fake.labelAddedBy(1, 'roadmap: stale', WORKFLOW_BOT, at(7, 1)))],
  ];

  for (const [name, write] of OWN_WRITES) {
    it(`is not put off by the bot's own writes: ${name}`, async () => {
      const state = await afterGracePeriod(write);
      if (state !== 'closed') tally.neverArchivedByOwnWrites += 1;
      expect(state).toBe('closed');
    });
  }
});
