import { chunksOf } from '@yz/platform';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Page } from '../common/paging.js';
import { insertMany } from '../common/bulk-write.js';
import { lockRows } from '../common/row-lock.js';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, isoDate, isoDateOrNull, type Sql } from '../common/sql.js';
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

/** Hazards in scope with their reservoir and area. */
function selectHazards(db: Sql, scope: AreaScope) {
  return db
    .selectFrom('hazards as h')
    .innerJoin('reservoirs as r', 'r.code', 'h.reservoir_code')
    .innerJoin('areas as a', 'a.code', 'r.area_code')
    .select([
      'h.id',
      'h.reservoir_code as reservoirCode',
      'r.name as reservoirName',
      'r.area_code as county',
      'a.name as countyName',
      isoDate('h.found_on').as('foundOn'),
      'h.found_by as foundBy',
      'h.source',
      'h.location_on_dam as locationOnDam',
      'h.description',
      'h.severity',
      isoDate('h.rectification_deadline').as('rectificationDeadline'),
      'h.status',
      isoDateOrNull('h.closed_on').as('closedOn'),
      'h.closing_evidence as closingEvidence',
      'h.closed_by as closedBy',
      'h.created_by as createdBy',
      'h.created_at as createdAt',
      'h.updated_at as updatedAt',
    ])
    .where(inScope(scope, 'r.area_code'));
}

export type HazardRow = Awaited<ReturnType<ReturnType<typeof selectHazards>['executeTakeFirstOrThrow']>>;

/** SQL for the hazard ledger; the rules are in the service. */
@Injectable()
export class HazardsRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** overdueBefore: only hazards not closed whose deadline is before this date; notOverdueFrom: the others. */
  list(f: {
    scope: AreaScope;
    status: HazardStatus | null;
    reservoirCode: string | null;
    overdueBefore: string | null;
    notOverdueFrom: string | null;
    /** null: every row (the ledger export). */
    page: Page | null;
  }) {
    let query = selectHazards(this.db, f.scope);
    if (f.status !== null) query = query.where('h.status', '=', f.status);
    if (f.reservoirCode !== null) query = query.where('h.reservoir_code', '=', f.reservoirCode);
    if (f.overdueBefore !== null) {
      query = query.where('h.status', '<>', 'closed').where('h.rectification_deadline', '<', f.overdueBefore);
    }
    if (f.notOverdueFrom !== null) {
      const from = f.notOverdueFrom;
      query = query.where((eb) => eb.or([eb('h.status', '=', 'closed'), eb('h.rectification_deadline', '>=', from)]));
    }
    query = query.orderBy('h.rectification_deadline').orderBy('h.id');
    if (f.page) query = query.limit(f.page.limit).offset(f.page.offset);
    return query.execute();
  }

  /** One hazard in scope, or null (inside a transaction, pass it). */
  async find(scope: AreaScope, id: number, db: Sql = this.db): Promise<HazardRow | null> {
    return (await selectHazards(db, scope).where('h.id', '=', id).executeTakeFirst()) ?? null;
  }

  lock(tx: Sql, ids: readonly number[]): Promise<void> {
    return lockRows(tx, 'hazards', ids);
  }

  /** Hazards in scope among these ids (inside a transaction, pass it). */
  findMany(scope: AreaScope, ids: readonly number[], db: Sql = this.db): Promise<HazardRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return selectHazards(db, scope)
      .where(sql<boolean>`h.id = ANY(${[...ids]}::int[])`)
      .execute();
  }

  /** Inserts hazards, a multi-row statement per chunk; their ids in the order given. */
  async insertMany(tx: Sql, rows: readonly HazardValues[], by: string): Promise<number[]> {
    return insertMany(
      tx,
      'hazards',
      rows.map((h) => ({ ...columns(h), created_by: by })),
    );
  }

  /** Updates hazards, one statement per chunk (the new values as a JSON record set). */
  async updateMany(tx: Sql, rows: readonly { id: number; values: HazardValues }[]): Promise<void> {
    for (const chunk of chunksOf(rows)) {
      const records = JSON.stringify(chunk.map((r) => ({ id: r.id, ...columns(r.values) })));
      await sql`
        UPDATE hazards h SET reservoir_code = x.reservoir_code, found_on = x.found_on, found_by = x.found_by,
          source = x.source, location_on_dam = x.location_on_dam, description = x.description, severity = x.severity,
          rectification_deadline = x.rectification_deadline, status = x.status, closed_on = x.closed_on,
          closing_evidence = x.closing_evidence, closed_by = x.closed_by, updated_at = now()
        FROM jsonb_to_recordset(${records}::jsonb) AS x(id int, reservoir_code text, found_on date, found_by text,
          source text, location_on_dam text, description text, severity text, rectification_deadline date,
          status text, closed_on date, closing_evidence text, closed_by text)
        WHERE h.id = x.id`.execute(tx);
    }
  }
}

function columns(h: HazardValues) {
  return {
    reservoir_code: h.reservoirCode,
    found_on: h.foundOn,
    found_by: h.foundBy,
    source: h.source,
    location_on_dam: h.locationOnDam,
    description: h.description,
    severity: h.severity,
    rectification_deadline: h.rectificationDeadline,
    status: h.status,
    closed_on: h.closedOn,
    closing_evidence: h.closingEvidence,
    closed_by: h.closedBy,
  };
}
