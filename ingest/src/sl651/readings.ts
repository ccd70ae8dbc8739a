import type { SensorType } from '@yz/domain';
import type { Observation } from './types.js';

/** What an element identifier means for the registry's sensor types. */
export interface ElementMeaning {
  sensorType: SensorType;
  description: string;
}

const rainfall = (description: string): ElementMeaning => ({ sensorType: 'rainfall', description });
const waterLevel = (description: string): ElementMeaning => ({ sensorType: 'water_level', description });

/**
 * Elements that map onto the registry's sensor types. Rainfall entries are increments over the stated period,
 * as the `rainfall` type (mm per interval) expects; left out on purpose: `26` PT (a running total, not an
 * increment), `25` PR (storm total), `F5`–`FC` (levels relative to an unknown datum) and `45` (status, not a value).
 */
export const ELEMENT_MEANINGS: Readonly<Record<string, ElementMeaning>> = {
  '20': rainfall('current rainfall: increment since the previous report'),
  '21': rainfall('1-minute rainfall'),
  '22': rainfall('5-minute rainfall'),
  '23': rainfall('10-minute rainfall'),
  '24': rainfall('30-minute rainfall'),
  '1A': rainfall('1-hour rainfall'),
  '1B': rainfall('2-hour rainfall'),
  '1C': rainfall('3-hour rainfall'),
  '1D': rainfall('6-hour rainfall'),
  '1E': rainfall('12-hour rainfall'),
  '1F': rainfall('daily rainfall (08:00 to 08:00)'),
  F4: rainfall('5-minute rainfall, 12 values ending at the observation time'),
  '39': waterLevel('water level (at a reservoir station: the reservoir level)'),
  '3B': waterLevel('reservoir (upstream) water level'),
  '3A': waterLevel('downstream water level (below the dam, not the reservoir level)'),
  '38': { sensorType: 'battery_voltage', description: 'supply voltage' },
  ...Object.fromEntries(
    Array.from({ length: 8 }, (_, i) => [
      (0x58 + i).toString(16).toUpperCase(),
      {
        sensorType: 'seepage_pressure' as const,
        description: `hydrostatic pressure WP${i + 1} (seepage pressure gauge)`,
      },
    ]),
  ),
};

export interface Reading {
  elementId: string;
  value: number | null;
  observedAt: Date;
}

const FIVE_MINUTES_MS = 300_000;

/**
 * Flattens an observation into generic readings: one per numeric element, and one per 5-minute value of
 * the `F4`–`FC` arrays, timed at the end of its interval (the last value ends at the observation time).
 * The status word is not a reading. Map `elementId` through ELEMENT_MEANINGS to get a sensor type.
 */
export function toReadings(observation: Observation): Reading[] {
  const { observedAt } = observation;
  return Object.entries(observation.elements).flatMap(([elementId, value]): Reading[] => {
    if (typeof value === 'string') return [];
    if (!Array.isArray(value)) return [{ elementId, value, observedAt }];
    const last = value.length - 1;
    return value.map((v, i) => ({
      elementId,
      value: v,
      observedAt: new Date(observedAt.getTime() - (last - i) * FIVE_MINUTES_MS),
    }));
  });
}
