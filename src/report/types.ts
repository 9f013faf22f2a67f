/**
 * What every report (comment, job summary, dashboard, terminal) is drawn from.
 * Built by the action or the CLI, rendered by the functions in report/.
 */
import type { Evaluation, TrendPoint, WorkItem } from '../core/types.js';

export type { TrendPoint };
import type { Policy } from '../core/policy.js';
import type { BetOutcomes } from '../core/outcomes.js';
import type { ExecutionReport } from '../core/execution.js';
import type { ExemptionRecords } from './exemption-records.js';

export type RunMode = 'issue' | 'audit' | 'simulate' | 'demo';

/**
 * Why GitHub refused a write, as it said so: the HTTP status, the GraphQL
 * error's type, and what that meant: a permission the token lacks (which
 * one), a spent rate limit, a locked issue.
 */
export interface WriteFailureCause {
  status?: number;
  graphqlType?: string;
  /** The permission the write needs and the token lacks (`issues`, `pull-requests`, `statuses`). */
  permission?: string;
  rateLimited?: boolean;
  locked?: boolean;
}

/** Facts about the run itself, for the report's last section. Absent offline. */
export interface RunFacts {
  /** API requests made, by kind, and the GraphQL points GitHub charged for the GraphQL ones. */
  requests: { graphql: number; graphqlPoints: number; restRead: number; write: number };
  /** The rate limit left after the run, from the last response that reported one (GraphQL and REST have separate quotas). */
  rateLimitRemaining?: number;
  writes: {
    made: number;
    /** Writes a dry run logged instead of making. */
    skippedByDryRun: number;
    /** Writes left for the next run because `max-writes` was reached. */
    deferredByMaxWrites: number;
    /** Writes that GitHub refused, with the reason, and its cause as GitHub gave it (which fix the summary names). */
    failed: { description: string; reason: string; cause?: WriteFailureCause }[];
  };
  /** Stale items this run closed as not planned (`backlog.archive`). */
  archived?: number[];
  /** What the run could not check, or undid, and why (a team the token cannot read, exceptions revoked beyond `max-open`). */
  notes?: string[];
  /** What the policy should change, though it runs as 1.0 read it: `file:line:column key: message`. */
  policyWarnings?: string[];
}


export interface ReportInput {
  mode: RunMode;
  evaluation: Evaluation;
  policy: Policy;
  /** The items evaluated, for titles and links. */
  items: WorkItem[];
  /** Where the policy came from, most specific first: ".github/roadmap-policy.yml", then what it extends. */
  policySources: string[];
  /** Link to the policy file at the evaluated commit, when known. */
  policyUrl?: string;
  /** The commit the policy was read at, when known. */
  policyCommit?: string;
  /** "owner/name" or "owner/#7" or "example". */
  sourceName: string;
  /** Issue mode: the item whose event is evaluated. */
  focusItem?: number;
  run?: RunFacts;
  /** Audit mode with trend-months > 0. */
  trend?: { points: TrendPoint[]; extraRequests: number };
  /** Audit mode when bets are tracked: how the bets delivered over the window turned out. */
  outcomes?: BetOutcomes;
  /** Audits and simulations with milestones: how the finished cycles went (`execution`). */
  execution?: ExecutionReport;
  /** Audit mode with exemptions: the record behind each exemption, and those no record proves. */
  exemptionRecords?: ExemptionRecords;
  /** An issue event on the saved board: when the rest of the board was read in full (GitHub's time, ISO 8601). */
  boardReadAt?: string;
}
