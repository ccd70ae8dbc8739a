import type { AppConfig, Database, EventBus, PipelineState } from '@yz/platform';
import type { Kysely } from 'kysely';

/** What the backend uses of an ingest running in the same process (the all-in-one). */
export interface InProcessIngest {
  /** Prometheus text of its metrics. */
  metrics(): Promise<string>;
  /** Reads the alert rules again after an engineer changed them. */
  reloadAlertRules(): Promise<void>;
  /** Whether it keeps committing, for /api/health. */
  pipeline: PipelineState;
}

/** The simulated stations' "big storm now" switch and storm drills (all-in-one with SIMULATE on). */
export interface StormSwitch {
  readonly time: Date;
  bigStormNow(centre?: { lon: number; lat: number }): void;
  /** A big storm played `speed` times faster from real time `atMs`; returns its real time span. */
  startDrill(
    speed: number,
    atMs: number,
    centre?: { lon: number; lat: number },
  ): { speed: number; startMs: number; endMs: number };
}

/** What the process hands to the Nest application: configuration, the open database and the broker's state. */
export interface Runtime {
  config: AppConfig;
  db: Kysely<Database>;
  timescale: boolean;
  embedded: boolean;
  brokerConnected(): boolean;
  /** The admin password to ensure before the API answers; `reset` overwrites an existing admin's password. */
  admin: { password: string; reset: boolean };
  /** The secret half of the JWT key (JWT_SECRET, or generated into DATA_DIR); the other half is in the database. */
  jwtSecret: string;
  /** Where ingest's alert and reading events arrive from (in this process or from ingest processes). */
  events?: EventBus;
  /** The in-process ingest (all-in-one): its metrics and its alert rules. */
  ingest?: InProcessIngest;
  /** The in-process station simulator (all-in-one with SIMULATE on). */
  simulator?: StormSwitch;
  /**
   * Settles once readings have caught up with the clock, when they start behind it: the simulator filling the last
   * day on a first start. Until then a day may be half there, and its 08:00 report is not stored.
   */
  catchingUp?: Promise<unknown>;
}

export const RUNTIME = Symbol('RUNTIME');
export const APP_CONFIG = Symbol('APP_CONFIG');
