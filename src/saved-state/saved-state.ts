/**
 * Budgets from a saved state: an audit saves every open issue's budget item
 * to the Actions cache after its full read; an issue event restores it, asks
 * GitHub only for the issues updated since, and computes the same budgets a
 * full read would, in a few requests whatever the number of open issues.
 * Whenever that answer could differ from a full read's, the event reads
 * every open issue as before and says why in one line. A cache that fails
 * only ever costs that full read: it never fails the run.
 */
import { createHash } from 'node:crypto';
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import type { Forge, RepoRef } from '../ports/forge.js';
import type { ActionsCache } from '../ports/reads.js';
import { CacheServiceError } from '../ports/errors.js';
import { policyReads, readsBody } from '../core/body-reads.js';
import { DAY_MS } from '../core/rules/context.js';
import { plural } from '../core/wording.js';
import { decodeState, encodeState, MAX_STATE_BYTES, policyDigest, STATE_FORMAT, UnusableStateError, type SavedState } from './format.js';
import { mergeChanges, stateItems } from './merge.js';

/**
 * The oldest state an issue event uses. Some repository edits change issues
 * without touching their `updatedAt` (a label renamed or deleted, which
 * changes every issue carrying it): a state older than this is read again in
 * full, so such an edit skews budgets for a day at most, even when no audit
 * runs. A full read a day costs ceil(N/100) requests, under 1% of a day's
 * quota at 10,000 open issues.
 */
export const MAX_STATE_AGE_MS = DAY_MS;

/**
 * Issues updated this long before the state's time are read again: GitHub's
 * replicas and the whole seconds of its `Date` header must not hide an edit
 * made while the state was being read.
 */
export const SINCE_MARGIN_MS = 5 * 60_000;

/**
 * An issue event saves the state again once this many issues changed since it
 * was saved, so the changes stay within one page between audits, and a busy
 * repository adds one cache entry per 50 changes, not one per event.
 */
export const SAVE_AFTER_CHANGES = 50;

/**
 * Runs whose cache scope is the default branch, which issue and comment
 * events use: they share one state (a push only when it is to the default
 * branch, as `onDefaultBranch` tells). A pull request's scope is its merge ref,
 * where a state would be neither found by nor useful to issue events.
 */
export const DEFAULT_BRANCH_EVENTS = ['issues', 'issue_comment', 'schedule', 'workflow_dispatch', 'repository_dispatch', 'push'];

/**
 * Runs that may restore the default branch's state but not save one: "If a
 * workflow run is triggered for a pull request, it can also restore caches
 * created in the base branch", and any run can restore the default branch's
 * (GitHub docs, "Dependency caching reference", restrictions for accessing a
 * cache). What a pull-request run would save is scoped to its merge ref,
 * where no issue event would find it.
 */
export const RESTORE_ONLY_EVENTS = ['pull_request'];

export interface SavedStateOptions {
  forge: Forge;
  repo: RepoRef;
  policy: Policy;
  dashboardTitle?: string;
  /** The `saved-state` input. */
  enabled: boolean;
  dryRun: boolean;
  eventName: string;
  /**
   * False when the run's ref is not the default branch (a `workflow_dispatch`
   * can run on any branch): its cache scope is that branch's, where issue
   * events never look, so nothing is saved there.
   */
  onDefaultBranch?: boolean;
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** The cache to use instead of the runner's (tests). */
  cache?: ActionsCache;
  /** The runner's clock in milliseconds, which makes each saved key unique. */
  clock?: () => number;
}

export interface SavedStateStore {
  /** Issue mode's budget read: every open issue but the dashboard, narrowly. */
  budgetItems(): Promise<WorkItem[]>;
  /** Runs an audit's full read, then saves its open issues as the state. */
  afterAuditRead<T extends AuditRead>(read: () => Promise<T>): Promise<T>;
}

/** What an audit's read gives the state: the open issues' work items and the dashboards among them. */
export interface AuditRead {
  items: WorkItem[];
  dashboard: { number: number } | null;
  extraDashboards: number[];
}

