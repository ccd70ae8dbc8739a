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
