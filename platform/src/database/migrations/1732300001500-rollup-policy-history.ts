import { sql, type Kysely, type Migration } from 'kysely';
import { timescaleInstalled } from '../timescale.js';

/**
 * The server's refresh policy for the hourly rollup looked back 3 days only: readings arriving later than that (a
 * station's back-log, a restored outage) were never materialised, and below the real-time watermark they were not
 * computed either, so they never showed in the rollup. The policy now refreshes every invalidated range however
 * old (start_offset NULL: TimescaleDB recomputes only the buckets invalidated since the last run). An existing
 * 3-day policy is replaced; the embedded database has no policies and is refreshed by the application.
 */
export const rollupPolicyHistory: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!(await timescaleInstalled(db)) || !(await hasRefreshPolicy(db))) return;
    await sql`SELECT remove_continuous_aggregate_policy('readings_hourly', if_exists => true)`.execute(db);
    await sql`SELECT add_continuous_aggregate_policy('readings_hourly', start_offset => NULL,
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes', if_not_exists => true)`.execute(db);
  },

  async down(): Promise<void> {
    // The 3-day window lost late data; nothing to restore.
  },
};

async function hasRefreshPolicy(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql`
    SELECT 1 FROM timescaledb_information.jobs j, timescaledb_information.continuous_aggregates c
    WHERE c.view_name = 'readings_hourly' AND j.proc_name = 'policy_refresh_continuous_aggregate'
      -- The job names the view (TimescaleDB 2.23) or its materialisation hypertable (older releases).
      AND j.hypertable_name IN (c.view_name, c.materialization_hypertable_name)`.execute(db);
  return rows.length > 0;
}
