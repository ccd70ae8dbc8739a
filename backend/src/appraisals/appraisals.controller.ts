import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { AppraisalListQueryDto, RecordAppraisalDto } from './appraisals.dto.js';
import { AppraisalsService } from './appraisals.service.js';

/** Everyone signed in reads the schedule; planners and engineers record results. */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller('api/appraisals')
export class AppraisalsController {
  constructor(private readonly appraisals: AppraisalsService) {}

  @Get()
  @ApiOperation({ summary: 'Safety-appraisal (安全鉴定) schedule per reservoir, in due order' })
  schedule(@CurrentUser() user: AuthUser, @Query() q: AppraisalListQueryDto) {
    return this.appraisals.schedule(user, q);
  }

  @Get(':code')
  @ApiOperation({ summary: "One reservoir's schedule and appraisal history" })
  history(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.appraisals.history(user, code);
  }

  @Post()
  @Roles('planner', 'engineer')
  @ApiOperation({
    summary: 'Record an appraisal result; a category-3 result opens a reinforcement project when there is none',
  })
  record(@CurrentUser() user: AuthUser, @Body() dto: RecordAppraisalDto) {
    return this.appraisals.record(user, dto);
  }
}
