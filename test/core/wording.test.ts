import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount, formatNumber, plural } from '../../src/core/wording.js';

describe('formatNumber', () => {
  it('writes any number as en-US does: at most two decimals, thousands separated', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1e7, max: 1e7, noNaN: true })), (value) => {
        expect(formatNumber(value)).toBe(value.toLocaleString('en-US', { maximumFractionDigits: 2 }));
      }),
      { numRuns: 300 },
    );
    expect([formatNumber(4990), formatNumber(12.5), formatNumber(2 / 3), formatNumber(1_234_567.891)]).toEqual(['4,990', '12.5', '0.67', '1,234,567.89']);
  });

  it('counts in words', () => {
    expect([plural(1, 'item'), plural(1200, 'point'), amount(12.345, 'points'), amount(1, 'issues')]).toEqual(['1 item', '1,200 points', '12.35 points', '1 item']);
  });
});
