import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * When each station's reports began to be owed: a station registered today owes no slot of the morning before it
 * (nor does a simulator's replay of the last day count as a day of late reports). Stations registered from now on get
 * their registration time; those already here get null, owing every slot as before.
 */
export const stationMonitoring: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(db, `ALTER TABLE stations ADD COLUMN monitored_since timestamptz`);
    await exec(db, `ALTER TABLE stations ALTER COLUMN monitored_since SET DEFAULT now()`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `ALTER TABLE stations DROP COLUMN monitored_since`);
  },
};
