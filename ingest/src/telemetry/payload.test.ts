import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, validateTelemetry, type SensorInfo } from './payload.js';

const NOW = new Date('2026-07-01T00:00:00Z');
const station = { id: 1, reportIntervalS: 300 };
const SENSORS = new Map<string, SensorInfo>([
  ['WL1', { id: 1, type: 'water_level', station }],
  ['RG1', { id: 2, type: 'rainfall', station }],
  ['BV1', { id: 3, type: 'battery_voltage', station }],
]);
const lookup = (code: string) => (code === '431124-0007' ? SENSORS : undefined);
const TOPIC = 'reservoirs/431124-0007/telemetry';
const check = (payload: unknown, topic = TOPIC) =>
  validateTelemetry(topic, Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)), lookup, NOW);

describe('telemetry validation', () => {
  it('accepts a contract message, with per-reading times overriding the message time', () => {
    const r = check({
      ts: '2026-07-01T08:00:00+08:00',
      readings: [
        { sensor: 'RG1', value: 2.5 },
        { sensor: 'WL1', value: 312.47, ts: '2026-07-01T07:55:00+08:00' },
      ],
    });
    expect(r.rejects).toEqual([]);
    expect(r.readings.map((x) => [x.sensorId, x.time.toISOString(), x.value])).toEqual([
      [2, '2026-07-01T00:00:00.000Z', 2.5],
      [1, '2026-06-30T23:55:00.000Z', 312.47],
    ]);
  });

  it.each([
    ['a wrong topic', { ts: '2026-07-01T08:00:00+08:00', readings: [] }, 'bad_topic', 'reservoirs/x/telemetry'],
    ['malformed JSON', '{"ts": ', 'malformed_json', TOPIC],
    ['a wrong shape', { ts: '2026-07-01T08:00:00+08:00', readings: {} }, 'bad_shape', TOPIC],
    [
      'an unknown reservoir',
      { ts: '2026-07-01T08:00:00+08:00', readings: [] },
      'unknown_reservoir',
      'reservoirs/431124-9999/telemetry',
    ],
    ['an oversized payload', 'x'.repeat(MAX_PAYLOAD_BYTES + 1), 'oversized', TOPIC],
  ])('rejects %s as a whole', (_name, payload, reason, topic) => {
    const r = check(payload, topic);
    expect(r.readings).toEqual([]);
    expect(r.rejects.map((x) => x.reason)).toEqual([reason]);
  });

  it('keeps the good readings of a message and rejects each bad one with its reason', () => {
    const r = check({
      ts: '2026-07-01T08:00:00+08:00',
      readings: [
        { sensor: 'WL1', value: 300.1 },
        { sensor: 'XX9', value: 1 },
        { sensor: 'RG1', value: 'NaN' },
        { sensor: 'RG1', value: 'Infinity' },
        { sensor: 'RG1', value: '2.5' },
        { sensor: 'RG1', value: -1 },
        { sensor: 'BV1', value: 12.5, ts: '2026-07-01T08:11:00+08:00' },
        { sensor: 'BV1', value: 12.5, ts: '2022-01-01T00:00:00+08:00' },
        { sensor: 'BV1', value: 12.5, ts: '2026-07-01 08:00' },
        { value: 1 },
      ],
    });
    expect(r.readings.map((x) => x.sensorCode)).toEqual(['WL1']);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      'unknown_sensor',
      'not_finite',
      'not_finite',
      'not_numeric',
      'out_of_range',
      'future_time',
      'too_old',
      'bad_time',
      'bad_shape',
    ]);
    expect(r.rejects[0].detail).toMatch(/readings\[1\]/);
  });

  it('accepts a time up to 10 minutes ahead (RTU clocks drift) but not more', () => {
    const at = (min: number) => new Date(NOW.getTime() + min * 60_000).toISOString();
    expect(check({ ts: at(9), readings: [{ sensor: 'WL1', value: 1 }] }).readings).toHaveLength(1);
    expect(check({ ts: at(11), readings: [{ sensor: 'WL1', value: 1 }] }).rejects[0].reason).toBe('future_time');
  });

  it('needs a time on the message or the reading', () => {
    expect(check({ readings: [{ sensor: 'WL1', value: 1 }] }).rejects[0].reason).toBe('bad_time');
  });

  it('rejects calendar dates that do not exist instead of rolling them over', () => {
    for (const ts of [
      '2026-02-30T10:00:00Z',
      '2026-04-31T10:00:00+08:00',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
    ]) {
      expect(check({ ts, readings: [{ sensor: 'WL1', value: 1 }] }).rejects[0]?.reason, ts).toBe('bad_time');
    }
    expect(check({ ts: '2024-02-29T10:00:00Z', readings: [{ sensor: 'WL1', value: 1 }] }).readings).toHaveLength(1);
  });
});
