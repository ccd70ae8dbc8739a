#!/usr/bin/env node
// `npm start -w ingest`: one ingest process against DATABASE_URL and MQTT_URL. Several share the stream when they
// are given the same INGEST_SHARED_GROUP and each its own INGEST_CLIENT_ID.
import { createServer } from 'node:http';
import { loadConfig, openDatabase, PgEventBus, requireServers, stopOnSignals } from '@yz/platform';
import { announceEvents } from './events/announce.js';
import { startIngest } from './ingest-service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { databaseUrl, mqttUrl } = requireServers(config, 'ingest');
  const db = await openDatabase({ databaseUrl, dataDir: config.dataDir }, console);
  const ingest = await startIngest(
    db.db,
    {
      url: mqttUrl,
      clientId: config.ingestClientId,
      protocolVersion: 5,
      topicPrefix: config.mqttTopicPrefix,
      sharedGroup: config.ingestSharedGroup,
      username: config.mqttUsername,
      password: config.mqttPassword,
    },
    {
      webhookUrl: config.notifyWebhookUrl,
      sl651Port: config.sl651Port,
      offlineSweepMs: config.offlineSweepSeconds * 1000,
    },
  );
  const stopAnnouncing = announceEvents(ingest, new PgEventBus(db.db, db.url));
  const metrics = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(ingest.connected() ? 200 : 503).end(ingest.connected() ? 'ok' : 'broker not connected');
      return;
    }
    void ingest.metrics.registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': ingest.metrics.registry.contentType }).end(text);
    });
  });
  metrics.listen(config.metricsPort);
  console.log(`ingest ${config.ingestClientId} running; metrics on :${config.metricsPort}/metrics`);

  stopOnSignals(async () => {
    stopAnnouncing();
    await ingest.stop();
    metrics.close();
    await db.close();
  });
}

main().catch((err: Error) => {
  console.error(`ingest failed to start: ${err.message}`);
  process.exit(1);
});
