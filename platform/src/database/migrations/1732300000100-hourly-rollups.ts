import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';
import { timescaleInstalled } from '../timescale.js';

/**
 * Hourly rollups the dashboard reads for long ranges: a continuous aggregate on TimescaleDB (real-time, so the
 * current hour is included), an ordinary view with the same columns on plain PostgreSQL.
 */
export const hourlyRollups: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (await timescaleInstalled(db)) {
      await exec(
        db,
        `
        CREATE MATERIALIZED VIEW readings_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, sensor_id,
               sum(value) AS sum, avg(value) AS avg, min(value) AS min, max(value) AS max,
               last(value, time) AS last, count(*) AS n
        FROM readings GROUP BY 1, 2 WITH NO DATA`,
      );
    } else {
      await exec(
        db,
        `
        CREATE VIEW readings_hourly AS
        SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, sensor_id,
               sum(value) AS sum, avg(value) AS avg, min(value) AS min, max(value) AS max,
               (array_agg(value ORDER BY time DESC))[1] AS last, count(*) AS n
        FROM readings GROUP BY 1, 2`,
      );
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    if (await timescaleInstalled(db)) await exec(db, `DROP MATERIALIZED VIEW readings_hourly`);
    else await exec(db, `DROP VIEW readings_hourly`);
  },
};
