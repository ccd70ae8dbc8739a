import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { FundingSource, ProjectKind, Stage } from '@yz/domain';
import { projectKey, type ProjectState } from './ledger-kind.js';

export interface AllocationLine {
  id: number;
  county: string;
  countyName: string;
  reservoirCode: string;
  reservoirName: string;
  kind: ProjectKind;
  source: FundingSource;
  amount: string;
  allocatedOn: string;
  document: string | null;
}

export interface ExpenditureLine {
  id: number;
  county: string;
  countyName: string;
  reservoirCode: string;
  reservoirName: string;
  kind: ProjectKind;
  amount: string;
  spentOn: string;
  description: string;
}

const LINE_JOIN = `JOIN projects p ON p.id = l.project_id JOIN reservoirs r ON r.code = p.reservoir_code
  JOIN areas a ON a.code = r.area_code`;

/** SQL the ledger import and export need beyond what the feature services offer. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async reservoirAreas(tx: EntityManager, codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; areaCode: string }[] = await tx.query(
      `SELECT code, area_code AS "areaCode" FROM reservoirs WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.areaCode]));
  }

  /**
   * The projects (of every kind) of these reservoirs, locked for the rest of the transaction (in id order: no
   * deadlock), by projectKey(reservoir code, kind).
   */
  async lockProjects(tx: EntityManager, codes: string[]): Promise<Map<string, ProjectState>> {
    await tx.query(`SELECT id FROM projects WHERE reservoir_code = ANY($1::text[]) ORDER BY id FOR UPDATE`, [codes]);
    const rows: ProjectState[] = await tx.query(
      `SELECT p.id, p.kind, p.reservoir_code AS "reservoirCode", r.area_code AS county, p.stage,
         to_char(p.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(p.planned_finish, 'YYYY-MM-DD') AS "plannedFinish",
         p.progress_percent AS "progressPercent",
         (coalesce((SELECT sum(amount) FROM funding_allocations WHERE project_id = p.id), 0)
          + coalesce((SELECT sum(amount) FROM funding_transfers WHERE to_project = p.id), 0)
          - coalesce((SELECT sum(amount) FROM funding_transfers WHERE from_project = p.id), 0)
          - coalesce((SELECT sum(amount) FROM funding_expenditures WHERE project_id = p.id), 0))::numeric(16, 2)::text
           AS unspent
       FROM projects p JOIN reservoirs r ON r.code = p.reservoir_code
       WHERE p.reservoir_code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [projectKey(r.reservoirCode, r.kind), r]));
  }

  async existingIds(tx: EntityManager, table: 'funding_allocations' | 'funding_expenditures', ids: number[]) {
    const sql =
      table === 'funding_allocations'
        ? `SELECT id FROM funding_allocations WHERE id = ANY($1::int[])`
        : `SELECT id FROM funding_expenditures WHERE id = ANY($1::int[])`;
    const rows: { id: number }[] = await tx.query(sql, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Applies an imported schedule line; reaching a done stage sets the actual finish, leaving one clears it. */
  async updateProject(
    tx: EntityManager,
    id: number,
    p: { stage: Stage; progressPercent: number; plannedStart: string; plannedFinish: string; done: boolean },
  ): Promise<void> {
    await tx.query(
      `UPDATE projects SET stage = $2, progress_percent = $3, planned_start = $4::date, planned_finish = $5::date,
         actual_finish = CASE WHEN $6::boolean THEN coalesce(actual_finish, (now() AT TIME ZONE 'Asia/Shanghai')::date)
                              ELSE NULL END,
         updated_at = now()
       WHERE id = $1`,
      [id, p.stage, p.progressPercent, p.plannedStart, p.plannedFinish, p.done],
    );
  }

  async addStageChange(
    tx: EntityManager,
    c: { projectId: number; from: Stage; to: Stage; reason: string; by: string },
  ) {
    await tx.query(
      `INSERT INTO project_stage_changes (project_id, from_stage, to_stage, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`,
      [c.projectId, c.from, c.to, c.reason, c.by],
    );
  }

  async addAllocation(
    tx: EntityManager,
    a: {
      projectId: number;
      source: FundingSource;
      amount: string;
      allocatedOn: string;
      document: string | null;
      by: string;
    },
  ): Promise<number> {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO funding_allocations (project_id, source, amount, allocated_on, document, created_by)
       VALUES ($1, $2, $3::numeric, $4::date, $5, $6) RETURNING id`,
      [a.projectId, a.source, a.amount, a.allocatedOn, a.document, a.by],
    );
    await this.touch(tx, a.projectId);
    return row!.id;
  }

  async addExpenditure(
    tx: EntityManager,
    e: { projectId: number; amount: string; spentOn: string; description: string; by: string },
  ): Promise<number> {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO funding_expenditures (project_id, amount, spent_on, description, created_by)
       VALUES ($1, $2::numeric, $3::date, $4, $5) RETURNING id`,
      [e.projectId, e.amount, e.spentOn, e.description, e.by],
    );
    await this.touch(tx, e.projectId);
    return row!.id;
  }

  allocations(areaCode: string | null): Promise<AllocationLine[]> {
    return this.ds.query(
      `SELECT l.id, r.area_code AS county, a.name AS "countyName", r.code AS "reservoirCode", r.name AS "reservoirName",
         p.kind, l.source, l.amount::text AS amount, to_char(l.allocated_on, 'YYYY-MM-DD') AS "allocatedOn", l.document
       FROM funding_allocations l ${LINE_JOIN}
       WHERE ($1::text IS NULL OR r.area_code = $1) ORDER BY r.area_code, r.code, p.kind, l.allocated_on, l.id`,
      [areaCode],
    );
  }

  expenditures(areaCode: string | null): Promise<ExpenditureLine[]> {
    return this.ds.query(
      `SELECT l.id, r.area_code AS county, a.name AS "countyName", r.code AS "reservoirCode", r.name AS "reservoirName",
         p.kind, l.amount::text AS amount, to_char(l.spent_on, 'YYYY-MM-DD') AS "spentOn", l.description
       FROM funding_expenditures l ${LINE_JOIN}
       WHERE ($1::text IS NULL OR r.area_code = $1) ORDER BY r.area_code, r.code, p.kind, l.spent_on, l.id`,
      [areaCode],
    );
  }

  private async touch(tx: EntityManager, id: number): Promise<void> {
    await tx.query(`UPDATE projects SET updated_at = now() WHERE id = $1`, [id]);
  }
}
