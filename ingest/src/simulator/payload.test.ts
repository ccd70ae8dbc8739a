import { describe, expect, it } from 'vitest';
import { buildMalformedPayload, buildPayload, telemetryTopic, UNKNOWN_SENSOR } from './payload.js';

const T = Date.parse('2026-07-01T08:00:00+08:00');
const readings = [
  { sensor: 'RG1', value: 2.5 },
  { sensor: 'WL1', value: 312.47 },
];

describe('payload', () => {
  it('builds the contract topic and JSON', () => {
    expect(telemetryTopic('', '431102-0001')).toBe('reservoirs/431102-0001/telemetry');
    expect(telemetryTopic('sim/', '431102-0001')).toBe('sim/reservoirs/431102-0001/telemetry');
    expect(JSON.parse(buildPayload(T, readings))).toEqual({ ts: '2026-07-01T08:00:00+08:00', readings });
  });

  it('breaks a message in each of the three ways, keeping the good readings where it can', () => {
    expect(() => JSON.parse(buildMalformedPayload(T, readings, 'bad_json'))).toThrow(SyntaxError);

    const nonNumeric = JSON.parse(buildMalformedPayload(T, readings, 'non_numeric'));
    expect(nonNumeric.readings).toEqual([{ sensor: 'RG1', value: 'ERR' }, readings[1]]);

    const unknown = JSON.parse(buildMalformedPayload(T, readings, 'unknown_sensor'));
    expect(unknown.readings).toEqual([...readings, { sensor: UNKNOWN_SENSOR, value: 1 }]);
  });
});
