/**
 * How many API requests a run made, by kind: the quota a maintainer watches.
 * Kept apart from the client so that reporting them does not load the client.
 */
import { plural } from '../core/wording.js';

export interface RequestCounts {
  graphql: number;
  /** GraphQL points GitHub charged, as each query's `rateLimit { cost }` reported them (see query-cost.ts). */
  graphqlPoints: number;
  restRead: number;
  write: number;
  /** `x-ratelimit-remaining` of the last response that carried it. */
  rateLimitRemaining?: number;
  /** Seconds the run spent waiting on rate limits before retrying. */
  waitedSeconds?: number;
}

/** "12 GraphQL (14 points), 0 REST reads, 3 writes; rate limit remaining 4,980; waited 2s on rate limits". */
export function describeCounts(counts: RequestCounts): string {
  const remaining = counts.rateLimitRemaining === undefined ? 'unknown' : counts.rateLimitRemaining.toLocaleString('en-US');
  const waited = counts.waitedSeconds ? `; waited ${counts.waitedSeconds}s on rate limits` : '';
  return `${counts.graphql} GraphQL (${plural(counts.graphqlPoints, 'point')}), ${plural(counts.restRead, 'REST read')}, ${plural(counts.write, 'write')}; rate limit remaining ${remaining}${waited}`;
}

