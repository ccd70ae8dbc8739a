import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAudit, type AuditEntry } from '../common/audit-log.js';
import type { FundingSource, ProjectKind, Stage } from '@yz/domain';

/** Anything that runs SQL: the data source, or the manager of a transaction. */
type Sql = Pick<DataSource | EntityManager, 'query'>;

/** One project with its ledger totals; money as decimal strings straight from numeric. */
export interface ProjectRow {
  id: number;
  kind: ProjectKind;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
  scale: string;
  stage: Stage;
  inNationalPlan: boolean;
  plannedStart: string;
  plannedFinish: string;
  actualFinish: string | null;
  progressPercent: number;
  budget: string;
  budgetBasis: string;
  updatedAt: Date;
  central: string;
  provincial: string;
  municipal: string;
  countyFunds: string;
  spent: string;
}

/**
 * Net allocation per project and source: allocations, plus transfers received, minus transfers given.
 * Every amount is numeric(14,2), so the sums stay exact; coalesce keeps two places ("0.00").
 */
const PROJECT_SELECT = `
  WITH ledger AS (
    SELECT project_id, source, amount FROM funding_allocations
    UNION ALL SELECT to_project, source, amount FROM funding_transfers
    UNION ALL SELECT from_project, source, -amount FROM funding_transfers
  ), by_source AS (
    SELECT project_id,
      sum(amount) FILTER (WHERE source = 'central') AS central,
      sum(amount) FILTER (WHERE source = 'provincial') AS provincial,
      sum(amount) FILTER (WHERE source = 'municipal') AS municipal,
      sum(amount) FILTER (WHERE source = 'county') AS county
    FROM ledger GROUP BY project_id
  ), spent AS (
    SELECT project_id, sum(amount) AS spent FROM funding_expenditures GROUP BY project_id
  )
  SELECT p.id, p.kind, p.reservoir_code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county,
    a.name AS "countyName", r.scale, p.stage, p.in_national_plan AS "inNationalPlan",
    to_char(p.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(p.planned_finish, 'YYYY-MM-DD') AS "plannedFinish",
    to_char(p.actual_finish, 'YYYY-MM-DD') AS "actualFinish", p.progress_percent AS "progressPercent",
    p.budget::text AS budget, p.budget_basis AS "budgetBasis", p.updated_at AS "updatedAt",
    coalesce(b.central, 0)::numeric(16, 2)::text AS central,
    coalesce(b.provincial, 0)::numeric(16, 2)::text AS provincial,
    coalesce(b.municipal, 0)::numeric(16, 2)::text AS municipal,
    coalesce(b.county, 0)::numeric(16, 2)::text AS "countyFunds",
    coalesce(s.spent, 0)::numeric(16, 2)::text AS spent
  FROM projects p
  JOIN reservoirs r ON r.code = p.reservoir_code
  JOIN areas a ON a.code = r.area_code
  LEFT JOIN by_source b ON b.project_id = p.id
  LEFT JOIN spent s ON s.project_id = p.id`;

