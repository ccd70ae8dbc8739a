import { ApiProperty } from '@nestjs/swagger';
import { ALERT_STATES, SEVERITIES } from '@yz/domain';

class LocalizedTextDto {
  @ApiProperty()
  zh!: string;

  @ApiProperty()
  en!: string;
}

/** An alert as the API and the Socket.IO `alert` event carry it. */
export class AlertDto {
  @ApiProperty({ example: '42' })
  id!: string;

  @ApiProperty({ example: '431124-0007' })
  reservoirCode!: string;

  @ApiProperty()
  reservoirName!: string;

  @ApiProperty({ description: 'County-level area code' })
  county!: string;

  @ApiProperty({ example: 'water_level:flood_limit' })
  ruleKey!: string;

  @ApiProperty({ example: 'water_level' })
  type!: string;

  @ApiProperty({ enum: SEVERITIES })
  severity!: string;

  @ApiProperty({ enum: ALERT_STATES })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty()
  value!: number;

  @ApiProperty()
  threshold!: number;

  @ApiProperty({ type: LocalizedTextDto })
  message!: LocalizedTextDto;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  acknowledgedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  acknowledgedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  resolvedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolvedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ description: 'Raised during a storm drill' })
  drill!: boolean;
}

/** One entry of an alert's history. */
export class AlertEventDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ['open', 'escalate', 'ack', 'resolve'] })
  action!: string;

  @ApiProperty()
  severity!: string;

  @ApiProperty({ type: Number, nullable: true })
  value!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  threshold!: number | null;

  @ApiProperty()
  actor!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
}
