import { describe, expect, it } from 'vitest';
import { belowShare, exceedsShare, formatPercent, parseShare } from '../../src/core/share.js';

describe('parseShare', () => {
  it.each([
    ['10%', 10, 100, '10%'],
    ['12.25%', 1225, 10000, '12.25%'],
    [0.1, 1, 10, '10%'],
    ['0.1225', 1225, 10000, '12.25%'],
    ['0.005', 5, 1000, '0.5%'],
    [1, 1, 1, '100%'],
    ['100%', 100, 100, '100%'],
  ])('reads %j exactly and says it back as %s', (input, numerator, denominator, text) => {
    expect(parseShare(input)).toEqual({ numerator, denominator, text });
  });

  it.each(['ten percent', '150%', 1.5, '-5%', '1e-1', '', null])('refuses %j', (input) => {
    expect(parseShare(input)).toBeUndefined();
  });
});

describe('comparing a part of the whole with a share', () => {
  const cap = parseShare('10%')!;

  it('keeps 10 of 100 within a 10% cap and puts 11 of 100 over it', () => {
    expect(exceedsShare(10, 100, cap)).toBe(false);
    expect(exceedsShare(11, 100, cap)).toBe(true);
  });

  it('puts 59 of 100 below a 60% floor and 60 of 100 at it', () => {
    const floor = parseShare('60%')!;
    expect(belowShare(59, 100, floor)).toBe(true);
    expect(belowShare(60, 100, floor)).toBe(false);
  });

  it('formats a share with at most one decimal', () => {
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(0, 0)).toBe('0%');
  });
});
