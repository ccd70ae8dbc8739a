// Response shapes: from `schema.ts` where the backend's OpenAPI document describes them (response DTOs), typed here
// for the routes whose responses it does not describe yet. Request bodies and query parameters come from `schema.ts`.

import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = 'admin' | 'engineer' | 'duty_officer' | 'planner';
export type Severity = Schemas['AlertDto']['severity'];
export type AlertState = Schemas['AlertDto']['state'];
export type ReservoirState = Reservoir['state'];

/** GET /api/auth/me: the caller and what they may do. */
export type User = Schemas['MeDto'];
export type Permission = User['permissions'][number];

/** GET /api/users */
export interface UserRow extends Omit<User, 'permissions'> {
  phone: string | null;
  createdAt: string;
}

export type Levels = Schemas['LevelsDto'];
export type Latest = Schemas['LatestDto'];

/** Rain (mm) over the last 1/3/6/12/24 h and the hydrological day since 08:00; null when the gauge was silent. */
export type RainTotals = Schemas['RainDto'];

/** GET /api/reservoirs */
export type Reservoir = Schemas['ReservoirDto'];
export type Sensor = Schemas['SensorDto'];
export type Station = Schemas['StationDto'];

export type Person = Schemas['ResponsiblePersonDto'];
export type PersonRole = Person['role'];

/** GET /api/responsible-persons */
export type PersonRow = Schemas['PersonRowDto'];

/** GET /api/reservoirs/{code} */
export type ReservoirDetail = Schemas['ReservoirDetailDto'];

/** GET /api/reservoirs/{code}/series (with model=1 also the HST model's expectation per point). */
export type Series = Schemas['SeriesDto'];

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
  /** From when its slots are owed (its registration); null: always. */
  monitoredSince: string | null;
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

/** GET /api/projects */
export type Project = Schemas['ProjectDto'];
export type ProjectKind = Project['kind'];
export type FundingSource = keyof Project['allocatedBySource'];

/** GET /api/projects/{id}: the project with its stage history and ledger entries (who entered each, when). */
export type ProjectDetail = Schemas['ProjectDetailDto'];

/** GET /api/funding/summary */
export type FundingRow = Schemas['FundingRowDto'];

/** GET /api/appraisals */
export type AppraisalDue = Schemas['AppraisalScheduleDto'];

/** GET /api/appraisals/{code} */
export type AppraisalHistory = Schemas['AppraisalHistoryDto'];

/** GET /api/hazards */
export type Hazard = Schemas['HazardDto'];

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
export type HoursTo = Schemas['HoursToDto'];

/** `GET /api/reservoirs/{code}/outlook`: m, 10⁴ m³, m³/s, mm, h. */
export type FloodOutlook = Schemas['FloodOutlookDto'];

/** `GET /api/flood-limit-events`: an above-flood-limit (or spill) event. */
export type FloodEvent = Schemas['FloodEventDto'];

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
