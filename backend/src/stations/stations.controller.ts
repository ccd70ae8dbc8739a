import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Scope, type AreaScope } from '../common/scope.js';
import { StationsService } from './stations.service.js';

export class StationHealthQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({
    description:
      'Hydrological day, YYYY-MM-DD: 08:00 that day to 08:00 the next (Beijing); default the day in progress',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

@ApiTags('stations')
@ApiBearerAuth()
@Controller('api/stations')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @ApiOperation({
    summary:
      "Station health over a hydrological day: online on each station's own interval, 到报率 (distinct scheduled reports received / due) and 及时率 (received within the allowed delay / due), closed periods only; per station, area and in total",
  })
  @Get('health')
  health(@Scope() scope: AreaScope, @Query() q: StationHealthQueryDto) {
    return this.stations.health(scope, q.county, q.date);
  }
}
