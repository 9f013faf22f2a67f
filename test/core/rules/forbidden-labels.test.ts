import { describe, expect, it } from 'vitest';
import { examplePolicy, policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

describe('forbidden labels', () => {
  const example = examplePolicy();

  it('reports each forbidden label with the policy message and who can grant an exception', () => {
    const findings = findingsOf(example, [workItem({ labels: ['One-Off', 'custom-sso', 'roadmap'] })], 'forbidden-label');
    expect(findings.map(({ message, fix, severity }) => ({ message, fix, severity }))).toEqual([
      {
        message: 'Label "One-Off": One-off features need an approved exception',
        fix: 'Remove label "One-Off" or ask an approver (alice, @acme/product-leads) for "roadmap-exempt"',
        severity: 'fail',
      },
      {
        message: 'Label "custom-sso" is not allowed',
        fix: 'Remove label "custom-sso" or ask an approver (alice, @acme/product-leads) for "roadmap-exempt"',
        severity: 'fail',
      },
    ]);
  });

  it('says only "remove" when the policy allows no exemptions', () => {
    const [finding] = findingsOf(policy({ 'forbidden-labels': ['one-off'] }), [workItem({ labels: ['one-off'] })], 'forbidden-label');
    expect(finding?.fix).toBe('Remove label "one-off"');
  });

  it('ignores closed items', () => {
    expect(findingsOf(example, [workItem({ labels: ['one-off'], state: 'closed' })], 'forbidden-label')).toEqual([]);
  });

  it('still reports an exempt item, as an exempt warning', () => {
    const [finding] = findingsOf(example, [workItem({ labels: ['one-off', 'Roadmap-Exempt'] })], 'forbidden-label');
    expect(finding).toMatchObject({ exempt: true, severity: 'warn' });
  });

  it('ignores work the policy leaves out of the roadmap (exclude-labels)', () => {
    expect(findingsOf(example, [workItem({ labels: ['bug', 'one-off'] })], 'forbidden-label')).toEqual([]);
  });
});
