import { describe, expect, it } from 'vitest';
import { SENSOR_TYPE_NAMES } from '@yz/domain';
import { ELEMENTS } from './elements.js';
import { ELEMENT_MEANINGS, toReadings } from './readings.js';

describe('toReadings', () => {
  it('flattens numbers and 5-minute arrays, skipping the status word', () => {
    const observedAt = new Date('2026-07-01T08:00:00+08:00');
    const readings = toReadings({
      observedAt,
      elements: { '20': 2.5, '39': null, '45': '00000001', F4: [0.1, 0.2, 0.3] },
    });
    expect(readings.map((r) => [r.elementId, r.value, r.observedAt.toISOString()])).toEqual([
      ['20', 2.5, '2026-07-01T00:00:00.000Z'],
      ['39', null, '2026-07-01T00:00:00.000Z'],
      ['F4', 0.1, '2026-06-30T23:50:00.000Z'],
      ['F4', 0.2, '2026-06-30T23:55:00.000Z'],
      ['F4', 0.3, '2026-07-01T00:00:00.000Z'],
    ]);
  });

  it('maps rainfall, water level, voltage and pressure elements to registry sensor types', () => {
    expect(ELEMENT_MEANINGS['20'].sensorType).toBe('rainfall');
    expect(ELEMENT_MEANINGS['39'].sensorType).toBe('water_level');
    expect(ELEMENT_MEANINGS['3B'].sensorType).toBe('water_level');
    expect(ELEMENT_MEANINGS['38'].sensorType).toBe('battery_voltage');
    expect(ELEMENT_MEANINGS['58'].sensorType).toBe('seepage_pressure');
    expect(ELEMENT_MEANINGS['26']).toBeUndefined();
    for (const [id, meaning] of Object.entries(ELEMENT_MEANINGS)) {
      expect(SENSOR_TYPE_NAMES).toContain(meaning.sensorType);
      expect(ELEMENTS.has(id)).toBe(true);
    }
  });
});
