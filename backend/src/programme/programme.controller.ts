import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import {
  AllocationDto,
  ExpenditureDto,
  FundingSummaryQueryDto,
  ProjectListQueryDto,
  StageChangeDto,
  TransferDto,
} from './dto/programme.dto.js';
import { FundingRowDto, ProjectDetailDto, ProjectDto } from './dto/project.dto.js';
import { ProgrammeService } from './programme.service.js';

/** Everyone signed in reads the programme; planners (and admin) change it. */
@ApiTags('programme')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get()
  @ApiOperation({
    summary:
      'Projects with funding totals, share check and schedule flags: reinforcement (除险加固) by default; ' +
      'kind=telemetry|dam_monitoring|all for telemetry (雨水情测报) and dam-safety monitoring (大坝安全监测) construction',
  })
  @ApiOkResponse({ type: [ProjectDto] })
  list(@Scope() scope: AreaScope, @Query() q: ProjectListQueryDto) {
    return this.programme.list(scope, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One project with its stage history and ledger entries' })
  @ApiOkResponse({ type: ProjectDetailDto })
  detail(@Scope() scope: AreaScope, @Param('id', ParseIntPipe) id: number) {
    return this.programme.detail(scope, id);
  }

  @Patch(':id/stage')
  @Roles('planner')
  @ApiOperation({ summary: 'Move to another stage; skipping a stage or going back needs a reason' })
  @ApiOkResponse({ type: ProjectDto })
  changeStage(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: StageChangeDto,
  ) {
    return this.programme.changeStage(user, scope, id, dto);
  }

  @Post(':id/allocations')
  @Roles('planner')
  @ApiOperation({ summary: 'Record funds allocated to the project by a source' })
  @ApiCreatedResponse({ type: ProjectDto })
  addAllocation(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: AllocationDto,
  ) {
    return this.programme.addAllocation(user, scope, id, dto);
  }

  @Post(':id/expenditures')
  @Roles('planner')
  @ApiOperation({ summary: 'Record funds spent (at most the unspent allocation)' })
  @ApiCreatedResponse({ type: ProjectDto })
  addExpenditure(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: ExpenditureDto,
  ) {
    return this.programme.addExpenditure(user, scope, id, dto);
  }
}

@ApiTags('programme')
@ApiBearerAuth()
@Controller('api/funding')
export class FundingController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'Budget, allocations by source and spending per county, year of planned start, source or kind ' +
      '(of reinforcement projects unless kind= says otherwise)',
  })
  @ApiOkResponse({ type: [FundingRowDto] })
  summary(@Scope() scope: AreaScope, @Query() q: FundingSummaryQueryDto) {
    return this.programme.summary(scope, q);
  }

  @Post('transfers')
  @Roles('planner')
  @HttpCode(201)
  @ApiOperation({ summary: 'Re-allocate unspent funds between two projects of the same kind and county-level area' })
  transfer(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Body() dto: TransferDto) {
    return this.programme.transfer(user, scope, dto);
  }
}
