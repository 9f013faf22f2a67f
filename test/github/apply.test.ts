import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { applyWrites } from '../../src/github/apply.js';
import { describeApplied } from '../../src/ports/describe.js';
import { PermissionError } from '../../src/github/errors.js';
import type { PlannedWrite } from '../../src/plan/types.js';
import { API, REPO, testClient } from './fixtures.js';

function comment(issue: number): PlannedWrite {
  return { kind: 'create-comment', issue, body: `Fix #${issue}`, description: `comment on #${issue}: missing-field` };
}
function label(issue: number): PlannedWrite {
  return { kind: 'add-labels', issue, labels: ['roadmap:needs-work'], description: `add label roadmap:needs-work to #${issue}` };
}

function recordingLog() {
  const lines = { info: [] as string[], warning: [] as string[] };
  return { lines, log: { info: (m: string) => lines.info.push(m), warning: (m: string) => lines.warning.push(m) } };
}

describe('applyWrites', () => {
  it('in a dry run sends nothing and logs every write it would make', async () => {
    const { lines, log } = recordingLog();
    const client = testClient();
    // No interceptor: any request would fail the test (the network is closed).
    const result = await applyWrites(client, REPO, [comment(12), label(12)], { dryRun: true, maxWrites: 1, log });
    expect(client.counts()).toMatchObject({ graphql: 0, restRead: 0, write: 0 });
    expect(result.skippedByDryRun).toHaveLength(2);
    expect(result.made).toEqual([]);
    expect(lines.info).toEqual(['[dry-run] would comment on #12: missing-field', '[dry-run] would add label roadmap:needs-work to #12']);
  });

  it('stops at max-writes and says so loudly, leaving the rest for the next run', async () => {
    nock(API).post('/repos/acme/roadmap/issues/1/comments', { body: 'Fix #1' }).reply(201, { id: 1 }).post('/repos/acme/roadmap/issues/1/labels').reply(200, []);
    const { lines, log } = recordingLog();
    const result = await applyWrites(testClient(), REPO, [comment(1), label(1), comment(2), label(2)], { dryRun: false, maxWrites: 2, log });
    expect(result.made).toHaveLength(2);
    expect(result.deferred.map((w) => w.description)).toEqual(['comment on #2: missing-field', 'add label roadmap:needs-work to #2']);
    expect(lines.warning.join('\n')).toMatch(/Reached max-writes \(2\): 2 writes left for the next run/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('turns a 403 into an instruction to grant issues: write, keeps the cause, and stops', async () => {
    nock(API).post('/repos/acme/roadmap/issues/1/comments').reply(403, { message: 'Resource not accessible by integration' }, { 'x-ratelimit-remaining': '4000' });
    const { lines, log } = recordingLog();
    const result = await applyWrites(testClient(), REPO, [comment(1), label(1), comment(2)], { dryRun: false, maxWrites: 10, log });
    expect(result.stoppedBy).toBeInstanceOf(PermissionError);
    expect(result.stoppedBy!.message).toMatch(/issues: write/);
    expect(result.stoppedBy!.message).toMatch(/permissions:\n {2}contents: read\n {2}issues: write/);
    expect((result.stoppedBy!.cause as { status: number }).status).toBe(403);
    // The summary picks its fix by this cause, not by the message's words.
    expect(result.failed[0]?.cause).toEqual({ status: 403, permission: 'issues' });
    expect(result.notAttempted.map((w) => w.issue)).toEqual([1, 2]);
    expect(describeApplied(result)).toBe(
      'Made 0 of 3 planned writes; 1 failed (comment on #1: missing-field); 2 not attempted (add label roadmap:needs-work to #1; comment on #2: missing-field).',
    );
    expect(lines.warning[0]).toMatch(/^Stopped writing: GitHub refused to comment on #1/);
  });

  it('edits a comment at its exact id, even one beyond 2^53 that no JS number can hold', async () => {
    const id = '9007199254740993'; // 2^53 + 1: as a number it would round to ...992
    expect(String(Number(id))).not.toBe(id);
    let sent: unknown;
    nock(API)
      .patch(`/repos/acme/roadmap/issues/comments/${id}`, (body: unknown) => ((sent = body), true))
      .reply(200, { id: Number(id) });
    const { log } = recordingLog();
    const update: PlannedWrite = { kind: 'update-comment', issue: 1, commentId: id, body: 'new text', description: 'update the comment on #1' };
    const result = await applyWrites(testClient(), REPO, [update], { dryRun: false, maxWrites: 10, log });
    expect(result.made).toEqual([update]);
    expect(sent).toEqual({ body: 'new text' });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reports a write GitHub rejects and carries on with the others', async () => {
    nock(API)
      .patch('/repos/acme/roadmap/issues/comments/3500000005')
      .reply(404, { message: 'Not Found' })
      .post('/repos/acme/roadmap/issues/2/labels')
      .reply(200, []);
    const { log } = recordingLog();
    const update: PlannedWrite = { kind: 'update-comment', issue: 1, commentId: '3500000005', body: 'x', description: 'update the comment on #1' };
    const result = await applyWrites(testClient(), REPO, [update, label(2)], { dryRun: false, maxWrites: 10, log });
    expect(result.failed.map((f) => f.write.description)).toEqual(['update the comment on #1']);
    expect(result.made.map((w) => w.description)).toEqual(['add label roadmap:needs-work to #2']);
  });

  it('treats a label that is already gone, or already exists, as done', async () => {
    nock(API)
      .delete('/repos/acme/roadmap/issues/3/labels/roadmap%3Aneeds-work')
      .reply(404, { message: 'Label does not exist' })
      .post('/repos/acme/roadmap/labels', { name: 'roadmap:needs-work', color: 'd93f0b', description: 'why' })
      .reply(422, { message: 'Validation Failed', errors: [{ code: 'already_exists' }] });
    const { log } = recordingLog();
    const writes: PlannedWrite[] = [
      { kind: 'remove-label', issue: 3, label: 'roadmap:needs-work', description: 'remove label roadmap:needs-work from #3' },
      { kind: 'create-label', issue: null, name: 'roadmap:needs-work', color: 'd93f0b', labelDescription: 'why', description: 'create label roadmap:needs-work' },
    ];
    const result = await applyWrites(testClient(), REPO, writes, { dryRun: false, maxWrites: 10, log });
    expect(result.made).toHaveLength(2);
    expect(result.failed).toEqual([]);
  });

  it('reports a label GitHub finds invalid, which is not the same as one that exists', async () => {
    nock(API)
      .post('/repos/acme/roadmap/labels')
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Label', field: 'color', code: 'invalid' }] });
    const { log } = recordingLog();
    const write: PlannedWrite = { kind: 'create-label', issue: null, name: 'roadmap:x', color: 'zzz', labelDescription: 'why', description: 'create label roadmap:x' };
    const result = await applyWrites(testClient(), REPO, [write], { dryRun: false, maxWrites: 10, log });
    expect(result.made).toEqual([]);
    expect(result.failed.map((f) => f.write.description)).toEqual(['create label roadmap:x']);
  });

  it('skips a locked issue without blaming the token, and carries on', async () => {
    nock(API)
      .post('/repos/acme/roadmap/issues/1/comments')
      .reply(403, { message: 'Unable to create comment because issue is locked.' })
      .post('/repos/acme/roadmap/issues/2/labels')
      .reply(200, []);
    const { log } = recordingLog();
    const comment: PlannedWrite = { kind: 'create-comment', issue: 1, body: 'x', description: 'comment on #1' };
    const result = await applyWrites(testClient(), REPO, [comment, label(2)], { dryRun: false, maxWrites: 10, log });
    expect(result.stoppedBy).toBeUndefined();
    expect(result.failed[0]?.reason).toMatch(/locked/);
    expect(result.failed[0]?.reason).not.toMatch(/issues: write/);
    expect(result.failed[0]?.cause).toEqual({ status: 403, locked: true });
    expect(result.made.map((w) => w.description)).toEqual(['add label roadmap:needs-work to #2']);
  });
});
