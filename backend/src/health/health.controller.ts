import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { checkHealth } from '@yz/platform';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { InjectDb, type Sql } from '../common/sql.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @InjectDb() private readonly db: Sql,
  ) {}

  /**
   * `ok` (200) when the database answers within its deadline, the broker is connected and the in-process ingest
   * commits what it receives; otherwise 503 with `degraded` or `unavailable` and the reasons.
   */
  @Public()
  @Get()
  async health() {
    const report = await checkHealth({
      db: this.db,
      brokerConnected: this.runtime.brokerConnected,
      pipeline: this.runtime.ingest?.pipeline,
    });
    const body = { ...report, timescale: this.runtime.timescale, embedded: this.runtime.embedded };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
