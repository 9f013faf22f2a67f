/**
 * Backlog: an item nobody touched for a year will not be done; archive it.
 * Like every item rule, it looks only at roadmap work: what `work.exclude-labels`
 * leaves out (bugs, chores) is not Roadmap Guard's to archive.
 */
import { isExcluded } from '../classify.js';
import { DAY_MS, type DraftFinding, type RuleContext, aboutItem } from './context.js';

export function backlogRule(context: RuleContext): DraftFinding[] {
  const maxAgeDays = context.policy.backlog.maxAgeDays;
  if (maxAgeDays === undefined) return [];
  return context.items
    .filter(({ item }) => item.state === 'open' && !isExcluded(context.policy, item))
    .flatMap((assessed): DraftFinding[] => {
      const updated = Date.parse(assessed.item.activityAt ?? assessed.item.updatedAt);
      if (Number.isNaN(updated)) return [];
      const days = Math.floor((context.now - updated) / DAY_MS);
      if (days <= maxAgeDays) return [];
      return [
        {
          ...aboutItem(assessed),
          kind: 'stale-backlog',
          message: `Not updated for ${days} days (the backlog limit is ${maxAgeDays})`,
          fix: 'Close it as not planned, or update it with why it still matters',
        },
      ];
    });
}
