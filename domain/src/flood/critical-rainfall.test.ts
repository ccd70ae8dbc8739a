import { describe, expect, it } from 'vitest';
import { criticalRainfall, rainfallFlag } from './critical-rainfall.js';

describe('critical rainfall', () => {
  it('is the worked case: 2.844 × 10⁴ m³ to fill on 0.56 km² at α 0.6 takes 84.6 mm', () => {
    // (9.237 − 6.393) / (0.1 × 0.6 × 0.56) = 2.844 / 0.0336 = 84.64 mm
    expect(criticalRainfall(6.393, 9.237, 0.56, 0.6)).toBeCloseTo(84.64, 2);
  });

  it('halves when the catchment sheds twice the share of the rain', () => {
    expect(criticalRainfall(6.393, 9.237, 0.56, 0.3)).toBeCloseTo(2 * 84.64, 1);
  });

  it('is 0 once the pool is at or above the target', () => {
    expect(criticalRainfall(9.237, 9.237, 0.56, 0.6)).toBe(0);
    expect(criticalRainfall(10, 9.237, 0.56, 0.6)).toBe(0);
  });
});

describe('rainfall flag', () => {
  const critical = { floodLimit: 30, designFlood: 85, checkFlood: 120 };

  it('names the highest target the last 3 h of rain or the forecast exceeds', () => {
    expect(rainfallFlag(critical, { last3h: 31 })).toBe('floodLimit');
    expect(rainfallFlag(critical, { last3h: 31, forecast: 100 })).toBe('designFlood');
    expect(rainfallFlag(critical, { last3h: 130, forecast: 10 })).toBe('checkFlood');
  });

  it('does not flag rain that only reaches a critical amount, nor unknown rain', () => {
    expect(rainfallFlag(critical, { last3h: 30 })).toBeNull();
    expect(rainfallFlag(critical, { last3h: null, forecast: null })).toBeNull();
  });

  it('skips targets whose critical rainfall is unknown', () => {
    expect(rainfallFlag({ floodLimit: null, designFlood: null, checkFlood: null }, { last3h: 500 })).toBeNull();
  });
});
