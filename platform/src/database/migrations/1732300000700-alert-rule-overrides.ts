import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/** Per-reservoir changes to the default alert rules, set by engineers (every change is also in audit_log). */
export const alertRuleOverrides: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE alert_rule_overrides (
        reservoir_code varchar(11) PRIMARY KEY REFERENCES reservoirs(code) ON DELETE CASCADE,
        overrides jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE alert_rule_overrides`);
  },
};
