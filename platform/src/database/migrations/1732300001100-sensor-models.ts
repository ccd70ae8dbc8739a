import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * The statistical (HST) model of each dam-safety instrument, refitted nightly and on demand: the model as the API
 * serves it, or why there is none (less than a year of history: judged by thresholds only), and the judging streak.
 */
export const sensorModels: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE sensor_models (
        sensor_id integer PRIMARY KEY REFERENCES sensors(id) ON DELETE CASCADE,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        fitted_at timestamptz NOT NULL,
        model jsonb,
        refusal text,
        message text,
        judge_state jsonb NOT NULL DEFAULT '{"lastDay": null, "streak": 0}',
        CHECK ((model IS NULL) <> (refusal IS NULL))
      )`,
    );
    await exec(db, `CREATE INDEX sensor_models_reservoir ON sensor_models (reservoir_code)`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE sensor_models`);
  },
};
