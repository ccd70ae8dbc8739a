import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { SensorModelDto } from './sensor-model.dto.js';
import { SensorModelsService } from './sensor-models.service.js';

const NO_MODEL = {
  description:
    'No such instrument, or no model: { message, reason } with reason short-history (less than a year: judged by ' +
    'thresholds only), too-few-days, constant-values, not-fitted or not-modelled (not a dam-safety instrument)',
};

@ApiTags('dam-safety')
@ApiBearerAuth()
@Controller('api/reservoirs/:code/sensors/:sensor/model')
export class SensorModelsController {
  constructor(private readonly models: SensorModelsService) {}

  @Get()
  @ApiOkResponse({ type: SensorModelDto })
  @ApiNotFoundResponse(NO_MODEL)
  get(@Scope() scope: AreaScope, @Param('code') code: string, @Param('sensor') sensor: string) {
    return this.models.get(scope, code, sensor);
  }

  /** Refits now on the instrument's history up to yesterday (the nightly refit does the same for every one). */
  @Post('fit')
  @HttpCode(200)
  @Roles('engineer')
  @ApiOkResponse({ type: SensorModelDto })
  @ApiNotFoundResponse(NO_MODEL)
  fit(@Scope() scope: AreaScope, @Param('code') code: string, @Param('sensor') sensor: string) {
    return this.models.fit(scope, code, sensor);
  }
}
