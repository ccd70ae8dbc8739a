import type { EmbeddedBrokerOptions } from '../broker/embedded-broker.js';
import type { AppConfig } from './app-config.js';

export type EntryPoint = 'all-in-one' | 'ingest' | 'backend';

/** How every service of a process reaches the broker. */
export interface BrokerOptions {
  /** MQTT_URL; unset, the embedded broker is started (`embedded`) and its URL used. */
  url: string | undefined;
  embedded: EmbeddedBrokerOptions | undefined;
  username: string | undefined;
  password: string | undefined;
  topicPrefix: string;
}

export interface ServiceOptions {
  database: { databaseUrl: string | undefined; dataDir: string; queryTimeoutMs: number };
  broker: BrokerOptions;
  ingest: {
    clientId: string;
    sharedGroup: string | undefined;
    webhookUrl: string | undefined;
    sl651Port: number;
    offlineSweepMs: number;
    metricsPort: number;
  };
  /** Required where the backend runs against a database server; embedded, one is generated. */
  adminPassword: string | undefined;
}

/**
 * The one place the configuration becomes broker, database and service options, for every entry point (`npm start`,
 * `npm start -w ingest`, `npm start -w backend`): each gets the same credentials and checks what it alone needs.
 */
export function serviceOptions(config: AppConfig, entry: EntryPoint): ServiceOptions {
  if (entry !== 'all-in-one') {
    const missing = [!config.databaseUrl && 'DATABASE_URL', !config.mqttUrl && 'MQTT_URL'].filter(Boolean);
    if (missing.length) {
      throw new Error(
        `${entry} alone needs ${missing.join(' and ')}; \`npm start\` runs everything on embedded defaults`,
      );
    }
  }
  if (entry !== 'ingest' && config.databaseUrl && !config.adminPassword) {
    throw new Error('Invalid configuration: ADMIN_PASSWORD is required when DATABASE_URL is set');
  }
  const credentials = { username: config.mqttUsername, password: config.mqttPassword };
  return {
    database: {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      queryTimeoutMs: config.databaseQueryTimeoutSeconds * 1000,
    },
    broker: {
      url: config.mqttUrl,
      embedded: config.mqttUrl ? undefined : { port: config.mqttPort, host: config.mqttHost, ...credentials },
      ...credentials,
      topicPrefix: config.mqttTopicPrefix,
    },
    ingest: {
      clientId: config.ingestClientId,
      sharedGroup: config.ingestSharedGroup,
      webhookUrl: config.notifyWebhookUrl,
      sl651Port: config.sl651Port,
      offlineSweepMs: config.offlineSweepSeconds * 1000,
      metricsPort: config.metricsPort,
    },
    adminPassword: config.adminPassword,
  };
}
