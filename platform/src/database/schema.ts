import type { FloodOutlook, HstJudgeState, HstModel, HstRefusal, RuleOverrides, SensorType } from '@yz/domain';
import type { ColumnType, Generated, Insertable } from 'kysely';

/**
 * The tables as the migrations create them, for Kysely. Types are what node-postgres returns: numeric and bigint
 * as decimal strings (money stays exact), timestamptz as Date, date as
 * its YYYY-MM-DD text, json as parsed values.
 */

/** numeric: read as a decimal string, written as a string or a number. */
type Numeric = ColumnType<string, string | number, string | number>;
/** bigserial / bigint: read as a decimal string. */
type BigId = string;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a default (now()). */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** date: read and written as YYYY-MM-DD (the connection reads dates as text: see connect.ts). */
type CalendarDate = string;
/** jsonb: written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AreasTable {
  code: string;
  name: string;
  name_en: string;
  center_lon: number;
  center_lat: number;
}

export interface ReservoirsTable {
  code: string;
  name: string;
  area_code: string;
  scale: 'medium' | 'small1' | 'small2';
  dam_type: string;
  dam_height: Numeric;
  total_storage: Numeric;
  catchment_area: Numeric;
  gated_spillway: boolean;
  spillway_width: Numeric;
  dead_level: Numeric;
  flood_limit_level: Numeric;
  normal_level: Numeric;
  design_flood_level: Numeric;
  check_flood_level: Numeric;
  crest_elevation: Numeric;
  stage_storage: Json<[number, number][]>;
  longitude: number;
  latitude: number;
  management_mode: 'professional' | 'social' | 'self';
  dam_category: number;
  completion_year: number;
  last_appraisal: CalendarDate | null;
  next_appraisal: CalendarDate;
  dam_safety_monitoring: boolean;
  /** 限制运用水位 (m) of a category-3 dam before reinforcement acceptance; null: the default (flood limit − 1 m). */
  restricted_level: ColumnType<string | null, string | number | null | undefined, string | number | null>;
}

