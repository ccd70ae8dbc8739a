import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { databaseAnswers } from '@yz/platform';
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

  @Public()
  @Get()
  async health() {
    const database = (await databaseAnswers(this.db)) ? ('up' as const) : ('down' as const);
    const broker = this.runtime.brokerConnected() ? ('up' as const) : ('down' as const);
    const body = {
      status: database === 'up' && broker === 'up' ? 'ok' : 'unavailable',
      database,
      broker,
      timescale: this.runtime.timescale,
      embedded: this.runtime.embedded,
    };
    if (body.status !== 'ok') throw new ServiceUnavailableException(body);
    return body;
  }
}
