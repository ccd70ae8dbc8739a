import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const REFRESH_EVERY_MS = 5 * 60_000;
/** TimescaleDB's internal time of its lowest representable timestamp: below it an invalidation means "unbounded". */
const UNBOUNDED_BELOW = -210866803200000000n;

/**
 * The embedded TimescaleDB has no background workers, so the continuous aggregate's refresh policy never runs
 * there: the application refreshes the aggregate itself every 5 minutes (queries stay correct in between, since
 * the aggregate is real-time; refreshing keeps them fast). Returns the stop function.
 */
export function startRollupRefresh(db: Kysely<Database>, onError: (err: Error) => void): () => void {
  let running = false;
  const refresh = async () => {
    if (running) return;
    running = true;
    try {
      await refreshRollups(db);
    } catch (err) {
      onError(err as Error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void refresh(), REFRESH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

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
  const recent = sql`now() - INTERVAL '3 days'`;
  const start = from === null ? sql`NULL` : from === undefined ? recent : sql`least(${from}::timestamptz, ${recent})`;
  await sql`CALL refresh_continuous_aggregate('readings_hourly', ${start}, date_trunc('hour', now()))`.execute(db);
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
