/**
 * GraphQL points: what GitHub charges a query against the token's hourly
 * GraphQL budget, which is counted in points, not requests. GitHub computes
 * the cost from the query's `first`/`last` arguments before running it
 * (docs.github.com, "Rate limits and query limits for the GraphQL API":
 * requests every connection could need, divided by 100, rounded, at least 1),
 * and says what it charged in the query's own `rateLimit { cost }`
 * (`RateLimit.cost` in the published schema: "The point cost for the current
 * query counting against the rate limit"). So every query document asks for
 * it, added here rather than written into each document, and a new query is
 * counted without anyone remembering to.
 */

/** The selection added to every query; `cost` is all the run needs. */
const COST_SELECTION = 'rateLimit { cost }';

/**
 * The opening brace of a query operation's selection set: `query Name($a:
 * T = {…}) @directive {`, or a shorthand `{`. Default values sit inside the
 * parentheses, so the first brace after them opens the selection.
 */
const QUERY_OPENING = /^\s*(?:query\b[^({]*(?:\([^)]*\))?[^{]*)?\{/;

/**
 * The document with `rateLimit { cost }` among its top-level fields. Left as
 * it is when it already asks for `rateLimit`, or is not a query (a mutation
 * has no `rateLimit`: its cost is not reported in the answer).
 */
export function withQueryCost(document: string): string {
  if (/\brateLimit\s*(?:\(|\{)/.test(document)) return document;
  const opening = QUERY_OPENING.exec(document);
  if (!opening) return document;
  const at = opening[0].length;
  return `${document.slice(0, at)} ${COST_SELECTION}${document.slice(at)}`;
}

/** The points GitHub reports it charged in an answer's data; undefined when the answer does not say. */
export function reportedCost(data: unknown): number | undefined {
  const cost = (data as { rateLimit?: { cost?: unknown } | null } | null | undefined)?.rateLimit?.cost;
  return typeof cost === 'number' && Number.isFinite(cost) ? cost : undefined;
}
