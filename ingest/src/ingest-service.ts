import type { MqttClient } from 'mqtt';
import type pg from 'pg';
import { AlertEngine } from './alerts/alert-engine.js';
import { Notifier, WebhookChannel } from './notifications/index.js';
import { IngestPipeline } from './telemetry/ingest-pipeline.js';
import { IngestMetrics } from './telemetry/metrics.js';
import { connectMqttSource, type MqttSourceOptions } from './telemetry/mqtt-source.js';
import { RegistryCache } from './telemetry/registry-cache.js';

export interface IngestService {
  pipeline: IngestPipeline;
  metrics: IngestMetrics;
  registry: RegistryCache;
  alerts: AlertEngine;
  client: MqttClient;
  connected(): boolean;
  /** Stops taking messages, commits what was received, then disconnects (keeping the broker session). */
  stop(): Promise<void>;
}

export async function startIngest(
  pool: pg.Pool,
  source: MqttSourceOptions,
  notify: { webhookUrl?: string } = {},
): Promise<IngestService> {
  const metrics = new IngestMetrics();
  const registry = new RegistryCache(pool);
  await registry.start();
  const pipeline = new IngestPipeline(pool, registry.sensorsOf, metrics);
  const alerts = new AlertEngine(pool);
  await alerts.start();
  // Without a gateway nobody is messaged; alerts stay on the dashboard.
  const notifier = notify.webhookUrl ? new Notifier(pool, new WebhookChannel(notify.webhookUrl)) : undefined;
  if (notifier) alerts.on('alert', (change) => void notifier.onAlert(change));
  // Alerts are judged right after each commit, one batch at a time so verdicts on a sensor stay in order.
  let judging = Promise.resolve();
  pipeline.on('stored', (readings) => {
    judging = judging
      .then(() => alerts.onStored(readings))
      .catch((err: Error) => console.error('alert evaluation failed:', err.message));
  });
  const client = connectMqttSource(source, pipeline);
  return {
    pipeline,
    metrics,
    registry,
    alerts,
    client,
    connected: () => client.connected,
    async stop() {
      client.stream?.pause();
      await pipeline.drain();
      await judging;
      registry.stop();
      alerts.stop();
      await notifier?.stop();
      await client.endAsync();
    },
  };
}
