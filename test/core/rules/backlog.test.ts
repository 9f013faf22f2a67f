import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const backlog = policy({ backlog: { 'max-age-days': 365 } });
const NOW = '2026-11-03T09:00:00Z';

describe('backlog', () => {
  it('flags an open item not updated for longer than max-age-days', () => {
    const [finding] = findingsOf(backlog, [workItem({ updatedAt: '2025-08-04T10:00:00Z' })], 'stale-backlog', NOW);
    expect(finding).toMatchObject({
      severity: 'warn',
      message: 'Not updated for 455 days (the backlog limit is 365)',
      fix: 'Close it as not planned, or update it with why it still matters',
    });
  });

  it('leaves items updated within the limit, and closed items, alone', () => {
    const items = [
      workItem({ number: 1, updatedAt: '2025-11-03T09:00:00Z' }),
      workItem({ number: 2, state: 'closed', updatedAt: '2020-01-01T00:00:00Z' }),
    ];
    expect(findingsOf(backlog, items, 'stale-backlog', NOW)).toEqual([]);
  });

  it('leaves out work that exclude-labels keeps off the roadmap, as forbidden-label does', () => {
    const scoped = policy({ backlog: { 'max-age-days': 365 }, work: { 'exclude-labels': ['bug'] } });
    const items = [workItem({ number: 1, labels: ['bug'], updatedAt: '2020-01-01T00:00:00Z' }), workItem({ number: 2, updatedAt: '2020-01-01T00:00:00Z' })];
    expect(findingsOf(scoped, items, 'stale-backlog', NOW).map((f) => f.item?.number)).toEqual([2]);
  });

  it("measures from a person's last touch, so the bot's own comment does not reset the clock", () => {
    const touchedByBotOnly = workItem({ updatedAt: '2026-11-02T09:00:00Z', activityAt: '2025-08-04T10:00:00Z' });
    expect(findingsOf(backlog, [touchedByBotOnly], 'stale-backlog', NOW)).toHaveLength(1);
  });
});

describe('backlog archiving', () => {
  const archiving = (extra: Record<string, unknown> = {}) =>
    policy({ backlog: { 'max-age-days': 365, archive: true, 'grace-days': 14, 'keep-labels': ['pinned', 'security*'], ...extra }, exemptions: { label: 'roadmap-exempt' } });
  const stale = (overrides: Parameters<typeof workItem>[0] = {}) => workItem({ number: 12, updatedAt: '2025-08-04T10:00:00Z', ...overrides });

  it('warns a stale item with the date it will be archived, instead of only flagging it', () => {
    const evaluation = evaluate(archiving(), [stale()], NOW);
    expect(evaluation.archive).toEqual([
      { number: 12, touchedAt: '2025-08-04T10:00:00.000Z', warnedAt: '2026-11-03T09:00:00.000Z', archiveOn: '2026-11-17T09:00:00.000Z', due: false },
    ]);
    expect(evaluation.findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ['archive-pending', 'warn', 'Not updated for 455 days: will be archived on 2026-11-17 unless someone updates it'],
    ]);
    expect(evaluation.findings[0]?.fix).toBe('Add a comment or a label by 2026-11-17 to keep it; otherwise it is closed as not planned');
  });

  it('counts the grace period from the recorded warning, and is due once it has passed', () => {
    const inGrace = evaluate(archiving(), [stale({ archiveWarnedAt: '2026-10-25T09:00:00Z' })], NOW).archive[0];
    expect(inGrace).toMatchObject({ archiveOn: '2026-11-08T09:00:00.000Z', due: false });
    const over = evaluate(archiving(), [stale({ archiveWarnedAt: '2026-10-20T09:00:00Z' })], NOW).archive[0];
    expect(over).toMatchObject({ warnedAt: '2026-10-20T09:00:00.000Z', archiveOn: '2026-11-03T09:00:00.000Z', due: true });
  });

  it("starts a new grace period when a person touched the item after the warning", () => {
    const touchedAfterWarning = stale({ updatedAt: '2025-10-01T00:00:00Z', archiveWarnedAt: '2025-09-01T00:00:00Z' });
    expect(evaluate(archiving(), [touchedAfterWarning], NOW).archive[0]).toMatchObject({ warnedAt: '2026-11-03T09:00:00.000Z', due: false });
  });

  it("is not cancelled by the bot's own writes: the clock reads a person's last touch", () => {
    const botWroteYesterday = stale({ updatedAt: '2026-11-02T09:00:00Z', activityAt: '2025-08-04T10:00:00Z', archiveWarnedAt: '2026-10-01T09:00:00Z' });
    expect(evaluate(archiving(), [botWroteYesterday], NOW).archive[0]).toMatchObject({ due: true });
  });

  it('never archives exempt items, items with a keep label, or items in the current iteration; they stay flagged', () => {
    const sprint = { Sprint: { type: 'iteration' as const, title: 'Sprint 9', startDate: '2026-10-27', durationDays: 14 } };
    const items = [
      stale({ number: 1, labels: ['roadmap-exempt'] }),
      stale({ number: 2, labels: ['Pinned'] }),
      stale({ number: 3, labels: ['security-review'] }),
      stale({ number: 4, fields: sprint }),
      stale({ number: 5 }),
    ];
    const evaluation = evaluate(archiving(), items, NOW);
    expect(evaluation.archive.map((d) => d.number)).toEqual([5]);
    expect(evaluation.findings.filter((f) => f.kind === 'stale-backlog').map((f) => f.item?.number)).toEqual([1, 2, 3, 4]);
  });

  it('lists the oldest touch first, so max-writes archives the oldest first', () => {
    const items = [stale({ number: 1, updatedAt: '2025-06-01T00:00:00Z' }), stale({ number: 2, updatedAt: '2024-01-01T00:00:00Z' })];
    expect(evaluate(archiving(), items, NOW).archive.map((d) => d.number)).toEqual([2, 1]);
  });

  it('archives nothing unless the policy asks to', () => {
    expect(evaluate(backlog, [stale({ archiveWarnedAt: '2020-01-01T00:00:00Z' })], NOW).archive).toEqual([]);
  });
});
