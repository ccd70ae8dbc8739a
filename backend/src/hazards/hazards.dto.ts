import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  DAM_LOCATIONS,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  SEVERITIES,
  type HazardSource,
  type HazardStatus,
  type Severity,
} from './hazard-rules.js';

import { PageQueryDto } from '../common/paging.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HazardListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code', example: '431124' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({ enum: HAZARD_STATUSES })
  @IsOptional()
  @IsIn(HAZARD_STATUSES)
  status?: HazardStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: not closed and past the rectification deadline' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ example: '431124-0001' })
  @IsOptional()
  @Matches(/^[0-9]{6}-[0-9]{4}$/, { message: 'reservoirCode must look like 431124-0001' })
  reservoirCode?: string;
}

export class CreateHazardDto {
  @ApiProperty({ example: '431124-0001' })
  @Matches(/^[0-9]{6}-[0-9]{4}$/, { message: 'reservoirCode must look like 431124-0001' })
  reservoirCode!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601({ strict: true }, { message: 'foundOn must be an ISO-8601 date' })
  @Matches(DATE, { message: 'foundOn must be a date YYYY-MM-DD' })
  foundOn!: string;

  @ApiProperty({ example: '巡查员 王五' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  foundBy!: string;

  @ApiProperty({ enum: HAZARD_SOURCES })
  @IsIn(HAZARD_SOURCES)
  source!: HazardSource;

  @ApiProperty({ enum: DAM_LOCATIONS })
  @IsIn(DAM_LOCATIONS)
  locationOnDam!: string;

  @ApiProperty({ example: '下游坝坡局部散浸' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ enum: SEVERITIES, description: 'general 一般隐患, major 重大隐患' })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ example: '2026-12-31' })
  @IsISO8601({ strict: true }, { message: 'rectificationDeadline must be an ISO-8601 date' })
  @Matches(DATE, { message: 'rectificationDeadline must be a date YYYY-MM-DD' })
  rectificationDeadline!: string;

  @ApiPropertyOptional({ enum: ['open', 'rectifying'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'rectifying'])
  status?: 'open' | 'rectifying';
}

export class CloseHazardDto {
  @ApiProperty({ description: 'Evidence of the rectification: a description or a link to photos/documents' })
  @IsString()
  @MaxLength(2000)
  evidence!: string;

  @ApiPropertyOptional({ description: 'Default: today (Asia/Shanghai)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'closedOn must be an ISO-8601 date' })
  @Matches(DATE, { message: 'closedOn must be a date YYYY-MM-DD' })
  closedOn?: string;
}

/** A hazard of the ledger (隐患台账) with its reservoir, area and whether its deadline has passed. */
export class HazardDto {
  @ApiProperty() id!: number;
  @ApiProperty() reservoirCode!: string;
  @ApiProperty() reservoirName!: string;
  @ApiProperty({ description: 'County-level area code' }) county!: string;
  @ApiProperty() countyName!: string;
  @ApiProperty({ format: 'date' }) foundOn!: string;
  @ApiProperty() foundBy!: string;
  @ApiProperty({ enum: HAZARD_SOURCES }) source!: HazardSource;
  @ApiProperty({ example: '坝顶' }) locationOnDam!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ format: 'date' }) rectificationDeadline!: string;
  @ApiProperty({ enum: HAZARD_STATUSES }) status!: HazardStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What shows the rectification (对账销号)' })
  closingEvidence!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedBy!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: Date }) createdAt!: Date;
  @ApiProperty({ type: Date }) updatedAt!: Date;
  @ApiProperty({ description: 'Not closed and past its rectification deadline' }) overdue!: boolean;
}
