import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { RuleOverrides } from '@yz/domain';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { AlertRulesService } from './alert-rules.service.js';
import { RuleOverridesPipe } from './rule-overrides.pipe.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/reservoirs/:code/alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  get(@Scope() scope: AreaScope, @Param('code') code: string) {
    return this.rules.get(scope, code);
  }

  @Put()
  @Roles('engineer')
  @ApiBody({
    description:
      'Any subset of { waterLevel, waterLevelRise, rain, sensor, station } settings, e.g. { "waterLevelRise": { "ratePerHour": 0.5 } }',
  })
  set(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('code') code: string,
    @Body(RuleOverridesPipe) overrides: RuleOverrides,
  ) {
    return this.rules.set(user, scope, code, overrides);
  }

  @Delete()
  @Roles('engineer')
  clear(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Param('code') code: string) {
    return this.rules.clear(user, scope, code);
  }
}
