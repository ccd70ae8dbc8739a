import { describe, expect, it } from 'vitest';
import {
  antecedentPrecipitation,
  currentRunoffCoefficient,
  DEFAULT_RUNOFF_COEFFICIENT,
  runoffCoefficient,
} from './antecedent.js';
import { beijing } from './test-fixtures.js';

describe('antecedent precipitation index', () => {
  it('decays each day by k: Pa = Σ k^i·P_i with yesterday i = 1', () => {
    // 0.85 × 10 + 0.85³ × 20 = 8.5 + 12.2825
    expect(antecedentPrecipitation([10, 0, 20])).toBeCloseTo(20.7825, 6);
  });

  it('stops at the soil moisture capacity Wm = 100 mm', () => {
    expect(antecedentPrecipitation([300, 300])).toBe(100);
  });
});

describe('runoff coefficient', () => {
  it('runs from 0.3 on a dry catchment to 0.9 on a saturated one', () => {
    expect(runoffCoefficient(0)).toBeCloseTo(0.3);
    expect(runoffCoefficient(50)).toBeCloseTo(0.6);
    expect(runoffCoefficient(100)).toBeCloseTo(0.9);
    expect(runoffCoefficient(250)).toBeCloseTo(0.9);
  });

  it("prefers the reservoir's own α, and falls back to the default without a gauge", () => {
    const now = beijing('07-10T10:00');
    expect(currentRunoffCoefficient({ runoffCoefficient: 0.45 }, [], now)).toBe(0.45);
    expect(currentRunoffCoefficient({}, null, now)).toBe(DEFAULT_RUNOFF_COEFFICIENT);
  });

  it('reads the 15 complete hydrological days before now, 08:00 to 08:00', () => {
    const rain = [
      { time: beijing('07-10T09:00'), value: 50 }, // today's day, still running: not antecedent
      { time: beijing('07-10T08:00'), value: 10 }, // ends the day 07-09 08:00 → 07-10 08:00 (i = 1)
      { time: beijing('07-09T08:05'), value: 4 }, // same day (i = 1)
      { time: beijing('07-09T08:00'), value: 6 }, // the day before (i = 2)
      { time: beijing('06-26T08:00'), value: 20 }, // ends the 15th day back, 06-25 08:00 → 06-26 08:00 (i = 15)
      { time: beijing('06-25T08:00'), value: 40 }, // ends the 16th: out of the window
    ];
    const pa = 0.85 * 14 + 0.85 ** 2 * 6 + 0.85 ** 15 * 20;
    expect(currentRunoffCoefficient({}, rain, beijing('07-10T10:00'))).toBeCloseTo(0.3 + (0.6 * pa) / 100, 9);
  });
});
