import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * What ingest must not lose on restart, written in the transaction that stores the readings it describes:
 * - `sl651_rain_state`: each SL 651 station's rain ledger (the last PT and PJ read), so the first report after a
 *   restart is not read as the station's first (PT would wait a report, PJ's rain since 08:00 would count twice);
 * - `station_reports`: one row per station and scheduled report slot received, with when it first arrived, for the
 *   arrival rate (到报率) and timeliness (及时率). Added reports (SL 651 `33`) are not scheduled and not recorded.
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
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE station_reports`);
    await exec(db, `DROP TABLE sl651_rain_state`);
  },
};
