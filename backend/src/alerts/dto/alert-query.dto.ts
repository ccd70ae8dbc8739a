import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Severity } from '@yz/domain';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ReservoirEventsQueryDto } from '../../common/reservoir-events-query.dto.js';

export class AlertQueryDto extends ReservoirEventsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'resolved'])
  state?: 'open' | 'acknowledged' | 'resolved';

  @ApiPropertyOptional({ enum: ['info', 'warning', 'major', 'critical'] })
  @IsOptional()
  @IsIn(['info', 'warning', 'major', 'critical'])
  severity?: Severity;

  @ApiPropertyOptional({ description: 'County-level area code' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'county must be a 6-digit area code' })
  county?: string;
}

export class AlertNoteDto {
  @ApiPropertyOptional({ description: 'Required to resolve: what was done' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
