import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

export class StormDto {
  @ApiPropertyOptional({ description: 'Storm centre longitude (default: the middle of the stations)' })
  @IsOptional()
  @IsNumber()
  @Min(108)
  @Max(116)
  lon?: number;

  @ApiPropertyOptional({ description: 'Storm centre latitude' })
  @IsOptional()
  @IsNumber()
  @Min(23)
  @Max(29)
  lat?: number;

  @ApiPropertyOptional({
    description:
      "A drill: the storm plays this many times faster than real time (120: a storm night of 6 hours in 3 minutes; at most 120, so a one-minute report stays within the rain gauge's 300 mm), and its alerts are marked as a drill. Without it the storm runs in real time.",
    minimum: 1,
    maximum: 120,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  speed?: number;

  @ApiPropertyOptional({ description: 'Mark as a drill (implied by speed; default speed 120)' })
  @IsOptional()
  @IsBoolean()
  drill?: boolean;
}

/** The storm drill running or last run. */
export class DrillStatusDto {
  @ApiProperty({ description: 'A drill is running now' })
  active!: boolean;

  @ApiProperty({ description: 'Always true: only drills are recorded' })
  drill!: boolean;

  @ApiProperty({ description: 'Simulated seconds per real second; 0 when no drill was ever run' })
  speed!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  endsAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  startedBy!: string | null;
}
