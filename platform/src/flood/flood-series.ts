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
import { chunksOf } from '../database/statement-chunks.js';
import { timeSpan } from '../database/time-span.js';
import { eventLoopSlices } from '../process/event-loop-slices.js';
import type { FloodReservoir } from './flood-registry.js';
import type { LevelWindow, LevelWindows, SensorLevel } from './level-windows.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The antecedent daily totals change only when a hydrological day ends: a caller judging every reading keeps them
 * here, by reservoir and day end, instead of summing 15 days of readings each time.
 */
export type AntecedentCache = Map<string, TimedValue[] | null>;

/** A reservoir's outlook wanted at `now`. */
export interface OutlookRequest {
  reservoir: FloodReservoir;
  now: Date;
}

/** What a caller judging every reading keeps between passes, so that each pass reads less. */
export interface OutlookCaches {
  antecedent?: AntecedentCache;
  levels?: LevelWindows;
}

/**
 * The flood outlooks of many reservoirs, each at its own time, from two statements whatever their number (a burst
 * judges every reservoir's level at once: a statement per reservoir kept the database busy for seconds). What they
 * read: the levels of the last hours and the gauge's daily totals of the antecedent days (the index needs day totals
 * only, so 15 rows, not 4000 five-minute readings).
 */
export async function outlooksOf(
  db: Kysely<Database>,
  requests: readonly OutlookRequest[],
  caches: OutlookCaches = {},
): Promise<FloodOutlook[]> {
  if (!requests.length) return [];
  const windows = requests.map(({ reservoir, now }) => ({
    code: reservoir.code,
    since: new Date(now.getTime() - INFLOW_WINDOW_HOURS * HOUR_MS),
    until: now,
  }));
  const read = (wanted: LevelWindow[]) => levelSeries(db, wanted);
  const levels = caches.levels ? await caches.levels.levelsOf(windows, read) : await read(windows);
  const rains = await antecedentSeries(db, requests, caches.antecedent);
  const pause = eventLoopSlices();
  const outlooks: FloodOutlook[] = [];
  for (const [i, { reservoir, now }] of requests.entries()) {
    await pause();
    outlooks.push(
      floodOutlook({ reservoir, levelSeries: levels[i], rainSeries: rains[i], now, floodSeason: isFloodSeason(now) }),
    );
  }
  return outlooks;
}

/** The flood outlook of a reservoir at `now`, read from the database. */
export async function outlookOf(db: Kysely<Database>, reservoir: FloodReservoir, now: Date): Promise<FloodOutlook> {
  const [outlook] = await outlooksOf(db, [{ reservoir, now }]);
  return outlook;
}

/** Each window's water levels, in any order (the outlook takes any). */
async function levelSeries(db: Kysely<Database>, windows: readonly LevelWindow[]): Promise<SensorLevel[][]> {
  // Times as epoch milliseconds: a pass reads tens of thousands of levels, and timestamps are slow to parse. Not
  // sorted: a sort that size spills to temporary files on the embedded database.
  const { earliest } = timeSpan(windows.map((w) => w.since));
  const { rows } = await sql<{ i: number; sensorId: number; ms: number; value: number }>`
    SELECT u.i::int AS i, s.id AS "sensorId", (extract(epoch FROM x.time) * 1000)::float8 AS ms, x.value
    FROM unnest(${windows.map((w) => w.code)}::text[], ${windows.map((w) => w.since)}::timestamptz[],
                ${windows.map((w) => w.until)}::timestamptz[]) WITH ORDINALITY AS u(code, since, until, i)
    JOIN sensors s ON s.reservoir_code = u.code AND s.type = 'water_level'
    -- Each sensor's window by its index: OFFSET 0 keeps the planner from making this a join over all of readings.
    CROSS JOIN LATERAL (SELECT time, value FROM readings
                        WHERE sensor_id = s.id AND time >= u.since AND (u.until IS NULL OR time <= u.until)
                          AND time >= ${earliest}
                        OFFSET 0) x`.execute(db);
  const series = windows.map((): SensorLevel[] => []);
  for (const r of rows) series[r.i - 1].push({ sensorId: r.sensorId, time: new Date(r.ms), value: r.value });
  return series;
}

