import { Injectable } from '@nestjs/common';
import { inScope, type AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';
import type { RejectQueryDto } from './reject-query.dto.js';

/** SQL for the reject log. */
@Injectable()
export class TelemetryRepository {
  constructor(@InjectDb() private readonly db: Sql) {}

  /** What ingest refused and why, newest first (a reject of no known reservoir is in nobody's area but the city's). */
  rejects(scope: AreaScope, q: RejectQueryDto) {
    let query = this.db
      .selectFrom('reject_log as l')
      .leftJoin('reservoirs as r', 'r.code', 'l.reservoir_code')
      .select([
        'l.id',
        'l.received_at as receivedAt',
        'l.topic',
        'l.reservoir_code as reservoirCode',
        'l.reason',
        'l.detail',
        'l.payload',
      ])
      .where(inScope(scope, 'r.area_code'));
    if (q.reason) query = query.where('l.reason', '=', q.reason);
    if (q.reservoir) query = query.where('l.reservoir_code', '=', q.reservoir);
    return query
      .orderBy('l.id', 'desc')
      .limit(q.limit ?? 100)
      .execute();
  }
}
