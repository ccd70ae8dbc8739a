import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scope, type AreaScope } from '../common/scope.js';
import { FloodEventDto, FloodOutlookDto } from './flood-response.dto.js';
import { FloodEventsQueryDto } from './flood.dto.js';
import { FloodService } from './flood.service.js';

@ApiTags('flood')
@ApiBearerAuth()
@Controller('api')
export class FloodController {
  constructor(private readonly flood: FloodService) {}

  @Get('reservoirs/:code/outlook')
  @ApiOperation({
    summary:
      'Flood outlook: level (m), storage (10⁴ m³), inflow and outflow (m³/s), critical rainfall (mm) and hours to the flood-limit (or restricted), design flood and crest levels; null where not reached within 24 h or not known',
  })
  @ApiOkResponse({ type: FloodOutlookDto })
  outlook(@Scope() scope: AreaScope, @Param('code') code: string) {
    return this.flood.outlook(scope, code);
  }

  @Get('flood-limit-events')
  @ApiOperation({
    summary:
      'Above-flood-limit events (start, end, duration h, peak level, excess storage 10⁴ m³) or, with kind=spill, spill events (peak discharge m³/s, government person told)',
  })
  @ApiOkResponse({ type: [FloodEventDto] })
  events(@Scope() scope: AreaScope, @Query() q: FloodEventsQueryDto) {
    return this.flood.events(scope, q);
  }
}
