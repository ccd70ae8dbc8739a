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
  const to = Date.parse(`${date}T08:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(to)) throw new RangeError(`not a date: ${date}`);
  return { from: new Date(to - DAY_MS), to: new Date(to) };
}

/**
 * The latest 08:00 Beijing at or before `now`, the end of the last complete hydrological day. Beijing keeps UTC+8
 * all year, so 08:00 there is 00:00 UTC.
 */
export function lastDayEnd(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}
