import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * The log of every message sent to a responsible person or duty officer about an alert. The unique key is also the
 * claim: of several ingest processes reacting to the same alert, only the one whose insert lands sends the message.
 */
export const notifications: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        alert_id bigint NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'major', 'critical')),
        level smallint NOT NULL DEFAULT 0 CHECK (level >= 0),
        recipient_role text NOT NULL
          CHECK (recipient_role IN ('government', 'department', 'management', 'patrol', 'duty_officer')),
        recipient_name text NOT NULL,
        phone text NOT NULL,
        channel text NOT NULL,
        text text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (alert_id, severity, level, phone)
      )`,
    );
    await exec(db, `CREATE INDEX notifications_alert_idx ON notifications (alert_id, created_at)`);
    await exec(db, `CREATE INDEX notifications_queued_idx ON notifications (created_at) WHERE status = 'queued'`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE notifications`);
  },
};
