import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SENSOR_TYPE_NAMES, type Scale, type SensorType, type StagePoint } from '@yz/domain';
import { BUCKETS, type Bucket } from './series-query.dto.js';
import { HoursToDto, RainDto, RESERVOIR_STATES } from './overview.dto.js';
import { ResponsiblePersonDto } from '../../responsible-persons/responsible-persons.dto.js';
import type { ReservoirState } from '../reservoir-state.js';

const SCALES = ['medium', 'small1', 'small2'] as const;

/**
 * A [first, number] pair: prefixItems makes it a tuple in the generated types; `items` says the same to readers of
 * OpenAPI 3.0, which has no tuples.
 */
const pair = (first: 'string' | 'number') => ({
  type: 'array' as const,
  minItems: 2,
  maxItems: 2,
  items: first === 'number' ? { type: 'number' } : { oneOf: [{ type: 'string' }, { type: 'number' }] },
  prefixItems: [{ type: first }, { type: 'number' }],
});

/** Characteristic levels (m). */
export class LevelsDto {
  @ApiProperty() deadLevel!: number;
  @ApiProperty() floodLimitLevel!: number;
  @ApiProperty() normalLevel!: number;
  @ApiProperty() designFloodLevel!: number;
  @ApiProperty() checkFloodLevel!: number;
  @ApiProperty() crestElevation!: number;
}

/** The reservoir's newest readings (null: that sensor never reported). */
export class LatestDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The newest of them' })
  time!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'm' }) waterLevel!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'mm in the last report' }) rainfall!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'V' }) batteryVoltage!: number | null;
}

/** What the list and the detail share of a reservoir. */
export class ReservoirSummaryDto {
  @ApiProperty({ example: '431124-0007' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'County-level area code' }) county!: string;
  @ApiProperty() countyName!: string;
  @ApiProperty({ enum: SCALES }) scale!: Scale;
  @ApiProperty() longitude!: number;
  @ApiProperty() latitude!: number;
  @ApiProperty() damSafetyMonitoring!: boolean;
  @ApiProperty({ type: LevelsDto }) levels!: LevelsDto;
  @ApiProperty({ type: LatestDto }) latest!: LatestDto;
  @ApiProperty({ type: RainDto, description: 'Rain (mm) by window; null where the gauge was silent' })
  rain!: RainDto;
  @ApiProperty({ enum: RESERVOIR_STATES }) state!: ReservoirState;
}

/** GET /api/reservoirs: a reservoir with its latest flood outlook. */
export class ReservoirDto extends ReservoirSummaryDto {
  @ApiProperty({ type: HoursToDto, nullable: true, description: 'Flood outlook; null without a fresh one' })
  hoursTo!: HoursToDto | null;
}

export class SensorLatestDto {
  @ApiProperty({ type: Date }) time!: Date;
  @ApiProperty() value!: number;
}

export class SensorDto {
  @ApiProperty({ example: 'WL1' }) code!: string;
  @ApiProperty({ enum: SENSOR_TYPE_NAMES }) type!: SensorType;
  @ApiProperty() unit!: string;
  @ApiProperty({ type: Number, nullable: true, description: "Alarm threshold in the sensor's unit" })
  threshold!: number | null;
  @ApiProperty({ description: 'Code of the station it reports through' }) station!: string;
  @ApiProperty({ type: SensorLatestDto, nullable: true }) latest!: SensorLatestDto | null;
}

export class StationDto {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: ['rain_water', 'dam_safety'] }) kind!: 'rain_water' | 'dam_safety';
  @ApiProperty() reportIntervalS!: number;
  @ApiProperty({ type: Date, nullable: true }) lastReportAt!: Date | null;
  @ApiProperty() online!: boolean;
}

/** GET /api/reservoirs/{code}: the registry entry, its sensors, stations and the four responsible persons. */
export class ReservoirDetailDto extends ReservoirSummaryDto {
  @ApiProperty() damType!: string;
  @ApiProperty({ description: 'm' }) damHeight!: number;
  @ApiProperty({ description: '10⁴ m³' }) totalStorage!: number;
  @ApiProperty({ description: 'km²' }) catchmentArea!: number;
  @ApiProperty() gatedSpillway!: boolean;
  @ApiProperty() managementMode!: string;
  @ApiProperty({ enum: [1, 2, 3] }) damCategory!: number;
  @ApiProperty() completionYear!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastAppraisal!: string | null;
  @ApiProperty({ format: 'date' }) nextAppraisal!: string;
  @ApiProperty({ type: 'array', items: pair('number'), description: 'Stage–storage curve: [level m, storage 10⁴ m³]' })
  stageStorage!: StagePoint[];
  @ApiProperty() floodSeason!: boolean;
  @ApiProperty({ type: [SensorDto] }) sensors!: SensorDto[];
  @ApiProperty({ type: [StationDto] }) stations!: StationDto[];
  @ApiProperty({ type: [ResponsiblePersonDto] }) responsiblePersons!: ResponsiblePersonDto[];
}

export class SeriesSensorDto {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: SENSOR_TYPE_NAMES }) type!: SensorType;
  @ApiProperty() unit!: string;
}

export class SeriesModelDto {
  @ApiProperty() fittedAt!: string;
  @ApiProperty() r2!: number;
  @ApiProperty({ description: "σ of the fit's residuals" }) sigma!: number;
  @ApiProperty({ ...pair('number'), description: 'The levels the model was fitted over [min, max]' })
  levelRange!: [number, number];
}

/** GET /api/reservoirs/{code}/series; with model=1 also the instrument's HST model per point. */
export class SeriesDto {
  @ApiProperty({ type: SeriesSensorDto }) sensor!: SeriesSensorDto;
  @ApiProperty({ enum: BUCKETS }) bucket!: Bucket;
  @ApiProperty({ type: 'array', items: pair('string'), description: '[ISO time, value]' })
  points!: [string, number][];
  @ApiPropertyOptional({ type: SeriesModelDto, nullable: true }) model?: SeriesModelDto | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why there is no model' })
  modelMessage?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'number', nullable: true } }) expected?: (number | null)[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'number', nullable: true } }) residual?: (number | null)[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'number', nullable: true } }) sigma?: (number | null)[];
}
