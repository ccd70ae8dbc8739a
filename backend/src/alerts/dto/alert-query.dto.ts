import { ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_STATES, SEVERITIES, type AlertState, type Severity } from '@yz/domain';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ReservoirEventsQueryDto } from '../../common/reservoir-events-query.dto.js';

export class AlertQueryDto extends ReservoirEventsQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn(ALERT_STATES)
  state?: AlertState;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
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
