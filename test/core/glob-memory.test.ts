import { describe, expect, it } from 'vitest';
import { globCapture, matchesGlob } from '../../src/core/glob.js';

describe('remembered glob answers', () => {
  it('gives the same answer the second time, for each glob and label on its own', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(matchesGlob('customer:*', 'customer:acme')).toBe(true);
      expect(matchesGlob('customer:acme', 'customer:*')).toBe(false);
      expect(matchesGlob('Deal', 'deal')).toBe(true);
      expect(matchesGlob('deal', 'deals')).toBe(false);
      expect(globCapture('customer:*', 'customer:acme')).toBe('acme');
      expect(globCapture('customer:*', 'deal')).toBeUndefined();
      expect(globCapture('*:*', 'a:b:c')).toBe('a:bc');
    }
  });

  it('stays right while thousands of distinct labels go through it', () => {
    for (let n = 0; n < 25_000; n += 1) {
      const label = `customer:c${n}`;
      expect(globCapture('customer:*', label)).toBe(`c${n}`);
      expect(matchesGlob('customer:c1*', label)).toBe(String(n).startsWith('1'));
    }
    expect(matchesGlob('customer:*', 'customer:acme')).toBe(true);
  });
});
