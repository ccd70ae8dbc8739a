import { describe, expect, it } from 'vitest';
import type { ReadingEvent, Reservoir } from '../api/types';
import { applyReading, bringsRain, mergeRain } from './reading';

const reservoir = (): Reservoir => ({
  code: '431125-0017',
  name: '荷塘水库',
  county: '431125',
  countyName: '江永县',
  scale: 'small2',
  longitude: 111.4,
  latitude: 25.3,
  damSafetyMonitoring: true,
  levels: {
    deadLevel: 319.14,
    floodLimitLevel: 328.2,
    normalLevel: 328.58,
    designFloodLevel: 329.88,
    checkFloodLevel: 330.3,
    crestElevation: 331.46,
  },
  latest: { time: '2026-11-29T05:00:00.000Z', waterLevel: 328.0, rainfall: 0, batteryVoltage: 13.5 },
  rain: { h1: 0, h3: 0, h6: 0, h12: 0, h24: 0, day: 0 },
  state: 'offline',
});

// Exactly what the gateway emits: snake_case sensor types next to reservoirCode and time.
const event = (values: Record<string, number>, time = '2026-11-29T06:00:00.000Z'): ReadingEvent => ({
  reservoirCode: '431125-0017',
  time,
  ...values,
});

describe('applyReading', () => {
  it('reads water_level, rainfall and battery_voltage from the event', () => {
    const r = applyReading(reservoir(), event({ water_level: 328.3, rainfall: 2.5, battery_voltage: 12.9 }), false);
    expect(r.latest).toEqual({
      time: '2026-11-29T06:00:00.000Z',
      waterLevel: 328.3,
      rainfall: 2.5,
      batteryVoltage: 12.9,
    });
    expect(r.state).toBe('normal');
  });

  it('compares with the normal pool out of season and the flood limit in season', () => {
    const ev = event({ water_level: 328.4 });
    expect(applyReading(reservoir(), ev, false).state).toBe('normal');
    expect(applyReading(reservoir(), ev, true).state).toBe('above_flood_limit');
    expect(applyReading(reservoir(), event({ water_level: 328.6 }), false).state).toBe('above_flood_limit');
  });

  it('keeps values the event does not carry and the state when no level came', () => {
    const r = applyReading(reservoir(), event({ rainfall: 4 }), false);
    expect(r.latest.waterLevel).toBe(328.0);
    expect(r.latest.batteryVoltage).toBe(13.5);
    expect(r.state).toBe('offline');
  });

  it('ignores an older event and another reservoir', () => {
    const r = reservoir();
    expect(applyReading(r, event({ water_level: 330 }, '2026-11-29T04:00:00.000Z'), false)).toBe(r);
    expect(applyReading(r, { ...event({ water_level: 330 }), reservoirCode: '431125-0001' }, false)).toBe(r);
  });

  it('says when rain arrived and takes fresh rain totals without undoing live values', () => {
    const r = reservoir();
    expect(bringsRain({ reservoirCode: r.code, time: '2026-07-01T00:00:00Z', rainfall: 2.5 })).toBe(true);
    expect(bringsRain({ reservoirCode: r.code, time: '2026-07-01T00:00:00Z', rainfall: 0 })).toBe(false);
    expect(bringsRain({ reservoirCode: r.code, time: '2026-07-01T00:00:00Z', water_level: 1 })).toBe(false);
    const live = { ...r, latest: { ...r.latest, waterLevel: 99 } };
    const fresh = { ...r, rain: { h1: 5, h3: 9, h6: 12, h12: 20, h24: 30, day: 28 } };
    const [merged] = mergeRain([live], [fresh]);
    expect(merged!.rain.h24).toBe(30);
    expect(merged!.latest.waterLevel).toBe(99);
  });
});
