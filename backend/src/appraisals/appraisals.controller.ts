import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import {
  AppraisalHistoryDto,
  AppraisalListQueryDto,
  AppraisalRecordedDto,
  AppraisalScheduleDto,
  RecordAppraisalDto,
} from './appraisals.dto.js';
import { AppraisalsService } from './appraisals.service.js';

/** Everyone signed in reads the schedule; planners and engineers record results. */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller('api/appraisals')
export class AppraisalsController {
  constructor(private readonly appraisals: AppraisalsService) {}

  @Get()
  @ApiOperation({ summary: 'Safety-appraisal (安全鉴定) schedule per reservoir, in due order' })
  @ApiOkResponse({ type: [AppraisalScheduleDto] })
  schedule(@Scope() scope: AreaScope, @Query() q: AppraisalListQueryDto) {
    return this.appraisals.schedule(scope, q);
  }

  @Get(':code')
  @ApiOperation({ summary: "One reservoir's schedule and appraisal history" })
  @ApiOkResponse({ type: AppraisalHistoryDto })
  history(@Scope() scope: AreaScope, @Param('code') code: string) {
    return this.appraisals.history(scope, code);
  }

  @Post()
  @Roles('planner', 'engineer')
  @ApiOperation({
    summary: 'Record an appraisal result; a category-3 result opens a reinforcement project when there is none',
  })
  @ApiCreatedResponse({ type: AppraisalRecordedDto })
  record(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Body() dto: RecordAppraisalDto) {
    return this.appraisals.record(user, scope, dto);
  }
}
