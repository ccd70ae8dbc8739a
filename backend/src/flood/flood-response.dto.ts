import { ApiProperty } from '@nestjs/swagger';
import { HoursToDto } from '../reservoirs/dto/overview.dto.js';
import { FLOOD_EVENT_KINDS, type FloodEventKind } from './flood.dto.js';

/** Rain (mm) over the catchment that would lift the reservoir to each level; null: not reachable or not known. */
export class CriticalRainfallDto {
  @ApiProperty({ type: Number, nullable: true }) floodLimit!: number | null;
  @ApiProperty({ type: Number, nullable: true }) designFlood!: number | null;
  @ApiProperty({ type: Number, nullable: true }) checkFlood!: number | null;
}

/** GET /api/reservoirs/{code}/outlook: m, 10⁴ m³, m³/s, mm, h. */
export class FloodOutlookDto {
  @ApiProperty({ type: Number, nullable: true }) level!: number | null;
  @ApiProperty({ type: Number, nullable: true }) storage!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when too few recent levels tell it' })
  inflow!: number | null;
  @ApiProperty({ type: Number, nullable: true }) outflow!: number | null;
  @ApiProperty({ type: CriticalRainfallDto }) criticalRainfall!: CriticalRainfallDto;
  @ApiProperty({ type: HoursToDto }) hoursTo!: HoursToDto;
  @ApiProperty({ type: Number, nullable: true, description: 'The restricted level in force, if any' })
  restrictedLevel!: number | null;
}

export class NotifiedDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
}

/** GET /api/flood-limit-events: an above-flood-limit (or spill) event. */
export class FloodEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() reservoirCode!: string;
  @ApiProperty() reservoirName!: string;
  @ApiProperty({ description: 'County-level area code' }) county!: string;
  @ApiProperty({ enum: FLOOD_EVENT_KINDS }) kind!: FloodEventKind;
  @ApiProperty({ type: Date }) start!: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'Null while it lasts' }) end!: Date | null;
  @ApiProperty({ type: Number, nullable: true }) durationHours!: number | null;
  @ApiProperty({ description: 'm' }) thresholdLevel!: number;
  @ApiProperty({ enum: ['floodLimit', 'restricted', 'normalPool', 'spillwayCrest'] }) thresholdKind!: string;
  @ApiProperty({ description: 'm' }) peakLevel!: number;
  @ApiProperty({ type: Date }) peakAt!: Date;
  @ApiProperty({ type: Number, nullable: true, description: '10⁴ m³ above the threshold at the peak' })
  excessStorage!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'm³/s (spill events)' }) peakDischarge!: number | null;
  @ApiProperty({ type: NotifiedDto, nullable: true, description: 'The government person told (spill events)' })
  notified!: NotifiedDto | null;
}
