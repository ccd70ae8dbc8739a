// `npm start -w backend`: the API, Socket.IO and the dashboard against DATABASE_URL and MQTT_URL, without ingest.
// Alerts and readings from ingest processes arrive through PostgreSQL notifications.
import 'reflect-metadata';
import {
  createLogger,
  loadConfig,
  openDatabase,
  PgEventBus,
  serviceOptions,
  setLogLevel,
  stopOnSignals,
} from '@yz/platform';
import { seedIfEmpty } from '@yz/seeds';
import mqtt from 'mqtt';
import { startBackend } from '@yz/backend';
import { jwtSecret } from './admin-password.js';

const logger = createLogger('backend');

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const options = serviceOptions(config, 'backend');
  const db = await openDatabase(
    {
      ...options.database,
      afterMigrate: (ds) => seedIfEmpty(ds, config.seedReservoirs).then(() => undefined),
    },
    logger,
  );
  // The backend publishes nothing yet; the connection tells /api/health whether stations can reach the system.
  const broker = mqtt.connect(options.broker.url!, {
    username: options.broker.username,
    password: options.broker.password,
    reconnectPeriod: 2000,
  });
  // Refused connections repeat every attempt while the broker is away; /api/health reports it instead.
  broker.on('error', () => undefined);
  const app = await startBackend({
    config,
    db: db.db,
    events: new PgEventBus(db.db, db.url, logger),
    timescale: db.timescale,
    embedded: false,
    brokerConnected: () => broker.connected,
    admin: { password: options.adminPassword!, reset: true },
    jwtSecret: jwtSecret(config),
  });
  logger.log(`backend listening on :${config.port}`);
  if (!config.jwtSecret) logger.warn('JWT_SECRET is not set: using one generated in DATA_DIR (replicas need one)');

  stopOnSignals(async () => {
    await app.close();
    await broker.endAsync();
    await db.close();
  });
}

main().catch((err: unknown) => {
  logger.error('backend failed to start', err);
  process.exit(1);
});
