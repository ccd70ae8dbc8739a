import { Body, Controller, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../common/decorators.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';

export class StormDto {
  @ApiPropertyOptional({ description: 'Storm centre longitude (default: the middle of the stations)' })
  @IsOptional()
  @IsNumber()
  @Min(108)
  @Max(116)
  lon?: number;

  @ApiPropertyOptional({ description: 'Storm centre latitude' })
  @IsOptional()
  @IsNumber()
  @Min(23)
  @Max(29)
  lat?: number;
}

/** Training and demonstrations: the simulated stations' "big storm now" switch. */
@ApiTags('simulation')
@ApiBearerAuth()
@Controller('api/simulation')
export class SimulationController {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  @Post('storm')
  @HttpCode(202)
  @Roles('engineer')
  storm(@Body() body: StormDto) {
    const simulator = this.runtime.simulator;
    if (!simulator) throw new NotFoundException('No simulated stations run in this process (SIMULATE=0)');
    const centre = body.lon !== undefined && body.lat !== undefined ? { lon: body.lon, lat: body.lat } : undefined;
    simulator.bigStormNow(centre);
    return { started: true, simulatedTime: simulator.time.toISOString(), centre: centre ?? 'stations centre' };
  }
}