export interface StationsTable {
  id: Generated<number>;
  code: string;
  reservoir_code: string;
  kind: 'rain_water' | 'dam_safety';
  report_interval_s: Generated<number>;
  last_report_at: Timestamp | null;
  /** From when its report slots are owed (its registration); null: always. */
  monitored_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SensorsTable {
  id: Generated<number>;
  reservoir_code: string;
  station_id: number;
  code: string;
  type: SensorType;
  unit: string;
  threshold: Numeric | null;
}

export interface ResponsiblePersonsTable {
  id: Generated<number>;
  reservoir_code: string;
  role: 'government' | 'department' | 'management' | 'patrol';
  name: string;
  phone: string;
  trained: Generated<boolean>;
  trained_on: CalendarDate | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'engineer' | 'duty_officer' | 'planner';
  area_code: string | null;
  phone: string | null;
  created_at: ColumnType<Date, never, never>;
  /** Raised to revoke every token the user holds (password change, reset). */
  token_version: Generated<number>;
}

export interface ReadingsTable {
  time: Timestamp;
  sensor_id: number;
  value: number;
  quality: Generated<number>;
}

export interface SensorLatestTable {
  sensor_id: number;
  time: Timestamp;
  value: number;
}

/** The hourly rollup (a continuous aggregate on TimescaleDB, a view on plain PostgreSQL). */
export interface ReadingsHourlyView {
  bucket: ColumnType<Date, never, never>;
  sensor_id: ColumnType<number, never, never>;
  sum: ColumnType<number, never, never>;
  avg: ColumnType<number, never, never>;
  min: ColumnType<number, never, never>;
  max: ColumnType<number, never, never>;
  last: ColumnType<number, never, never>;
  n: ColumnType<string, never, never>;
}

export interface RejectLogTable {
  id: Generated<string>;
  received_at: ColumnType<Date, Date | string | undefined, never>;
  topic: string;
  reservoir_code: string | null;
  reason: string;
  detail: string;
  payload: string;
}

export interface AlertsTable {
  id: Generated<string>;
  reservoir_code: string;
  rule_key: string;
  type: string;
  severity: 'info' | 'warning' | 'major' | 'critical';
  state: Generated<'open' | 'acknowledged' | 'resolved'>;
  opened_at: Timestamp;
  updated_at: Timestamp;
  value: number;
  threshold: number;
  message_zh: string;
  message_en: string;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  note: string | null;
  /** Opened while a storm drill ran. */
  drill: Generated<boolean>;
}

export interface AlertEventsTable {
  id: Generated<string>;
  alert_id: BigId;
  at: GeneratedTimestamp;
  action: 'open' | 'escalate' | 'ack' | 'resolve';
  severity: string;
  value: number | null;
  threshold: number | null;
  actor: string;
  note: string | null;
}

export interface ProjectsTable {
  id: Generated<number>;
  reservoir_code: string;
  kind: Generated<'reinforcement' | 'telemetry' | 'dam_monitoring'>;
  stage: string;
  in_national_plan: Generated<boolean>;
  planned_start: CalendarDate;
  planned_finish: CalendarDate;
  actual_finish: CalendarDate | null;
  progress_percent: Generated<number>;
  budget: Numeric;
  budget_basis: 'standard' | 'approved_estimate';
  updated_at: GeneratedTimestamp;
}

export interface ProjectStageChangesTable {
  id: Generated<number>;
  project_id: number;
  from_stage: string;
  to_stage: string;
  reason: string | null;
  changed_by: string;
  changed_at: GeneratedTimestamp;
}

type Source = 'central' | 'provincial' | 'municipal' | 'county';

export interface FundingAllocationsTable {
  id: Generated<number>;
  project_id: number;
  source: Source;
  amount: Numeric;
  allocated_on: CalendarDate;
  document: string | null;
  created_by: Generated<string>;
  created_at: GeneratedTimestamp;
}

export interface FundingExpendituresTable {
  id: Generated<number>;
  project_id: number;
  amount: Numeric;
  spent_on: CalendarDate;
  description: string;
  created_by: Generated<string>;
  created_at: GeneratedTimestamp;
}

export interface FundingTransfersTable {
  id: Generated<number>;
  from_project: number;
  to_project: number;
  source: Source;
  amount: Numeric;
  reason: string;
  transferred_by: string;
  transferred_at: GeneratedTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: GeneratedTimestamp;
  username: string;
  entity: string;
  entity_id: string;
  action: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  alert_id: BigId;
  severity: 'info' | 'warning' | 'major' | 'critical';
  level: Generated<number>;
  recipient_role: 'government' | 'department' | 'management' | 'patrol' | 'duty_officer';
  recipient_name: string;
  phone: string;
  channel: string;
  text: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
}

export interface AppraisalsTable {
  id: Generated<number>;
  reservoir_code: string;
  appraised_on: CalendarDate;
  dam_category: number;
  conclusion: string;
  next_due: CalendarDate;
  project_id: number | null;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

export interface HazardsTable {
  id: Generated<number>;
  reservoir_code: string;
  found_on: CalendarDate;
  found_by: string;
  source: 'patrol' | 'inspection' | 'appraisal' | 'monitoring';
  location_on_dam: string;
  description: string;
  severity: 'general' | 'major';
  rectification_deadline: CalendarDate;
  status: Generated<'open' | 'rectifying' | 'closed'>;
  closed_on: CalendarDate | null;
  closing_evidence: string | null;
  closed_by: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AlertRuleOverridesTable {
  reservoir_code: string;
  overrides: Json<RuleOverrides>;
  updated_by: string;
  updated_at: GeneratedTimestamp;
}

/** A sign-in session; the refresh token is stored as its SHA-256 (hex) only. */
export interface SessionsTable {
  id: string;
  user_id: number;
  token_hash: string;
  /** The user's token_version at sign-in: the session ends when that moves on. */
  token_version: number;
  created_at: GeneratedTimestamp;
  expires_at: Date;
  revoked_at: Date | null;
}

/** A threshold watch's state (the domain's WatchState, plain JSON) per reservoir. */
export interface FloodWatchesTable {
  reservoir_code: string;
  watch: 'flood_limit' | 'spill';
  state: Json<unknown>;
  updated_at: GeneratedTimestamp;
}

/** Above-flood-limit (超汛限) and spill (溢洪) events. */
export interface FloodEventsTable {
  id: Generated<string>;
  reservoir_code: string;
  kind: 'flood_limit' | 'spill';
  started_at: Timestamp;
  ended_at: Timestamp | null;
  duration_hours: Numeric | null;
  threshold_level: Numeric;
  threshold_kind: string;
  peak_level: number;
  peak_at: Timestamp;
  excess_storage: number | null;
  peak_discharge: number | null;
  notified_name: string | null;
  notified_phone: string | null;
}

/** The latest flood outlook of a reservoir (the domain's FloodOutlook) and the reading time it was taken at. */
export interface FloodOutlooksTable {
  reservoir_code: string;
  at: Timestamp;
  outlook: Json<FloodOutlook>;
}

/** The 08:00 daily report (水雨情日报) as generated, per hydrological day. */
export interface DailyReportsTable {
  report_date: CalendarDate;
  report: Json<unknown>;
  generated_at: GeneratedTimestamp;
}

export interface StormDrillsTable {
  id: Generated<number>;
  speed: number;
  started_at: Timestamp;
  ends_at: Timestamp;
  started_by: string;
}

/** An SL 651 station's rain ledger (ingest's `RainState`, JSON), written with the readings it produced. */
export interface Sl651RainStateTable {
  station_address: string;
  state: Json<unknown>;
  updated_at: GeneratedTimestamp;
}

/** A scheduled report slot of a station that was received, and when it first arrived. */
export interface StationReportsTable {
  station_id: number;
  slot: Timestamp;
  received_at: Timestamp;
}

/** The HST model of one dam-safety instrument, or why it has none; the judge's state between days. */
export interface SensorModelsTable {
  sensor_id: number;
  reservoir_code: string;
  fitted_at: Timestamp;
  /** An HstModel (domain/dam-safety/hst), or null with the refusal. */
  model: Json<HstModel> | null;
  refusal: HstRefusal | null;
  message: string | null;
  judge_state: ColumnType<HstJudgeState, string | undefined, string>;
}

export interface Database {
  settings: SettingsTable;
  areas: AreasTable;
  reservoirs: ReservoirsTable;
  stations: StationsTable;
  sensors: SensorsTable;
  responsible_persons: ResponsiblePersonsTable;
  users: UsersTable;
  readings: ReadingsTable;
  sensor_latest: SensorLatestTable;
  readings_hourly: ReadingsHourlyView;
  reject_log: RejectLogTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  projects: ProjectsTable;
  project_stage_changes: ProjectStageChangesTable;
  funding_allocations: FundingAllocationsTable;
  funding_expenditures: FundingExpendituresTable;
  funding_transfers: FundingTransfersTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  appraisals: AppraisalsTable;
  hazards: HazardsTable;
  alert_rule_overrides: AlertRuleOverridesTable;
  sl651_rain_state: Sl651RainStateTable;
  station_reports: StationReportsTable;
  sensor_models: SensorModelsTable;
  sessions: SessionsTable;
  flood_watches: FloodWatchesTable;
  flood_events: FloodEventsTable;
  flood_outlooks: FloodOutlooksTable;
  daily_reports: DailyReportsTable;
  storm_drills: StormDrillsTable;
}

export type NewUser = Insertable<UsersTable>;
