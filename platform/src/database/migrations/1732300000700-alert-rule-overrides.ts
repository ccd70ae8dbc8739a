import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-reservoir changes to the default alert rules, set by engineers (every change is also in audit_log). */
export class AlertRuleOverrides1732300000700 implements MigrationInterface {
  name = 'AlertRuleOverrides1732300000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_rule_overrides (
        reservoir_code varchar(11) PRIMARY KEY REFERENCES reservoirs(code) ON DELETE CASCADE,
        overrides jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_rule_overrides`);
  }
}
