import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scope, type AreaScope } from '../common/scope.js';
import { ReservoirListQueryDto, SeriesQueryDto } from './dto/series-query.dto.js';
import { ReservoirsService } from './reservoirs.service.js';

@ApiTags('reservoirs')
@ApiBearerAuth()
@Controller('api/reservoirs')
export class ReservoirsController {
  constructor(private readonly reservoirs: ReservoirsService) {}

  @Get()
  list(@Scope() scope: AreaScope, @Query() q: ReservoirListQueryDto) {
    return this.reservoirs.list(scope, q.county);
  }

  @Get(':code')
  detail(@Scope() scope: AreaScope, @Param('code') code: string) {
    return this.reservoirs.detail(scope, code);
  }

  @Get(':code/series')
  series(@Scope() scope: AreaScope, @Param('code') code: string, @Query() q: SeriesQueryDto) {
    return this.reservoirs.series(scope, code, q);
  }
}
