import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Sql } from '../common/sql.js';

export interface ScheduleRow {
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
  scale: string;
  completionYear: number;
  damCategory: number;
  lastAppraisal: string | null;
  nextAppraisal: string;
  projectId: number | null;
}

export interface AppraisalRow {
  id: number;
  reservoirCode: string;
  appraisedOn: string;
  damCategory: number;
  conclusion: string;
  nextDue: string;
  projectId: number | null;
  recordedBy: string;
  recordedAt: Date;
}

const SCHEDULE_SELECT = `
  SELECT r.code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county, a.name AS "countyName",
    r.scale, r.completion_year AS "completionYear", r.dam_category AS "damCategory",
    to_char(r.last_appraisal, 'YYYY-MM-DD') AS "lastAppraisal", to_char(r.next_appraisal, 'YYYY-MM-DD') AS "nextAppraisal",
    p.id AS "projectId"
  FROM reservoirs r JOIN areas a ON a.code = r.area_code LEFT JOIN projects p ON p.reservoir_code = r.code AND p.kind = 'reinforcement'`;

const APPRAISAL_COLUMNS = `id, reservoir_code AS "reservoirCode", to_char(appraised_on, 'YYYY-MM-DD') AS "appraisedOn",
  dam_category AS "damCategory", conclusion, to_char(next_due, 'YYYY-MM-DD') AS "nextDue", project_id AS "projectId",
  recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

/** SQL for the appraisal schedule (on reservoirs) and its history (appraisals). */
@Injectable()
export class AppraisalsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Reservoirs whose next appraisal lies in [from, to] (either bound optional), in due order. */
  schedule(f: { areaCode: string | null; from: string | null; to: string | null }): Promise<ScheduleRow[]> {
    return this.ds.query(
      `${SCHEDULE_SELECT}
       WHERE ($1::text IS NULL OR r.area_code = $1) AND ($2::date IS NULL OR r.next_appraisal >= $2::date)
         AND ($3::date IS NULL OR r.next_appraisal <= $3::date)
       ORDER BY r.next_appraisal, r.code`,
      [f.areaCode, f.from, f.to],
    );
  }

  async reservoir(code: string, sql: Sql = this.ds): Promise<ScheduleRow | null> {
    const rows: ScheduleRow[] = await sql.query(`${SCHEDULE_SELECT} WHERE r.code = $1`, [code]);
    return rows[0] ?? null;
  }

  history(code: string): Promise<AppraisalRow[]> {
    return this.ds.query(
      `SELECT ${APPRAISAL_COLUMNS} FROM appraisals WHERE reservoir_code = $1 ORDER BY appraised_on DESC, id DESC`,
      [code],
    );
  }

  async lockReservoir(tx: EntityManager, code: string): Promise<void> {
    await tx.query(`SELECT code FROM reservoirs WHERE code = $1 FOR UPDATE`, [code]);
  }

  async insert(
    tx: EntityManager,
    a: Omit<AppraisalRow, 'id' | 'recordedAt' | 'projectId'> & { projectId: number | null },
  ): Promise<AppraisalRow> {
    const [row]: AppraisalRow[] = await tx.query(
      `INSERT INTO appraisals (reservoir_code, appraised_on, dam_category, conclusion, next_due, project_id, recorded_by)
       VALUES ($1, $2::date, $3, $4, $5::date, $6, $7) RETURNING ${APPRAISAL_COLUMNS}`,
      [a.reservoirCode, a.appraisedOn, a.damCategory, a.conclusion, a.nextDue, a.projectId, a.recordedBy],
    );
    return row!;
  }

  /** The reservoir's current state follows its latest appraisal only (an older result entered late changes nothing). */
  async updateReservoir(
    tx: EntityManager,
    code: string,
    s: { lastAppraisal: string; nextAppraisal: string; damCategory: number },
  ): Promise<void> {
    await tx.query(
      `UPDATE reservoirs SET last_appraisal = $2::date, next_appraisal = $3::date, dam_category = $4 WHERE code = $1`,
      [code, s.lastAppraisal, s.nextAppraisal, s.damCategory],
    );
  }

  async createProject(
    tx: EntityManager,
    p: { reservoirCode: string; plannedStart: string; plannedFinish: string; budget: string; basis: string },
  ): Promise<number> {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO projects (reservoir_code, stage, planned_start, planned_finish, budget, budget_basis)
       VALUES ($1, 'appraisal', $2::date, $3::date, $4::numeric, $5) RETURNING id`,
      [p.reservoirCode, p.plannedStart, p.plannedFinish, p.budget, p.basis],
    );
    return row!.id;
  }
}
