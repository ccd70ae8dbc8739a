import type { MqttClient } from 'mqtt';
import type pg from 'pg';
import { IngestPipeline } from './telemetry/ingest-pipeline.js';
import { IngestMetrics } from './telemetry/metrics.js';
import { connectMqttSource, type MqttSourceOptions } from './telemetry/mqtt-source.js';
import { RegistryCache } from './telemetry/registry-cache.js';

export interface IngestService {
  pipeline: IngestPipeline;
  metrics: IngestMetrics;
  registry: RegistryCache;
  client: MqttClient;
  connected(): boolean;
  /** Stops taking messages, commits what was received, then disconnects (keeping the broker session). */
  stop(): Promise<void>;
}

export async function startIngest(pool: pg.Pool, source: MqttSourceOptions): Promise<IngestService> {
  const metrics = new IngestMetrics();
  const registry = new RegistryCache(pool);
  await registry.start();
  const pipeline = new IngestPipeline(pool, registry.sensorsOf, metrics);
  const client = connectMqttSource(source, pipeline);
  return {
    pipeline,
    metrics,
    registry,
    client,
    connected: () => client.connected,
    async stop() {
      client.stream?.pause();
      await pipeline.drain();
      registry.stop();
      await client.endAsync();
    },
  };
}
