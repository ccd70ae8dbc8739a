import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';
import type { FloodEventKind } from './flood.dto.js';

@Injectable()
export class FloodRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  /** Events in scope overlapping [from, to], newest first. */
  events(scope: AreaScope, q: { kind: FloodEventKind; from: Date; to: Date; reservoir?: string; limit: number }) {
    let query = this.db
      .selectFrom('flood_events as e')
      .innerJoin('reservoirs as r', 'r.code', 'e.reservoir_code')
      .select([
        'e.id',
        'e.reservoir_code as reservoirCode',
        'r.name as reservoirName',
        'r.area_code as county',
        'e.kind',
        'e.started_at as start',
        'e.ended_at as end',
        sql<number | null>`e.duration_hours::float8`.as('durationHours'),
        sql<number>`e.threshold_level::float8`.as('thresholdLevel'),
        'e.threshold_kind as thresholdKind',
        'e.peak_level as peakLevel',
        'e.peak_at as peakAt',
        'e.excess_storage as excessStorage',
        'e.peak_discharge as peakDischarge',
        'e.notified_name as notifiedName',
        'e.notified_phone as notifiedPhone',
      ])
      .where(inScope(scope, 'r.area_code'))
      .where('e.kind', '=', q.kind)
      .where('e.started_at', '<=', q.to)
      .where((eb) => eb.or([eb('e.ended_at', 'is', null), eb('e.ended_at', '>=', q.from)]))
      .orderBy('e.started_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(q.limit);
    if (q.reservoir) query = query.where('e.reservoir_code', '=', q.reservoir);
    return query.execute();
  }
}
