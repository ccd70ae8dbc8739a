import mqtt, { type MqttClient } from 'mqtt';
import { createLogger, type Database, type Logger } from '@yz/platform';
import type { Kysely } from 'kysely';
import { AlertEngine } from './alerts/alert-engine.js';
import { FloodWatcher } from './flood/flood-watcher.js';
import { watchFloodsAfterCommit } from './flood/watch-after-commit.js';
import { Notifier, WebhookChannel } from './notifications/index.js';
import { loadRainStates, MemoryRainStateStore, startSl651Bridge, startSl651Station } from './sl651-station/index.js';
import { IngestPipeline } from './telemetry/ingest-pipeline.js';
import { LatestValues } from './telemetry/latest-values.js';
import { IngestMetrics } from './telemetry/metrics.js';
import { pacedPasses } from './telemetry/paced-passes.js';
import { connectMqttSource, type MqttSourceOptions } from './telemetry/mqtt-source.js';
import type { ValidReading } from './telemetry/payload.js';
import { RegistryCache } from './telemetry/registry-cache.js';
import { startRejectRetention } from './telemetry/reject-retention.js';

export interface IngestService {
  pipeline: IngestPipeline;
  metrics: IngestMetrics;
  registry: RegistryCache;
  alerts: AlertEngine;
  /** Latest values and last reports, written once a second after the readings (its `written` event says which). */
  latest: LatestValues;
  client: MqttClient;
  connected(): boolean;
  /** Stops taking messages, commits what was received, then disconnects (keeping the broker session). */
  stop(): Promise<void>;
}

export interface IngestExtras {
  /** SMS gateway webhook for alert notifications; unset, alerts stay on the dashboard. */
  webhookUrl?: string;
  /** The SL 651 central station's TCP port; the SL 651 MQTT bridge uses the telemetry broker. */
  sl651Port?: number;
  /** How often stations are checked for silence (default 60 s). */
  offlineSweepMs?: number;
}

export async function startIngest(
  db: Kysely<Database>,
  source: MqttSourceOptions,
  extras: IngestExtras = {},
): Promise<IngestService> {
  const logger = createLogger('ingest');
  const metrics = new IngestMetrics();
  const registry = new RegistryCache(db);
  await registry.start();
  const pipeline = new IngestPipeline(db, registry.sensorsOf, metrics, { logger });
  const latest = new LatestValues(db);
  await latest.start();
  pipeline.on('stored', (readings) => latest.note(readings));
  const alerts = new AlertEngine(db, {
    offlineSweepMs: extras.offlineSweepMs,
    // Ingest processes sharing the stream each see part of a reservoir's levels.
    keepsLevels: !source.sharedGroup,
  });
  await alerts.start();
  const notifier = extras.webhookUrl ? new Notifier(db, new WebhookChannel(extras.webhookUrl)) : undefined;
  if (notifier) alerts.on('alert', (change) => void notifier.onAlert(change));
  // Alerts that need only the reading are judged on arrival, ahead of the batch's commit; the rest after it.
  pipeline.on('received', (readings) => alerts.onArrival(readings));
  const judge = judgeAfterCommit(pipeline, alerts, metrics, logger);
  const floods = watchFloodsAfterCommit(pipeline, new FloodWatcher(db, alerts.floodReservoir), (changes) =>
    alerts.onFloodEvents(changes),
  );
  const stopRetention = startRejectRetention(db, logger);
  const client = connectMqttSource(source, pipeline, logger);
  const sl651 = extras.sl651Port === undefined ? undefined : await startSl651(db, extras.sl651Port, source, pipeline);
  return {
    pipeline,
    metrics,
    registry,
    alerts,
    latest,
    client,
    connected: () => client.connected,
    async stop() {
      client.stream?.pause();
      source.embedded?.setPublishHook(holdForever);
      await sl651?.close();
      await pipeline.drain();
      await latest.stop();
      await judge.idle();
      await floods.idle();
      await alerts.idle();
      registry.stop();
      stopRetention();
      alerts.stop();
      await notifier?.stop();
      // Everything received is committed and acknowledged by now; a paused socket with unread data would never
      // finish a polite disconnect, so the connection is closed outright.
      await client.endAsync(true);
    },
  };
}

/**
 * Alerts are judged after commits, one pass at a time so verdicts on a sensor stay in order (see paced-passes.ts).
 * Readings committed during a pass or the pause after it are taken by the next one, newest per sensor only: when
 * ingest is flooded (a backlog after an outage, a simulator catching up) alerting stays current instead of falling
 * ever further behind.
 */
function judgeAfterCommit(pipeline: IngestPipeline, alerts: AlertEngine, metrics: IngestMetrics, logger: Logger) {
  const waiting = new Map<number, ValidReading>();
  const passes = pacedPasses(
    () => waiting.size > 0,
    async () => {
      const readings = [...waiting.values()];
      waiting.clear();
      await alerts
        .onStored(readings)
        .catch((err: unknown) => logger.error(`alert evaluation of ${readings.length} readings failed`, err));
      metrics.alertBacklog.set(waiting.size);
    },
  );
  pipeline.on('stored', (readings) => {
    alerts.noteStored(readings);
    for (const r of readings) if ((waiting.get(r.sensorId)?.time ?? 0) < r.time) waiting.set(r.sensorId, r);
    metrics.alertBacklog.set(waiting.size);
    passes.kick();
  });
  return { idle: passes.idle };
}

/** Stopping: what arrives now is neither stored nor acknowledged, so the station sends it again to the next start. */
const holdForever = () => false;

/**
 * RTUs speaking SL 651 over TCP, and DTUs forwarding their frames over MQTT, feed the same pipeline and share each
 * station's rain state, as committed with its last stored report.
 */
async function startSl651(db: Kysely<Database>, port: number, source: MqttSourceOptions, pipeline: IngestPipeline) {
  const rainState = new MemoryRainStateStore(await loadRainStates(db));
  const station = await startSl651Station({
    port,
    sink: pipeline,
    rejects: pipeline,
    rainState,
    logger: createLogger('sl651'),
  });
  // A client of its own: the telemetry client hands every message it receives to the pipeline.
  const bridgeClient = await mqtt.connectAsync(source.url, {
    clientId: `${source.clientId}-sl651`,
    clean: false,
    protocolVersion: source.protocolVersion,
    reconnectPeriod: 1000,
    username: source.username,
    password: source.password,
  });
  const bridge = await startSl651Bridge({
    client: bridgeClient,
    topicPrefix: source.topicPrefix,
    sink: pipeline,
    rejects: pipeline,
    rainState,
  });
  return {
    async close() {
      await station.close();
      await bridge.close();
      await bridgeClient.endAsync(true);
    },
  };
}
