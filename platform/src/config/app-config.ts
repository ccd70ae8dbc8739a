import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();
const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Longest statement on a database server; a half-open link becomes an error after about this long. */
  DATABASE_QUERY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?|tcp)$/ }).optional(),
  MQTT_PORT: port.default(1883),
  /** Where the embedded broker listens: loopback unless stations on the network must reach it (0.0.0.0). */
  MQTT_HOST: z.string().min(1).default('127.0.0.1'),
  /** Prepended to every MQTT topic; lets several deployments (or test runs) share one broker. */
  MQTT_TOPIC_PREFIX: z.string().default(''),
  SL651_PORT: port.default(5651),
  SIMULATE: flag,
  /** Simulated seconds per real second. */
  SIMULATE_SPEED: z.coerce.number().positive().default(3600),
  SIMULATE_HISTORY_HOURS: z.coerce.number().min(0).max(720).default(24),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  /** Signs access tokens together with the database's key half; in embedded mode generated into DATA_DIR. */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
  /** Ingest processes with the same group share the stream (MQTT 5 `$share/{group}/…`). */
  INGEST_SHARED_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .optional(),
  /** Stable and unique per ingest process: the broker keeps its persistent session under this id. */
  INGEST_CLIENT_ID: z.string().min(1).max(64).optional(),
  METRICS_PORT: port.default(9464),
  /** How often ingest checks for stations that stopped reporting. */
  OFFLINE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** SMS gateway webhook: alert messages are POSTed here as JSON; unset, alerts stay on the dashboard. */
  NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe (behind nginx: its address or 'uniquelocal'). */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  /** Size of the generated registry on first start: Yongzhou's 1294, or more (a province) for load tests. */
  SEED_RESERVOIRS: z.coerce.number().int().min(100).max(100_000).default(1294),
});

export interface AppConfig {
  port: number;
  /** Unset: the embedded TimescaleDB (PGlite) under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  databaseQueryTimeoutSeconds: number;
  /** Unset: the embedded Aedes broker on mqttPort. */
  mqttUrl: string | undefined;
  mqttPort: number;
  mqttHost: string;
  mqttTopicPrefix: string;
  sl651Port: number;
  simulate: boolean;
  simulateSpeed: number;
  /** Hours of history the simulator fills on a first start. */
  simulateHistoryHours: number;
  adminPassword: string | undefined;
  jwtSecret: string | undefined;
  mqttUsername: string | undefined;
  mqttPassword: string | undefined;
  ingestSharedGroup: string | undefined;
  ingestClientId: string;
  metricsPort: number;
  offlineSweepSeconds: number;
  notifyWebhookUrl: string | undefined;
  redisUrl: string | undefined;
  trustProxy: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  seedReservoirs: number;
}

/** Reads and validates the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`X=` in an env file) means unset.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    databaseQueryTimeoutSeconds: e.DATABASE_QUERY_TIMEOUT_SECONDS,
    mqttUrl: e.MQTT_URL,
    mqttPort: e.MQTT_PORT,
    mqttHost: e.MQTT_HOST,
    mqttTopicPrefix: e.MQTT_TOPIC_PREFIX,
    sl651Port: e.SL651_PORT,
    simulate: e.SIMULATE ?? true,
    simulateSpeed: e.SIMULATE_SPEED,
    simulateHistoryHours: e.SIMULATE_HISTORY_HOURS,
    adminPassword: e.ADMIN_PASSWORD,
    jwtSecret: e.JWT_SECRET,
    mqttUsername: e.MQTT_USERNAME,
    mqttPassword: e.MQTT_PASSWORD,
    ingestSharedGroup: e.INGEST_SHARED_GROUP,
    ingestClientId: e.INGEST_CLIENT_ID ?? `yz-ingest-${hostname()}`,
    metricsPort: e.METRICS_PORT,
    offlineSweepSeconds: e.OFFLINE_SWEEP_SECONDS,
    notifyWebhookUrl: e.NOTIFY_WEBHOOK_URL,
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    seedReservoirs: e.SEED_RESERVOIRS,
  };
}
