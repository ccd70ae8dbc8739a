import { Controller, Get, Header, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Public, Roles } from '../common/decorators.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RejectQueryDto } from './reject-query.dto.js';

@ApiTags('telemetry')
@Controller()
export class TelemetryController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** What ingest refused and why, newest first, for engineers chasing a misbehaving station. */
  @Get('api/ingest/rejects')
  @ApiBearerAuth()
  @Roles('engineer')
  rejects(@CurrentUser() user: AuthUser, @Query() q: RejectQueryDto) {
    return this.ds.query(
      `SELECT l.id::text, l.received_at AS "receivedAt", l.topic, l.reservoir_code AS "reservoirCode", l.reason,
              l.detail, l.payload
       FROM reject_log l LEFT JOIN reservoirs r ON r.code = l.reservoir_code
       WHERE ($1::text IS NULL OR r.area_code = $1) AND ($2::text IS NULL OR l.reason = $2)
         AND ($3::text IS NULL OR l.reservoir_code = $3)
       ORDER BY l.id DESC LIMIT $4`,
      [user.areaCode, q.reason ?? null, q.reservoir ?? null, q.limit ?? 100],
    );
  }

  /** Prometheus metrics of the in-process ingest. */
  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    if (!this.runtime.ingest) throw new NotFoundException('No ingest runs in this process');
    return this.runtime.ingest.metrics();
  }
}
