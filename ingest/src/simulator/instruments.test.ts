import { Random, type ReservoirSeed } from '@yz/domain';
import { describe, expect, it } from 'vitest';
import { createInstruments, type Instrument, type ReportContext } from './instruments.js';
import { MONITORED } from '@yz/domain/testing';

const T0 = Date.parse('2026-07-01T00:00:00+08:00');
const HOUR = 3_600_000;
const normal = MONITORED.levels.normalLevel;
const ctx = (t: number, seepageLevel = normal): ReportContext => ({ t, level: normal, seepageLevel, rainMm: 1.2 });

function instrument(reservoir: ReservoirSeed, code: string, seed = 1): Instrument {
  return createInstruments(reservoir, new Random(seed), T0).find((i) => i.code === code)!;
}

describe('instruments', () => {
  it('has one instrument per registered sensor', () => {
    const instruments = createInstruments(MONITORED, new Random(1), T0);
    expect(instruments.map((i) => i.code)).toEqual(MONITORED.sensors.map((s) => s.code));
    expect(instrument(MONITORED, 'RG1').read(ctx(T0))).toBe(1.2);
    expect(instrument(MONITORED, 'WL1').read(ctx(T0))).toBeCloseTo(normal, 1);
  });

  it('reads seepage pressure and flow that rise with the seepage level and stay under threshold at normal pool', () => {
    for (const code of ['SP1', 'SP2', 'SF1']) {
      const sensor = instrument(MONITORED, code);
      const threshold = MONITORED.sensors.find((s) => s.code === code)!.threshold!;
      const atNormal = sensor.read(ctx(T0));
      expect(atNormal).toBeGreaterThan(0.5 * threshold);
      expect(atNormal).toBeLessThan(threshold);
      expect(sensor.read(ctx(T0, normal + 2))).toBeGreaterThan(atNormal);
      expect(sensor.read(ctx(T0, normal - 5))).toBeLessThan(atNormal);
    }
    // Without a threshold the piezometer reads water pressure: 9.81 kPa per metre of head.
    const sp3 = instrument(MONITORED, 'SP3');
    expect(sp3.read(ctx(T0, normal + 1)) - sp3.read(ctx(T0))).toBeGreaterThan(0.5);
  });

  it('drifts displacement slowly', () => {
    const ds = instrument(MONITORED, 'DS2');
    const first = ds.read(ctx(T0));
    expect(Math.abs(ds.read(ctx(T0 + 24 * HOUR)) - first)).toBeLessThan(1);
  });

  it('keeps healthy batteries at 12.5–13.8 V with a daily cycle, and lets a few fail below 11.5 V', () => {
    let failing = 0;
    for (let seed = 0; seed < 300; seed++) {
      const battery = instrument(MONITORED, 'BV1', seed);
      const day = Array.from({ length: 72 }, (_, h) => battery.read(ctx(T0 + h * HOUR)));
      if (Math.min(...day) < 11.5) {
        failing++;
        continue;
      }
      expect(Math.min(...day)).toBeGreaterThan(12.4);
      expect(Math.max(...day)).toBeLessThan(13.8);
      // Charged in the afternoon, lowest before dawn.
      expect(battery.read(ctx(T0 + 14 * HOUR))).toBeGreaterThan(battery.read(ctx(T0 + 2 * HOUR)));
    }
    expect(failing).toBeGreaterThan(0);
    expect(failing).toBeLessThan(20);
  });
});
