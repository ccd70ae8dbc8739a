import { sql, type RawBuilder } from 'kysely';

/** A time in SQL: a parameter or an expression such as `date_trunc('hour', now())`. */
type SqlTime = Date | RawBuilder<unknown>;

/**
 * The hourly rollup's rows with `bucket` in [from, to), as a FROM item with the columns of `readings_hourly`
 * (bucket, sensor_id, sum, avg, min, max, last, n).
 *
 * On TimescaleDB that is the continuous aggregate. On plain PostgreSQL `readings_hourly` is a view grouping on
 * `date_bin(time)`, and a filter on its bucket cannot reach the time index: every query scanned the whole readings
 * table (430–636 ms at 2.85M rows). There the same rows are computed from the readings of the window, filtered on
 * `time` itself (widened to whole hours, so every bucket of the window is complete).
 */
export function hourlyRollup(timescale: boolean, from: SqlTime, to: SqlTime): RawBuilder<unknown> {
  if (timescale) {
    return sql`(SELECT * FROM readings_hourly WHERE bucket >= ${from} AND bucket < ${to})`;
  }
  return sql`(SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, sensor_id,
       sum(value) AS sum, avg(value) AS avg, min(value) AS min, max(value) AS max,
       (array_agg(value ORDER BY time DESC))[1] AS last, count(*) AS n
     FROM readings
     WHERE time >= date_trunc('hour', (${from})::timestamptz) AND time < date_trunc('hour', (${to})::timestamptz) + INTERVAL '1 hour'
     GROUP BY 1, 2
     HAVING time_bucket(INTERVAL '1 hour', time) >= ${from} AND time_bucket(INTERVAL '1 hour', time) < ${to})`;
}
