import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { FloodEventDto, FloodOutlookDto } from './flood-response.dto.js';
import { loadFloodReservoirs, outlookOf } from '@yz/platform';
import { reservoirInScope } from '../common/reservoir-in-scope.js';
import type { AreaScope } from '../common/scope.js';
import { InjectDb, type Sql } from '../common/sql.js';
import type { FloodEventsQueryDto } from './flood.dto.js';
import { FloodRepository } from './flood.repository.js';

const DAY_MS = 86_400_000;

/** Where a reservoir is going (the outlook) and where the reservoirs have been (the events). */
@Injectable()
export class FloodService {
  constructor(
    @InjectDb() private readonly db: Sql,
    private readonly repo: FloodRepository,
  ) {}

  async outlook(scope: AreaScope, code: string, now = new Date()): Promise<FloodOutlookDto> {
    if (!(await reservoirInScope(this.db, scope, code))) throw new NotFoundException(`Reservoir ${code} not found`);
    const [reservoir] = await loadFloodReservoirs(this.db, [code]);
    return outlookOf(this.db, reservoir, now);
  }

  async events(scope: AreaScope, q: FloodEventsQueryDto, now = new Date()): Promise<FloodEventDto[]> {
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (!(from < to)) throw new BadRequestException('from must be before to');
    const rows = await this.repo.events(scope.narrow(q.county), {
      kind: q.kind ?? 'flood_limit',
      from,
      to,
      reservoir: q.reservoir,
      limit: q.limit ?? 200,
    });
    return rows.map(({ notifiedName, notifiedPhone, ...e }) => ({
      ...e,
      notified: notifiedName === null ? null : { name: notifiedName, phone: notifiedPhone },
    }));
  }
}
