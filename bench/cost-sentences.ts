/**
 * The sentences of the README and docs/ that quote what `npm run bench`
 * measured (bench/results.json): what an audit and an issue event cost, and
 * how the writes of a first audit are spread. `npm run readme` writes them
 * in, so no page quotes a figure the last run did not measure.
 */
import { describeCounts } from '../src/ports/describe.js';
import type { BenchResults, ScenarioId, ScenarioResult } from './results.js';

const count = (n: number) => n.toLocaleString('en-US');

function row(results: BenchResults, scenario: ScenarioId, issues: number): ScenarioResult {
  const found = results.scenarios.find((candidate) => candidate.scenario === scenario && candidate.issues === issues);
  if (!found) throw new Error(`bench/results.json has no "${scenario}" run at ${count(issues)} open issues; run npm run bench`);
  return found;
}

const requests = (run: ScenarioResult) => (run.graphql ?? 0) + (run.restRead ?? 0);

/** The open-issue counts the benchmark ran at, smallest first. */
function sizes(results: BenchResults): number[] {
  return [...new Set(results.scenarios.flatMap((run) => (run.scenario === 'audit-steady' && run.issues !== null ? [run.issues] : [])))].sort((a, b) => a - b);
}

/** "3 requests (2 GraphQL, 1 REST)" at every size, or each size's figure when they differ. */
function issueEventCost(results: BenchResults): string {
  const runs = sizes(results).map((issues) => row(results, 'issue-unchanged', issues));
  const same = runs.every((run) => requests(run) === requests(runs[0]!) && run.graphql === runs[0]!.graphql);
  const at = sizes(results).map(count);
  const list = `${at.slice(0, -1).join(', ')} and ${at.at(-1)}`;
  if (same) return `${requests(runs[0]!)} API requests (${runs[0]!.graphql} GraphQL, ${runs[0]!.restRead} REST) at ${list} open issues alike`;
  return runs.map((run) => `${requests(run)} at ${count(run.issues!)}`).join(', ') + ' open issues';
}

/** What an audit and an issue event cost, for the troubleshooting page's rate limits. */
export function rateLimitCost(results: BenchResults): string {
  const [small, ...larger] = sizes(results).filter((issues) => issues >= 1_000);
  const audit = row(results, 'audit-steady', small!);
  const largest = larger.at(-1);
  return [
    `In the last benchmark (\`npm run bench\`, against a stand-in for GitHub), an audit of ${count(small!)} open issues made ${requests(audit)} requests (${audit.graphql} GraphQL, ${audit.restRead} REST read of the policy file)`,
    largest === undefined ? '' : `, and one of ${count(largest)} made ${requests(row(results, 'audit-steady', largest))}: reads grow by one request per 100 open issues`,
    `. An issue event made ${issueEventCost(results)}, thanks to the [saved state](../README.md#saved-state-issue-events-cost-the-same-at-any-size) (plus two requests to the Actions cache service, which is not the API); without it (\`saved-state: false\`, the first event before any audit), an issue event reads every open issue, one request per 100.`,
  ].join('');
}

/** The FAQ's answer on API cost. */
export function faqCost(results: BenchResults): string {
  const largest = sizes(results).at(-1)!;
  const audit = row(results, 'audit-steady', largest);
  return `**How many API requests does it use?** An issue event made ${issueEventCost(results)} in the last benchmark; an audit one per 100 open issues and a few more (${requests(audit)} at ${count(largest)}), well within a workflow token's 1,000 requests an hour. See [What a run costs](#what-a-run-costs).`;
}

/** What an unchanged issue event costs with the saved state, for the README's saved-state section. */
export function savedStateCost(results: BenchResults): string {
  const largest = sizes(results).at(-1)!;
  const event = row(results, 'issue-unchanged', largest);
  const audit = row(results, 'audit-steady', largest);
  return `An unchanged issue event at ${count(largest)} open issues made ${requests(event)} API requests in the last benchmark (the policy file, the event's issue, the changes in one GraphQL request, and the open pull requests whose merge gate status follows the issues), plus two to the cache; reading every open issue would take about as many as an audit (${requests(audit)}).`;
}

/** How the writes of a first audit are spread over runs, for the README's cost section. */
export function catchUpWrites(results: BenchResults): string {
  const largest = sizes(results).at(-1)!;
  const first = row(results, 'audit-first', largest);
  const rest = row(results, 'audit-catch-up', largest);
  const cap = first.writes ?? 0;
  const runs = Math.ceil((rest.writes ?? 0) / cap);
  return `A first audit is capped by \`max-writes\` (default 50): at ${count(largest)} open issues it made ${first.writes} writes and left ${rest.writes}. The benchmark's second audit lifts the cap (\`max-writes: 100000\`) to make them all at once, which is why its row shows ${rest.writes} writes; with the default cap they take ${runs} more audit${runs === 1 ? '' : 's'}. From then on an audit writes nothing.`;
}

/** The README's paragraph on counting requests, with the log line a repeated audit of 1,000 issues printed. */
export function requestCounting(results: BenchResults): string {
  const audit = row(results, 'audit-steady', 1_000);
  const line = describeCounts({ graphql: audit.graphql ?? 0, graphqlPoints: audit.points ?? 0, restRead: audit.restRead ?? 0, write: audit.writes ?? 0 }).replace(/;.*$/, '; …');
  const perPage = audit.graphql ? (audit.points ?? 0) / audit.graphql : 0;
  return `Roadmap Guard counts every API request it makes and reports the counts, the GraphQL points GitHub charged for them, and the remaining rate limit in the log (\`API requests: ${line}\` for a repeated audit of 1,000 issues in the last benchmark: ${perPage} points for each page of 100 issues with their labels and comments), the job summary and the \`requests\` output. It reads issues 100 per page and paces only its writes; when the hourly rate limit is spent it stops at once and reports what was and was not done.`;
}
