import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReservoirEventsQueryDto } from '../common/reservoir-events-query.dto.js';

export class RejectQueryDto extends ReservoirEventsQueryDto {
  @ApiPropertyOptional({ example: 'unknown_sensor' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'reason must be a reject reason such as unknown_sensor' })
  reason?: string;
}
