#!/usr/bin/env node
// `npm start -w ingest`: one ingest process against DATABASE_URL and MQTT_URL. Several share the stream when they
// are given the same INGEST_SHARED_GROUP and each its own INGEST_CLIENT_ID.
import { createServer } from 'node:http';
import {
  checkHealth,
  createLogger,
  loadConfig,
  openDatabase,
  PgEventBus,
  serviceOptions,
  setLogLevel,
  stopOnSignals,
} from '@yz/platform';
import { announceEvents } from './events/announce.js';
import { startIngest } from './ingest-service.js';
import { mqttSourceOptions } from './telemetry/mqtt-source.js';

const logger = createLogger('ingest');

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const options = serviceOptions(config, 'ingest');
  const db = await openDatabase(options.database, logger);
  const ingest = await startIngest(db.db, mqttSourceOptions(options, options.broker.url!), options.ingest);
  const stopAnnouncing = announceEvents(ingest, new PgEventBus(db.db, db.url, logger));
  const metrics = createServer((req, res) => {
    if (req.url === '/health') {
      void checkHealth({ db: db.db, brokerConnected: ingest.connected, pipeline: ingest.pipeline }).then((report) => {
        res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(report));
      });
      return;
    }
    void ingest.metrics.registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': ingest.metrics.registry.contentType }).end(text);
    });
  });
  metrics.listen(options.ingest.metricsPort);
  logger.log(`ingest ${options.ingest.clientId} running; metrics on :${options.ingest.metricsPort}/metrics`);

  stopOnSignals(
    async () => {
      stopAnnouncing();
      await ingest.stop();
      metrics.close();
      await db.close();
    },
    (message) => logger.log(message),
  );
}

main().catch((err: unknown) => {
  logger.error('ingest failed to start', err);
  process.exit(1);
});
