// Local until the re-cut's domain/src/time lands: swap these two for its hydrological-day functions then.
import { HOUR_MS } from './types.js';

const DAY_MS = 24 * HOUR_MS;

export interface Interval {
  /** Exclusive. */
  from: Date;
  /** Inclusive: a rain increment stamped 08:00 fell before 08:00 and belongs to the day ending then. */
  to: Date;
}

/** The hydrological day ending at 08:00 Beijing time on `date` (YYYY-MM-DD): (08:00 the day before, 08:00]. */
export function hydrologicalDay(date: string): Interval {
  // 08:00 Beijing is 00:00 UTC; the round trip refuses what Date.parse would roll over (02-30 → 03-02).
  const to = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(to.getTime()) || !to.toISOString().startsWith(date)) {
    throw new RangeError(`not a date: ${date}`);
  }
  return { from: new Date(to.getTime() - DAY_MS), to };
}

/**
 * The latest 08:00 Beijing at or before `now`, the end of the last complete hydrological day. Beijing keeps UTC+8
 * all year, so 08:00 there is 00:00 UTC.
 */
export function lastDayEnd(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}
