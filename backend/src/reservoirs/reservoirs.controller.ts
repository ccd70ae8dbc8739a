import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser } from '../common/decorators.js';
import { ReservoirListQueryDto, SeriesQueryDto } from './dto/series-query.dto.js';
import { ReservoirsService } from './reservoirs.service.js';

@ApiTags('reservoirs')
@ApiBearerAuth()
@Controller('api/reservoirs')
export class ReservoirsController {
  constructor(private readonly reservoirs: ReservoirsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: ReservoirListQueryDto) {
    return this.reservoirs.list(user, q.county);
  }

  @Get(':code')
  detail(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.reservoirs.detail(user, code);
  }

  @Get(':code/series')
  series(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() q: SeriesQueryDto) {
    return this.reservoirs.series(user, code, q);
  }
}
