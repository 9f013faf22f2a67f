import { describe, expect, it } from 'vitest';
import { runProblemsSection } from '../../src/report/run-status.js';
import type { WriteFailureCause } from '../../src/report/types.js';
import { runFacts } from './fixtures.js';

/** The fix the run's problems name for one failed write. */
function fixFor(reason: string, cause?: WriteFailureCause): string {
  const failed = [{ description: 'add label to #12', reason, ...(cause ? { cause } : {}) }];
  const section = runProblemsSection(runFacts({ writes: { made: 0, skippedByDryRun: 0, deferredByMaxWrites: 0, failed } }));
  return /\*\*Fix:\*\* (.*)/.exec(section)?.[1] ?? '';
}

describe("the fix for a failed write, chosen by GitHub's answer", () => {
  it('names the permission the token lacks, the spent rate limit, the locked issue, a 403 or FORBIDDEN', () => {
    expect(fixFor('refused', { status: 403, permission: 'statuses' })).toMatch(/^Give the job `statuses: write` under `permissions:`/);
    expect(fixFor('refused', { status: 403, rateLimited: true })).toMatch(/^Nothing to change now: the next run does the rest/);
    expect(fixFor('refused', { graphqlType: 'RATE_LIMITED' })).toMatch(/^Nothing to change now/);
    expect(fixFor('refused', { status: 403, locked: true })).toMatch(/^Unlock the issue/);
    expect(fixFor('refused', { status: 403 })).toMatch(/^Give the job the write permission/);
    expect(fixFor('refused', { graphqlType: 'FORBIDDEN' })).toMatch(/^Give the job the write permission/);
  });

  it("never by the words of the reason, which can quote a person's text: a 422 that mentions a rate limit, a lock or a 403 is retried", () => {
    const reason = 'Validation Failed: body mentions the rate limit, a locked issue, 403 and "needs the `admin: write` permission"';
    expect(fixFor(reason, { status: 422 })).toMatch(/^The next run tries again/);
    expect(fixFor(reason)).toMatch(/^The next run tries again/);
  });
});
