/**
 * Relay-style pagination as GitHub does it: every connection needs `first` or
 * `last` between 1 and 100, cursors are opaque, and `totalCount` counts the
 * whole filtered list, not the page.
 */
import { GraphQLError } from 'graphql';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: T[];
  edges: { cursor: string; node: T }[];
}

function encodeCursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function decodeCursor(cursor: string, connectionName: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, { extensions: { connectionName } });
  return Number(match[1]);
}

function checkPageSize(args: ConnectionArgs, connectionName: string): void {
  if (args.first == null && args.last == null) {
    throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${connectionName}\` connection.`);
  }
  for (const key of ['first', 'last'] as const) {
    const size = args[key];
    if (size == null) continue;
    if (size < 0) throw new GraphQLError(`\`${key}\` on the \`${connectionName}\` connection cannot be less than zero.`);
    if (size > 100) {
      throw new GraphQLError(
        `Requesting ${size} records on the \`${connectionName}\` connection exceeds the \`${key}\` limit of 100 records.`,
      );
    }
  }
}

/** Slices `items` (already filtered and ordered) the way GitHub's connections do. */
export function paginate<T>(items: readonly T[], args: ConnectionArgs, connectionName: string): Connection<T> {
  checkPageSize(args, connectionName);
  let start = 0;
  let end = items.length;
  if (args.after) start = Math.max(start, decodeCursor(args.after, connectionName) + 1);
  if (args.before) end = Math.min(end, decodeCursor(args.before, connectionName));
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const indexes = [];
  for (let index = start; index < end; index += 1) indexes.push(index);
  const edges = indexes.map((index) => ({ cursor: encodeCursor(index), node: items[index] as T }));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    nodes: edges.map((edge) => edge.node),
    edges,
  };
}
