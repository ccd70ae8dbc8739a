import type { AppConfig } from '@yz/common';
import type { DataSource } from 'typeorm';

/** What the process hands to the Nest application: configuration, the open database and the broker's state. */
export interface Runtime {
  config: AppConfig;
  dataSource: DataSource;
  timescale: boolean;
  embedded: boolean;
  brokerConnected(): boolean;
}

export const RUNTIME = Symbol('RUNTIME');
export const APP_CONFIG = Symbol('APP_CONFIG');
