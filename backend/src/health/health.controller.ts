import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Public()
  @Get()
  async health() {
    const database = await this.runtime.dataSource
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
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
