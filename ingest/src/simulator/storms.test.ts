import { describe, expect, it } from 'vitest';
import { Random } from '@yz/domain';
import { StormField, type Storm } from './storms.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00+08:00');
const YONGZHOU = { west: 111.1, east: 112.4, south: 24.6, north: 26.9 };

/** A still cell over Lingling, peak 50 mm/h at mid-life (hour 2). */
const cell: Storm = {
  startMs: T0,
  endMs: T0 + 4 * HOUR,
  lon: 111.6,
  lat: 26.2,
  vLon: 0,
  vLat: 0,
  radiusKm: 10,
  peakMmPerHour: 50,
};

function fieldWith(...storms: Storm[]): StormField {
  const field = new StormField(YONGZHOU, new Random(1), 0);
  for (const storm of storms) field.add(storm);
  return field;
}

describe('StormField', () => {
  it('rains hardest at the centre and less with distance', () => {
    const field = fieldWith(cell);
    field.advance(T0 + 2 * HOUR);
    expect(field.rainRate(111.6, 26.2)).toBeCloseTo(50, 6);
    const rates = [0, 5, 10, 20, 40].map((km) => field.rainRate(111.6, 26.2 + km / 110.57));
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeLessThan(rates[i - 1]!);
    expect(rates[2]).toBeCloseTo(50 * Math.exp(-0.5), 1);
    expect(rates[4]).toBe(0);
  });

  it('grows, peaks at mid-life and is gone after its end', () => {
    const field = fieldWith(cell);
    const at = (hours: number) => (field.advance(T0 + hours * HOUR), field.rainRate(111.6, 26.2));
    expect(at(0)).toBe(0);
    expect(at(1)).toBeCloseTo(50 * Math.SQRT1_2, 6);
    expect(at(2)).toBeCloseTo(50, 6);
    expect(at(3)).toBeCloseTo(50 * Math.SQRT1_2, 6);
    expect(at(4)).toBe(0);
  });

  it('moves with its velocity', () => {
    const eastward = { ...cell, vLon: 0.15 / HOUR }; // 30 km in 2 h
    const field = fieldWith(eastward);
    field.advance(T0 + 2 * HOUR);
    expect(field.rainRate(111.9, 26.2)).toBeCloseTo(50, 6);
    expect(field.rainRate(111.6, 26.2)).toBe(0);
  });

  it('adds a big storm of 60–100 mm/h over the given point', () => {
    const field = fieldWith();
    field.spawnBigStorm(T0, 111.6, 26.2);
    field.advance(T0 + 90 * 60_000);
    expect(field.rainRate(111.6, 26.2)).toBeGreaterThan(40);
    expect(field.rainRate(111.6, 26.2)).toBeLessThan(100);
  });

  it('makes natural rain that is alike nearby and different far away, and none at rate 0', () => {
    const totals = (rate: number) => {
      const field = new StormField(YONGZHOU, new Random(3), rate);
      const points = [
        [111.6, 26.2],
        [111.62, 26.21],
        [112.3, 24.8],
      ] as const;
      const sums = points.map(() => 0);
      for (let t = T0; t < T0 + 60 * 24 * HOUR; t += 10 * 60_000) {
        field.advance(t);
        points.forEach(([lon, lat], i) => (sums[i]! += field.rainRate(lon, lat) / 6));
      }
      return sums;
    };
    expect(totals(0)).toEqual([0, 0, 0]);
    const [here, nearby, far] = totals(1) as [number, number, number];
    expect(here).toBeGreaterThan(60); // a wet-season month brings rain of the right order
    expect(here).toBeLessThan(900);
    expect(Math.abs(nearby - here) / here).toBeLessThan(0.2);
    expect(Math.abs(far - here) / here).toBeGreaterThan(Math.abs(nearby - here) / here);
  });
});
