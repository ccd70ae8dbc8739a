export { Notifier, WebhookChannel, type NotificationChannel, type NotifierOptions } from './notifications/index.js';
export { startIngest, type IngestExtras, type IngestService } from './ingest-service.js';
export { announceEvents } from './events/announce.js';
export type { ValidReading } from './telemetry/payload.js';
export { Simulator, connectAndRun, type RunningSimulator } from './simulator/index.js';
export { backfillHistory } from './simulator/history.js';
export { IngestMetrics } from './telemetry/metrics.js';
export * from './sl651-station/index.js';
export * from './sl651/index.js';
export { mqttSourceOptions } from './telemetry/mqtt-source.js';
/** For the ingest benchmark, which drives the commit path without a broker. */
export { HIGH_WATER, IngestPipeline, type PipelineOptions } from './telemetry/ingest-pipeline.js';
export { RegistryCache } from './telemetry/registry-cache.js';
