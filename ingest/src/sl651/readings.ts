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
 * Elements that map onto the registry's sensor types. Rainfall entries are increments over the stated period
 * ending at their time, as the `rainfall` type (mm per interval) expects. Left out on purpose: `20` PJ (the total
 * since 08:00) and `26` PT (a running total) — their increments come from `accumulateRain`, which needs the
 * station's previous report —, `25` PR (storm total), `F5`–`FC` (levels relative to an unknown datum) and `45`
 * (status, not a value). Several rainfall elements of one report describe the same rain: store one, as
 * `accumulateRain` does.
 */
export const ELEMENT_MEANINGS: Readonly<Record<string, ElementMeaning>> = {
  '21': rainfall('1-minute rainfall'),
  '22': rainfall('5-minute rainfall'),
  '23': rainfall('10-minute rainfall'),
  '24': rainfall('30-minute rainfall'),
  '1A': rainfall('1-hour rainfall'),
  '1B': rainfall('2-hour rainfall'),
  '1C': rainfall('3-hour rainfall'),
  '1D': rainfall('6-hour rainfall'),
  '1E': rainfall('12-hour rainfall'),
  '1F': rainfall('daily rainfall, 08:00 to 08:00, timed at its end'),
  F4: rainfall('5-minute rainfall, 12 values timed by arrayValueEnds'),
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
 * End times of the values of a 5-minute array (`F4`–`FC`). The standard (table 36) times an hourly report by its
 * first group, and a period value by its period's end: value i ends at observedAt + 5i min (obs 05:05, sent 06:00,
 * for 05:00–06:00). Some RTUs stamp the end of the last group instead (obs 06:00, sent 06:04), which the standard
 * reading would put after the send time; then the last value ends at observedAt. So no value is timed after the
 * frame's send time (unless the observation time itself is: then the RTU's clock is wrong and the pipeline judges).
 */
export function arrayValueEnds(observedAt: Date, count: number, sentAt: Date): Date[] {
  const span = (count - 1) * FIVE_MINUTES_MS;
  const first = observedAt.getTime() + span <= sentAt.getTime() ? observedAt.getTime() : observedAt.getTime() - span;
  return Array.from({ length: count }, (_, i) => new Date(first + i * FIVE_MINUTES_MS));
}

/**
 * Flattens an observation into generic readings: one per numeric element, and one per 5-minute value of the
 * `F4`–`FC` arrays, timed by arrayValueEnds. The status word is not a reading. Map `elementId` through
 * ELEMENT_MEANINGS to get a sensor type.
 */
export function toReadings(observation: Observation, sentAt: Date): Reading[] {
  const { observedAt } = observation;
  return Object.entries(observation.elements).flatMap(([elementId, value]): Reading[] => {
    if (typeof value === 'string') return [];
    if (!Array.isArray(value)) return [{ elementId, value, observedAt }];
    const ends = arrayValueEnds(observedAt, value.length, sentAt);
    return value.map((v, i) => ({ elementId, value: v, observedAt: ends[i] }));
  });
}
