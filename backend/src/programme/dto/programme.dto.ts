import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ALL_STAGES, PROJECT_KINDS, SOURCES, type FundingSource, type ProjectKind, type Stage } from '@yz/domain';

/** The kind filter of a list: one kind, or all; absent means reinforcement (what the API always listed). */
export const KIND_FILTERS = [...PROJECT_KINDS, 'all'] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];
const KIND_DESCRIPTION = 'reinforcement (default), telemetry (雨水情测报), dam_monitoring (大坝安全监测), or all';

/** A CNY amount as a decimal string: up to 12 integer digits and 2 decimals. */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
const AMOUNT_MESSAGE = 'amount must be a decimal string in CNY with at most 2 decimals, e.g. "5000000.00"';

export class ProjectListQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code', example: '431124' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({ enum: ALL_STAGES })
  @IsOptional()
  @IsIn(ALL_STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ enum: KIND_FILTERS, default: 'reinforcement', description: KIND_DESCRIPTION })
  @IsOptional()
  @IsIn(KIND_FILTERS)
  kind?: KindFilter;

  @ApiPropertyOptional({
    description: 'true: only overdue projects; false: only those not overdue',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}

export const GROUP_BYS = ['county', 'year', 'source', 'kind'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export class FundingSummaryQueryDto {
  @ApiPropertyOptional({
    enum: GROUP_BYS,
    default: 'county',
    description: 'year: year of the planned start; kind: project kind',
  })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional({ enum: KIND_FILTERS, default: 'reinforcement', description: KIND_DESCRIPTION })
  @IsOptional()
  @IsIn(KIND_FILTERS)
  kind?: KindFilter;
}

/** The kind a filter selects: null for all kinds. */
export function kindOf(filter: KindFilter | undefined): ProjectKind | null {
  return filter === 'all' ? null : (filter ?? 'reinforcement');
}

export class StageChangeDto {
  @ApiProperty({ enum: ALL_STAGES, description: "One of the project kind's stages" })
  @IsIn(ALL_STAGES)
  stage!: Stage;

  @ApiPropertyOptional({ description: 'Required when a stage is skipped or the project goes back' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class AllocationDto {
  @ApiProperty({ enum: SOURCES })
  @IsIn(SOURCES)
  source!: FundingSource;

  @ApiProperty({ example: '3500000.00', description: 'CNY, decimal string' })
  @IsString()
  @Matches(AMOUNT_PATTERN, { message: AMOUNT_MESSAGE })
  amount!: string;

  @ApiProperty({ example: '2024-03-15' })
  @IsISO8601({ strict: true }, { message: 'allocatedOn must be an ISO-8601 date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'allocatedOn must be a date YYYY-MM-DD' })
  allocatedOn!: string;

  @ApiPropertyOptional({ example: '湘财农指〔2024〕12号', description: 'Allocation document reference' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  document?: string;
}

export class ExpenditureDto {
  @ApiProperty({ example: '120000.00', description: 'CNY, decimal string' })
  @IsString()
  @Matches(AMOUNT_PATTERN, { message: AMOUNT_MESSAGE })
  amount!: string;

  @ApiProperty({ example: '2024-06-30' })
  @IsISO8601({ strict: true }, { message: 'spentOn must be an ISO-8601 date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'spentOn must be a date YYYY-MM-DD' })
  spentOn!: string;

  @ApiProperty({ example: '大坝防渗工程进度款' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description!: string;
}

export class TransferDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  fromProjectId!: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  toProjectId!: number;

  @ApiProperty({ example: '200000.00', description: 'CNY, decimal string' })
  @IsString()
  @Matches(AMOUNT_PATTERN, { message: AMOUNT_MESSAGE })
  amount!: string;

  @ApiProperty({ example: '决算结余调剂用于急需项目' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({
    enum: SOURCES,
    description: 'Which source the money came from; default: the from-project source with the most allocated',
  })
  @IsOptional()
  @IsIn(SOURCES)
  source?: FundingSource;
}
