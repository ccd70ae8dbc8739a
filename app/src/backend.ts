// `npm start -w backend`: the API, Socket.IO and the dashboard against DATABASE_URL and MQTT_URL, without ingest.
// Alerts and readings from ingest processes arrive through PostgreSQL notifications.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, openDatabase, PgEventBus, requireServers, stopOnSignals } from '@yz/platform';
import { seedIfEmpty } from '@yz/seeds';
import mqtt from 'mqtt';
import { startBackend } from '@yz/backend';
import { jwtSecret } from './admin-password.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { databaseUrl, mqttUrl } = requireServers(config, 'backend');
  const logger = new Logger('backend');
  const db = await openDatabase(
    {
      databaseUrl,
      dataDir: config.dataDir,
      afterMigrate: (ds) => seedIfEmpty(ds, config.seedReservoirs).then(() => undefined),
    },
    logger,
  );
  // The backend publishes nothing yet; the connection tells /api/health whether stations can reach the system.
  const broker = mqtt.connect(mqttUrl, {
    username: config.mqttUsername,
    password: config.mqttPassword,
    reconnectPeriod: 2000,
  });
  broker.on('error', () => undefined);
  const app = await startBackend({
    config,
    db: db.db,
    events: new PgEventBus(db.db, db.url, logger),
    timescale: db.timescale,
    embedded: false,
    brokerConnected: () => broker.connected,
    admin: { password: config.adminPassword!, reset: true },
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

main().catch((err: Error) => {
  console.error(`backend failed to start: ${err.message}`);
  process.exit(1);
});
