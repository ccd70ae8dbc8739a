// Response shapes: from `schema.ts` where the backend's OpenAPI document describes them (response DTOs), typed here
// for the routes whose responses it does not describe yet. Request bodies and query parameters come from `schema.ts`.

import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = 'admin' | 'engineer' | 'duty_officer' | 'planner';
export type Severity = 'info' | 'warning' | 'major' | 'critical';
export type AlertState = 'open' | 'acknowledged' | 'resolved';
export type ReservoirState = 'normal' | 'above_flood_limit' | 'offline';
export type Money = string;

/** GET /api/auth/me: the caller and what they may do. */
export type User = Schemas['MeDto'];
export type Permission = User['permissions'][number];

/** GET /api/users */
export interface UserRow extends Omit<User, 'permissions'> {
  phone: string | null;
  createdAt: string;
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

/** Rain (mm) over the last 1/3/6/12/24 h and the hydrological day since 08:00; null when the gauge was silent. */
export interface RainTotals {
  h1: number | null;
  h3: number | null;
  h6: number | null;
  h12: number | null;
  h24: number | null;
  day: number | null;
}

/** GET /api/reservoirs */
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
  rain: RainTotals;
  state: ReservoirState;
  /** The latest flood outlook's hours to each level (null while it is not fresh). */
  hoursTo?: HoursTo | null;
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

export type PersonRole = 'government' | 'department' | 'management' | 'patrol';

export interface Person {
  role: PersonRole;
  name: string;
  phone: string;
  trained: boolean;
  trainedOn: string | null;
}

/** GET /api/responsible-persons */
export interface PersonRow extends Person {
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
}

/** GET /api/reservoirs/{code} */
export interface ReservoirDetail extends Reservoir {
  damType: string;
  damHeight: number;
  totalStorage: number;
  catchmentArea: number;
  gatedSpillway: boolean;
  managementMode: string;
  damCategory: number;
  completionYear: number;
  lastAppraisal: string | null;
  nextAppraisal: string | null;
  stageStorage: [number, number][];
  floodSeason: boolean;
  sensors: Sensor[];
  stations: Station[];
  responsiblePersons: Person[];
}

/** GET /api/reservoirs/{code}/series */
export interface Series {
  sensor: { code: string; type: string; unit: string };
  bucket: string;
  points: [string, number][];
}

/** GET /api/alerts, and the Socket.IO `alert` event (with `event`). */
export type Alert = Schemas['AlertDto'] & { event?: 'snapshot' | 'open' | 'escalate' | 'ack' | 'resolve' | string };

/** GET /api/alerts/{id}/history */
export type AlertEvent = Schemas['AlertEventDto'];

/** GET /api/alerts/{id}/notifications: who was told, when, how, and whether it arrived. */
export type AlertNotification = Schemas['AlertNotificationDto'];

/** Scheduled report slots of a closed period: 到报率 = received / due, 及时率 = timely / due. */
export interface ReportRates {
  due: number;
  received: number;
  timely: number;
  arrivalRate: number | null;
  timelyRate: number | null;
}

export interface StationHealthRow extends ReportRates {
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

/** GET /api/stations/health: one hydrological day, 08:00 on `date` to 08:00 the next day (Beijing). */
export interface StationHealth {
  date: string;
  from: string;
  to: string;
  delayAllowedMinutes: number;
  total: ReportRates & { stations: number; online: number };
  areas: (ReportRates & { county: string; stations: number; online: number })[];
  stations: StationHealthRow[];
}

export type ProjectKind = 'reinforcement' | 'telemetry' | 'dam_monitoring';
export type FundingSource = 'central' | 'provincial' | 'municipal' | 'county';

/** GET /api/projects */
export interface Project {
  id: number;
  kind: ProjectKind;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  countyName: string;
  scale: string;
  stage: string;
  inNationalPlan: boolean;
  plannedStart: string;
  plannedFinish: string | null;
  actualFinish: string | null;
  progressPercent: number | null;
  budget: Money;
  budgetBasis: string;
  allocated: Money;
  allocatedBySource: Record<FundingSource, Money>;
  spent: Money;
  unspent: Money;
  allocationRate: string | null;
  spendingRate: string | null;
  gap: Money;
  shareCheck: { expectedCentralShare: string; actualCentralShare: string | null; ok: boolean };
  overdue: boolean;
  atRisk: boolean;
  updatedAt: string;
}

/** GET /api/projects/{id}: the project with its stage history and ledger entries (who entered each, when). */
export interface ProjectDetail extends Project {
  stageChanges: { id: number; from: string; to: string; reason: string | null; changedBy: string; changedAt: string }[];
  allocations: {
    id: number;
    source: FundingSource;
    amount: Money;
    allocatedOn: string;
    document: string | null;
    createdBy: string;
    createdAt: string;
  }[];
  expenditures: {
    id: number;
    amount: Money;
    spentOn: string;
    description: string;
    createdBy: string;
    createdAt: string;
  }[];
  transfers: {
    id: number;
    fromProjectId: number;
    toProjectId: number;
    source: FundingSource;
    amount: Money;
    reason: string;
    transferredBy: string;
    transferredAt: string;
  }[];
}

/** GET /api/funding/summary */
export interface FundingRow {
  group: string;
  groupName?: string;
  projects: number;
  budget: Money | null;
  allocated: Record<FundingSource | 'total', Money>;
  spent: Money | null;
  allocationRate: string | null;
  spendingRate: string | null;
  gap: Money | null;
}

/** GET /api/appraisals */
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

/** GET /api/appraisals/{code} */
export interface AppraisalHistory extends AppraisalDue {
  appraisals: {
    id: number;
    appraisedOn: string;
    damCategory: number;
    conclusion: string;
    nextDue: string;
    recordedBy: string;
    recordedAt?: string;
  }[];
}

/** GET /api/hazards */
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
  closedOn?: string | null;
  evidence?: string | null;
}

/** GET /api/reservoirs/{code}/alert-rules */
export type RuleFamily = 'waterLevel' | 'waterLevelRise' | 'rain' | 'sensor' | 'station';
export type RuleSettings = Record<RuleFamily, Record<string, number | number[]>>;
export interface AlertRules {
  defaults: RuleSettings;
  overrides: Partial<RuleSettings> | null;
  effective: RuleSettings;
}

/** POST /api/ledger/{kind}/import */
export interface ImportResult {
  imported: number;
  skipped: number;
}
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** Socket.IO `reading`: the reservoir's newest value per sensor type (e.g. water_level, rainfall, battery_voltage). */
export interface ReadingEvent {
  reservoirCode: string;
  time: string;
  [sensorType: string]: number | string;
}

/** GET /api/simulation/storm: the storm drill running or last run. */
export type DrillStatus = Schemas['DrillStatusDto'];
/** Hours to a level at the current inflow; null: not reached within 24 h (or not known). */
export interface HoursTo {
  floodLimit: number | null;
  designFlood: number | null;
  crest: number | null;
}

/** `GET /api/reservoirs/{code}/outlook`: m, 10⁴ m³, m³/s, mm, h. */
export interface FloodOutlook {
  level: number | null;
  storage: number | null;
  inflow: number | null;
  outflow: number | null;
  criticalRainfall: { floodLimit: number | null; designFlood: number | null; checkFlood: number | null };
  hoursTo: HoursTo;
  restrictedLevel: number | null;
}

/** `GET /api/flood-limit-events`: an above-flood-limit (or spill) event. */
export interface FloodEvent {
  id: string;
  reservoirCode: string;
  reservoirName: string;
  county: string;
  kind: 'flood_limit' | 'spill';
  start: string;
  end: string | null;
  durationHours: number | null;
  thresholdLevel: number;
  thresholdKind: 'floodLimit' | 'restricted' | 'normalPool' | 'spillwayCrest';
  peakLevel: number;
  peakAt: string;
  excessStorage: number | null;
  peakDischarge: number | null;
  notified: { name: string; phone: string | null } | null;
}

export interface ReportRainfall {
  gauges: number;
  reporting: number;
  mean: number | null;
  max: { code: string; name: string; areaCode: string; rainfall: number } | null;
}
export interface ReportArrival {
  stations: number;
  received: number;
  expected: number;
  rate: number | null;
}

/** `GET /api/reports/daily`: the 08:00 rain and water report. */
export interface DailyReport {
  date: string;
  from: string;
  to: string;
  rainfall: {
    areas: (ReportRainfall & { areaCode: string; name: string })[];
    total: ReportRainfall;
    wettest: { code: string; name: string; areaCode: string; rainfall: number }[];
  };
  aboveLimit: {
    code: string;
    name: string;
    areaCode: string;
    level: number;
    levelAt: string;
    limitLevel: number;
    limitKind: 'floodLimit' | 'restricted' | 'normalPool';
    excess: number;
    excessStorage: number;
  }[];
  openAlerts: { info: number; warning: number; major: number; critical: number; total: number };
  offlineStations: { code: string; name: string; areaCode: string; lastReportAt: string | null }[];
  arrival: { areas: (ReportArrival & { areaCode: string; name: string })[]; total: ReportArrival };
}

/** GET /api/reservoirs/{code}/audit */
export interface AuditEntry {
  id: number;
  at: string;
  username: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}
