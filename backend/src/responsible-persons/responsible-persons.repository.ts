import { chunksOf } from '@yz/platform';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, isoDateOrNull, type Sql } from '../common/sql.js';
import type { PersonRole, PersonRow } from './person-roles.js';

/** A role at a reservoir: who holds it is one row. */
export interface PersonKey {
  code: string;
  role: PersonRole;
}

export interface PersonValues {
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

/** SQL for the responsible persons (one row per reservoir and role). */
@Injectable()
export class ResponsiblePersonsRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  private select(db: Sql) {
    return db
      .selectFrom('responsible_persons as p')
      .innerJoin('reservoirs as r', 'r.code', 'p.reservoir_code')
      .innerJoin('areas as a', 'a.code', 'r.area_code')
      .select([
        'r.code as reservoirCode',
        'r.name as reservoirName',
        'r.area_code as county',
        'a.name as countyName',
        'p.role',
        'p.name',
        'p.phone',
        'p.trained',
        isoDateOrNull('p.trained_on').as('trainedOn'),
      ]);
  }

  list(f: { scope: AreaScope; trained: boolean | null }): Promise<PersonRow[]> {
    let query = this.select(this.db).where(inScope(f.scope, 'r.area_code'));
    if (f.trained !== null) query = query.where('p.trained', '=', f.trained);
    return query
      .orderBy('r.area_code')
      .orderBy('r.code')
      .orderBy(sql`array_position(ARRAY['government', 'department', 'management', 'patrol'], p.role)`)
      .execute();
  }

  async find(code: string, role: PersonRole, db: Sql = this.db): Promise<PersonRow | null> {
    return (await this.findMany([{ code, role }], db))[0] ?? null;
  }

  /** The persons holding these roles at these reservoirs (those recorded), one query. */
  findMany(keys: readonly PersonKey[], db: Sql = this.db): Promise<PersonRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    const codes = keys.map((k) => k.code);
    const roles = keys.map((k) => k.role);
    return this.select(db)
      .where(sql<boolean>`(p.reservoir_code, p.role) IN (SELECT * FROM unnest(${codes}::text[], ${roles}::text[]))`)
      .execute();
  }

  /** Inserts or replaces the persons holding these roles (UNIQUE reservoir_code, role), a statement per chunk. */
  async upsertMany(tx: Sql, persons: readonly (PersonKey & { values: PersonValues })[]): Promise<void> {
    for (const chunk of chunksOf(persons)) {
      await tx
        .insertInto('responsible_persons')
        .values(
          chunk.map(({ code, role, values: v }) => ({
            reservoir_code: code,
            role,
            name: v.name,
            phone: v.phone,
            trained: v.trained,
            trained_on: v.trainedOn,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['reservoir_code', 'role']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            phone: eb.ref('excluded.phone'),
            trained: eb.ref('excluded.trained'),
            trained_on: eb.ref('excluded.trained_on'),
          })),
        )
        .execute();
    }
  }
}
