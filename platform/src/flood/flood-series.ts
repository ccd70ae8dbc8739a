import {
  ANTECEDENT_DAYS,
  dayEndAtOrBefore,
  floodOutlook,
  INFLOW_WINDOW_HOURS,
  isFloodSeason,
  type FloodOutlook,
  type TimedValue,
} from '@yz/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { FloodReservoir } from './flood-registry.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface OutlookSeries {
  /** Water levels of the inflow window up to `now`. */
  levelSeries: TimedValue[];
  /** Daily rain totals of the last complete hydrological days, each stamped at its 08:00 end; null: no gauge. */
  rainSeries: TimedValue[] | null;
}

/**
 * The antecedent daily totals change only when a hydrological day ends: a caller judging every reading keeps them
 * here, by reservoir and day end, instead of summing 15 days of readings each time.
 */
export type AntecedentCache = Map<string, TimedValue[] | null>;

/**
 * What the outlook reads from the database: the levels of the last hours and the gauge's daily totals of the
 * antecedent days (the index needs day totals only, so 15 rows, not 4000 five-minute readings).
 */
export async function loadOutlookSeries(
  db: Kysely<Database>,
  code: string,
  now: Date,
  cache?: AntecedentCache,
): Promise<OutlookSeries> {
  const levelSeries = await db
    .selectFrom('readings as x')
    .innerJoin('sensors as s', 's.id', 'x.sensor_id')
    .select(['x.time', 'x.value'])
    .where('s.reservoir_code', '=', code)
    .where('s.type', '=', 'water_level')
    .where('x.time', '>=', new Date(now.getTime() - INFLOW_WINDOW_HOURS * HOUR_MS))
    .where('x.time', '<=', now)
    .orderBy('x.time')
    .execute();
  const lastEnd = dayEndAtOrBefore(now.getTime());
  const key = `${code}@${lastEnd}`;
  const cached = cache?.get(key);
  if (cached !== undefined) return { levelSeries, rainSeries: cached };
  const rainSeries = await antecedentDays(db, code, lastEnd);
  if (cache) {
    // Only the current day's entries are worth keeping.
    for (const k of cache.keys()) if (!k.endsWith(`@${lastEnd}`)) cache.delete(k);
    cache.set(key, rainSeries);
  }
  return { levelSeries, rainSeries };
}

async function antecedentDays(db: Kysely<Database>, code: string, lastEnd: number): Promise<TimedValue[] | null> {
  const gauge = await db
    .selectFrom('sensors')
    .select('id')
    .where('reservoir_code', '=', code)
    .where('type', '=', 'rainfall')
    .executeTakeFirst();
  if (!gauge) return null;
  // A reading at 08:00 ends the day before it: the day's end is the next whole UTC day after (time − ε).
  const { rows } = await sql<{ dayEnd: Date; total: number }>`
    SELECT to_timestamp(ceil(extract(epoch FROM time) / 86400) * 86400) AS "dayEnd", sum(value)::float8 AS total
    FROM readings
    WHERE sensor_id = ${gauge.id} AND time > ${new Date(lastEnd - ANTECEDENT_DAYS * DAY_MS)} AND time <= ${new Date(lastEnd)}
    GROUP BY 1`.execute(db);
  return rows.map((r) => ({ time: r.dayEnd, value: r.total }));
}

/** Keeps the newest outlook of a reservoir (an older reading's, arriving late, does not replace it). */
export async function saveOutlook(db: Kysely<Database>, code: string, at: Date, outlook: FloodOutlook): Promise<void> {
  await db
    .insertInto('flood_outlooks')
    .values({ reservoir_code: code, at, outlook: JSON.stringify(outlook) })
    .onConflict((oc) =>
      oc
        .column('reservoir_code')
        .doUpdateSet((eb) => ({ at: eb.ref('excluded.at'), outlook: eb.ref('excluded.outlook') }))
        .where('flood_outlooks.at', '<=', (eb) => eb.ref('excluded.at')),
    )
    .execute();
}

/** The flood outlook of a reservoir at `now`, read from the database. */
export async function outlookOf(
  db: Kysely<Database>,
  reservoir: FloodReservoir,
  now: Date,
  cache?: AntecedentCache,
): Promise<FloodOutlook> {
  const series = await loadOutlookSeries(db, reservoir.code, now, cache);
  return floodOutlook({ reservoir, ...series, now, floodSeason: isFloodSeason(now) });
}
