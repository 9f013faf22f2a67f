/**
 * The job summary a lead opens stays within two screens at 900 px, folds
 * closed, with the verdict, the run's problems and "Act on these first" on
 * the first. Heights are estimated from marked's blocks (./screens.ts), which
 * was calibrated against headless Chromium (`node scripts/measure-screens.mjs`,
 * GitHub's markdown CSS, a 562 px column, 700 px screens). Measured → estimated,
 * in px: the example summary 1,020 → 1,011; the 5,000-item summary 689 → 705;
 * summary-audit 1,021 → 1,052; summary-everything-failing 2,076 → 2,087;
 * summary-hostile 808 → 842; the example summary as it was before its
 * sections were folded 2,373 → 2,476. The estimate runs from 1 % low to 5 %
 * high (low since the budget table stopped scrolling sideways: its scroll
 * bar no longer adds height).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../../src/report/summary.js';
import { renderDashboard } from '../../src/report/dashboard.js';
import { demoReportInput } from '../../scripts/readme-examples.js';
import { runFacts } from './fixtures.js';
import { hugeRoadmap } from './scenarios.js';
import { estimateHeight, estimateScreens, SCREEN } from './screens.js';

const example = demoReportInput(join(import.meta.dirname, '../..'));
/** Every fold open: what the page took before its sections were folded, and more. */
const unfolded = (markdown: string) => markdown.replace(/<\/?details>|<summary>.*?<\/summary>/g, '');

describe('the job summary, folds closed, at 900 px', () => {
  it.each([
    ['the example summary', renderMarkdownReport(example)],
    ['the example summary with a failed write', renderMarkdownReport({ ...example, run: runFacts() })],
    ['the example dashboard', renderDashboard(example)],
    ['a 5,000-item summary', renderMarkdownReport({ ...hugeRoadmap(), run: runFacts() })],
  ])('%s fits within two screens', (_name, markdown) => {
    expect(estimateScreens(markdown)).toBeLessThanOrEqual(2);
  });

  it('shows the verdict, the run’s problems and "Act on these first" on the first screen', () => {
    const markdown = renderMarkdownReport({ ...example, run: runFacts() });
    const firstScreen = markdown.slice(0, markdown.indexOf('<details><summary><strong>Warnings'));
    expect(firstScreen).toContain('This run could not do everything');
    expect(firstScreen).toContain('### Act on these first');
    expect(estimateHeight(firstScreen)).toBeLessThanOrEqual(SCREEN);
  });

  it('tells a page that does not fit: the example with every fold open takes more than two screens', () => {
    expect(estimateScreens(unfolded(renderMarkdownReport(example)))).toBeGreaterThan(2);
  });
});
