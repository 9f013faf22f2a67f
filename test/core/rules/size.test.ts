import { describe, expect, it } from 'vitest';
import { examplePolicy, policy, workItem } from '../fixtures.js';
import { findingsOf } from './helpers.js';

describe('missing size', () => {
  it('warns about planned work counted at the default size, saying how to size it', () => {
    const [finding] = findingsOf(examplePolicy(), [workItem({ labels: ['roadmap'] })], 'missing-size');
    expect(finding).toMatchObject({
      severity: 'warn',
      category: 'strategic',
      message: 'No size; counted as 3 points',
      fix: 'Add a size label (size/S, size/M, size/L) or set "Estimate"',
    });
  });

  it('stays quiet for sized, unplanned or unsizeable work', () => {
    expect(findingsOf(examplePolicy(), [workItem({ labels: ['roadmap', 'size/S'] })], 'missing-size')).toEqual([]);
    expect(findingsOf(examplePolicy(), [workItem({ labels: ['bug'] })], 'missing-size')).toEqual([]);
    expect(findingsOf(policy({ work: { size: { default: 3 } } }), [workItem()], 'missing-size')).toEqual([]);
  });
});
