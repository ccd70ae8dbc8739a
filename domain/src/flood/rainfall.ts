import type { TimedValue } from '../time/index.js';
import { HOUR_MS } from './types.js';
import type { Interval } from '../time/index.js';

/**
 * The rain readings of the interval (from, to]. Readings are increments over an interval ending at their time, so
 * one stamped exactly at `from` fell before it.
 */
export function rainIn(rain: readonly TimedValue[], { from, to }: Interval): TimedValue[] {
  return rain.filter((r) => r.time > from && r.time <= to);
}

/** Rain (mm) in the interval (from, to]. */
export function rainfallIn(rain: readonly TimedValue[], interval: Interval): number {
  return rainIn(rain, interval).reduce((sum, r) => sum + r.value, 0);
}

/** Rain (mm) over the `hours` up to `now`, e.g. the 3 h compared with the critical rainfall. */
export function rainfallLastHours(rain: readonly TimedValue[], now: Date, hours: number): number {
  return rainfallIn(rain, { from: new Date(now.getTime() - hours * HOUR_MS), to: now });
}

/** Daily totals (mm) of the `days` days ending at `lastEnd`, newest first: index 0 is the day ending at `lastEnd`. */
export function dailyRainfall(rain: readonly TimedValue[], lastEnd: Date, days: number): number[] {
  return Array.from({ length: days }, (_, i) =>
    rainfallIn(rain, {
      from: new Date(lastEnd.getTime() - (i + 1) * 24 * HOUR_MS),
      to: new Date(lastEnd.getTime() - i * 24 * HOUR_MS),
    }),
  );
}
