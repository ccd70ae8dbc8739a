import { describe, expect, it } from 'vitest';
import { SENSOR_TYPE_NAMES } from '@yz/domain';
import { ELEMENTS } from './elements.js';
import { formatBeijing } from '@yz/domain';
import { ELEMENT_MEANINGS, arrayValueEnds, toReadings } from './readings.js';

describe('toReadings', () => {
  it('flattens numbers and 5-minute arrays, skipping the status word', () => {
    const observedAt = new Date('2026-07-01T08:00:00+08:00');
    const readings = toReadings(
      { observedAt, elements: { '39': 312.5, '38': null, '45': '00000001', F4: [0.1, 0.2, 0.3] } },
      new Date('2026-07-01T08:00:30+08:00'),
    );
    expect(readings.map((r) => [r.elementId, r.value, r.observedAt.toISOString()])).toEqual([
      ['38', null, '2026-07-01T00:00:00.000Z'],
      ['39', 312.5, '2026-07-01T00:00:00.000Z'],
      ['F4', 0.1, '2026-06-30T23:50:00.000Z'],
      ['F4', 0.2, '2026-06-30T23:55:00.000Z'],
      ['F4', 0.3, '2026-07-01T00:00:00.000Z'],
    ]);
  });
});

describe('5-minute values of an hourly report', () => {
  const ends = (obs: string, sent: string) =>
    arrayValueEnds(new Date(obs), 12, new Date(sent)).map((d) => formatBeijing(d).slice(11, 16));

  it('end at obs, obs+5 … obs+55 min, as the standard times them (obs is the first group)', () => {
    // Sent at 06:00 for 05:00–06:00: obs 05:05.
    expect(ends('2026-07-01T05:05:00+08:00', '2026-07-01T06:00:00+08:00')).toEqual([
      '05:05',
      '05:10',
      '05:15',
      '05:20',
      '05:25',
      '05:30',
      '05:35',
      '05:40',
      '05:45',
      '05:50',
      '05:55',
      '06:00',
    ]);
  });

  it('never end after the send time: an RTU stamping the last group (obs 06:00 sent 06:04) is read so', () => {
    const shifted = ends('2026-07-01T06:00:00+08:00', '2026-07-01T06:04:00+08:00');
    expect(shifted[0]).toBe('05:05');
    expect(shifted[11]).toBe('06:00');
    // A frame sent before its last group ended cannot carry that group under the standard reading.
    expect(ends('2026-07-01T05:05:00+08:00', '2026-07-01T05:59:59+08:00')[11]).toBe('05:05');
  });
});

describe('ELEMENT_MEANINGS', () => {
  it('maps rainfall, water level, voltage and pressure elements to registry sensor types', () => {
    expect(ELEMENT_MEANINGS.F4.sensorType).toBe('rainfall');
    expect(ELEMENT_MEANINGS['39'].sensorType).toBe('water_level');
    expect(ELEMENT_MEANINGS['3B'].sensorType).toBe('water_level');
    expect(ELEMENT_MEANINGS['38'].sensorType).toBe('battery_voltage');
    expect(ELEMENT_MEANINGS['58'].sensorType).toBe('seepage_pressure');
    expect(ELEMENT_MEANINGS['20']).toBeUndefined(); // PJ: a total since 08:00, not an increment
    expect(ELEMENT_MEANINGS['26']).toBeUndefined(); // PT: a running total
    for (const [id, meaning] of Object.entries(ELEMENT_MEANINGS)) {
      expect(SENSOR_TYPE_NAMES).toContain(meaning.sensorType);
      expect(ELEMENTS.has(id)).toBe(true);
    }
  });
});
