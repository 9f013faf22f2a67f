/**
 * Evaluates and gathers everything a report is drawn from, in one place, so
 * the action, `demo` and `simulate` show the same figures the same way.
 */
import { evaluate } from '../core/evaluate.js';
import { deliveredTrend } from '../core/trend.js';
import { betOutcomes } from '../core/outcomes.js';
import { roadmapExecution } from '../core/execution.js';
import { customerDrivenCategories } from '../core/verdict.js';
import type { Evaluation, Milestone, Snapshot, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import type { ReportInput, RunFacts, RunMode } from './types.js';
import type { ExemptionRecords } from './exemption-records.js';

export interface ReportInputOptions extends Pick<ReportInput, 'boardReadAt'> {
  mode: RunMode;
  policy: Policy;
  /** Every item read, closed ones included (the trend needs them). */
  items: WorkItem[];
  now: Date | string;
  policySources: string[];
  sourceName: string;
  policyUrl?: string;
  /** The commit the policy was read at, when known. */
  policyCommit?: string;
  focusItem?: number;
  run?: RunFacts;
  /** Months of delivered-work trend to include; 0 or absent for none. */
  trendMonths?: number;
  /** API requests the trend cost, when it needed extra reads. */
  trendExtraRequests?: number;
  /** Months of bet outcomes to include; 0 or absent for none. */
  outcomeMonths?: number;
  /** An evaluation already made for these items, to avoid evaluating twice. */
  evaluation?: Evaluation;
  /** The record behind each exemption, as the run read it. */
  exemptionRecords?: ExemptionRecords;
  /** The milestones and the items of their cycles (with their timelines), for the execution report; absent for none. */
  execution?: ExecutionInput;
}

export interface ExecutionInput {
  milestones: Milestone[];
  items: WorkItem[];
  /** Items whose timeline was cut short. */
  partialHistories?: number[];
}

/**
 * Months of closed bets a report judges: the trend's window when there is
 * one, else the last 12 months once `bets.outcome-due-days` asks for
 * outcomes. The action's audit, `simulate` and `demo` all ask here, so they
 * print the same "Bets and outcomes".
 */
export function outcomeMonths(policy: Policy, trendMonths: number): number {
  if (policy.bets.appliesTo.length === 0) return 0;
  if (trendMonths > 0) return trendMonths;
  return policy.bets.outcomeDueDays === undefined ? 0 : 12;
}

export function buildReportInput(options: ReportInputOptions): ReportInput {
  const { policy, items, now, trendMonths = 0 } = options;
  return {
    mode: options.mode,
    evaluation: options.evaluation ?? evaluate(policy, items, now),
    policy,
    items,
    policySources: options.policySources,
    sourceName: options.sourceName,
    ...(options.policyUrl === undefined ? {} : { policyUrl: options.policyUrl }),
    ...(options.policyCommit === undefined ? {} : { policyCommit: options.policyCommit }),
    ...(options.focusItem === undefined ? {} : { focusItem: options.focusItem }),
    ...(options.run === undefined ? {} : { run: options.run }),
    ...(trendMonths > 0
      ? { trend: { points: deliveredTrend(policy, items, now, trendMonths), extraRequests: options.trendExtraRequests ?? 0 } }
      : {}),
    ...(options.outcomeMonths ? { outcomes: betOutcomes(policy, items, now, options.outcomeMonths) } : {}),
    ...executionOf(policy, now, options.execution),
    ...(options.exemptionRecords ? { exemptionRecords: options.exemptionRecords } : {}),
    ...(options.boardReadAt ? { boardReadAt: options.boardReadAt } : {}),
  };
}

/** A snapshot's milestones and items as the execution report reads them; nothing when it has no milestones. */
export function snapshotExecution(snapshot: Snapshot): Pick<ReportInputOptions, 'execution'> {
  return snapshot.milestones ? { execution: { milestones: snapshot.milestones, items: snapshot.items } } : {};
}

function executionOf(policy: Policy, now: Date | string, execution: ExecutionInput | undefined): Pick<ReportInput, 'execution'> {
  if (!execution || execution.milestones.every((milestone) => milestone.dueOn === null)) return {};
  const report = roadmapExecution({ policy, now, customerCategories: customerDrivenCategories(policy), ...execution });
  return report ? { execution: report } : {};
}
