/**
 * Backlog: an item nobody touched for a year will not be done. Flag it; with
 * `backlog.archive`, warn first and close it as not planned once the grace
 * period passes with nobody touching it. Staleness is measured from a
 * person's last touch, never from the bot's own comment or labels. Like
 * every item rule, it looks only at roadmap work: what `work.exclude-labels`
 * leaves out (bugs, chores) is not Roadmap Guard's to archive.
 */
import { inCurrentIteration, isExcluded } from '../classify.js';
import { anyLabelMatches } from '../glob.js';
import type { ArchiveDecision } from '../types.js';
import { DAY_MS, type AssessedItem, type DraftFinding, type RuleContext, aboutItem } from './context.js';

interface StaleItem {
  assessed: AssessedItem;
  days: number;
  touchedAt: number;
}

export function backlogRule(context: RuleContext, archive: ArchiveDecision[]): DraftFinding[] {
  const maxAgeDays = context.policy.backlog.maxAgeDays;
  const decisions = new Map(archive.map((decision) => [decision.number, decision]));
  return staleItems(context).map(({ assessed, days }): DraftFinding => {
    const decision = decisions.get(assessed.item.number);
    if (decision) return archivePending(assessed, days, decision);
    return {
      ...aboutItem(assessed),
      kind: 'stale-backlog',
      message: `Not updated for ${days} days (the backlog limit is ${maxAgeDays})`,
      fix: 'Close it as not planned, or update it with why it still matters',
    };
  });
}

/**
 * Which stale items are archived, and when: the grace period runs from the
 * warning recorded in the bot comment, or from now when there is none yet or
 * a person touched the item after it (the touch cancelled that warning).
 * Exempt items, items with a keep label and items in the current iteration
 * are never archived. Oldest touch first.
 */
export function archiveDecisions(context: RuleContext): ArchiveDecision[] {
  const archive = context.policy.backlog.archive;
  if (!archive) return [];
  return staleItems(context)
    .filter(({ assessed }) => isArchivable(context, assessed))
    .sort((a, b) => a.touchedAt - b.touchedAt || a.assessed.item.number - b.assessed.item.number)
    .map(({ assessed, touchedAt }) => {
      const recorded = Date.parse(assessed.item.archiveWarnedAt ?? '');
      const warnedAt = Number.isNaN(recorded) || recorded < touchedAt ? context.now : recorded;
      const archiveOn = warnedAt + archive.graceDays * DAY_MS;
      return {
        number: assessed.item.number,
        touchedAt: new Date(touchedAt).toISOString(),
        warnedAt: new Date(warnedAt).toISOString(),
        archiveOn: new Date(archiveOn).toISOString(),
        due: archiveOn <= context.now,
      };
    });
}

function isArchivable(context: RuleContext, { item, assessment }: AssessedItem): boolean {
  const keepLabels = context.policy.backlog.archive?.keepLabels ?? [];
  return !assessment.exempt && !anyLabelMatches(keepLabels, item.labels) && !inCurrentIteration(context.policy, item, new Date(context.now));
}

function staleItems(context: RuleContext): StaleItem[] {
  const maxAgeDays = context.policy.backlog.maxAgeDays;
  if (maxAgeDays === undefined) return [];
  return context.items.flatMap((assessed): StaleItem[] => {
    if (assessed.item.state !== 'open' || isExcluded(context.policy, assessed.item)) return [];
    const touchedAt = Date.parse(assessed.item.activityAt ?? assessed.item.updatedAt);
    if (Number.isNaN(touchedAt)) return [];
    const days = Math.floor((context.now - touchedAt) / DAY_MS);
    return days > maxAgeDays ? [{ assessed, days, touchedAt }] : [];
  });
}

function archivePending(assessed: AssessedItem, days: number, decision: ArchiveDecision): DraftFinding {
  const on = decision.archiveOn.slice(0, 10);
  return {
    ...aboutItem(assessed),
    kind: 'archive-pending',
    message: decision.due
      ? `Not updated for ${days} days and warned on ${decision.warnedAt.slice(0, 10)}: due to be closed as not planned`
      : `Not updated for ${days} days: will be archived on ${on} unless someone updates it`,
    fix: decision.due
      ? 'Reopen it after it is closed if it still matters'
      : `Add a comment or a label by ${on} to keep it; otherwise it is closed as not planned`,
  };
}
