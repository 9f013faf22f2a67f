import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catchUpWrites, faqCost, rateLimitCost, requestCounting, savedStateCost } from '../../bench/cost-sentences.js';
import type { BenchResults, ScenarioResult } from '../../bench/results.js';

function run(overrides: Partial<ScenarioResult> & Pick<ScenarioResult, 'scenario' | 'issues'>): ScenarioResult {
  return { graphql: 2, restRead: 1, writes: 0, points: 2, wallMs: 100, processMs: 90, cpuMs: 50, peakRssMb: 90, exitCode: 0, ...overrides };
}

function results(issueEventGraphql: (issues: number) => number): BenchResults {
  const scenarios = [100, 1_000, 10_000].flatMap((issues) => [
    run({ scenario: 'audit-first', issues, graphql: issues / 100 + 2, writes: Math.min(50, issues / 10) }),
    run({ scenario: 'audit-catch-up', issues, graphql: issues / 100 + 2, writes: Math.max(0, issues / 10 - 50) }),
    run({ scenario: 'audit-steady', issues, graphql: issues / 100 + 2, points: 2 * (issues / 100 + 2) }),
    run({ scenario: 'issue-unchanged', issues, graphql: issueEventGraphql(issues) }),
  ]);
  return { machine: { node: 'v24', cpus: 2, cpuModel: 'Test CPU', platform: 'linux', loadAverage: { start: 0, end: 0 } }, latencyMs: 50, bundleBytes: 1, totalSeconds: 1, scenarios };
}

describe('the figures the docs quote from the benchmark', () => {
  it('follow bench/results.json: an issue event the same at every size, audits one request per 100 issues', () => {
    const flat = results(() => 2);
    expect(rateLimitCost(flat)).toContain('an audit of 1,000 open issues made 13 requests (12 GraphQL, 1 REST read of the policy file), and one of 10,000 made 103');
    expect(rateLimitCost(flat)).toContain('An issue event made 3 API requests (2 GraphQL, 1 REST) at 100, 1,000 and 10,000 open issues alike');
    expect(faqCost(flat)).toContain('(103 at 10,000)');
    expect(savedStateCost(flat)).toContain('at 10,000 open issues made 3 API requests');
    expect(requestCounting(flat)).toContain('`API requests: 12 GraphQL (24 points), 1 REST read, 0 writes; …`');
  });

  it('say so when an issue event grows with the repository, instead of claiming it does not', () => {
    const growing = results((issues) => issues / 100 + 1);
    expect(rateLimitCost(growing)).toContain('An issue event made 3 at 100, 12 at 1,000, 102 at 10,000 open issues');
    expect(rateLimitCost(growing)).not.toContain('alike');
  });

  it("explain a catch-up run's writes by the cap it lifted, and how many default runs they take", () => {
    expect(catchUpWrites(results(() => 2))).toBe(
      'A first audit is capped by `max-writes` (default 50): at 10,000 open issues it made 50 writes and left 950. The benchmark\'s second audit lifts the cap (`max-writes: 100000`) to make them all at once, which is why its row shows 950 writes; with the default cap they take 19 more audits. From then on an audit writes nothing.',
    );
  });

  it('refuse to write a sentence from a run the benchmark did not make', () => {
    const missing = results(() => 2);
    missing.scenarios = missing.scenarios.filter((row) => row.scenario !== 'issue-unchanged' || row.issues !== 10_000);
    expect(() => savedStateCost(missing)).toThrow('bench/results.json has no "issue-unchanged" run at 10,000 open issues; run npm run bench');
  });
});

describe('request counts in the README and the troubleshooting page', () => {
  it('are quoted only in text generated from bench/results.json', () => {
    const root = join(import.meta.dirname, '../..');
    for (const file of ['README.md', 'docs/troubleshooting.md']) {
      const handWritten = readFileSync(join(root, file), 'utf8').replace(/<!-- example:([\w-]+) -->[\s\S]*?<!-- \/example:\1 -->/g, '');
      // The board's cost is measured by its end-to-end test, not the benchmark.
      const figures = [...handWritten.matchAll(/[^.\n]*\b\d[\d,]* (?:API )?requests\b[^.\n]*/g)].map((match) => match[0].trim());
      expect(figures.filter((sentence) => !sentence.startsWith('That is ceil(1000/100) + 4 = 14 requests')), file).toEqual([]);
    }
  });
});
