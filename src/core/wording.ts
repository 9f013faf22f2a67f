/**
 * How numbers, amounts and plurals are written, once for every
 * finding and every report: the engine's messages and a comment, a job summary
 * or a terminal say the same thing the same way. Plain text only; each report
 * escapes or decorates it for its own medium. Percentages: `formatPercent` in
 * share.ts, beside the exact shares they are compared with.
 */
import type { Evaluation } from './types.js';

/** A number rounded to `decimals` places, as a number (for chart data): 12.345 → 12.35. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** What `value.toLocaleString('en-US', { maximumFractionDigits: 2 })` formats with, built once: building it is the slow part. */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number as every report writes it: at most two decimals, thousands separated: "4,990", "12.5". */
export function formatNumber(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** "1 item", "3 items", "1,200 points". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : pluralForm}`;
}

/** A number of points as people say it: "8 points", "12.5 points", "1 item" (in `issues` units, where every item counts 1). */
export function amount(points: number, unit: Evaluation['unit']): string {
  return plural(round(points), unit === 'issues' ? 'item' : 'point');
}

/** "Deal work" from "deal work". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A sentence without its final period (or ellipsis), to be followed by more words: "Ask sales." → "Ask sales". */
export function withoutFinalPeriod(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}
