import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * Storm drills (the simulator's storm played fast) and the drill mark on alerts: an alert opened while a drill runs is
 * a drill alert wherever it shows (desk, notifications, SMS text).
 */
export const stormDrills: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE storm_drills (
        id serial PRIMARY KEY,
        speed integer NOT NULL CHECK (speed > 0),
        started_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > started_at),
        started_by text NOT NULL
      )`,
    );
    await exec(db, `CREATE INDEX storm_drills_ends_idx ON storm_drills (ends_at)`);
    await exec(db, `ALTER TABLE alerts ADD COLUMN drill boolean NOT NULL DEFAULT false`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `ALTER TABLE alerts DROP COLUMN drill`);
    await exec(db, `DROP TABLE storm_drills`);
  },
};
