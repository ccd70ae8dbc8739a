import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * The safety ledgers beside the programme: safety appraisal (安全鉴定) results, kept as history while
 * reservoirs.last_appraisal / next_appraisal / dam_category hold the current state, and the hazard ledger
 * (隐患台账) whose entries are closed only with evidence (对账销号).
 */
export const safetyLedger: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE appraisals (
        id serial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        appraised_on date NOT NULL,
        dam_category smallint NOT NULL CHECK (dam_category BETWEEN 1 AND 3),
        conclusion text NOT NULL,
        next_due date NOT NULL,
        project_id integer REFERENCES projects(id),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT appraisal_next_due_later CHECK (next_due > appraised_on)
      )`,
    );
    await exec(db, `CREATE INDEX appraisals_reservoir_idx ON appraisals (reservoir_code, appraised_on)`);
    await exec(db, `CREATE INDEX reservoirs_next_appraisal_idx ON reservoirs (next_appraisal)`);
    await exec(
      db,
      `
      CREATE TABLE hazards (
        id serial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL REFERENCES reservoirs(code) ON DELETE CASCADE,
        found_on date NOT NULL,
        found_by text NOT NULL,
        source text NOT NULL CHECK (source IN ('patrol', 'inspection', 'appraisal', 'monitoring')),
        location_on_dam text NOT NULL,
        description text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('general', 'major')),
        rectification_deadline date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rectifying', 'closed')),
        closed_on date,
        closing_evidence text,
        closed_by text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hazard_deadline_after_found CHECK (rectification_deadline >= found_on),
        -- 对账销号: a closed hazard carries its date, evidence and who closed it.
        CONSTRAINT hazard_closed_with_evidence CHECK (
          status <> 'closed' OR (closed_on IS NOT NULL AND closing_evidence IS NOT NULL AND closed_by IS NOT NULL))
      )`,
    );
    await exec(db, `CREATE INDEX hazards_reservoir_idx ON hazards (reservoir_code)`);
    await exec(
      db,
      `CREATE INDEX hazards_open_deadline_idx ON hazards (rectification_deadline) WHERE status <> 'closed'`,
    );
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE hazards`);
    await exec(db, `DROP INDEX reservoirs_next_appraisal_idx`);
    await exec(db, `DROP TABLE appraisals`);
  },
};
