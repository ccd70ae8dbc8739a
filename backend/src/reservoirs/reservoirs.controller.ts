import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scope, type AreaScope } from '../common/scope.js';
import { ReservoirListQueryDto, SeriesQueryDto } from './dto/series-query.dto.js';
import { OverviewDto, OverviewQueryDto, PointsDto, PointsQueryDto } from './dto/overview.dto.js';
import { ReservoirDetailDto, ReservoirDto, SeriesDto } from './dto/reservoir.dto.js';
import { OverviewService } from './overview.service.js';
import { ReservoirsService } from './reservoirs.service.js';

@ApiTags('reservoirs')
@ApiBearerAuth()
@Controller('api/reservoirs')
export class ReservoirsController {
  constructor(
    private readonly reservoirs: ReservoirsService,
    private readonly overviews: OverviewService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ReservoirDto] })
  list(@Scope() scope: AreaScope, @Query() q: ReservoirListQueryDto) {
    return this.reservoirs.list(scope, q.county);
  }

  // Before ':code', which would take "overview" and "points" for reservoir codes.
  @Get('overview')
  @ApiOperation({ summary: 'The overview first screen: one page of compact rows, every area summed' })
  @ApiOkResponse({ type: OverviewDto })
  overview(@Scope() scope: AreaScope, @Query() q: OverviewQueryDto) {
    return this.overviews.overview(scope, q);
  }

  @Get('points')
  @ApiOperation({ summary: 'Every reservoir in scope as map points (flat arrays)' })
  @ApiOkResponse({ type: PointsDto })
  async points(@Scope() scope: AreaScope, @Query() q: PointsQueryDto, @Req() req: Request, @Res() res: Response) {
    await (await this.overviews.points(scope, q.area)).send(req, res);
  }

  @Get(':code')
  @ApiOkResponse({ type: ReservoirDetailDto })
  detail(@Scope() scope: AreaScope, @Param('code') code: string) {
    return this.reservoirs.detail(scope, code);
  }

  @Get(':code/series')
  @ApiOkResponse({ type: SeriesDto })
  series(@Scope() scope: AreaScope, @Param('code') code: string, @Query() q: SeriesQueryDto) {
    return this.reservoirs.series(scope, code, q);
  }
}
