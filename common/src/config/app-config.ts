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
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?|tcp)$/ }).optional(),
  MQTT_PORT: port.default(1883),
  /** Prepended to every MQTT topic; lets several deployments (or test runs) share one broker. */
  MQTT_TOPIC_PREFIX: z.string().default(''),
  SL651_PORT: port.default(5651),
  SIMULATE: flag,
  /** Simulated seconds per real second. */
  SIMULATE_SPEED: z.coerce.number().positive().default(60),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
});

export interface AppConfig {
  port: number;
  /** Unset: the embedded TimescaleDB (PGlite) under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Unset: the embedded Aedes broker on mqttPort. */
  mqttUrl: string | undefined;
  mqttPort: number;
  mqttTopicPrefix: string;
  sl651Port: number;
  simulate: boolean;
  simulateSpeed: number;
  adminPassword: string | undefined;
  redisUrl: string | undefined;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

/** Reads and validates the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.ADMIN_PASSWORD) {
    throw new Error('Invalid configuration: ADMIN_PASSWORD is required when DATABASE_URL is set');
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    mqttUrl: e.MQTT_URL,
    mqttPort: e.MQTT_PORT,
    mqttTopicPrefix: e.MQTT_TOPIC_PREFIX,
    sl651Port: e.SL651_PORT,
    simulate: e.SIMULATE ?? true,
    simulateSpeed: e.SIMULATE_SPEED,
    adminPassword: e.ADMIN_PASSWORD,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
  };
}
