import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser, Roles } from '../common/decorators.js';
import { Scope, type AreaScope } from '../common/scope.js';
import { CloseHazardDto, CreateHazardDto, HazardDto, HazardListQueryDto } from './hazards.dto.js';
import { HazardsService } from './hazards.service.js';

/** Engineers record and close hazards; everyone signed in (planners, duty officers) reads the ledger. */
@ApiTags('hazards')
@ApiBearerAuth()
@Controller('api/hazards')
export class HazardsController {
  constructor(private readonly hazards: HazardsService) {}

  @Get()
  @ApiOperation({ summary: 'The hazard ledger (隐患台账), by rectification deadline' })
  @ApiOkResponse({ type: [HazardDto] })
  list(@Scope() scope: AreaScope, @Query() q: HazardListQueryDto) {
    return this.hazards.list(scope, q);
  }

  @Post()
  @Roles('engineer')
  @ApiOperation({ summary: 'Record a hazard found on a dam' })
  @ApiCreatedResponse({ type: HazardDto })
  create(@CurrentUser() user: AuthUser, @Scope() scope: AreaScope, @Body() dto: CreateHazardDto) {
    return this.hazards.create(user, scope, dto);
  }

  @Post(':id/close')
  @Roles('engineer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a rectified hazard with its evidence (对账销号)' })
  @ApiOkResponse({ type: HazardDto })
  close(
    @CurrentUser() user: AuthUser,
    @Scope() scope: AreaScope,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: CloseHazardDto,
  ) {
    return this.hazards.close(user, scope, id, dto);
  }
}
