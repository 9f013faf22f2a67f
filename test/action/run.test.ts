import nock from 'nock';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/action/run.js';
import { COMMENT_MARKER } from '../../src/memory/markers.js';
import { API, issueNode, variablesOf } from '../github/fixtures.js';
import { captureActionLog } from '../action-log.js';
import { githubPorts } from '../support/github-ports.js';

const POLICY = `version: 1
categories:
  deal:
    match: { labels: [deal] }
    budget: { max-share: 50% }
business-case:
  applies-to: [deal]
  fields:
    - heading: Who will buy it?
      min-words: 3
enforcement:
  fail-on: [missing-field, over-budget]
  labels: { non-compliant: "roadmap:needs-work" }
`;

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];

/** GitHub's own issues.opened example, pointed at issue #12 of acme/roadmap. */
function issuesOpened(): Record<string, unknown> {
  const example = structuredClone(examples.find((d) => d.name === 'issues')!.examples.find((e) => e.action === 'opened')!);
  (example.issue as Record<string, unknown>).number = 12;
  example.repository = { ...(example.repository as Record<string, unknown>), name: 'roadmap', full_name: 'acme/roadmap' };
  return example;
}

const ENV_KEYS = ['GITHUB_REPOSITORY', 'GITHUB_EVENT_NAME', 'GITHUB_EVENT_PATH', 'GITHUB_WORKSPACE', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'RUNNER_TEMP', 'GITHUB_API_URL', 'GITHUB_GRAPHQL_URL', 'GITHUB_SHA'];
const INPUTS = { 'github-token': 'test-token', policy: '.github/roadmap-policy.yml', mode: 'auto', 'dry-run': 'false', 'max-writes': '50', 'dashboard-issue': '', 'trend-months': '0', 'project-token': '' };
let saved: Record<string, string | undefined>;
let dir: string;
let log: ReturnType<typeof captureActionLog>;

