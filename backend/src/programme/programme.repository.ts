import { chunksOf } from '@yz/platform';
import { Injectable } from '@nestjs/common';
import type { FundingSource, ProjectKind, Stage } from '@yz/domain';
import { sql, type RawBuilder } from 'kysely';
import { writeAudit, type AuditEntry } from '../common/audit-log.js';
import { insertMany } from '../common/bulk-write.js';
import { lockRows } from '../common/row-lock.js';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, isoDate, type Sql } from '../common/sql.js';

export interface StageChange {
  projectId: number;
  from: Stage;
  to: Stage;
  reason: string | null;
  by: string;
}

const stageChangeRow = (c: StageChange) => ({
  project_id: c.projectId,
  from_stage: c.from,
  to_stage: c.to,
  reason: c.reason,
  changed_by: c.by,
});

export interface AllocationEntry {
  projectId: number;
  source: FundingSource;
  amount: string;
  allocatedOn: string;
  document: string | null;
  by: string;
}

export interface ExpenditureEntry {
  projectId: number;
  amount: string;
  spentOn: string;
  description: string;
  by: string;
}

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
  /** The appraisal that opened the project, if one did (its funding basis). */
  appraisedOn: string | null;
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
const PROJECT_SELECT = sql`
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
    (SELECT to_char(min(ap.appraised_on), 'YYYY-MM-DD') FROM appraisals ap WHERE ap.project_id = p.id) AS "appraisedOn",
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

/** Projects with their ledger totals, `where` on `p` (projects), `r` (reservoirs) and `a` (areas). */
async function selectProjects(db: Sql, where: RawBuilder<unknown>): Promise<ProjectRow[]> {
  const { rows } = await sql<ProjectRow>`${PROJECT_SELECT} WHERE ${where}`.execute(db);
  return rows;
}

/** SQL for projects and the funding ledger; the rules are in the service. */
@Injectable()
export class ProgrammeRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** kind null: projects of every kind. */
  list(filter: { scope: AreaScope; stage: Stage | null; kind: ProjectKind | null }): Promise<ProjectRow[]> {
    return selectProjects(
      this.db,
      sql`${inScope(filter.scope, 'r.area_code')} AND (${filter.stage}::text IS NULL OR p.stage = ${filter.stage})
        AND (${filter.kind}::text IS NULL OR p.kind = ${filter.kind})
      ORDER BY r.area_code, p.reservoir_code, p.kind`,
    );
  }

  /** One project in scope, or null (inside a transaction, pass it). */
  async find(scope: AreaScope, id: number, db: Sql = this.db): Promise<ProjectRow | null> {
    const rows = await selectProjects(db, sql`p.id = ${id} AND ${inScope(scope, 'r.area_code')}`);
    return rows[0] ?? null;
  }

  /** Locks the projects' rows (in id order, so two transfers cannot deadlock) for the rest of the transaction. */
  lock(tx: Sql, ids: number[]): Promise<void> {
    return lockRows(tx, 'projects', ids);
  }

  async setStage(tx: Sql, id: number, stage: Stage, actualFinish: 'set' | 'clear' | 'keep'): Promise<void> {
    await tx
      .updateTable('projects')
      .set({
        stage,
        updated_at: sql`now()`,
        actual_finish: sql`CASE ${actualFinish}::text
          WHEN 'set' THEN coalesce(actual_finish, (now() AT TIME ZONE 'Asia/Shanghai')::date)
          WHEN 'clear' THEN NULL ELSE actual_finish END`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** What the appraisal schedule of the reservoir depends on. */
  appraisalFacts(tx: Sql, reservoirCode: string) {
    return tx
      .selectFrom('reservoirs')
      .select(['completion_year as completionYear', 'last_appraisal as lastAppraisal'])
      .where('code', '=', reservoirCode)
      .executeTakeFirstOrThrow();
  }

  async setNextAppraisal(tx: Sql, reservoirCode: string, nextAppraisal: string): Promise<void> {
    await tx
      .updateTable('reservoirs')
      .set({ next_appraisal: nextAppraisal })
      .where('code', '=', reservoirCode)
      .execute();
  }

  async addStageChange(tx: Sql, c: StageChange) {
    const row = await tx
      .insertInto('project_stage_changes')
      .values(stageChangeRow(c))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Records many stage changes (a ledger import), a multi-row statement per chunk. */
  async addStageChanges(tx: Sql, changes: readonly StageChange[]): Promise<void> {
    for (const chunk of chunksOf(changes)) {
      await tx.insertInto('project_stage_changes').values(chunk.map(stageChangeRow)).execute();
    }
  }

  /** Books an allocation (and marks the project changed). */
  async addAllocation(tx: Sql, a: AllocationEntry): Promise<number> {
    return (await this.addAllocations(tx, [a]))[0];
  }

  /** Books allocations (a ledger import), a multi-row statement per chunk; their ids in the order given. */
  async addAllocations(tx: Sql, entries: readonly AllocationEntry[]): Promise<number[]> {
    const ids = await insertMany(
      tx,
      'funding_allocations',
      entries.map((a) => ({
        project_id: a.projectId,
        source: a.source,
        amount: a.amount,
        allocated_on: a.allocatedOn,
        document: a.document,
        created_by: a.by,
      })),
    );
    await this.touch(tx, [...new Set(entries.map((a) => a.projectId))]);
    return ids;
  }

  /** Books an expenditure (and marks the project changed). */
  async addExpenditure(tx: Sql, e: ExpenditureEntry): Promise<number> {
    return (await this.addExpenditures(tx, [e]))[0];
  }

  /** Books expenditures (a ledger import), a multi-row statement per chunk; their ids in the order given. */
  async addExpenditures(tx: Sql, entries: readonly ExpenditureEntry[]): Promise<number[]> {
    const ids = await insertMany(
      tx,
      'funding_expenditures',
      entries.map((e) => ({
        project_id: e.projectId,
        amount: e.amount,
        spent_on: e.spentOn,
        description: e.description,
        created_by: e.by,
      })),
    );
    await this.touch(tx, [...new Set(entries.map((e) => e.projectId))]);
    return ids;
  }

  async addTransfer(
    tx: Sql,
    t: { from: number; to: number; source: FundingSource; amount: string; reason: string; by: string },
  ) {
    return tx
      .insertInto('funding_transfers')
      .values({
        from_project: t.from,
        to_project: t.to,
        source: t.source,
        amount: t.amount,
        reason: t.reason,
        transferred_by: t.by,
      })
      .returning(['id', 'transferred_at as transferredAt'])
      .executeTakeFirstOrThrow();
  }

  async touch(tx: Sql, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await tx
      .updateTable('projects')
      .set({ updated_at: sql`now()` })
      .where('id', 'in', ids)
      .execute();
  }

  audit(tx: Sql, e: AuditEntry): Promise<void> {
    return writeAudit(tx, e);
  }

  stageChanges(id: number) {
    return this.db
      .selectFrom('project_stage_changes')
      .select([
        'id',
        sql<Stage>`from_stage`.as('from'),
        sql<Stage>`to_stage`.as('to'),
        'reason',
        'changed_by as changedBy',
        'changed_at as changedAt',
      ])
      .where('project_id', '=', id)
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
  }

  allocations(id: number) {
    return this.db
      .selectFrom('funding_allocations')
      .select([
        'id',
        'source',
        'amount',
        isoDate('allocated_on').as('allocatedOn'),
        'document',
        'created_by as createdBy',
        'created_at as createdAt',
      ])
      .where('project_id', '=', id)
      .orderBy('allocated_on')
      .orderBy('id')
      .execute();
  }

  expenditures(id: number) {
    return this.db
      .selectFrom('funding_expenditures')
      .select([
        'id',
        'amount',
        isoDate('spent_on').as('spentOn'),
        'description',
        'created_by as createdBy',
        'created_at as createdAt',
      ])
      .where('project_id', '=', id)
      .orderBy('spent_on')
      .orderBy('id')
      .execute();
  }

  transfers(id: number) {
    return this.db
      .selectFrom('funding_transfers')
      .select([
        'id',
        'from_project as fromProjectId',
        'to_project as toProjectId',
        'source',
        'amount',
        'reason',
        'transferred_by as transferredBy',
        'transferred_at as transferredAt',
      ])
      .where((eb) => eb.or([eb('from_project', '=', id), eb('to_project', '=', id)]))
      .orderBy('transferred_at')
      .orderBy('id')
      .execute();
  }
}
