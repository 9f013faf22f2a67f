/**
 * Plans the merge gate's commit status on a pull request's head commit: set
 * when the verdict differs from the status the commit carries, left alone
 * when it already says the same, so a run that changes nothing writes nothing.
 */
import type { PlannedWrite } from '../plan/types.js';
import type { GateVerdict } from './gate.js';
import { gateStatusDescription } from './gate-comment.js';

export interface GateStatusInput {
  pullRequest: number;
  headSha: string;
  verdict: GateVerdict;
  /** The merge gate's status the head commit carries now, if any. */
  current: { state: string; description: string } | null;
  /** Where the status links: the run whose summary explains it. */
  targetUrl?: string;
}

export function planGateStatus(input: GateStatusInput): PlannedWrite[] {
  const state = input.verdict.passes ? 'success' : 'failure';
  const statusDescription = gateStatusDescription(input.verdict);
  if (input.current?.state === state && input.current.description === statusDescription) return [];
  return [
    {
      kind: 'set-status',
      issue: input.pullRequest,
      sha: input.headSha,
      state,
      statusDescription,
      ...(input.targetUrl ? { targetUrl: input.targetUrl } : {}),
      description: `set the merge gate's status on pull request #${input.pullRequest} to ${state} (${statusDescription})`,
    },
  ];
}