beforeEach(async () => {
  log = captureActionLog();
  // Every issue event and audit lists the open pull requests, whose merge gate status follows the issues: none here.
  nock(API)
    .persist()
    .post('/graphql', (body: unknown) => JSON.stringify(body).includes('RoadmapOpenPullRequests'))
    .reply(200, { data: { repository: { defaultBranchRef: { name: 'main' }, pullRequests: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } });
  saved = Object.fromEntries([...ENV_KEYS, ...Object.keys(INPUTS).map(inputVar)].map((k) => [k, process.env[k]]));
  dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-run-'));
  await mkdir(join(dir, 'workspace', '.github'), { recursive: true });
  await writeFile(join(dir, 'workspace', '.github', 'roadmap-policy.yml'), POLICY);
  await writeFile(join(dir, 'event.json'), JSON.stringify(issuesOpened()));
  await writeFile(join(dir, 'output'), '');
  await writeFile(join(dir, 'summary.md'), '');
  Object.assign(process.env, {
    GITHUB_REPOSITORY: 'acme/roadmap',
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_WORKSPACE: join(dir, 'workspace'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    RUNNER_TEMP: dir,
    GITHUB_API_URL: API,
    GITHUB_GRAPHQL_URL: `${API}/graphql`,
    GITHUB_SHA: 'abc1234def',
  });
  for (const [name, value] of Object.entries(INPUTS)) process.env[inputVar(name)] = value;
  process.exitCode = undefined;
});

afterEach(() => {
  log.restore();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  process.exitCode = undefined;
});

function inputVar(name: string): string {
  return `INPUT_${name.toUpperCase()}`;
}

/** Outputs as the runner would read them back from GITHUB_OUTPUT. */
async function outputs(): Promise<Record<string, string>> {
  const text = await readFile(join(dir, 'output'), 'utf8');
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) result[match[1]!] = match[3]!;
  return result;
}

const runFast = () => run({ now: () => new Date('2026-03-01T12:00:00Z'), ...githubPorts({ pacing: { writeGapMs: 0, contentGapMs: 0 }, retryTimeUnitMs: 1, warn: () => {} }) });

/** The focus issue (#12, a deal request with no business case) and the budget read (#12 and two other open issues). */
function githubWith(options: { comments: unknown[]; labels: string[]; labelExists: boolean }) {
  const focus = issueNode({ number: 12, labelNames: options.labels, body: '### Who will buy it?\n\n_No response_' });
  const focusQuery = (body: unknown) => 'number' in variablesOf(body);
  return nock(API)
    .post('/graphql', focusQuery)
    .reply(200, {
      data: {
        repository: {
          nonCompliantLabel: options.labelExists ? { name: 'roadmap:needs-work' } : null,
          overBudgetLabel: null,
          issue: { ...focus, comments: { totalCount: options.comments.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes: options.comments } },
        },
        rateLimit: { cost: 1 },
      },
    })
    // The budget read asks for bodies: of them it keeps what the business case reads, for a policy preview.
    .post('/graphql', (body: unknown) => !focusQuery(body) && variablesOf(body).withBody === true)
    .reply(
      200,
      { data: { repository: { issues: { totalCount: 3, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [focus, issueNode({ number: 13 }), issueNode({ number: 14 })] } }, rateLimit: { cost: 2 } } },
      { 'x-ratelimit-remaining': '4321' },
    );
}

describe('run() on an issues.opened event', () => {
  it('comments once, labels once, fails the check, and a re-run makes no writes', async () => {
    let posted = '';
    const first = githubWith({ comments: [], labels: ['deal'], labelExists: false })
      .post('/repos/acme/roadmap/labels', (body: { name: string }) => body.name === 'roadmap:needs-work')
      .reply(201, {})
      .post('/repos/acme/roadmap/issues/12/comments', (body: { body: string }) => ((posted = body.body), true))
      .reply(201, { id: 3_500_000_777 })
      .post('/repos/acme/roadmap/issues/12/labels', { labels: ['roadmap:needs-work'] })
      .reply(200, []);
    await runFast();
    expect(first.pendingMocks()).toEqual([]);
    expect(posted).toContain(COMMENT_MARKER);
    expect(posted).toContain('Who will buy it?');
    expect(process.exitCode).toBe(1);
    const out = await outputs();
    expect(out.compliant).toBe('false');
    expect(JSON.parse(out.findings!)).toEqual([expect.objectContaining({ kind: 'missing-field', item: 12, severity: 'fail' })]);
    expect(JSON.parse(out.requests!)).toEqual({ graphql: 3, 'graphql-points': 3, 'rest-read': 0, write: 3, 'rate-limit-remaining': 4321 });
    expect(await readFile(out.report!, 'utf8')).toContain('#12');
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain('#12');
    expect(log.commands('error')).toEqual(['::error::1 finding fails the roadmap policy: #12 No answer to "Who will buy it?". See the job summary.']);

    // The same event again: the comment and label are there, nothing is written.
    process.exitCode = undefined;
    await writeFile(join(dir, 'output'), '');
    const second = githubWith({ comments: [{ fullDatabaseId: '3500000777', viewerDidAuthor: true, body: posted }], labels: ['deal', 'roadmap:needs-work'], labelExists: true });
    await runFast();
    expect(second.pendingMocks()).toEqual([]);
    expect(JSON.parse((await outputs()).requests!)).toMatchObject({ graphql: 3, write: 0 });
  });

  it('fails the run when GitHub refuses a write, even though no finding fails', async () => {
    await writeFile(join(dir, 'workspace', '.github', 'roadmap-policy.yml'), POLICY.replace('fail-on: [missing-field, over-budget]', 'fail-on: []'));
    const github = githubWith({ comments: [], labels: ['deal'], labelExists: true })
      .post('/repos/acme/roadmap/issues/12/comments')
      .reply(201, { id: 778 })
      .post('/repos/acme/roadmap/issues/12/labels')
      .reply(422, { message: 'Validation Failed' });
    await runFast();
    expect(github.pendingMocks()).toEqual([]);
    expect(process.exitCode).toBe(1);
    const out = await outputs();
    expect(out.compliant).toBe('true');
    expect(await readFile(out.report!, 'utf8')).toMatch(/add label roadmap:needs-work to `#12` \(POST \/repos\/acme\/roadmap\/issues\/12\/labels failed: GitHub answered 422: Validation Failed/);
  });

  it("ignores an edit of its own dashboard issue, which is not planned work", async () => {
    const dashboard = issueNode({ number: 12, labelNames: ['deal'], viewerDidAuthor: true, body: '<!-- roadmap-guard:dashboard -->\n## Roadmap health' });
    nock(API)
      .post('/graphql', (body: unknown) => 'number' in variablesOf(body))
      .reply(200, { data: { repository: { nonCompliantLabel: null, overBudgetLabel: null, issue: { ...dashboard, comments: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } } })
      .post('/graphql')
      .reply(200, { data: { repository: { issues: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [dashboard] } } } });
    await runFast();
    expect(process.exitCode).toBeUndefined();
    const out = await outputs();
    expect(JSON.parse(out.requests!)).toMatchObject({ write: 0 });
    expect(out.compliant).toBe('true');
  });

  it('in a dry run writes nothing and still reports', async () => {
    process.env[inputVar('dry-run')] = 'true';
    githubWith({ comments: [], labels: ['deal'], labelExists: false });
    await runFast();
    const out = await outputs();
    expect(JSON.parse(out.requests!)).toMatchObject({ write: 0 });
    expect(out.compliant).toBe('false');
  });

  it('fails with the policy problem, writes nothing, and still sets every output', async () => {
    await writeFile(join(dir, 'workspace', '.github', 'roadmap-policy.yml'), 'version: 1\ncategories:\n  deal:\n    budget: { max-share: ten percent }\n');
    await runFast();
    const out = await outputs();
    expect(process.exitCode).toBe(1);
    expect(Object.keys(out).sort()).toEqual(['budgets', 'compliant', 'findings', 'findings-file', 'over-budget', 'report', 'requests']);
    expect(JSON.parse(await readFile(out['findings-file']!, 'utf8'))).toEqual([]);
    expect(out.compliant).toBe('false');
    expect(JSON.parse(out.requests!)).toMatchObject({ graphql: 0, write: 0 });
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toMatch(/roadmap policy is invalid/);
    // Each problem is an annotation on its line of the policy file.
    expect(log.commands('error')).toContain(
      '::error title=Invalid roadmap policy,file=.github/roadmap-policy.yml,line=4,col=26::categories.deal.budget.max-share: expected a share like 10%25 or 0.1, got "ten percent"',
    );
  });

  it('refuses a policy symlinked to a file of secrets and echoes none of it anywhere', async () => {
    const token = 'ghs_DistinctiveWorkflowToken4242';
    process.env[inputVar('github-token')] = token;
    const policy = join(dir, 'workspace', '.github', 'roadmap-policy.yml');
    await writeFile(join(dir, 'environ'), `INPUT_GITHUB-TOKEN=${token}\0HOME=/home/runner\0`);
    await rm(policy);
    await symlink(join(dir, 'environ'), policy);
    await runFast();
    expect(process.exitCode).toBe(1);
    // The runner reads `::add-mask::` and never shows it; every other line is what people see.
    const shown = log.text().split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(log.text()).toContain(`::add-mask::${token}`);
    expect(shown.join('\n')).toMatch(/symbolic link to a file outside the repository/);
    expect(shown.join('\n')).not.toContain(token);
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).not.toContain(token);
    expect(JSON.stringify(await outputs())).not.toContain(token);
  });

  it('fails the check with every GraphQL error and the query it came from, not a bare first line', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: null, errors: [{ type: 'FORBIDDEN', path: ['repository', 'issue'], message: 'Resource not accessible by integration' }] });
    await runFast();
    expect(process.exitCode).toBe(1);
    expect(log.text()).toContain(
      "::error::GitHub's GraphQL API refused the query RoadmapFocusIssue: FORBIDDEN: Resource not accessible by integration (at repository.issue).",
    );
    expect(Object.keys(await outputs())).toContain('compliant');
  });

  it('ignores a pull_request event with a notice and passes', async () => {
    process.env.GITHUB_EVENT_NAME = 'pull_request';
    await runFast();
    expect(process.exitCode).toBeUndefined();
    const out = await outputs();
    expect(out.requests).toBe(JSON.stringify({ graphql: 0, 'graphql-points': 0, 'rest-read': 0, write: 0, 'rate-limit-remaining': null }));
    // Nothing was checked, so nothing fails: a later step gated on `compliant` stays quiet.
    expect(out.compliant).toBe('true');
  });
});

