import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, IsString, Length } from 'class-validator';

export class AlertQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'resolved'])
  state?: 'open' | 'acknowledged' | 'resolved';

  @ApiPropertyOptional({ enum: ['info', 'warning', 'major', 'critical'] })
  @IsOptional()
  @IsIn(['info', 'warning', 'major', 'critical'])
  severity?: string;

  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{6}-[0-9]{4}$/, { message: 'reservoir must be a reservoir code such as 431124-0007' })
  reservoir?: string;

  @ApiPropertyOptional({ default: 200, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AlertNoteDto {
  @ApiPropertyOptional({ description: 'Required to resolve: what was done' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
