// The hydrological day (水文日) runs from 08:00 to 08:00 Beijing time. Beijing keeps UTC+8 all year, so 08:00
// there is 00:00 UTC: day boundaries are whole UTC days.
const DAY_MS = 24 * 3_600_000;

/** A timestamped value, as ingest and the database hand readings over: a water level (m), a rain increment (mm)… */
export interface TimedValue {
  time: Date;
  value: number;
}

/** A span of time for rain increments: `from` exclusive, `to` inclusive. */
export interface Interval {
  from: Date;
  /** Inclusive: a rain increment stamped 08:00 fell before 08:00 and belongs to the day ending then. */
  to: Date;
}

/** The hydrological day ending at 08:00 Beijing time on `date` (YYYY-MM-DD): (08:00 the day before, 08:00]. */
export function hydrologicalDay(date: string): Interval {
  // The round trip refuses what Date.parse would roll over (02-30 → 03-02).
  const to = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(to.getTime()) || !to.toISOString().startsWith(date)) {
    throw new RangeError(`not a date: ${date}`);
  }
  return { from: new Date(to.getTime() - DAY_MS), to };
}

/** The latest 08:00 Beijing at or before `ms`: the end of the last whole hydrological day. */
export function dayEndAtOrBefore(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Start of the hydrological day `ms` belongs to: the latest 08:00 strictly before it (08:00 itself ends a day). */
export function dayStartBefore(ms: number): number {
  return Math.ceil(ms / DAY_MS) * DAY_MS - DAY_MS;
}
