import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

export const OVERVIEW_SORTS = [
  'code',
  'name',
  'county',
  'level',
  'delta',
  'rain1',
  'rain3',
  'rain6',
  'rain24',
  'state',
  'alerts',
] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export const RESERVOIR_STATES = ['normal', 'above_flood_limit', 'offline'] as const;
export const MAX_PAGE = 500;

export class OverviewQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'area must be a 6-digit area code' })
  area?: string;

  @ApiPropertyOptional({ enum: RESERVOIR_STATES })
  @IsOptional()
  @IsIn(RESERVOIR_STATES)
  state?: (typeof RESERVOIR_STATES)[number];

  @ApiPropertyOptional({ description: 'Part of the code or the name' })
  @IsOptional()
  @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({ enum: OVERVIEW_SORTS, description: 'Default: code' })
  @IsOptional()
  @IsIn(OVERVIEW_SORTS)
  sort?: OverviewSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Default: asc; reservoirs without a value come last' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

export class PointsQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'area must be a 6-digit area code' })
  area?: string;
}

export class RainDto {
  @ApiProperty({ type: Number, nullable: true }) h1!: number | null;
  @ApiProperty({ type: Number, nullable: true }) h3!: number | null;
  @ApiProperty({ type: Number, nullable: true }) h6!: number | null;
  @ApiProperty({ type: Number, nullable: true }) h24!: number | null;
}

export class OverviewItemDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Area code' }) county!: string;
  @ApiProperty({ enum: ['medium', 'small1', 'small2'] }) scale!: string;
  @ApiProperty({ enum: RESERVOIR_STATES }) state!: (typeof RESERVOIR_STATES)[number];
  @ApiProperty({ type: String, nullable: true, description: 'Newest reading of the reservoir' })
  time!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Water level (m)' }) level!: number | null;
  @ApiProperty({ description: 'Flood-limit level in the flood season, normal pool outside it (m)' })
  limit!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'level − limit (m)' }) delta!: number | null;
  @ApiProperty({ type: RainDto }) rain!: RainDto;
  @ApiProperty({ description: 'Alerts not yet resolved' }) alerts!: number;
  @ApiProperty({ enum: ['info', 'warning', 'major', 'critical'], nullable: true, type: String })
  severity!: 'info' | 'warning' | 'major' | 'critical' | null;
}

export class AreaSummaryDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() reservoirs!: number;
  @ApiProperty() normal!: number;
  @ApiProperty() aboveFloodLimit!: number;
  @ApiProperty() offline!: number;
  @ApiProperty({ description: 'Alerts not yet resolved' }) alerts!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean 24 h rain of the gauges that reported (mm)' })
  rain24Mean!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rain24Max!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rain1Max!: number | null;
}

export class WettestDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() mm!: number;
}

export class WettestPairDto {
  @ApiProperty({ type: WettestDto, nullable: true }) h1!: WettestDto | null;
  @ApiProperty({ type: WettestDto, nullable: true }) h24!: WettestDto | null;
}

export class OverviewDto {
  @ApiProperty({ description: 'When the figures were read (they are at most a few seconds old)' })
  generatedAt!: string;
  @ApiProperty() floodSeason!: boolean;
  @ApiProperty({ description: 'Reservoirs matching the filters' }) total!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: [OverviewItemDto] }) items!: OverviewItemDto[];
  @ApiProperty({ type: [AreaSummaryDto], description: 'Every area in scope (not narrowed by the filters)' })
  areas!: AreaSummaryDto[];
  @ApiProperty({ type: AreaSummaryDto, description: 'All of the chosen area, or all in scope' })
  totals!: AreaSummaryDto;
  @ApiProperty({ type: WettestPairDto, description: 'Wettest reservoir of the chosen area (null: no rain)' })
  wettest!: WettestPairDto;
}

export class PointsDto {
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: [String] }) codes!: string[];
  @ApiProperty({ type: [String] }) names!: string[];
  @ApiProperty({ type: [Number], description: 'Longitude, 3 decimals' }) lon!: number[];
  @ApiProperty({ type: [Number], description: 'Latitude, 3 decimals' }) lat!: number[];
  @ApiProperty({ type: [Number], description: '0 normal, 1 above the flood limit, 2 offline' }) states!: number[];
}
