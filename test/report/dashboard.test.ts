import { describe, expect, it } from 'vitest';
import { renderDashboard, sameDashboardContent } from '../../src/report/dashboard.js';
import { DASHBOARD_MARKER } from '../../src/memory/markers.js';
import { everythingFailing, hostileRoadmap, hugeRoadmap, smallRoadmap, withTrend } from './scenarios.js';
import { runFacts } from './fixtures.js';

describe('renderDashboard', () => {
  it('is the audit report behind the marker, with the time it was updated', async () => {
    const body = renderDashboard(withTrend({ ...smallRoadmap(), run: runFacts() }));
    await expect(body).toMatchFileSnapshot('./__golden__/dashboard.md');
    expect(body.startsWith(`${DASHBOARD_MARKER}\n## Roadmap health:`)).toBe(true);
    expect(body).toMatch(/_Updated at 2026-11-03 09:00:00 UTC by Roadmap Guard\._\n$/);
    // Run facts change every run; leaving them out keeps the issue from being edited for nothing.
    expect(body).not.toContain('### Run');
  });

  it.each([
    ['dashboard-hostile.md', hostileRoadmap],
    ['dashboard-everything-failing.md', everythingFailing],
  ])('%s', async (name, input) => {
    const body = renderDashboard(input());
    await expect(body).toMatchFileSnapshot(`./__golden__/${name}`);
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
  });

  it('renders the full report even when the run was in issue mode', () => {
    const body = renderDashboard({ ...smallRoadmap(), mode: 'issue', focusItem: 12 });
    expect(body).toContain('### Capacity budgets');
    expect(body).toContain('### Act on these first');
  });

  it('stays within GitHub’s limit for 5,000 items', () => {
    expect(renderDashboard(hugeRoadmap()).length).toBeLessThanOrEqual(65_536);
  });

  it('does not count a new "updated at" as a change', () => {
    const input = smallRoadmap();
    const earlier = renderDashboard(input);
    const later = renderDashboard({ ...input, evaluation: { ...input.evaluation, at: '2026-11-04T09:00:00Z' } });
    expect(later).not.toBe(earlier);
    expect(sameDashboardContent(earlier, later)).toBe(true);
    const changed = renderDashboard({ ...input, evaluation: { ...input.evaluation, findings: [] } });
    expect(sameDashboardContent(earlier, changed)).toBe(false);
  });
});
