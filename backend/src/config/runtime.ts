import type { AppConfig } from '@yz/common';
import type { IngestService, Simulator } from '@yz/ingest';
import type { DataSource } from 'typeorm';

/** What the process hands to the Nest application: configuration, the open database and the broker's state. */
export interface Runtime {
  config: AppConfig;
  dataSource: DataSource;
  timescale: boolean;
  embedded: boolean;
  brokerConnected(): boolean;
  /** The admin password to ensure before the API answers; `reset` overwrites an existing admin's password. */
  admin: { password: string; reset: boolean };
  /** The in-process ingest (all-in-one): its alert and reading events are pushed to dashboards. */
  ingest?: IngestService;
  /** The in-process station simulator (all-in-one with SIMULATE on). */
  simulator?: Simulator;
}

export const RUNTIME = Symbol('RUNTIME');
export const APP_CONFIG = Symbol('APP_CONFIG');
