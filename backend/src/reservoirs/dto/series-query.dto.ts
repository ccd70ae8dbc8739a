import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

export const BUCKETS = ['raw', '5m', '15m', '1h', '3h', '1d'] as const;
export type Bucket = (typeof BUCKETS)[number];

export class SeriesQueryDto {
  @ApiProperty({ example: 'WL1', description: 'Sensor code registered for the reservoir' })
  @Matches(/^[A-Z]{1,4}[0-9]{1,2}$/, { message: 'sensor must be a sensor code such as WL1 or RG1' })
  sensor!: string;

  @ApiPropertyOptional({ description: 'ISO-8601 start (default: 24 h before `to`)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 end (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;

  @ApiPropertyOptional({
    enum: BUCKETS,
    description: 'Default: raw up to 3 days, hourly rollup beyond, daily beyond 90 days',
  })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket?: Bucket;

  @ApiPropertyOptional({
    enum: ['0', '1'],
    description:
      "1: also the instrument's HST model: `expected`, `residual` and `sigma` (the σ of a new day there) per point, " +
      'null where the model has nothing to say; `model` is null (with `modelMessage`) when there is no model',
  })
  @IsOptional()
  @IsIn(['0', '1'])
  model?: '0' | '1';
}

export class ReservoirListQueryDto {
  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;
}
