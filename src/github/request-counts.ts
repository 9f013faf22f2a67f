/**
 * How many API requests a run made, by kind: the quota a maintainer watches.
 * Kept apart from the client so that reporting them does not load the client.
 */
import type { RequestCounts } from '../ports/forge.js';
import { describeCounts } from '../ports/describe.js';
export { describeCounts };
export type { RequestCounts };

