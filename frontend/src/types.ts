// Shapes of the backend API. What the OpenAPI document describes comes from the generated ./api/schema.ts
// (`npm run api:types`); the response shapes it does not describe yet are written out here.
import type { components, operations } from './api/schema.js';

type AlertListQuery = NonNullable<operations['AlertsController_list']['parameters']['query']>;

export type Role = components['schemas']['CreateUserDto']['role'];
export type Severity = NonNullable<AlertListQuery['severity']>;
export type AlertState = NonNullable<AlertListQuery['state']>;
export type ReservoirState = 'normal' | 'above_flood_limit' | 'offline';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  areaCode: string | null;
}

export interface Levels {
  deadLevel: number;
  floodLimitLevel: number;
  normalLevel: number;
  designFloodLevel: number;
  checkFloodLevel: number;
  crestElevation: number;
}

export interface Latest {
  time: string | null;
  waterLevel: number | null;
  rainfall: number | null;
  batteryVoltage: number | null;
}

export interface Reservoir {
  code: string;
  name: string;
  county: string;
  countyName: string;
  scale: 'medium' | 'small1' | 'small2';
  longitude: number;
  latitude: number;
  damSafetyMonitoring: boolean;
  levels: Levels;
  latest: Latest;
  state: ReservoirState;
  alertSeverity?: Severity | null;
}

export interface Sensor {
  code: string;
  type: string;
  unit: string;
  threshold: number | null;
  station: string;
  latest: { time: string; value: number } | null;
}

export interface Station {
  code: string;
  kind: string;
  reportIntervalS: number;
  lastReportAt: string | null;
  online: boolean;
}

export interface Person {
  role: 'government' | 'department' | 'management' | 'patrol';
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

export interface ReservoirDetail extends Reservoir {
  damType: string;
  damHeight: number;
  totalStorage: number;
  catchmentArea: number;
  gatedSpillway: boolean;
  managementMode: string;
  damCategory: string;
  completionYear: number;
  lastAppraisal: string | null;
  nextAppraisal: string | null;
  stageStorage: [number, number][];
  floodSeason: boolean;
  sensors: Sensor[];
  stations: Station[];
  responsiblePersons: Person[];
}

export interface Series {
  sensor: string;
  bucket: string;
  points: [string, number][];
}

export interface Alert {
  id: string | number;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  ruleKey: string;
  type: string;
  severity: Severity;
  state: AlertState;
  openedAt: string;
  value: number | null;
  threshold: number | null;
  message: { zh: string; en: string } | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}

export interface Reading {
  reservoirCode: string;
  time: string;
  waterLevel?: number;
  rainfall?: number;
  batteryVoltage?: number;
}

export interface Project {
  id: string | number;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  stage: string;
  budget: string | number;
  allocated: string | number;
  spent: string | number;
  plannedFinish: string | null;
  overdue: boolean;
}

export interface FundingRow {
  group: string;
  groupName?: string;
  budget: string | number;
  allocated: {
    central: string | number;
    provincial: string | number;
    municipal: string | number;
    county: string | number;
    total: string | number;
  };
  spent: string | number;
}

/** GET /api/stations/health: today's data arrival (到报率) per station and area; rate is 0..1 or null. */
export interface ArrivalCounts {
  received: number;
  expected: number;
  rate: number | null;
}

export interface StationHealthRow extends ArrivalCounts {
  code: string;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  kind: string;
  reportIntervalS: number;
  lastReportAt: string | null;
  batteryVoltage: number | null;
  online: boolean;
}

export interface StationHealth {
  date: string;
  expectedPerStation: number;
  total: ArrivalCounts & { stations: number };
  areas: (ArrivalCounts & { county: string; stations: number; online: number })[];
  stations: StationHealthRow[];
}

export interface AlertEvent {
  at: string;
  action: 'open' | 'escalate' | 'ack' | 'resolve' | string;
  severity: Severity | null;
  value: number | string | null;
  threshold: number | string | null;
  actor: string | null;
  note: string | null;
}

/** GET /api/appraisals: the safety-appraisal (安全鉴定) schedule. */
export interface AppraisalDue {
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
  scale: string;
  damCategory: number;
  lastAppraisal: string | null;
  nextAppraisal: string;
  dueThisYear: boolean;
  overdue: boolean;
}

/** GET /api/hazards: the hazard (隐患) ledger. */
export interface Hazard {
  id: number;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
  foundOn: string;
  foundBy: string;
  source: string;
  locationOnDam: string;
  description: string;
  severity: 'general' | 'major';
  rectificationDeadline: string;
  status: 'open' | 'rectifying' | 'closed';
  overdue: boolean;
}
