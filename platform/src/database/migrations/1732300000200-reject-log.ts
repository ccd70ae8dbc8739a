import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/** Telemetry that was not stored, with its reason and a bounded copy of what arrived, for engineers to read. */
export const rejectLog: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE reject_log (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now(),
        topic text NOT NULL,
        reservoir_code text,
        reason text NOT NULL,
        detail text NOT NULL,
        payload text NOT NULL
      )`,
    );
    await exec(db, `CREATE INDEX reject_log_received_idx ON reject_log (received_at DESC)`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE reject_log`);
  },
};
