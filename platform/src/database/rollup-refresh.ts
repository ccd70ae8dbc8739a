import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A refresh statement covers at most this much (a week of a province's readings takes about a second embedded). */
const WINDOW_MS = 7 * DAY_MS;
/** TimescaleDB's internal time of its lowest representable timestamp: below it an invalidation means "unbounded". */
const UNBOUNDED_BELOW = -210866803200000000n;

/**
 * Refreshes the hourly rollup from the oldest invalidated time (at least the last 3 days) to the current hour.
 * A fixed recent window is not enough: the first refresh moves the real-time watermark to now, and whatever lies
 * before the window and was never materialised (back-filled history, readings arriving days late) drops out of
 * the rollup — a year of history showed 366 daily points, then 4 after the first refresh. TimescaleDB records
 * what changed below its threshold (and, before the first refresh, that everything is invalid) in its
 * invalidation logs; refreshing from their oldest entry materialises exactly what is missing.
 */
export async function refreshRollups(db: Kysely<Database>): Promise<void> {
  const from = await oldestInvalidated(db);
  // The first reading matters only while nothing is materialised (the first window then ends a week after it).
  const firstReading =
    from === null ? sql`(SELECT (extract(epoch FROM min(time)) * 1000)::float8 FROM readings)` : sql`NULL`;
  const { rows } = await sql<{ now: number; first: number | null }>`
    SELECT (extract(epoch FROM now()) * 1000)::float8 AS now, ${firstReading}::float8 AS first`.execute(db);
  const [{ now, first }] = rows;
  const recent = now - 3 * DAY_MS;
  const start = from === null ? null : Math.min(from?.getTime() ?? recent, recent);
  // One window at a time: two years in one statement held the embedded database's only connection for over a
  // minute (health said the database was down, and nothing was stored meanwhile).
  for (const [a, b] of refreshWindows(start, now, first)) {
    await sql`CALL refresh_continuous_aggregate('readings_hourly',
      ${a === null ? null : new Date(a)}::timestamptz, ${new Date(b)}::timestamptz)`.execute(db);
  }
}

/**
 * The refresh of [from, to) as consecutive windows of at most a week, on hour boundaries (a window only
 * materialises the buckets wholly inside it, so a boundary inside an hour would leave that hour out of both). From
 * null (nothing materialised yet) the first window is open below and ends a week after the first reading; `to` is
 * taken down to its hour (the current hour stays real-time).
 */
export function refreshWindows(
  from: number | null,
  to: number,
  firstReading: number | null,
): [number | null, number][] {
  const end = Math.floor(to / HOUR_MS) * HOUR_MS;
  const windows: [number | null, number][] = [];
  let a: number | null = from === null ? null : Math.floor(from / HOUR_MS) * HOUR_MS;
  if (a === null) {
    if (firstReading === null) return [[null, end]];
    const b = Math.min(Math.floor(firstReading / HOUR_MS) * HOUR_MS + WINDOW_MS, end);
    windows.push([null, b]);
    a = b;
  }
  for (; a < end; a += WINDOW_MS) windows.push([a, Math.min(a + WINDOW_MS, end)]);
  return windows;
}

/**
 * The oldest time the rollup has to be recomputed from: null when unbounded (nothing materialised yet), undefined
 * when nothing older than the recent window is invalid.
 */
async function oldestInvalidated(db: Kysely<Database>): Promise<Date | null | undefined> {
  const { rows } = await sql<{ lowest: string | null }>`
    WITH agg AS (
      SELECT mat_hypertable_id, raw_hypertable_id FROM _timescaledb_catalog.continuous_agg
      WHERE user_view_name = 'readings_hourly')
    SELECT min(lowest)::text AS lowest FROM (
      SELECT l.lowest_modified_value AS lowest
      FROM _timescaledb_catalog.continuous_aggs_hypertable_invalidation_log l JOIN agg ON l.hypertable_id = agg.raw_hypertable_id
      UNION ALL
      SELECT m.lowest_modified_value
      FROM _timescaledb_catalog.continuous_aggs_materialization_invalidation_log m
        JOIN agg ON m.materialization_id = agg.mat_hypertable_id
      WHERE m.greatest_modified_value >= ${String(UNBOUNDED_BELOW)}::bigint) AS invalid`.execute(db);
  const lowest = rows[0]?.lowest;
  if (lowest == null) return undefined;
  const micros = BigInt(lowest);
  return micros <= UNBOUNDED_BELOW ? null : new Date(Number(micros / 1000n));
}
