// Deal requests without an owner (business-case.require-assignee), end to end
// against the local fake GitHub: the audit and an issue event read who each
// issue is assigned to, and only a request nobody is assigned to is flagged.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeGitHub, WORKFLOW_BOT } from '../fake-github/index.js';
import { issuesEvent, scheduleEvent } from './events.js';
import { POLICY_PATH, stopFake } from './fixtures.js';
import { runInProcess } from './run-in-process.js';

const policyFile = (requireAssignee: boolean) => `version: 1
categories:
  deal: { match: { labels: [deal] } }
business-case:
  applies-to: [deal]
  require-assignee: ${requireAssignee}
enforcement:
  fail-on: [missing-owner]
`;

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await stopFake(fake);
  fake = undefined;
});

async function deals(requireAssignee: boolean): Promise<FakeGitHub> {
  fake = await FakeGitHub.start({ repository: { owner: 'acme', name: 'deals' } });
  fake.seed({
    files: { [POLICY_PATH]: policyFile(requireAssignee) },
    issues: [
      { number: 1, title: 'SSO for Acme', labels: ['deal'], assignees: ['dev-dana'] },
      { number: 2, title: 'Export for Globex', labels: ['deal'] },
    ],
  });
  return fake;
}

const ownComment = (github: FakeGitHub, issue: number) => github.comments(issue).find((comment) => comment.author === WORKFLOW_BOT)?.body;

describe('deal requests without an owner', () => {
  it('an audit flags the request nobody is assigned to, and fails the check when fail-on names it', async () => {
    const github = await deals(true);
    const result = await runInProcess({ fake: github, event: scheduleEvent(github) });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.outputs['findings']!)).toEqual([expect.objectContaining({ kind: 'missing-owner', item: 2, severity: 'fail' })]);
    expect(ownComment(github, 2)).toContain('Assign the person who answers for it');
    expect(ownComment(github, 1)).toBeUndefined();
  });

  it('an issue event reads its issue\'s assignees', async () => {
    const github = await deals(true);
    const assigned = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'edited', number: 1 }) });
    expect(assigned.exitCode).toBe(0);
    const unassigned = await runInProcess({ fake: github, event: issuesEvent(github, { action: 'edited', number: 2 }) });
    expect(unassigned.exitCode).toBe(1);
    expect(ownComment(github, 2)).toContain('Assign the person who answers for it');
  });

  it('is off by default: the same roadmap passes', async () => {
    const github = await deals(false);
    const result = await runInProcess({ fake: github, event: scheduleEvent(github) });
    expect(result.exitCode).toBe(0);
  });
});