/**
 * Each request's gauge's daily rain totals of the last complete hydrological days, each stamped at its 08:00 end;
 * null where the reservoir has no gauge. Totals in the cache are not read again.
 */
async function antecedentSeries(
  db: Kysely<Database>,
  requests: readonly OutlookRequest[],
  cache: AntecedentCache | undefined,
): Promise<(TimedValue[] | null)[]> {
  const wanted = requests.map(({ reservoir: { code }, now }) => {
    const lastEnd = dayEndAtOrBefore(now.getTime());
    return { key: `${code}@${lastEnd}`, code, lastEnd };
  });
  const found = new Map<string, TimedValue[] | null>();
  for (const { key } of wanted) {
    const cached = cache?.get(key);
    if (cached !== undefined) found.set(key, cached);
  }
  // Each reservoir and day once.
  const missing = [...new Map(wanted.filter((w) => !found.has(w.key)).map((w) => [w.key, w])).values()];
  if (missing.length) {
    // A reading at 08:00 ends the day before it: the day's end is the next whole UTC day after (time − ε).
    const span = timeSpan(missing.map((m) => new Date(m.lastEnd)));
    const { rows } = await sql<{ i: number; dayEnd: Date | null; total: number | null }>`
      SELECT u.i::int AS i, d."dayEnd", d.total
      FROM unnest(${missing.map((m) => m.code)}::text[],
                  ${missing.map((m) => new Date(m.lastEnd - ANTECEDENT_DAYS * DAY_MS))}::timestamptz[],
                  ${missing.map((m) => new Date(m.lastEnd))}::timestamptz[]) WITH ORDINALITY AS u(code, since, until, i)
      CROSS JOIN LATERAL (SELECT id FROM sensors WHERE reservoir_code = u.code AND type = 'rainfall'
                          ORDER BY id LIMIT 1) g
      LEFT JOIN LATERAL (SELECT to_timestamp(ceil(extract(epoch FROM time) / 86400) * 86400) AS "dayEnd",
                                sum(value)::float8 AS total
                         FROM readings WHERE sensor_id = g.id AND time > u.since AND time <= u.until
                           AND time > ${new Date(span.earliest.getTime() - ANTECEDENT_DAYS * DAY_MS)}
                           AND time <= ${span.latest}
                         GROUP BY 1) d ON true`.execute(db);
    // A reservoir with a gauge gets its list (perhaps empty); one without has no row: null.
    for (const m of missing) found.set(m.key, null);
    for (const r of rows) {
      const key = missing[r.i - 1].key;
      const days = found.get(key) ?? [];
      if (r.dayEnd !== null && r.total !== null) days.push({ time: r.dayEnd, value: r.total });
      found.set(key, days);
    }
    if (cache) {
      // Only the newest day's entries are worth keeping.
      const newest = missing.reduce((max, m) => Math.max(max, m.lastEnd), 0);
      for (const k of cache.keys()) if (!k.endsWith(`@${newest}`)) cache.delete(k);
      for (const m of missing) if (m.lastEnd === newest) cache.set(m.key, found.get(m.key)!);
    }
  }
  return wanted.map((w) => found.get(w.key)!);
}

/** Keeps the newest outlook of each reservoir (an older reading's, arriving late, does not replace it). */
export async function saveOutlooks(
  db: Kysely<Database>,
  outlooks: readonly { code: string; at: Date; outlook: FloodOutlook }[],
): Promise<void> {
  // One statement may not update a row twice: the newest of each reservoir only.
  const newest = new Map<string, (typeof outlooks)[number]>();
  for (const o of outlooks) {
    const kept = newest.get(o.code);
    if (!kept || kept.at <= o.at) newest.set(o.code, o);
  }
  for (const chunk of chunksOf([...newest.values()])) {
    await db
      .insertInto('flood_outlooks')
      .values(chunk.map((o) => ({ reservoir_code: o.code, at: o.at, outlook: JSON.stringify(o.outlook) })))
      .onConflict((oc) =>
        oc
          .column('reservoir_code')
          .doUpdateSet((eb) => ({ at: eb.ref('excluded.at'), outlook: eb.ref('excluded.outlook') }))
          .where('flood_outlooks.at', '<=', (eb) => eb.ref('excluded.at')),
      )
      .execute();
  }
}
