import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * What ingest must not lose on restart, written in the transaction that stores the readings it describes:
 * - `sl651_rain_state`: each SL 651 station's rain ledger (the last PT and PJ read), so the first report after a
 *   restart is not read as the station's first (PT would wait a report, PJ's rain since 08:00 would count twice);
 * - `station_reports`: one row per station and scheduled report slot received, with when it first arrived, for the
 *   arrival rate (到报率) and timeliness (及时率). Added reports (SL 651 `33`) are not scheduled and not recorded.
 * Alerts of the rules this replaces (`rain_1h`/`rain_3h`/`rain_24h`, now one `rain:{gauge}`; the per-reservoir
 * `offline`, now `offline:{station}`) would never be judged again: they are resolved, with a history row saying why.
 */
export const stationReports: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE sl651_rain_state (
        station_address varchar(10) PRIMARY KEY,
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE station_reports (
        station_id int NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
        slot timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (station_id, slot)
      )`,
    );
    await exec(db, `CREATE INDEX station_reports_slot_idx ON station_reports (slot)`);
    await exec(
      db,
      `
      WITH retired AS (
        UPDATE alerts SET state = 'resolved', resolved_at = now(), resolved_by = 'system', updated_at = now()
        WHERE state <> 'resolved' AND rule_key IN ('rain_1h', 'rain_3h', 'rain_24h', 'offline')
        RETURNING id, severity, value, threshold)
      INSERT INTO alert_events (alert_id, action, severity, value, threshold, actor, note)
      SELECT id, 'resolve', severity, value, threshold, 'system',
             'rule replaced: rain is judged per gauge on the national signals, offline per station'
      FROM retired`,
    );
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE station_reports`);
    await exec(db, `DROP TABLE sl651_rain_state`);
  },
};
