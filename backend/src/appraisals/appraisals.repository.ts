import { Injectable } from '@nestjs/common';
import { lockRows } from '../common/row-lock.js';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, isoDate, isoDateOrNull, type Sql } from '../common/sql.js';

export interface AppraisalValues {
  reservoirCode: string;
  appraisedOn: string;
  damCategory: number;
  conclusion: string;
  nextDue: string;
  projectId: number | null;
  recordedBy: string;
}

const APPRAISAL_COLUMNS = [
  'id',
  'reservoir_code as reservoirCode',
  isoDate('appraised_on').as('appraisedOn'),
  'dam_category as damCategory',
  'conclusion',
  isoDate('next_due').as('nextDue'),
  'project_id as projectId',
  'recorded_by as recordedBy',
  'recorded_at as recordedAt',
] as const;

/** SQL for the appraisal schedule (on reservoirs) and its history (appraisals). */
@Injectable()
export class AppraisalsRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  private selectSchedule(db: Sql, scope: AreaScope) {
    return db
      .selectFrom('reservoirs as r')
      .innerJoin('areas as a', 'a.code', 'r.area_code')
      .leftJoin('projects as p', (join) =>
        join.onRef('p.reservoir_code', '=', 'r.code').on('p.kind', '=', 'reinforcement'),
      )
      .select([
        'r.code as reservoirCode',
        'r.name as reservoirName',
        'r.area_code as county',
        'a.name as countyName',
        'r.scale',
        'r.completion_year as completionYear',
        'r.dam_category as damCategory',
        isoDateOrNull('r.last_appraisal').as('lastAppraisal'),
        isoDate('r.next_appraisal').as('nextAppraisal'),
        'p.id as projectId',
      ])
      .where(inScope(scope, 'r.area_code'));
  }

  /** Reservoirs in scope whose next appraisal lies in [from, to] (either bound optional), in due order. */
  schedule(f: { scope: AreaScope; from: string | null; to: string | null }) {
    let query = this.selectSchedule(this.db, f.scope);
    if (f.from !== null) query = query.where('r.next_appraisal', '>=', f.from);
    if (f.to !== null) query = query.where('r.next_appraisal', '<=', f.to);
    return query.orderBy('r.next_appraisal').orderBy('r.code').execute();
  }

  /** One reservoir's schedule, when it is in scope (inside a transaction, pass it). */
  async reservoir(scope: AreaScope, code: string, db: Sql = this.db): Promise<ScheduleRow | null> {
    return (await this.selectSchedule(db, scope).where('r.code', '=', code).executeTakeFirst()) ?? null;
  }

  history(code: string) {
    return this.db
      .selectFrom('appraisals')
      .select(APPRAISAL_COLUMNS)
      .where('reservoir_code', '=', code)
      .orderBy('appraised_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  lockReservoir(tx: Sql, code: string): Promise<void> {
    return lockRows(tx, 'reservoirs', [code]);
  }

  insert(tx: Sql, a: AppraisalValues) {
    return tx
      .insertInto('appraisals')
      .values({
        reservoir_code: a.reservoirCode,
        appraised_on: a.appraisedOn,
        dam_category: a.damCategory,
        conclusion: a.conclusion,
        next_due: a.nextDue,
        project_id: a.projectId,
        recorded_by: a.recordedBy,
      })
      .returning(APPRAISAL_COLUMNS)
      .executeTakeFirstOrThrow();
  }

  /** The reservoir's current state follows its latest appraisal only (an older result entered late changes nothing). */
  async updateReservoir(
    tx: Sql,
    code: string,
    s: { lastAppraisal: string; nextAppraisal: string; damCategory: number },
  ): Promise<void> {
    await tx
      .updateTable('reservoirs')
      .set({ last_appraisal: s.lastAppraisal, next_appraisal: s.nextAppraisal, dam_category: s.damCategory })
      .where('code', '=', code)
      .execute();
  }

  async createProject(
    tx: Sql,
    p: {
      reservoirCode: string;
      plannedStart: string;
      plannedFinish: string;
      budget: string;
      basis: 'standard' | 'approved_estimate';
    },
  ): Promise<number> {
    const row = await tx
      .insertInto('projects')
      .values({
        reservoir_code: p.reservoirCode,
        stage: 'appraisal',
        planned_start: p.plannedStart,
        planned_finish: p.plannedFinish,
        budget: p.budget,
        budget_basis: p.basis,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}

export type ScheduleRow = Awaited<ReturnType<AppraisalsRepository['schedule']>>[number];
