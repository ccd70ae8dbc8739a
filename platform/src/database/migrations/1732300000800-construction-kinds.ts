import type { MigrationInterface, QueryRunner } from 'typeorm';

const REINFORCEMENT_STAGES = `'appraisal', 'preliminary_design', 'approval', 'tendering', 'construction',
  'completion_acceptance', 'final_acceptance'`;
const CONSTRUCTION_STAGES = `'design', 'procurement', 'installation', 'commissioning', 'acceptance'`;

/**
 * Telemetry (雨水情测报) and dam-safety monitoring (大坝安全监测) construction, tracked per reservoir like the
 * reinforcement programme (永政办发〔2021〕32号 一 and 五.2): projects gain a kind, one project per reservoir and
 * kind, and the stages a project may be at depend on its kind. Existing projects are reinforcement projects.
 */
export class ConstructionKinds1732300000800 implements MigrationInterface {
  name = 'ConstructionKinds1732300000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects ADD COLUMN kind text NOT NULL DEFAULT 'reinforcement'
        CONSTRAINT project_kind_valid CHECK (kind IN ('reinforcement', 'telemetry', 'dam_monitoring'))`);
    // The constraints of the first programme migration were unnamed: find them by what they are.
    for (const name of await constraintNames(q, 'u', '%(reservoir_code)%')) {
      await q.query(`ALTER TABLE projects DROP CONSTRAINT "${name}"`);
    }
    for (const name of await constraintNames(q, 'c', '%stage%appraisal%')) {
      await q.query(`ALTER TABLE projects DROP CONSTRAINT "${name}"`);
    }
    await q.query(`ALTER TABLE projects ADD CONSTRAINT projects_reservoir_kind_key UNIQUE (reservoir_code, kind)`);
    await q.query(`
      ALTER TABLE projects ADD CONSTRAINT project_stage_of_kind CHECK (
        (kind = 'reinforcement' AND stage IN (${REINFORCEMENT_STAGES}))
        OR (kind <> 'reinforcement' AND stage IN (${CONSTRUCTION_STAGES})))`);
    await q.query(`CREATE INDEX projects_kind_idx ON projects (kind, stage)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const others = `SELECT id FROM projects WHERE kind <> 'reinforcement'`;
    await q.query(`DELETE FROM funding_transfers WHERE from_project IN (${others}) OR to_project IN (${others})`);
    await q.query(`DELETE FROM projects WHERE kind <> 'reinforcement'`);
    await q.query(`DROP INDEX projects_kind_idx`);
    await q.query(`ALTER TABLE projects DROP CONSTRAINT project_stage_of_kind`);
    await q.query(`ALTER TABLE projects DROP CONSTRAINT projects_reservoir_kind_key`);
    await q.query(`ALTER TABLE projects ADD CONSTRAINT projects_reservoir_code_key UNIQUE (reservoir_code)`);
    await q.query(
      `ALTER TABLE projects ADD CONSTRAINT projects_stage_check CHECK (stage IN (${REINFORCEMENT_STAGES}))`,
    );
    await q.query(`ALTER TABLE projects DROP COLUMN kind`);
  }
}

async function constraintNames(q: QueryRunner, type: 'u' | 'c', definition: string): Promise<string[]> {
  const rows: { name: string }[] = await q.query(
    `SELECT conname AS name FROM pg_constraint
     WHERE conrelid = 'projects'::regclass AND contype = $1 AND pg_get_constraintdef(oid) LIKE $2`,
    [type, definition],
  );
  return rows.map((r) => r.name);
}
