import { describe, expect, it } from 'vitest';
import { estimateFlows } from './flows.js';
import { beijing, prismaticCurve } from './test-fixtures.js';

const curve = prismaticCurve(110, 50, 10);
const spillway = { crestLevel: 110, width: 5, coefficient: 1.7 };
const series = (levels: [string, number][]) => levels.map(([time, value]) => ({ time: beijing(time), value }));
const now = beijing('07-01T10:00');

describe('inflow from the water balance', () => {
  it('is the storage change while the pool is below the crest', () => {
    // 109.00 → 109.54 m in 3 h: 5.4 × 10⁴ m³ / (3 × 0.36) = 5 m³/s, nothing spilled.
    const levels = series([
      ['07-01T07:00', 109],
      ['07-01T08:00', 109.18],
      ['07-01T09:00', 109.36],
      ['07-01T10:00', 109.54],
    ]);
    const flows = estimateFlows(levels, curve, spillway, now);
    expect(flows.inflow).toBeCloseTo(5, 6);
    expect(flows.outflow).toBe(0);
  });

  it('adds what the spillway passed over the window', () => {
    // Steady 0.5 m over the crest: Q = 8.5 × 0.5^1.5 = 3.005 m³/s out, so as much came in.
    const levels = series([
      ['07-01T06:00', 111], // before the 3 h window
      ['07-01T07:30', 110.5],
      ['07-01T10:00', 110.5],
    ]);
    const flows = estimateFlows(levels, curve, spillway, now);
    expect(flows.outflow).toBeCloseTo(3.005, 3);
    expect(flows.inflow).toBeCloseTo(3.005, 3);
    expect(flows.netInflow).toBeCloseTo(0, 9);
  });

  it('weights the outflow by time as the level moves', () => {
    // 110 → 111 m over 2 h: ΔS = 10 × 10⁴ m³ = 13.889 m³/s; outflow from 0 to 8.5 m³/s, the trapezoid mean 4.25.
    const levels = series([
      ['07-01T10:00', 111],
      ['07-01T08:00', 110],
    ]);
    expect(estimateFlows(levels, curve, spillway, now).inflow).toBeCloseTo(13.889 + 4.25, 3);
  });

  it('never reports a negative inflow (an outlet drawing the pool down is not a negative inflow)', () => {
    const levels = series([
      ['07-01T08:00', 109.5],
      ['07-01T10:00', 109.4],
    ]);
    const flows = estimateFlows(levels, curve, spillway, now);
    expect(flows.inflow).toBe(0);
    expect(flows.netInflow).toBeLessThan(0);
  });

  it('knows neither inflow nor outflow of a gated spillway, only the net', () => {
    const levels = series([
      ['07-01T08:00', 110],
      ['07-01T10:00', 110.72],
    ]);
    // 7.2 × 10⁴ m³ in 2 h = 10 m³/s net.
    expect(estimateFlows(levels, curve, null, now)).toEqual({
      outflow: null,
      inflow: null,
      netInflow: expect.closeTo(10, 9),
    });
  });

  it('tells no inflow from readings spanning under an hour', () => {
    const levels = series([
      ['07-01T09:30', 109],
      ['07-01T10:00', 109.5],
    ]);
    expect(estimateFlows(levels, curve, spillway, now)).toMatchObject({ inflow: null, netInflow: null, outflow: 0 });
  });
});
