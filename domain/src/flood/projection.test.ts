import { describe, expect, it } from 'vitest';
import { designFloodSoon, hoursToLevels } from './projection.js';
import { prismaticCurve } from './test-fixtures.js';

// A prismatic pool, 10 × 10⁴ m² of water at every level (10 × 10⁴ m³ per metre), spilling over a free crest at
// 110 m, 5 m wide, C = 1.7: Q = 8.5·H^1.5 m³/s.
const curve = prismaticCurve(110, 50, 10);
const spillway = { crestLevel: 110, width: 5, coefficient: 1.7 };
const targets = { floodLimit: 110, designFlood: 111.5, crest: 113.5 };

describe('time to threshold', () => {
  it('matches a hand integration at a constant 50 m³/s inflow from 109 m', () => {
    // Below the crest nothing leaves: 1 h of 50 m³/s is 50 × 0.36 = 18 × 10⁴ m³, and 110 − 109 m holds 10 × 10⁴ m³,
    // so the flood-limit level comes after 10 / 18 = 0.5556 h.
    //
    // Above it, time is the integral of storage over net inflow: t = ∫ 10 dH / (0.36 (50 − 8.5 H^1.5)), H from 0 to
    // 1.5 m (the design flood level 111.5 m). The integrand f(H) in h/m:
    //   H      0       0.375   0.75    1.125   1.5
    //   Q      0       1.952   5.521   10.143  15.615   m³/s
    //   f      0.5556  0.5781  0.6245  0.6969  0.8079
    // Simpson, 4 strips of 0.375 m: 0.375/3 × (0.5556 + 4×0.5781 + 2×0.6245 + 4×0.6969 + 0.8079) = 0.9641 h.
    // So the design flood level comes after 0.5556 + 0.9641 = 1.5197 h.
    //
    // The spillway passes 50 m³/s at H = (50 / 8.5)^(2/3) = 3.26 m, below the crest's 3.5 m: the pool settles
    // short of the crest, which is never reached.
    const hours = hoursToLevels({ curve, spillway, inflow: 50 }, 109, targets);
    expect(hours.floodLimit).toBeCloseTo(0.5556, 3);
    expect(hours.designFlood).toBeCloseTo(1.5197, 2);
    expect(hours.crest).toBeNull();
  });

  it('is 0 for a target the pool has already reached', () => {
    expect(hoursToLevels({ curve, spillway, inflow: 50 }, 111.5, targets)).toMatchObject({
      floodLimit: 0,
      designFlood: 0,
    });
  });

  it('reaches nothing while the pool is steady or falling', () => {
    expect(hoursToLevels({ curve, spillway, inflow: 0 }, 109, targets)).toEqual({
      floodLimit: null,
      designFlood: null,
      crest: null,
    });
    // At 111 m the spillway passes 8.5 m³/s: an inflow of 5 m³/s lets the pool fall.
    expect(hoursToLevels({ curve, spillway, inflow: 5 }, 111, targets).designFlood).toBeNull();
  });

  it('counts a target beyond 24 h as not reached', () => {
    // 1 m³/s fills 0.36 × 10⁴ m³ an hour: the 10 × 10⁴ m³ up to 110 m take 27.8 h, past the horizon.
    expect(hoursToLevels({ curve, spillway, inflow: 1 }, 109, targets).floodLimit).toBeNull();
    expect(hoursToLevels({ curve, spillway, inflow: 1 }, 109.2, targets).floodLimit).toBeCloseTo(22.22, 2);
  });

  it('carries a net inflow on unchanged where no spillway is modelled (gates)', () => {
    // 10 m³/s net: 3.6 × 10⁴ m³/h, 0.36 m/h; 1.5 m takes 4.1667 h.
    expect(hoursToLevels({ curve, spillway: null, inflow: 10 }, 110, targets).designFlood).toBeCloseTo(4.1667, 3);
  });
});

describe('design flood foresight alert', () => {
  it('holds while the design flood level is projected under 6 h away', () => {
    expect(designFloodSoon({ designFlood: 5.9 })).toBe(true);
    expect(designFloodSoon({ designFlood: 0 })).toBe(true);
    expect(designFloodSoon({ designFlood: 6 })).toBe(false);
    expect(designFloodSoon({ designFlood: null })).toBe(false);
  });
});
