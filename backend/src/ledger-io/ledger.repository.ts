import { chunksOf } from '@yz/platform';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, isoDate, type Sql } from '../common/sql.js';
import type { FundingSource, ProjectKind, Stage } from '@yz/domain';
import { projectKey, type ProjectState } from './ledger-kind.js';

/** An imported schedule line of a project; `done`: its stage is a done stage. */
export interface ScheduleLine {
  id: number;
  stage: Stage;
  progressPercent: number;
  plannedStart: string;
  plannedFinish: string;
  done: boolean;
}

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

/** SQL the ledger import and export need beyond what the feature services offer. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async reservoirAreas(tx: Sql, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await tx.selectFrom('reservoirs').select(['code', 'area_code']).where('code', 'in', codes).execute();
    return new Map(rows.map((r) => [r.code, r.area_code]));
  }

  /**
   * The projects (of every kind) of these reservoirs, locked for the rest of the transaction (in id order: no
   * deadlock), by projectKey(reservoir code, kind).
   */
  async lockProjects(tx: Sql, codes: string[]): Promise<Map<string, ProjectState>> {
    if (codes.length === 0) return new Map();
    await tx
      .selectFrom('projects')
      .select('id')
      .where('reservoir_code', 'in', codes)
      .orderBy('id')
      .forUpdate()
      .execute();
    const { rows } = await sql<ProjectState>`
      SELECT p.id, p.kind, p.reservoir_code AS "reservoirCode", r.area_code AS county, p.stage,
        to_char(p.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(p.planned_finish, 'YYYY-MM-DD') AS "plannedFinish",
        p.progress_percent AS "progressPercent",
        (coalesce((SELECT sum(amount) FROM funding_allocations WHERE project_id = p.id), 0)
         + coalesce((SELECT sum(amount) FROM funding_transfers WHERE to_project = p.id), 0)
         - coalesce((SELECT sum(amount) FROM funding_transfers WHERE from_project = p.id), 0)
         - coalesce((SELECT sum(amount) FROM funding_expenditures WHERE project_id = p.id), 0))::numeric(16, 2)::text
          AS unspent
      FROM projects p JOIN reservoirs r ON r.code = p.reservoir_code
      WHERE p.reservoir_code = ANY(${codes}::text[])`.execute(tx);
    return new Map(rows.map((r) => [projectKey(r.reservoirCode, r.kind), r]));
  }

  async existingIds(tx: Sql, table: 'funding_allocations' | 'funding_expenditures', ids: number[]) {
    if (ids.length === 0) return new Set<number>();
    const rows = await tx.selectFrom(table).select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Applies imported schedule lines, one statement per chunk; reaching a done stage sets the actual finish,
   * leaving one clears it.
   */
  async updateProjects(tx: Sql, lines: readonly ScheduleLine[]): Promise<void> {
    for (const chunk of chunksOf(lines)) {
      await sql`
        UPDATE projects p SET stage = x.stage, progress_percent = x."progressPercent",
          planned_start = x."plannedStart", planned_finish = x."plannedFinish",
          actual_finish = CASE WHEN x.done THEN coalesce(p.actual_finish, (now() AT TIME ZONE 'Asia/Shanghai')::date) END,
          updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(id int, stage text, "progressPercent" int,
          "plannedStart" date, "plannedFinish" date, done boolean)
        WHERE p.id = x.id`.execute(tx);
    }
  }

  allocations(scope: AreaScope): Promise<AllocationLine[]> {
    return this.projectsInScope(scope)
      .innerJoin('funding_allocations as l', 'l.project_id', 'p.id')
      .select(['l.id', 'l.source', 'l.amount', isoDate('l.allocated_on').as('allocatedOn'), 'l.document'])
      .orderBy('r.area_code')
      .orderBy('r.code')
      .orderBy('p.kind')
      .orderBy('l.allocated_on')
      .orderBy('l.id')
      .execute();
  }

  expenditures(scope: AreaScope): Promise<ExpenditureLine[]> {
    return this.projectsInScope(scope)
      .innerJoin('funding_expenditures as l', 'l.project_id', 'p.id')
      .select(['l.id', 'l.amount', isoDate('l.spent_on').as('spentOn'), 'l.description'])
      .orderBy('r.area_code')
      .orderBy('r.code')
      .orderBy('p.kind')
      .orderBy('l.spent_on')
      .orderBy('l.id')
      .execute();
  }

  /** Projects in scope with their reservoir and area, for the ledger lines joined to them. */
  private projectsInScope(scope: AreaScope) {
    return this.db
      .selectFrom('projects as p')
      .innerJoin('reservoirs as r', 'r.code', 'p.reservoir_code')
      .innerJoin('areas as a', 'a.code', 'r.area_code')
      .select([
        'r.area_code as county',
        'a.name as countyName',
        'r.code as reservoirCode',
        'r.name as reservoirName',
        'p.kind',
      ])
      .where(inScope(scope, 'r.area_code'));
  }
}
