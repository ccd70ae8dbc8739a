import type { Area } from './areas.js';
import type { SensorType } from './sensor-types.js';

export type Scale = 'medium' | 'small1' | 'small2';
export type DamType = 'earth' | 'earth_rock' | 'concrete_gravity' | 'masonry_arch' | 'rockfill';
export type ManagementMode = 'professional' | 'social' | 'self';
/** Dam-safety category from the latest appraisal: 1 一类坝, 2 二类坝, 3 三类坝 (dangerous). */
export const DAM_CATEGORIES = [1, 2, 3] as const;
export type DamCategory = (typeof DAM_CATEGORIES)[number];

/** Characteristic levels in metres, one elevation datum per reservoir. */
export interface CharacteristicLevels {
  deadLevel: number;
  floodLimitLevel: number;
  normalLevel: number;
  designFloodLevel: number;
  checkFloodLevel: number;
  crestElevation: number;
}

/** One point of the stage–storage curve: level (m) → storage (10⁴ m³). */
export type StagePoint = [level: number, storage: number];

export interface SensorSeed {
  /** Unique within its reservoir, e.g. RG1, WL1, SP1..SP6, SF1, DS1..DS4, BV1. */
  code: string;
  type: SensorType;
  /** Alarm threshold in the sensor's unit, where the type has one (seepage, displacement). */
  threshold: number | null;
}

export interface ResponsiblePersonSeed {
  role: 'government' | 'department' | 'management' | 'patrol';
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

export interface ReservoirSeed {
  /** `{area code}-{4 digits}` */
  code: string;
  name: string;
  areaCode: string;
  scale: Scale;
  damType: DamType;
  damHeight: number;
  /** Total storage in 10⁴ m³. */
  totalStorage: number;
  /** Catchment area in km², drives inflow in the simulator. */
  catchmentArea: number;
  gatedSpillway: boolean;
  /** Spillway crest width in metres (outflow above normal pool). */
  spillwayWidth: number;
  levels: CharacteristicLevels;
  stageStorage: StagePoint[];
  longitude: number;
  latitude: number;
  managementMode: ManagementMode;
  damCategory: DamCategory;
  completionYear: number;
  lastAppraisal: string | null;
  nextAppraisal: string;
  damSafetyMonitoring: boolean;
  sensors: SensorSeed[];
  responsiblePersons: ResponsiblePersonSeed[];
}

export interface ProjectSeed {
  reservoirCode: string;
  /** Budget in whole CNY (integer). */
  budget: number;
  inNationalPlan: boolean;
  stage:
    | 'appraisal'
    | 'preliminary_design'
    | 'approval'
    | 'tendering'
    | 'construction'
    | 'completion_acceptance'
    | 'final_acceptance';
  plannedStart: string;
  plannedFinish: string;
  progressPercent: number;
}

export interface Registry {
  /** The areas the reservoirs lie in: Yongzhou's 14, more in a registry generated larger than Yongzhou. */
  areas: readonly Area[];
  reservoirs: ReservoirSeed[];
  projects: ProjectSeed[];
}
