import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { AlertsService } from './alerts.service.js';
import { AlertNotificationDto, BulkAckDto, BulkAckResultDto } from './dto/alert-bulk.dto.js';
import { AlertNoteDto, AlertQueryDto } from './dto/alert-query.dto.js';
import { AlertDto, AlertEventDto } from './dto/alert.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOkResponse({ type: [AlertDto] })
  list(@Scope() scope: AreaScope, @Query() q: AlertQueryDto) {
    return this.alerts.list(scope, q);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: [AlertEventDto] })
  history(@Scope() scope: AreaScope, @Param('id') id: string) {
    return this.alerts.history(scope, id);
  }

  @Get(':id/notifications')
  @ApiOkResponse({ type: [AlertNotificationDto] })
  notifications(@Scope() scope: AreaScope, @Param('id') id: string): Promise<AlertNotificationDto[]> {
    return this.alerts.notifications(scope, id);
  }

  /** Acknowledges several alerts with one note; each is checked on its own (area, state) and failures listed. */
  @Post('ack')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  @ApiOkResponse({ type: BulkAckResultDto })
  ackMany(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Body() body: BulkAckDto) {
    return this.alerts.acknowledgeMany(user, scope, body.ids, body.note);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  @ApiOkResponse({ type: AlertDto })
  ack(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Param('id') id: string, @Body() body: AlertNoteDto) {
    return this.alerts.acknowledge(user, scope, id, body.note);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  @ApiOkResponse({ type: AlertDto })
  resolve(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('id') id: string,
    @Body() body: AlertNoteDto,
  ) {
    return this.alerts.resolve(user, scope, id, body.note);
  }
}
