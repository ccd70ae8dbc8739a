import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ReservoirEventsQueryDto } from '../common/reservoir-events-query.dto.js';

export const FLOOD_EVENT_KINDS = ['flood_limit', 'spill'] as const;
export type FloodEventKind = (typeof FLOOD_EVENT_KINDS)[number];

/** `GET /api/flood-limit-events`: events that overlap [from, to], newest first. */
export class FloodEventsQueryDto extends ReservoirEventsQueryDto {
  @ApiPropertyOptional({ description: 'ISO-8601 (default: 30 days before `to`)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({
    enum: FLOOD_EVENT_KINDS,
    description:
      'flood_limit (default): stays above the flood-limit or restricted level; spill: over the spillway crest',
  })
  @IsOptional()
  @IsIn(FLOOD_EVENT_KINDS, { message: 'kind must be flood_limit or spill' })
  kind?: FloodEventKind;
}
