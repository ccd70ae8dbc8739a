import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { AlertsService } from './alerts.service.js';
import { AlertNoteDto, AlertQueryDto } from './dto/alert-query.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@Scope() scope: AreaScope, @Query() q: AlertQueryDto) {
    return this.alerts.list(scope, q);
  }

  @Get(':id/history')
  history(@Scope() scope: AreaScope, @Param('id') id: string) {
    return this.alerts.history(scope, id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  ack(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Param('id') id: string, @Body() body: AlertNoteDto) {
    return this.alerts.acknowledge(user, scope, id, body.note);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  resolve(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('id') id: string,
    @Body() body: AlertNoteDto,
  ) {
    return this.alerts.resolve(user, scope, id, body.note);
  }
}
