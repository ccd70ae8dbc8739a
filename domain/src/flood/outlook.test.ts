import { describe, expect, it } from 'vitest';
import { floodOutlook, type OutlookInput } from './outlook.js';
import { beijing, LEVELS, prismaticCurve, RESERVOIR } from './test-fixtures.js';

const now = beijing('07-01T10:00');
// Rising 0.18 m/h below the crest: 1.8 × 10⁴ m³/h, an inflow of 5 m³/s.
const rising = (
  [
    ['07-01T07:00', 109],
    ['07-01T08:00', 109.18],
    ['07-01T09:00', 109.36],
    ['07-01T10:00', 109.54],
  ] as const
).map(([time, value]) => ({ time: beijing(time), value }));
const input: OutlookInput = { reservoir: RESERVOIR, levelSeries: rising, rainSeries: null, now, floodSeason: true };

describe('flood outlook', () => {
  it('gives the API shape for a reservoir filling towards its flood-limit level', () => {
    const outlook = floodOutlook(input);
    expect(Object.keys(outlook)).toEqual([
      'level',
      'storage',
      'inflow',
      'outflow',
      'criticalRainfall',
      'hoursTo',
      'restrictedLevel',
    ]);
    // S(109.54) = 50 − 10 × 0.46 = 45.4; no gauge, so α = 0.6 and 1 mm yields 0.1 × 0.6 × 2 = 0.12 × 10⁴ m³.
    expect(outlook).toEqual({
      level: 109.54,
      storage: 45.4,
      inflow: 5,
      outflow: 0,
      criticalRainfall: {
        floodLimit: 38.3, // (50 − 45.4) / 0.12
        designFlood: 163.3, // (65 − 45.4) / 0.12
        checkFlood: 221.7, // (72 − 45.4) / 0.12
      },
      hoursTo: {
        floodLimit: 2.56, // 4.6 × 10⁴ m³ at 5 × 0.36 = 1.8 × 10⁴ m³/h
        designFlood: null, // the spillway passes 5 m³/s 0.70 m over its crest, short of the 1.5 m to 111.5 m
        crest: null,
      },
      restrictedLevel: null,
    });
  });

  it('reproduces the worked critical rainfall of 84.6 mm to the design flood level', () => {
    const worked = {
      ...RESERVOIR,
      levels: { ...LEVELS, floodLimitLevel: 100.5, normalLevel: 100.5, designFloodLevel: 101, checkFloodLevel: 101.5 },
      curve: prismaticCurve(100, 6.393, 2.844), // S(100) = 6.393, S(101) = 9.237
      catchmentArea: 0.56,
      runoffCoefficient: 0.6,
    };
    const outlook = floodOutlook({ ...input, reservoir: worked, levelSeries: [{ time: now, value: 100 }] });
    expect(outlook.criticalRainfall.designFlood).toBe(84.6);
    // One reading tells no inflow, and so no time to any level.
    expect(outlook).toMatchObject({ inflow: null, hoursTo: null });
  });

  it('lowers the critical rainfall after a wet fortnight', () => {
    const wet = Array.from({ length: 15 }, (_, day) => ({
      time: new Date(now.getTime() - day * 86_400_000),
      value: 100,
    }));
    // Pa reaches Wm, α = 0.9: (50 − 45.4) / (0.1 × 0.9 × 2) = 25.6 mm.
    expect(floodOutlook({ ...input, rainSeries: wet }).criticalRainfall.floodLimit).toBe(25.6);
  });

  it('measures a category-3 dam against its restricted level, already exceeded', () => {
    const dangerous = { ...RESERVOIR, dam: { damCategory: 3, reinforcementAccepted: false } as const };
    expect(floodOutlook({ ...input, reservoir: dangerous })).toMatchObject({
      restrictedLevel: 109,
      criticalRainfall: { floodLimit: 0 },
      hoursTo: { floodLimit: 0 },
    });
  });

  it('leaves the flows of a gated spillway unknown and carries the net rise on', () => {
    const gated = { ...RESERVOIR, gatedSpillway: true, levels: { ...LEVELS, floodLimitLevel: 108.5 } };
    const levelSeries = [
      { time: beijing('07-01T08:00'), value: 110 },
      { time: now, value: 110.72 },
    ];
    // Net 7.2 × 10⁴ m³ in 2 h: 0.36 m/h; 111.5 − 110.72 = 0.78 m takes 2.17 h.
    expect(floodOutlook({ ...input, reservoir: gated, levelSeries })).toMatchObject({
      inflow: null,
      outflow: null,
      hoursTo: { floodLimit: 0, designFlood: 2.17 },
    });
  });

  it('says nothing but the restricted level without a water level', () => {
    const dangerous = { ...RESERVOIR, dam: { damCategory: 3, reinforcementAccepted: false } as const };
    expect(floodOutlook({ ...input, reservoir: dangerous, levelSeries: [] })).toEqual({
      level: null,
      storage: null,
      inflow: null,
      outflow: null,
      criticalRainfall: { floodLimit: null, designFlood: null, checkFlood: null },
      hoursTo: null,
      restrictedLevel: 109,
    });
  });
});
