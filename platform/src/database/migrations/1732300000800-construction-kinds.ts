import { sql, type Kysely, type Migration } from 'kysely';
import { exec } from './exec.js';

const REINFORCEMENT_STAGES = `'appraisal', 'preliminary_design', 'approval', 'tendering', 'construction',
  'completion_acceptance', 'final_acceptance'`;
const CONSTRUCTION_STAGES = `'design', 'procurement', 'installation', 'commissioning', 'acceptance'`;

/**
 * Telemetry (雨水情测报) and dam-safety monitoring (大坝安全监测) construction, tracked per reservoir like the
 * reinforcement programme (永政办发〔2021〕32号 一 and 五.2): projects gain a kind, one project per reservoir and
 * kind, and the stages a project may be at depend on its kind. Existing projects are reinforcement projects.
 */
export const constructionKinds: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await exec(
      db,
      `
      ALTER TABLE projects ADD COLUMN kind text NOT NULL DEFAULT 'reinforcement'
        CONSTRAINT project_kind_valid CHECK (kind IN ('reinforcement', 'telemetry', 'dam_monitoring'))`,
    );
    // The constraints of the first programme migration were unnamed: find them by what they are.
    for (const name of await constraintNames(db, 'u', '%(reservoir_code)%')) {
      await exec(db, `ALTER TABLE projects DROP CONSTRAINT "${name}"`);
    }
    for (const name of await constraintNames(db, 'c', '%stage%appraisal%')) {
      await exec(db, `ALTER TABLE projects DROP CONSTRAINT "${name}"`);
    }
    await exec(db, `ALTER TABLE projects ADD CONSTRAINT projects_reservoir_kind_key UNIQUE (reservoir_code, kind)`);
    await exec(
      db,
      `
      ALTER TABLE projects ADD CONSTRAINT project_stage_of_kind CHECK (
        (kind = 'reinforcement' AND stage IN (${REINFORCEMENT_STAGES}))
        OR (kind <> 'reinforcement' AND stage IN (${CONSTRUCTION_STAGES})))`,
    );
    await exec(db, `CREATE INDEX projects_kind_idx ON projects (kind, stage)`);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const others = `SELECT id FROM projects WHERE kind <> 'reinforcement'`;
    await exec(db, `DELETE FROM funding_transfers WHERE from_project IN (${others}) OR to_project IN (${others})`);
    await exec(db, `DELETE FROM projects WHERE kind <> 'reinforcement'`);
    await exec(db, `DROP INDEX projects_kind_idx`);
    await exec(db, `ALTER TABLE projects DROP CONSTRAINT project_stage_of_kind`);
    await exec(db, `ALTER TABLE projects DROP CONSTRAINT projects_reservoir_kind_key`);
    await exec(db, `ALTER TABLE projects ADD CONSTRAINT projects_reservoir_code_key UNIQUE (reservoir_code)`);
    await exec(
      db,
      `ALTER TABLE projects ADD CONSTRAINT projects_stage_check CHECK (stage IN (${REINFORCEMENT_STAGES}))`,
    );
    await exec(db, `ALTER TABLE projects DROP COLUMN kind`);
  },
};

async function constraintNames(db: Kysely<unknown>, type: 'u' | 'c', definition: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint
    WHERE conrelid = 'projects'::regclass AND contype = ${type} AND pg_get_constraintdef(oid) LIKE ${definition}`.execute(
    db,
  );
  return rows.map((r) => r.name);
}
