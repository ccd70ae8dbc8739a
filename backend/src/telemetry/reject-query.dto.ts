import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class RejectQueryDto {
  @ApiPropertyOptional({ example: 'unknown_sensor' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'reason must be a reject reason such as unknown_sensor' })
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{6}-[0-9]{4}$/, { message: 'reservoir must be a reservoir code such as 431124-0007' })
  reservoir?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