describe('run() on a schedule', () => {
  it('audits, creates the dashboard issue, reads closed issues for the trend and counts them', async () => {
    process.env.GITHUB_EVENT_NAME = 'schedule';
    await writeFile(join(dir, 'event.json'), JSON.stringify({ schedule: '17 6 * * 1' }));
    process.env[inputVar('dashboard-issue')] = 'Roadmap health';
    process.env[inputVar('trend-months')] = '3';
    const answered = '### Who will buy it?\n\nRetail chains across Europe';
    const page = (nodes: unknown[]) => ({ data: { repository: { nonCompliantLabel: { name: 'roadmap:needs-work' }, overBudgetLabel: null, issues: { totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } });
    const window = { recentComments: { totalCount: 0, nodes: [] } };
    let dashboardBody = '';
    let since: unknown;
    const scope = nock(API)
      .post('/graphql', (body: unknown) => (variablesOf(body).states as string[])[0] === 'OPEN')
      .reply(200, page([{ ...issueNode({ number: 1, labelNames: ['deal'], body: answered }), ...window }, { ...issueNode({ number: 2 }), ...window }, { ...issueNode({ number: 3 }), ...window }]))
      .post('/graphql', (body: unknown) => ((since = variablesOf(body).since), (variablesOf(body).states as string[])[0] === 'CLOSED' && !variablesOf(body).labels))
      .reply(200, page([issueNode({ number: 4, state: 'CLOSED', closedAt: '2026-02-10T00:00:00Z', labelNames: ['deal'] })]))
      .post('/graphql', (body: unknown) => (variablesOf(body).labels as string[] | null)?.[0] === 'roadmap:needs-work')
      .reply(200, page([]))
      .post('/repos/acme/roadmap/issues', (body: { title: string; body: string }) => ((dashboardBody = body.body), body.title === 'Roadmap health'))
      .reply(201, { number: 99 });
    await runFast();
    expect(scope.pendingMocks()).toEqual([]);
    expect(since).toBe('2026-01-01T00:00:00.000Z');
    expect(dashboardBody).toContain('<!-- roadmap-guard:dashboard -->');
    const out = await outputs();
    expect(out.compliant).toBe('true');
    expect(JSON.parse(out.requests!)).toMatchObject({ graphql: 4, write: 1 });
    expect(process.exitCode).toBeUndefined();
  });

  it('resolves the comment and removes the label of an issue closed while no run saw it', async () => {
    process.env.GITHUB_EVENT_NAME = 'schedule';
    await writeFile(join(dir, 'event.json'), JSON.stringify({ schedule: '17 6 * * 1' }));
    const page = (nodes: unknown[]) => ({ data: { repository: { nonCompliantLabel: { name: 'roadmap:needs-work' }, overBudgetLabel: null, issues: { totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } });
    const botComment = { fullDatabaseId: '3500000501', viewerDidAuthor: true, body: `${COMMENT_MARKER}\nFill in **Who will buy it?**` };
    const closed = {
      ...issueNode({ number: 7, state: 'CLOSED', closedAt: '2026-03-01T00:00:00Z', labelNames: ['deal', 'roadmap:needs-work'] }),
      recentComments: { totalCount: 1, nodes: [botComment] },
    };
    let resolved = '';
    const scope = nock(API)
      .post('/graphql', (body: unknown) => (variablesOf(body).states as string[])[0] === 'OPEN')
      .reply(200, page([]))
      .post('/graphql', (body: unknown) => (variablesOf(body).labels as string[] | null)?.[0] === 'roadmap:needs-work')
      .reply(200, page([closed]))
      .patch('/repos/acme/roadmap/issues/comments/3500000501', (body: { body: string }) => ((resolved = body.body), true))
      .reply(200, { id: 3_500_000_501 })
      .delete(`/repos/acme/roadmap/issues/7/labels/${encodeURIComponent('roadmap:needs-work')}`)
      .reply(200, []);
    await runFast();
    expect(scope.pendingMocks()).toEqual([]);
    expect(resolved).toContain(COMMENT_MARKER);
    expect(resolved).toMatch(/resolved/i);
  });
});

