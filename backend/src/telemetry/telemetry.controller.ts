import { Controller, Get, Header, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RejectQueryDto } from './reject-query.dto.js';
import { TelemetryRepository } from './telemetry.repository.js';

@ApiTags('telemetry')
@Controller()
export class TelemetryController {
  constructor(
    private readonly telemetry: TelemetryRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** What ingest refused and why, newest first, for engineers chasing a misbehaving station. */
  @Get('api/ingest/rejects')
  @ApiBearerAuth()
  @Roles('engineer')
  rejects(@Scope() scope: AreaScope, @Query() q: RejectQueryDto) {
    return this.telemetry.rejects(scope, q);
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
