import type { Kysely, Migration } from 'kysely';
import { exec } from './exec.js';

/**
 * The reinforcement (除险加固) programme: one project per dangerous reservoir, its stage history, and the
 * funding ledger (allocations by source, expenditures, transfers between projects of one area), plus an
 * audit log of every change made through the API. Money is numeric(14,2) CNY, never floating point.
 */
export const programme: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      CREATE TABLE projects (
        id serial PRIMARY KEY,
        reservoir_code varchar(11) NOT NULL UNIQUE REFERENCES reservoirs(code),
        stage text NOT NULL CHECK (stage IN ('appraisal', 'preliminary_design', 'approval', 'tendering',
          'construction', 'completion_acceptance', 'final_acceptance')),
        in_national_plan boolean NOT NULL DEFAULT false,
        planned_start date NOT NULL,
        planned_finish date NOT NULL,
        actual_finish date,
        progress_percent smallint NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        budget numeric(14, 2) NOT NULL CHECK (budget > 0),
        budget_basis text NOT NULL CHECK (budget_basis IN ('standard', 'approved_estimate')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT project_dates_ordered CHECK (planned_start <= planned_finish)
      )`,
    );
    await exec(db, `CREATE INDEX projects_stage_idx ON projects (stage)`);
    await exec(
      db,
      `
      CREATE TABLE project_stage_changes (
        id serial PRIMARY KEY,
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        reason text,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stage_change_differs CHECK (from_stage <> to_stage)
      )`,
    );
    await exec(db, `CREATE INDEX project_stage_changes_project_idx ON project_stage_changes (project_id, changed_at)`);
    await exec(
      db,
      `
      CREATE TABLE funding_allocations (
        id serial PRIMARY KEY,
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('central', 'provincial', 'municipal', 'county')),
        amount numeric(14, 2) NOT NULL CHECK (amount > 0),
        allocated_on date NOT NULL,
        document text,
        created_by text NOT NULL DEFAULT 'seed',
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await exec(db, `CREATE INDEX funding_allocations_project_idx ON funding_allocations (project_id)`);
    // The loader's natural key: one seeded allocation per project, source and document.
    await exec(
      db,
      `CREATE UNIQUE INDEX funding_allocations_seed_key ON funding_allocations (project_id, source, document)
       WHERE created_by = 'seed'`,
    );
    await exec(
      db,
      `
      CREATE TABLE funding_expenditures (
        id serial PRIMARY KEY,
        project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        amount numeric(14, 2) NOT NULL CHECK (amount > 0),
        spent_on date NOT NULL,
        description text NOT NULL,
        created_by text NOT NULL DEFAULT 'seed',
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await exec(db, `CREATE INDEX funding_expenditures_project_idx ON funding_expenditures (project_id)`);
    await exec(
      db,
      `CREATE UNIQUE INDEX funding_expenditures_seed_key ON funding_expenditures (project_id, spent_on, description)
       WHERE created_by = 'seed'`,
    );
    await exec(
      db,
      `
      CREATE TABLE funding_transfers (
        id serial PRIMARY KEY,
        from_project integer NOT NULL REFERENCES projects(id),
        to_project integer NOT NULL REFERENCES projects(id),
        source text NOT NULL CHECK (source IN ('central', 'provincial', 'municipal', 'county')),
        amount numeric(14, 2) NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        transferred_by text NOT NULL,
        transferred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT transfer_between_projects CHECK (from_project <> to_project)
      )`,
    );
    await exec(db, `CREATE INDEX funding_transfers_from_idx ON funding_transfers (from_project)`);
    await exec(db, `CREATE INDEX funding_transfers_to_idx ON funding_transfers (to_project)`);
    await exec(
      db,
      `
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        username text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb
      )`,
    );
    await exec(db, `CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at)`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await exec(db, `DROP TABLE audit_log`);
    await exec(db, `DROP TABLE funding_transfers`);
    await exec(db, `DROP TABLE funding_expenditures`);
    await exec(db, `DROP TABLE funding_allocations`);
    await exec(db, `DROP TABLE project_stage_changes`);
    await exec(db, `DROP TABLE projects`);
  },
};
