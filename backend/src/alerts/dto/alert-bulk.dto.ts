import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AlertDto } from './alert.dto.js';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

export class BulkAckDto {
  @ApiProperty({ type: [String], description: 'Alert ids (1–500)', example: ['12', '15'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^[0-9]{1,18}$/, { each: true, message: 'ids must be alert numbers' })
  ids!: string[];

  @ApiPropertyOptional({ description: 'One note for every alert acknowledged' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class BulkAckFailureDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ description: "Why this one was not acknowledged (not found in the caller's area, not open)" })
  message!: string;
}

/** One message sent about an alert: to whom, when, by which channel, and whether it arrived. */
export class AlertNotificationDto {
  @ApiProperty({ format: 'date-time', description: 'When the message was queued' })
  at!: string;

  @ApiProperty({ example: 'sms' })
  channel!: string;

  @ApiProperty({ description: 'Name of the person told' })
  recipient!: string;

  @ApiProperty({ enum: ['government', 'department', 'management', 'patrol', 'duty_officer'] })
  personRole!: string;

  @ApiProperty()
  phone!: string;

  @ApiProperty({ enum: ['info', 'warning', 'major', 'critical'] })
  severity!: string;

  @ApiProperty({ enum: ['queued', 'sent', 'failed'] })
  status!: string;

  @ApiProperty({ description: 'The gateway accepted it' })
  delivered!: boolean;

  @ApiProperty({ description: 'Sent because the alert went unacknowledged (escalation level above 0)' })
  escalated!: boolean;

  @ApiProperty({ description: 'Escalation level: 0 on opening, then one more per unacknowledged interval' })
  level!: number;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  sentAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @ApiProperty({ description: "The text sent (a drill alert's starts 【演练】)" })
  text!: string;
}

export class BulkAckResultDto {
  @ApiProperty({ type: [AlertDto] })
  acknowledged!: AlertDto[];

  @ApiProperty({ type: [BulkAckFailureDto] })
  failed!: BulkAckFailureDto[];
}
