import { describe, expect, it } from 'vitest';
import { shareBar } from '../../src/report/format.js';

describe('shareBar: a share against its cap or floor', () => {
  it('draws the terminal bar in whole cells', () => {
    expect(shareBar(0.3, 0.1, 16)).toBe('██│██░░░░░░░░░░░');
  });

  it('keeps 5% steps in a 10-cell bar with half cells: 55% stops short of a 60% floor, 60% reaches it', () => {
    expect(shareBar(0.55, undefined, 10, 0.6, true)).toBe('█████▌┆░░░');
    expect(shareBar(0.6, undefined, 10, 0.6, true)).toBe('██████┆░░░');
    expect(shareBar(0.3, 0.1, 10, undefined, true)).toBe('█│█░░░░░░░');
    expect(shareBar(1, 0.1, 10, undefined, true)).toBe('█│████████');
    expect(shareBar(0, undefined, 10, undefined, true)).toBe('░░░░░░░░░░');
  });
});
