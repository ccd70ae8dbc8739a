import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { DrillStatusDto, StormDto } from './dto/storm.dto.js';
import { SimulationService } from './simulation.service.js';

/** Training and demonstrations: the simulated stations' "big storm now" switch, and storm drills played fast. */
@ApiTags('simulation')
@ApiBearerAuth()
@Controller('api/simulation')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Post('storm')
  @HttpCode(202)
  @Roles('engineer')
  @ApiAcceptedResponse({ type: DrillStatusDto, description: 'The drill started (or, without speed/drill, the storm)' })
  storm(@CurrentUser() user: AuthUser, @Body() body: StormDto): Promise<DrillStatusDto> {
    return this.simulation.storm(user, body);
  }

  @Get('storm')
  @ApiOkResponse({ type: DrillStatusDto })
  status(): Promise<DrillStatusDto> {
    return this.simulation.status();
  }
}
