import { describe, expect, it } from 'vitest';
import { Random } from '@yz/domain';
import { accumulateRain, decodeFrame, type RainState } from '../sl651/index.js';
import { Sl651Rtu } from './sl651-rtu.js';

const HOUR_MS = 3_600_000;
const types = new Map([
  ['RG1', 'rainfall'],
  ['WL1', 'water_level'],
  ['BV1', 'battery_voltage'],
  ['SP1', 'seepage_pressure'],
]);

describe('a simulated SL 651 RTU', () => {
  it('sends running PT and PJ since 08:00 whose increments are the rain it measured, across 08:00', () => {
    const rtu = new Sl651Rtu('431124-0007', types, Random.derive(1, 'rtu'));
    const start = Date.parse('2026-07-01T03:00:00+08:00');
    // Every 30 minutes for a day: 1.5 mm on the half hours, dry on the hours; 08:00 falls in between.
    const reports = Array.from({ length: 48 }, (_, i) => ({ t: start + (i + 1) * (HOUR_MS / 2), mm: i % 2 ? 0 : 1.5 }));
    let state: RainState | null = null;
    const stored: { at: number; mm: number }[] = [];
    const functions = new Set<string>();
    for (const { t, mm } of reports) {
      const frame = rtu.report(
        '',
        t,
        [
          { sensor: 'RG1', value: mm },
          { sensor: 'WL1', value: 312.47 },
        ],
        t % HOUR_MS === 0,
      );
      expect(frame.topic).toBe('sl651/4311240007/up');
      const decoded = decodeFrame(Buffer.from(frame.payload, 'hex'));
      if (!decoded.ok) throw new Error(decoded.error);
      functions.add(decoded.value.functionCode);
      expect(decoded.value.observations[0].elements['3B']).toBe(312.47);
      const update = accumulateRain(state, decoded.value, new Date(t + 60_000));
      expect(update.notes).toEqual([]);
      state = update.state;
      stored.push(...update.increments.map((i) => ({ at: i.at.getTime(), mm: i.mm })));
    }
    expect(functions).toEqual(new Set(['32', '33']));
    const total = (list: { mm: number }[]) => Math.round(list.reduce((s, x) => s + x.mm, 0) * 10) / 10;
    expect(total(stored)).toBe(total(reports));
    // Per hydrological day too: nothing moved across 08:00.
    const dayEnd = Date.parse('2026-07-01T08:00:00+08:00');
    expect(total(stored.filter((x) => x.at <= dayEnd))).toBe(total(reports.filter((x) => x.t <= dayEnd)));
  });

  it('carries the rain, level and battery sensors, not the dam-safety ones', () => {
    const rtu = new Sl651Rtu('431124-0007', types, Random.derive(1, 'rtu'));
    expect(['RG1', 'WL1', 'BV1', 'SP1'].map((s) => rtu.carries(s))).toEqual([true, true, true, false]);
  });
});
