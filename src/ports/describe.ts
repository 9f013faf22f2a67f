/**
 * What a run cost and wrote, in the words the log, the job summary and the
 * pull-request report share.
 */
import { plural } from '../core/wording.js';
import type { ApplyResult, RequestCounts } from './forge.js';

/** "12 GraphQL (14 points), 0 REST reads, 3 writes; rate limit remaining 4,980; waited 2s on rate limits". */
export function describeCounts(counts: RequestCounts): string {
  const remaining = counts.rateLimitRemaining === undefined ? 'unknown' : counts.rateLimitRemaining.toLocaleString('en-US');
  const waited = counts.waitedSeconds ? `; waited ${counts.waitedSeconds}s on rate limits` : '';
  return `${counts.graphql} GraphQL (${plural(counts.graphqlPoints, 'point')}), ${plural(counts.restRead, 'REST read')}, ${plural(counts.write, 'write')}; rate limit remaining ${remaining}${waited}`;
}

/** "Made 3 of 7 planned writes; 1 failed (…); 1 not attempted (…); 2 deferred by max-writes." */
export function describeApplied(result: ApplyResult): string {
  const planned = result.made.length + result.failed.length + result.notAttempted.length + result.deferred.length;
  const parts = [`Made ${result.made.length} of ${plural(planned, 'planned write')}`];
  if (result.failed.length) parts.push(`${result.failed.length} failed (${result.failed.map((f) => f.write.description).join('; ')})`);
  if (result.notAttempted.length) parts.push(`${result.notAttempted.length} not attempted (${result.notAttempted.map((w) => w.description).join('; ')})`);
  if (result.deferred.length) parts.push(`${result.deferred.length} deferred by max-writes`);
  return `${parts.join('; ')}.`;
}

/** A multi-line message as one line: "Invalid inputs: a; b" rather than only "Invalid inputs:". */
export function oneLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-*]\s+/, ''))
    .filter((line) => line !== '');
  return lines.reduce((joined, line) => (joined === '' ? line : `${joined}${/[:;]$/.test(joined) ? ' ' : '; '}${line}`), '');
}