export function savedStateStore(options: SavedStateOptions): SavedStateStore {
  const env = options.env ?? process.env;
  const reads = policyReads(options.policy);
  const withBody = readsBody(reads);
  const digest = policyDigest(options.policy, options.dashboardTitle);
  const prefix = `roadmap-guard-state-${options.repo.owner}/${options.repo.name}-${digest}-`.toLowerCase();
  const version = createHash('sha256').update(`roadmap-guard-state|gzip-json|${STATE_FORMAT}`).digest('hex');
  const clock = options.clock ?? Date.now;
  const service = options.forge.stateStore(env);
  const cache = options.cache ?? (service.available ? service.cache : undefined);
  const unused = whyUnused(options, service.available ? undefined : service.reason);
  const cacheRequests = () => plural(cache?.requests() ?? 0, 'cache request');

  const save = async (state: Omit<SavedState, 'format' | 'repository' | 'policyDigest'>): Promise<void> => {
    if (!cache || unused || RESTORE_ONLY_EVENTS.includes(options.eventName)) return;
    if (options.dryRun) return options.log('Saved state: not saved (dry run: nothing is written).');
    const key = `${prefix}${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${clock()}`;
    try {
      const data = encodeState({ format: STATE_FORMAT, repository: `${options.repo.owner}/${options.repo.name}`.toLowerCase(), policyDigest: digest, ...state });
      await cache.save(key, version, data);
      options.log(`Saved state: saved ${plural(state.items.length, 'open issue')} (${Math.ceil(data.length / 1024)} KB) for the next issue events; ${cacheRequests()} in all.`);
    } catch (error) {
      options.log(`Saved state: not saved, ${messageOf(error)}; the next issue event reads every open issue.`);
    }
  };

  const fullRead = async (reason: string, saveAfter: boolean): Promise<WorkItem[]> => {
    options.log(`Saved state: ${reason}; reading every open issue.`);
    const skipped: number[] = [];
    const read = await options.forge.timedRead(() => options.forge.readBudgetItems(options.repo, options.policy, { ...dashboardOf(options), onSkipped: (number) => skipped.push(number) }));
    if (saveAfter) await save({ savedAt: read.startedAt, items: stateItems(read.value, reads, options.forge), skipped });
    return read.value;
  };

  const restore = async (): Promise<SavedState> => {
    const entry = await cache!.restore(prefix, version, MAX_STATE_BYTES);
    if (!entry) throw new UnusableStateError('none saved yet for this policy (an audit saves it)');
    const state = decodeState(entry.data);
    if (state.policyDigest !== digest || state.repository !== `${options.repo.owner}/${options.repo.name}`.toLowerCase()) {
      throw new UnusableStateError('it was saved for another policy or repository');
    }
    return state;
  };

  return {
    async budgetItems() {
      if (unused) return fullRead(unused, false);
      let state: SavedState;
      try {
        state = await restore();
      } catch (error) {
        // A cache that just failed is not asked to save as well.
        return fullRead(`not used, ${messageOf(error)}`, !(error instanceof CacheServiceError));
      }
      const since = new Date(Date.parse(state.savedAt) - SINCE_MARGIN_MS).toISOString().replace(/\.\d+Z$/, 'Z');
      const read = await options.forge.timedRead(() => options.forge.readBudgetChanges(options.repo, { since, withBody }));
      const merged = mergeChanges(state, read.value.nodes, { dashboardTitle: options.dashboardTitle, earlierIdentities: options.forge.earlierIdentities }, reads, options.forge);
      const unfit = whyNotCurrent(state, read.startedAt, merged.items.length + merged.skipped.length, read.value.openCount);
      if (unfit) return fullRead(`not used, ${unfit}`, true);
      options.log(`Saved state: ${plural(state.items.length, 'open issue')} saved at ${state.savedAt}, ${plural(read.value.nodes.length, 'issue')} changed since; ${cacheRequests()}.`);
      // Saving again takes out of later reads only the changes older than the margin: worth a cache entry once there are many.
      const settled = read.value.nodes.filter((node) => Date.parse(node.updatedAt) < Date.parse(read.startedAt) - SINCE_MARGIN_MS).length;
      if (settled >= SAVE_AFTER_CHANGES) await save({ savedAt: read.startedAt, items: merged.items, skipped: merged.skipped });
      return merged.items;
    },

    async afterAuditRead(read) {
      const timed = await options.forge.timedRead(read);
      if (unused) {
        if (cache) options.log(`Saved state: not saved, ${unused}.`);
        return timed.value;
      }
      const { items, dashboard, extraDashboards } = timed.value;
      await save({ savedAt: timed.startedAt, items: stateItems(items, reads, options.forge), skipped: [...(dashboard ? [dashboard.number] : []), ...extraDashboards] });
      return timed.value;
    },
  };
}

/**
 * Why the state and the changes since cannot stand for a full read, if they
 * cannot: the state is too old (by GitHub's clock, which also dated it), or
 * GitHub counts other open issues than they make: an issue left without a
 * trace in the changes (deleted, or transferred to another repository).
 */
function whyNotCurrent(state: SavedState, githubNow: string, counted: number, openCount: number): string | undefined {
  const dated = whyOutOfDate(state.savedAt, githubNow);
  if (dated) return dated;
  if (counted !== openCount) return `GitHub counts ${openCount} open issues where the state and the changes since make ${counted} (an issue was deleted or transferred)`;
  return undefined;
}

/** Why a state saved at `savedAt` is not to be trusted by GitHub's clock now, if it is not: too old, or dated later than that clock. */
export function whyOutOfDate(savedAt: string, githubNow: string): string | undefined {
  const age = Date.parse(githubNow) - Date.parse(savedAt);
  if (age > MAX_STATE_AGE_MS) return `it is ${Math.ceil(age / 3_600_000)} hours old, more than the ${MAX_STATE_AGE_MS / 3_600_000} it is trusted for`;
  if (age < -SINCE_MARGIN_MS) return "it is dated later than GitHub's clock";
  return undefined;
}

/** Why this run reads every open issue without looking for a state, if it does. */
function whyUnused(options: SavedStateOptions, noCache: string | undefined): string | undefined {
  if (options.enabled && options.policy.work.project) return 'not used with a board (`work.project`): the board is saved on its own (see "Saved board")';
  return whyCacheUnused(options, noCache);
}

/** Why this run neither restores nor saves a state, if it does not: the input, or a run whose cache issue events never see. */
export function whyCacheUnused(options: Pick<SavedStateOptions, 'enabled' | 'eventName' | 'onDefaultBranch'>, noCache: string | undefined): string | undefined {
  if (!options.enabled) return 'turned off (`saved-state: false`)';
  if (!DEFAULT_BRANCH_EVENTS.includes(options.eventName) && !RESTORE_ONLY_EVENTS.includes(options.eventName)) return `not used for ${options.eventName || 'this'} runs, whose cache is not the default branch's`;
  if (options.onDefaultBranch === false) return `not used for a ${options.eventName} run on another branch than the default: its cache is that branch's, which issue events cannot read`;
  return noCache;
}

function dashboardOf(options: SavedStateOptions): { dashboardTitle?: string } {
  return options.dashboardTitle ? { dashboardTitle: options.dashboardTitle } : {};
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
