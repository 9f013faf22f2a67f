/** Bets: a deal request is a bet with a review date; past it, decide to keep betting or walk away. */
import { fieldTexts, isExcluded } from '../classify.js';
import { parseFormDate } from './business-case.js';
import { DAY_MS, type DraftFinding, type RuleContext, aboutItem } from './context.js';
import { plural } from '../wording.js';

export function betsRule(context: RuleContext): DraftFinding[] {
  const field = context.policy.bets.reviewField;
  if (!field) return [];
  const today = Math.floor(context.now / DAY_MS) * DAY_MS;
  return context.items
    .filter(({ item }) => item.state === 'open' && !isExcluded(context.policy, item))
    .flatMap((assessed): DraftFinding[] => {
      const reviewBy = fieldTexts(assessed.item, field)
        .map(parseFormDate)
        .find((date) => date !== undefined);
      if (reviewBy === undefined || reviewBy >= today) return [];
      const days = Math.round((today - reviewBy) / DAY_MS);
      const date = new Date(reviewBy).toISOString().slice(0, 10);
      return [
        {
          ...aboutItem(assessed),
          kind: 'bet-overdue',
          field,
          message: `Review date ${date} passed ${plural(days, 'day')} ago`,
          fix: `Decide whether to keep betting or walk away: set a new "${field}" date, or close the issue`,
        },
      ];
    });
}
