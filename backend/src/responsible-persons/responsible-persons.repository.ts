import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Sql } from '../common/sql.js';
import type { PersonRole, PersonRow } from './person-roles.js';

const PERSON_SELECT = `
  SELECT r.code AS "reservoirCode", r.name AS "reservoirName", r.area_code AS county, a.name AS "countyName",
    p.role, p.name, p.phone, p.trained, to_char(p.trained_on, 'YYYY-MM-DD') AS "trainedOn"
  FROM responsible_persons p JOIN reservoirs r ON r.code = p.reservoir_code JOIN areas a ON a.code = r.area_code`;

const ROLE_ORDER = `array_position(ARRAY['government', 'department', 'management', 'patrol'], p.role)`;

export interface PersonValues {
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

/** SQL for the responsible persons (one row per reservoir and role). */
@Injectable()
export class ResponsiblePersonsRepository {
  constructor(@InjectDataSource() readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  list(f: { areaCode: string | null; trained: boolean | null }): Promise<PersonRow[]> {
    return this.ds.query(
      `${PERSON_SELECT}
       WHERE ($1::text IS NULL OR r.area_code = $1) AND ($2::boolean IS NULL OR p.trained = $2)
       ORDER BY r.area_code, r.code, ${ROLE_ORDER}`,
      [f.areaCode, f.trained],
    );
  }

  async find(code: string, role: PersonRole, sql: Sql = this.ds): Promise<PersonRow | null> {
    const rows: PersonRow[] = await sql.query(`${PERSON_SELECT} WHERE p.reservoir_code = $1 AND p.role = $2`, [
      code,
      role,
    ]);
    return rows[0] ?? null;
  }

  /** Inserts or replaces the person holding a role (UNIQUE reservoir_code, role). */
  async upsert(tx: EntityManager, code: string, role: PersonRole, v: PersonValues): Promise<void> {
    await tx.query(
      `INSERT INTO responsible_persons (reservoir_code, role, name, phone, trained, trained_on)
       VALUES ($1, $2, $3, $4, $5, $6::date)
       ON CONFLICT (reservoir_code, role) DO UPDATE
         SET name = EXCLUDED.name, phone = EXCLUDED.phone, trained = EXCLUDED.trained, trained_on = EXCLUDED.trained_on`,
      [code, role, v.name, v.phone, v.trained, v.trainedOn],
    );
  }
}
