import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Sql } from '../common/sql.js';
import type { HazardSource, HazardStatus, Severity } from './hazard-rules.js';

export interface HazardValues {
  reservoirCode: string;
  foundOn: string;
  foundBy: string;
  source: HazardSource;
  locationOnDam: string;
  description: string;
  severity: Severity;
  rectificationDeadline: string;
  status: HazardStatus;
  closedOn: string | null;
  closingEvidence: string | null;
  closedBy: string | null;
}

export interface HazardRow extends HazardValues {
  id: number;
  reservoirName: string;
  county: string;
  countyName: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const HAZARD_SELECT = `
  SELECT h.id, h.reservoir_code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county,
    a.name AS "countyName", to_char(h.found_on, 'YYYY-MM-DD') AS "foundOn", h.found_by AS "foundBy", h.source,
    h.location_on_dam AS "locationOnDam", h.description, h.severity,
    to_char(h.rectification_deadline, 'YYYY-MM-DD') AS "rectificationDeadline", h.status,
    to_char(h.closed_on, 'YYYY-MM-DD') AS "closedOn", h.closing_evidence AS "closingEvidence", h.closed_by AS "closedBy",
    h.created_by AS "createdBy", h.created_at AS "createdAt", h.updated_at AS "updatedAt"
  FROM hazards h JOIN reservoirs r ON r.code = h.reservoir_code JOIN areas a ON a.code = r.area_code`;

/** SQL for the hazard ledger; the rules are in the service. */
@Injectable()
export class HazardsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** overdueBefore: only hazards not closed whose deadline is before this date. */
  list(f: {
    areaCode: string | null;
    status: HazardStatus | null;
    reservoirCode: string | null;
    overdueBefore: string | null;
    notOverdueFrom: string | null;
  }): Promise<HazardRow[]> {
    return this.ds.query(
      `${HAZARD_SELECT}
       WHERE ($1::text IS NULL OR r.area_code = $1) AND ($2::text IS NULL OR h.status = $2)
         AND ($3::text IS NULL OR h.reservoir_code = $3)
         AND ($4::date IS NULL OR (h.status <> 'closed' AND h.rectification_deadline < $4::date))
         AND ($5::date IS NULL OR h.status = 'closed' OR h.rectification_deadline >= $5::date)
       ORDER BY h.rectification_deadline, h.id`,
      [f.areaCode, f.status, f.reservoirCode, f.overdueBefore, f.notOverdueFrom],
    );
  }

  async find(id: number, sql: Sql = this.ds): Promise<HazardRow | null> {
    const rows: HazardRow[] = await sql.query(`${HAZARD_SELECT} WHERE h.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async lock(tx: EntityManager, id: number): Promise<void> {
    await tx.query(`SELECT id FROM hazards WHERE id = $1 FOR UPDATE`, [id]);
  }

  async insert(tx: EntityManager, h: HazardValues, by: string): Promise<number> {
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO hazards (reservoir_code, found_on, found_by, source, location_on_dam, description, severity,
         rectification_deadline, status, closed_on, closing_evidence, closed_by, created_by)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8::date, $9, $10::date, $11, $12, $13) RETURNING id`,
      [...values(h), by],
    );
    return row!.id;
  }

  async update(tx: EntityManager, id: number, h: HazardValues): Promise<void> {
    await tx.query(
      `UPDATE hazards SET reservoir_code = $1, found_on = $2::date, found_by = $3, source = $4, location_on_dam = $5,
         description = $6, severity = $7, rectification_deadline = $8::date, status = $9, closed_on = $10::date,
         closing_evidence = $11, closed_by = $12, updated_at = now()
       WHERE id = $13`,
      [...values(h), id],
    );
  }
}

function values(h: HazardValues): unknown[] {
  return [
    h.reservoirCode,
    h.foundOn,
    h.foundBy,
    h.source,
    h.locationOnDam,
    h.description,
    h.severity,
    h.rectificationDeadline,
    h.status,
    h.closedOn,
    h.closingEvidence,
    h.closedBy,
  ];
}
