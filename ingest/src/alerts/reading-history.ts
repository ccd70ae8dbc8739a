import { timeSpan, type Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';

/** A sensor and the moment its history is wanted at. */
export interface HistoryAt {
  sensorId: number;
  at: Date;
}

export interface PastReading {
  time: Date;
  value: number;
}

/**
 * The history the alert rules need, for a whole pass of readings in one statement each, not one per sensor: a
 * burst of every station's report stays a handful of statements.
 */

const DAY_MS = 24 * 3_600_000;
/**
 * How far back a sensor's reading is first looked for, so that the statement's bounds leave most chunks out (see
 * timeSpan): unbounded, a pass over every station's level took 0.4-0.6 s on the embedded database, its only
 * connection, and the day's rain of every gauge 0.6-0.7 s.
 */
const RECENT_MS = DAY_MS;

/** Each sensor's newest reading at or before its moment (absent when it has none). */
export async function readingsAtOrBefore(db: Kysely<Database>, wants: HistoryAt[]): Promise<Map<number, PastReading>> {
  if (!wants.length) return new Map();
  const found = await newestAtOrBefore(db, wants, RECENT_MS);
  // A sensor silent for longer (a station offline, a first reading) is looked for in all of the history.
  const older = wants.filter((w) => !found.has(w.sensorId));
  if (older.length) for (const [id, r] of await newestAtOrBefore(db, older, null)) found.set(id, r);
  return found;
}

/** Each sensor's newest reading at or before its moment, and no more than `withinMs` before it (null: any). */
async function newestAtOrBefore(
  db: Kysely<Database>,
  wants: HistoryAt[],
  withinMs: number | null,
): Promise<Map<number, PastReading>> {
  const { earliest, latest } = timeSpan(wants.map((w) => w.at));
  const recent =
    withinMs === null
      ? sql``
      : sql`AND time >= ${new Date(earliest.getTime() - withinMs)}
            AND time >= u.at - ${withinMs} * INTERVAL '1 millisecond'`;
  const { rows } = await sql<PastReading & { sensorId: number }>`
    SELECT u.id AS "sensorId", r.time, r.value
    FROM unnest(${wants.map((w) => w.sensorId)}::int[], ${wants.map((w) => w.at)}::timestamptz[]) AS u(id, at)
    CROSS JOIN LATERAL (SELECT time, value FROM readings
                        WHERE sensor_id = u.id AND time <= u.at AND time <= ${latest} ${recent}
                        ORDER BY time DESC LIMIT 1) r`.execute(db);
  return new Map(rows.map((r) => [r.sensorId, { time: r.time, value: r.value }]));
}

/**
 * Each rain gauge's increments of the 24 h up to its moment: every window and the hydrological day lie inside. Dry
 * intervals add nothing to a sum, so only increments above zero are read (most of a day's 288 on most days).
 */
export async function rainOfDay(db: Kysely<Database>, wants: HistoryAt[]): Promise<Map<number, PastReading[]>> {
  if (!wants.length) return new Map();
  const { earliest, latest } = timeSpan(wants.map((w) => w.at));
  const { rows } = await sql<{ sensorId: number; ms: number; value: number }>`
    SELECT u.id AS "sensorId", (extract(epoch FROM r.time) * 1000)::float8 AS ms, r.value
    FROM unnest(${wants.map((w) => w.sensorId)}::int[], ${wants.map((w) => w.at)}::timestamptz[]) AS u(id, at)
    -- Each gauge's day by its index: OFFSET 0 keeps the planner from making this a join over all of readings.
    CROSS JOIN LATERAL (SELECT time, value FROM readings
                        WHERE sensor_id = u.id AND time > u.at - INTERVAL '24 hours' AND time <= u.at AND value > 0
                          AND time > ${new Date(earliest.getTime() - DAY_MS)} AND time <= ${latest}
                        OFFSET 0) r`.execute(db);
  const byGauge = new Map<number, PastReading[]>();
  for (const { sensorId, ms, value } of rows) {
    const list = byGauge.get(sensorId) ?? [];
    if (!list.length) byGauge.set(sensorId, list);
    list.push({ time: new Date(ms), value });
  }
  return byGauge;
}
