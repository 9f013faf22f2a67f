import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { NOW, policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

const exemptions = policy({
  'forbidden-labels': ['one-off'],
  exemptions: { label: 'roadmap-exempt', approvers: ['alice'], 'max-open': 2 },
  enforcement: { 'fail-on': ['forbidden-label', 'exemptions-over-limit'] },
});

const exempt = (number: number, createdAt = '2026-10-01T00:00:00Z') => workItem({ number, createdAt, labels: ['one-off', 'roadmap-exempt'] });

describe('exemptions', () => {
  it('keeps an exempt item’s findings, marked exempt and never failing', () => {
    const evaluation = evaluate(exemptions, [exempt(1)], NOW);
    expect(evaluation.findings).toMatchObject([{ kind: 'forbidden-label', exempt: true, severity: 'warn' }]);
    expect(evaluation.compliant).toBe(true);
    expect(evaluation.items[0]?.exempt).toBe(true);
  });

  it('counts open exemptions against max-open', () => {
    const items = [exempt(1), exempt(2), workItem({ number: 3, state: 'closed', labels: ['roadmap-exempt'] })];
    expect(evaluate(exemptions, items, NOW).exemptions).toEqual({ inUse: 2, maxOpen: 2 });
    expect(findingsOf(exemptions, items, 'exemptions-over-limit')).toEqual([]);
  });

  it('reports more open exemptions than max-open, newest first, failing when fail-on says so', () => {
    const items = [exempt(1, '2026-09-01T00:00:00Z'), exempt(2, '2026-10-01T00:00:00Z'), exempt(3, '2026-08-01T00:00:00Z')];
    const [finding] = findingsOf(exemptions, items, 'exemptions-over-limit');
    expect(finding).toMatchObject({
      severity: 'fail',
      exempt: false,
      message: '3 open items carry "roadmap-exempt", above the limit of 2',
      fix: 'Review the exceptions and remove "roadmap-exempt" where it is no longer justified: #2, #1, #3',
      contributors: [2, 1, 3],
    });
    expect(evaluate(exemptions, items, NOW).compliant).toBe(false);
  });
});
