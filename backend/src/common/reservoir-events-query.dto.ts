import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Filters shared by the lists of things that happen at reservoirs (alerts, rejected telemetry). */
export class ReservoirEventsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{6}-[0-9]{4}$/, { message: 'reservoir must be a reservoir code such as 431124-0007' })
  reservoir?: string;

  @ApiPropertyOptional({ maximum: 1000, description: 'Newest first; the default depends on the list' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
