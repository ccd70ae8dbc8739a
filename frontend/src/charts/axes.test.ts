import { describe, expect, it } from 'vitest';
import { cumulative, labelSpots, levelAxisRange, percentFull, storageAt, thresholdRange } from './axes';

const levels = {
  deadLevel: 319.14,
  floodLimitLevel: 328.58,
  normalLevel: 328.58,
  designFloodLevel: 329.88,
  checkFloodLevel: 330.3,
  crestElevation: 331.46,
};

describe('level axis', () => {
  it('zooms to the band around the limit so a small exceedance is visible', () => {
    const values = [328.5, 328.6, 328.86];
    const [lo, hi] = levelAxisRange(values, levels, 328.58, 'focus');
    expect(lo).toBeLessThanOrEqual(328.5);
    expect(hi).toBeGreaterThanOrEqual(329.88); // the next level above is in sight
    const span = hi - lo;
    // The 0.28 m exceedance takes a visible part of the axis (dead level to crest would make it under 3 %).
    expect(0.28 / span).toBeGreaterThan(0.1);
  });

  it('spans dead level to crest in full mode, and the data beyond', () => {
    expect(levelAxisRange([331.9], levels, 328.58, 'full')).toEqual([318.84, 332.2]);
  });

  it('keeps the limit in range when the water is far below it', () => {
    const [lo, hi] = levelAxisRange([322.0, 322.1], levels, 328.58, 'focus');
    expect(lo).toBeLessThanOrEqual(322.0);
    expect(hi).toBeGreaterThanOrEqual(328.58);
  });
});

describe('threshold axis', () => {
  it('holds thresholds far above the data', () => {
    const [lo, hi] = thresholdRange([20.1, 22.4, 21.0], [93.7, 82.1])!;
    expect(lo).toBeLessThanOrEqual(20.1);
    expect(hi).toBeGreaterThanOrEqual(93.7);
  });
  it('is null without anything to show', () => {
    expect(thresholdRange([], [])).toBeNull();
  });
});

describe('rain and storage', () => {
  it('accumulates rain', () => {
    expect(
      cumulative([
        ['a', 2.5],
        ['b', 0],
        ['c', 30],
      ]),
    ).toEqual([
      ['a', 2.5],
      ['b', 2.5],
      ['c', 32.5],
    ]);
  });
  it('interpolates storage and percent full against the normal pool', () => {
    const curve: [number, number][] = [
      [100, 0],
      [110, 50],
      [120, 100],
    ];
    expect(storageAt(curve, 115)).toBe(75);
    expect(percentFull(curve, 105, 110)).toBe(50);
    expect(percentFull(curve, null, 110)).toBeNull();
  });
});

describe('line labels', () => {
  it('spreads labels of close lines to different spots', () => {
    const spots = labelSpots([328.58, 328.6, 330.3, 320], 0.3);
    expect(spots[0]).not.toBe(spots[1]);
    expect(spots[2]).toBe('insideEndTop');
    expect(spots[3]).toBe('insideEndTop');
  });
});
