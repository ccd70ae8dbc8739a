import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/** Alerts with their full transition history; the database guarantees one active alert per reservoir and rule. */
export const alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE alerts (
        id bigserial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        rule_key text NOT NULL,
        type text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'major', 'critical')),
        state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        value double precision NOT NULL,
        threshold double precision NOT NULL,
        message_zh text NOT NULL,
        message_en text NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        resolved_by text,
        note text
      )`,
    );
    // Open and acknowledged both count as active: several ingest processes can never open a second one.
    await exec(
      db,
      `CREATE UNIQUE INDEX alerts_one_active ON alerts (reservoir_code, rule_key) WHERE state <> 'resolved'`,
    );
    await exec(db, `CREATE INDEX alerts_state_idx ON alerts (state, opened_at DESC)`);
    await exec(
      db,
      `
      CREATE TABLE alert_events (
        id bigserial PRIMARY KEY,
        alert_id bigint NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL CHECK (action IN ('open', 'escalate', 'ack', 'resolve')),
        severity text NOT NULL,
        value double precision,
        threshold double precision,
        actor text NOT NULL,
        note text
      )`,
    );
    await exec(db, `CREATE INDEX alert_events_alert_idx ON alert_events (alert_id, at)`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE alert_events`);
    await exec(db, `DROP TABLE alerts`);
  },
};
