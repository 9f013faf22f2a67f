// A /roadmap command is never lost to GitHub's concurrency groups: a burst of
// events on one issue is scheduled the way GitHub schedules the shipped
// workflow's runs (see concurrency.ts), then the runs that survive are run.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readTrail } from '../../src/memory/trail.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { concurrencyGroup, scheduleBurst } from './concurrency.js';
import { issueCommentEvent, issuesEvent, pushEvent, scheduleEvent } from './events.js';
import { COMMANDS_POLICY, POLICY_PATH, dealRequest, stopFake } from './fixtures.js';
import { runTogether } from './run-in-process.js';

const NOW = new Date('2026-11-20T12:00:00Z');

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

async function shippedGroup(): Promise<string> {
  const workflow = parse(await readFile(join(import.meta.dirname, '..', '..', '.github', 'workflows', 'roadmap.yml'), 'utf8')) as { concurrency: { group: string; 'cancel-in-progress': boolean } };
  expect(workflow.concurrency['cancel-in-progress']).toBe(false);
  return workflow.concurrency.group;
}

describe("the shipped workflow's concurrency groups", () => {
  it('keep one group per issue for issue events, one for audits (a push too), and give every comment a group of its own', async () => {
    fake = await FakeGitHub.start();
    fake.seed({ files: { [POLICY_PATH]: COMMANDS_POLICY }, issues: [{ number: 1, ...dealRequest() }] });
    const group = await shippedGroup();
    const edit = issuesEvent(fake, { action: 'edited', number: 1 });
    const command = issueCommentEvent(fake, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' });
    const chat = issueCommentEvent(fake, { number: 1, author: 'pm-paula', body: 'Thanks!' });
    expect(concurrencyGroup(group, edit, 1)).toBe('roadmap-guard-1');
    expect(concurrencyGroup(group, scheduleEvent(fake), 2)).toBe('roadmap-guard-audit');
    // A merged policy change's push is an audit, in the audits' group.
    expect(concurrencyGroup(group, pushEvent(fake), 5)).toBe('roadmap-guard-audit');
    expect(concurrencyGroup(group, command, 3)).toBe(`roadmap-guard-comment-${fake.comments(1)[0]!.id}`);
    expect(concurrencyGroup(group, chat, 4)).toBe(`roadmap-guard-comment-${fake.comments(1)[1]!.id}`);
  });

  it('a command queued behind an edit of the same issue is not cancelled by the next edit, and its grant lands', async () => {
    fake = await FakeGitHub.start();
    fake.seed({ files: { [POLICY_PATH]: COMMANDS_POLICY }, issues: [{ number: 1, ...dealRequest({ answers: { 'Who will buy it?': null } }) }] });
    const burst = [
      issuesEvent(fake, { action: 'edited', number: 1 }),
      issueCommentEvent(fake, { number: 1, author: 'lead-lena', body: '/roadmap exempt Launch partner signed in March' }),
      issuesEvent(fake, { action: 'edited', number: 1 }),
    ];
    const { waves, cancelled } = scheduleBurst(await shippedGroup(), burst);
    expect(cancelled).toEqual([]);
    for (const wave of waves) {
      const result = await runTogether({ fake, events: wave, now: NOW });
      expect(result.crash).toBeUndefined();
    }
    // Whatever the runs that overlapped left, an audit converges on one comment that holds the grant.
    await runTogether({ fake, events: [scheduleEvent(fake)], now: NOW });
    expect(fake.labelsOf(1)).toContain('roadmap-exempt');
    const ours = fake.comments(1).filter((comment) => comment.author === WORKFLOW_BOT && comment.body.includes(COMMENT_MARKER));
    expect(ours.map((comment) => readTrail(comment.body).map((entry) => [entry.action, entry.actor]))).toEqual([[['exempt', 'lead-lena']]]);
    const command = fake.comments(1).find((comment) => comment.author === 'lead-lena')!;
    expect(fake.reactionsOn(command.id)).toEqual([{ content: '+1', user: WORKFLOW_BOT }]);
  });
});