/** SQL for projects and the funding ledger; the rules are in the service. */
@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDataSource() readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** kind null: projects of every kind. */
  list(
    filter: { areaCode: string | null; stage: Stage | null; kind: ProjectKind | null },
    sql: Sql = this.ds,
  ): Promise<ProjectRow[]> {
    return sql.query(
      `${PROJECT_SELECT}
       WHERE ($1::text IS NULL OR r.area_code = $1) AND ($2::text IS NULL OR p.stage = $2)
         AND ($3::text IS NULL OR p.kind = $3)
       ORDER BY r.area_code, p.reservoir_code, p.kind`,
      [filter.areaCode, filter.stage, filter.kind],
    );
  }

  async find(id: number, sql: Sql = this.ds): Promise<ProjectRow | null> {
    const rows: ProjectRow[] = await sql.query(`${PROJECT_SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the projects' rows (in id order, so two transfers cannot deadlock) for the rest of the transaction. */
  async lock(tx: EntityManager, ids: number[]): Promise<void> {
    await tx.query(`SELECT id FROM projects WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [ids]);
  }

  async setStage(tx: EntityManager, id: number, stage: Stage, actualFinish: 'set' | 'clear' | 'keep'): Promise<void> {
    await tx.query(
      `UPDATE projects SET stage = $2, updated_at = now(),
         actual_finish = CASE $3::text WHEN 'set' THEN coalesce(actual_finish, (now() AT TIME ZONE 'Asia/Shanghai')::date)
                                       WHEN 'clear' THEN NULL ELSE actual_finish END
       WHERE id = $1`,
      [id, stage, actualFinish],
    );
  }

  async addStageChange(
    tx: EntityManager,
    c: { projectId: number; from: Stage; to: Stage; reason: string | null; by: string },
  ) {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO project_stage_changes (project_id, from_stage, to_stage, reason, changed_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [c.projectId, c.from, c.to, c.reason, c.by],
    );
    return row!.id;
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
  ) {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO funding_allocations (project_id, source, amount, allocated_on, document, created_by)
       VALUES ($1, $2, $3::numeric, $4::date, $5, $6) RETURNING id`,
      [a.projectId, a.source, a.amount, a.allocatedOn, a.document, a.by],
    );
    return row!.id;
  }

  async addExpenditure(
    tx: EntityManager,
    e: { projectId: number; amount: string; spentOn: string; description: string; by: string },
  ) {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO funding_expenditures (project_id, amount, spent_on, description, created_by)
       VALUES ($1, $2::numeric, $3::date, $4, $5) RETURNING id`,
      [e.projectId, e.amount, e.spentOn, e.description, e.by],
    );
    return row!.id;
  }

  async addTransfer(
    tx: EntityManager,
    t: { from: number; to: number; source: FundingSource; amount: string; reason: string; by: string },
  ) {
    const [row]: { id: number; transferredAt: Date }[] = await tx.query(
      `INSERT INTO funding_transfers (from_project, to_project, source, amount, reason, transferred_by)
       VALUES ($1, $2, $3, $4::numeric, $5, $6) RETURNING id, transferred_at AS "transferredAt"`,
      [t.from, t.to, t.source, t.amount, t.reason, t.by],
    );
    return row!;
  }

  async touch(tx: EntityManager, ids: number[]): Promise<void> {
    await tx.query(`UPDATE projects SET updated_at = now() WHERE id = ANY($1::int[])`, [ids]);
  }

  audit(tx: EntityManager, e: AuditEntry): Promise<void> {
    return writeAudit(tx, e);
  }

  stageChanges(id: number) {
    return this.ds.query(
      `SELECT id, from_stage AS "from", to_stage AS "to", reason, changed_by AS "changedBy", changed_at AS "changedAt"
       FROM project_stage_changes WHERE project_id = $1 ORDER BY changed_at, id`,
      [id],
    ) as Promise<{ id: number; from: Stage; to: Stage; reason: string | null; changedBy: string; changedAt: Date }[]>;
  }

  allocations(id: number) {
    return this.ds.query(
      `SELECT id, source, amount::text AS amount, to_char(allocated_on, 'YYYY-MM-DD') AS "allocatedOn", document,
         created_by AS "createdBy", created_at AS "createdAt"
       FROM funding_allocations WHERE project_id = $1 ORDER BY allocated_on, id`,
      [id],
    ) as Promise<{ id: number; source: FundingSource; amount: string; allocatedOn: string; document: string | null }[]>;
  }

  expenditures(id: number) {
    return this.ds.query(
      `SELECT id, amount::text AS amount, to_char(spent_on, 'YYYY-MM-DD') AS "spentOn", description,
         created_by AS "createdBy", created_at AS "createdAt"
       FROM funding_expenditures WHERE project_id = $1 ORDER BY spent_on, id`,
      [id],
    ) as Promise<{ id: number; amount: string; spentOn: string; description: string }[]>;
  }

  transfers(id: number) {
    return this.ds.query(
      `SELECT id, from_project AS "fromProjectId", to_project AS "toProjectId", source, amount::text AS amount, reason,
         transferred_by AS "transferredBy", transferred_at AS "transferredAt"
       FROM funding_transfers WHERE from_project = $1 OR to_project = $1 ORDER BY transferred_at, id`,
      [id],
    ) as Promise<
      {
        id: number;
        fromProjectId: number;
        toProjectId: number;
        source: FundingSource;
        amount: string;
        reason: string;
      }[]
    >;
  }
}
