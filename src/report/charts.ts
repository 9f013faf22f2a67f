/**
 * The trend chart for the job summary and the dashboard. Labels are
 * sanitized; numbers are our own. The capacity and customer tables have no
 * chart: a pie would only repeat them.
 */
import { round } from '../core/wording.js';
import { mermaidLabel } from './escape.js';
import type { ReportDigest } from './digest.js';

/** GitHub's blue and red (Primer): delivered work, and the cap it should stay under. */
const CAP_COLOUR = '#cf222e';
const DELIVERED_COLOUR = '#0969da';

/**
 * The deal-driven share of delivered work by month, then of work planned now
 * as the last bar; a month with nothing delivered says so; the y-axis fits
 * the data and the cap line drawn across it. One bar series, so no series of
 * zeros draws slivers under every month; mermaid's xychart has no legend, so
 * one line under the chart says what each mark is.
 */
export function trendChart(trend: NonNullable<ReportDigest['trend']>): string {
  const months = trend.rows.map((r) => `"${r.shareText !== undefined ? r.month : `${r.month} (none)`}"`);
  // The bars show the shares the table prints, so the chart and the table never differ by a rounding.
  const delivered = trend.rows.map((r) => (r.shareText === undefined ? 0 : Number.parseFloat(r.shareText)));
  const planned = Number.parseFloat(trend.plannedShareText);
  const cap = trend.cap === undefined ? undefined : round(trend.cap * 100, 1);
  const top = Math.min(100, Math.max(10, Math.ceil((Math.max(planned, cap ?? 0, ...delivered) * 1.1) / 10) * 10));
  const palette = { xyChart: { plotColorPalette: [DELIVERED_COLOUR, CAP_COLOUR].join(', ') } };
  const legend = `_Blue bars: the share of each month's delivered work, then of the work planned now${cap === undefined ? '' : `; red line: the ${trend.capText ?? `${cap}%`} cap`}._`;
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify({ themeVariables: palette })}}%%`,
    'xychart-beta',
    `    title "${mermaidLabel(`Share of delivered work that was ${trend.categories.join(', ') || 'customer-driven'}`, 80)}"`,
    `    x-axis [${months.join(', ')}, "planned now"]`,
    `    y-axis "Share, percent" 0 --> ${top}`,
    `    bar [${[...delivered, planned].join(', ')}]`,
    ...(cap === undefined ? [] : [`    line [${[...trend.rows.map(() => cap), cap].join(', ')}]`]),
    '```',
    '',
    legend,
  ].join('\n');
}
