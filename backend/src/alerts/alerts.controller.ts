import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { AlertsService } from './alerts.service.js';
import { AlertNoteDto, AlertQueryDto } from './dto/alert-query.dto.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: AlertQueryDto) {
    return this.alerts.list(user, q);
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.alerts.history(user, id);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  ack(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: AlertNoteDto) {
    return this.alerts.acknowledge(user, id, body.note);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('duty_officer', 'engineer')
  resolve(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: AlertNoteDto) {
    return this.alerts.resolve(user, id, body.note);
  }
}
