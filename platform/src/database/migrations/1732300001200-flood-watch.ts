import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * Flood foresight (issue 15): each reservoir's restricted level 限制运用水位 (category-3 dams before reinforcement
 * acceptance; null: the rule's default, flood-limit − 1 m), the threshold watches ingest keeps per reservoir (plain
 * JSON state, so a restart picks them up where they were), the above-flood-limit and spill events they record, the
 * latest outlook per reservoir and the stored 08:00 daily reports.
 */
export const floodWatch: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(db, `ALTER TABLE reservoirs ADD COLUMN restricted_level numeric(8, 2)`);
    await exec(
      db,
      `
      CREATE TABLE flood_watches (
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        watch text NOT NULL CHECK (watch IN ('flood_limit', 'spill')),
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reservoir_code, watch)
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE flood_events (
        id bigserial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('flood_limit', 'spill')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        duration_hours numeric(10, 2),
        threshold_level numeric(8, 2) NOT NULL,
        threshold_kind text NOT NULL,
        peak_level double precision NOT NULL,
        peak_at timestamptz NOT NULL,
        excess_storage double precision,
        peak_discharge double precision,
        notified_name text,
        notified_phone text,
        UNIQUE (reservoir_code, kind, started_at)
      )`,
    );
    await exec(db, `CREATE INDEX flood_events_started_idx ON flood_events (kind, started_at)`);
    // The latest outlook per reservoir, written by ingest as levels arrive: the overview sorts on its hours.
    await exec(
      db,
      `
      CREATE TABLE flood_outlooks (
        reservoir_code varchar(11) PRIMARY KEY REFERENCES reservoirs(code) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        outlook jsonb NOT NULL
      )`,
    );
    await exec(
      db,
      `
      CREATE TABLE daily_reports (
        report_date date PRIMARY KEY,
        report jsonb NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE daily_reports`);
    await exec(db, `DROP TABLE flood_outlooks`);
    await exec(db, `DROP TABLE flood_events`);
    await exec(db, `DROP TABLE flood_watches`);
    await exec(db, `ALTER TABLE reservoirs DROP COLUMN restricted_level`);
  },
};
