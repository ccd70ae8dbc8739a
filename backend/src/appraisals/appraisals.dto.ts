import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AMOUNT_PATTERN } from '../programme/dto/programme.dto.js';
import { DAM_CATEGORIES, type DamCategory } from '@yz/domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AppraisalListQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code', example: '431124' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({
    enum: ['this-year', 'overdue'],
    description: 'this-year: next appraisal within the current calendar year (Asia/Shanghai); overdue: before today',
  })
  @IsOptional()
  @IsIn(['this-year', 'overdue'])
  due?: 'this-year' | 'overdue';
}

export class RecordAppraisalDto {
  @ApiProperty({ example: '431124-0001' })
  @Matches(/^[0-9]{6}-[0-9]{4}$/, { message: 'reservoirCode must look like 431124-0001' })
  reservoirCode!: string;

  @ApiProperty({ example: '2026-03-10' })
  @IsISO8601({ strict: true }, { message: 'appraisedOn must be an ISO-8601 date' })
  @Matches(DATE, { message: 'appraisedOn must be a date YYYY-MM-DD' })
  appraisedOn!: string;

  @ApiProperty({ enum: DAM_CATEGORIES, description: '1 一类坝, 2 二类坝, 3 三类坝 (dangerous: needs reinforcement)' })
  @Type(() => Number)
  @IsIn(DAM_CATEGORIES, { message: 'damCategory must be 1, 2 or 3' })
  damCategory!: DamCategory;

  @ApiProperty({ example: '坝体渗漏严重，评定为三类坝' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  conclusion!: string;

  @ApiPropertyOptional({ description: 'Next appraisal; default appraisedOn + 6 years, at most + 10 years' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'nextDue must be an ISO-8601 date' })
  @Matches(DATE, { message: 'nextDue must be a date YYYY-MM-DD' })
  nextDue?: string;

  @ApiPropertyOptional({
    description: 'Budget (CNY) of the reinforcement project a category-3 result opens; required for a medium reservoir',
    example: '12000000.00',
  })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT_PATTERN, { message: 'budget must be a decimal string in CNY with at most 2 decimals' })
  budget?: string;
}

/** GET /api/appraisals: a reservoir's place in the appraisal schedule. */
export class AppraisalScheduleDto {
  @ApiProperty() reservoirCode!: string;
  @ApiProperty() reservoirName!: string;
  @ApiProperty({ description: 'County-level area code' }) county!: string;
  @ApiProperty() countyName!: string;
  @ApiProperty({ enum: ['medium', 'small1', 'small2'] }) scale!: string;
  @ApiProperty() completionYear!: number;
  @ApiProperty({ enum: DAM_CATEGORIES }) damCategory!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastAppraisal!: string | null;
  @ApiProperty({ format: 'date' }) nextAppraisal!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Its reinforcement project, if any' })
  projectId!: number | null;
  @ApiProperty({ format: 'date', description: 'When the first appraisal falls due after completion' })
  firstAppraisalDue!: string;
  @ApiProperty() dueThisYear!: boolean;
  @ApiProperty() overdue!: boolean;
}

/** One recorded appraisal. */
export class AppraisalDto {
  @ApiProperty() id!: number;
  @ApiProperty() reservoirCode!: string;
  @ApiProperty({ format: 'date' }) appraisedOn!: string;
  @ApiProperty({ enum: DAM_CATEGORIES }) damCategory!: number;
  @ApiProperty() conclusion!: string;
  @ApiProperty({ format: 'date' }) nextDue!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The reinforcement project it opened, if it did' })
  projectId!: number | null;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ type: Date }) recordedAt!: Date;
}

/** GET /api/appraisals/{code}: the schedule with the appraisal history, newest first. */
export class AppraisalHistoryDto extends AppraisalScheduleDto {
  @ApiProperty({ type: [AppraisalDto] }) appraisals!: AppraisalDto[];
}

/** POST /api/appraisals: the appraisal recorded and the reservoir's schedule after it. */
export class AppraisalRecordedDto extends AppraisalDto {
  @ApiProperty({ type: AppraisalScheduleDto }) schedule!: AppraisalScheduleDto;
}
