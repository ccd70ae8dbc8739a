import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Telemetry that was not stored, with its reason and a bounded copy of what arrived, for engineers to read. */
export class RejectLog1732300000200 implements MigrationInterface {
  name = 'RejectLog1732300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reject_log (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now(),
        topic text NOT NULL,
        reservoir_code text,
        reason text NOT NULL,
        detail text NOT NULL,
        payload text NOT NULL
      )`);
    await q.query(`CREATE INDEX reject_log_received_idx ON reject_log (received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reject_log`);
  }
}
