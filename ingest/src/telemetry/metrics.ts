import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

let loopDelay: ReturnType<typeof monitorEventLoopDelay> | undefined;

/** The process's event-loop delay, sampled every 10 ms from the first call: one per process, whatever the pipelines. */
function processLoopDelay() {
  if (!loopDelay) {
    loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
  }
  return loopDelay;
}

/** Prometheus metrics of one ingest pipeline, in their own registry so several pipelines can live in a test. */
export class IngestMetrics {
  readonly registry = new Registry();
  readonly messages = new Counter({
    name: 'ingest_messages_total',
    help: 'MQTT messages received',
    registers: [this.registry],
  });
  readonly stored = new Counter({
    name: 'ingest_readings_stored_total',
    help: 'Readings stored (new rows)',
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'ingest_readings_duplicate_total',
    help: 'Readings already stored (redelivery)',
    registers: [this.registry],
  });
  readonly rejects = new Counter({
    name: 'ingest_rejects_total',
    help: 'Rejected inputs by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'ingest_batch_seconds',
    help: 'Time to commit one batch',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'ingest_queue_depth',
    help: 'Messages received but not yet committed',
    registers: [this.registry],
  });
  readonly alertBacklog = new Gauge({
    name: 'ingest_alert_backlog',
    help: 'Stored readings (newest per sensor) waiting for or under alert evaluation',
    registers: [this.registry],
  });
  readonly eventLoopStall = new Gauge({
    name: 'ingest_event_loop_stall_max_seconds',
    help: 'Longest event-loop delay since the last scrape: how long an arriving alarm reading may have waited to be read',
    registers: [this.registry],
    collect() {
      const delay = processLoopDelay();
      this.set(delay.max / 1e9);
      delay.reset();
    },
  });
  readonly dbErrors = new Counter({
    name: 'ingest_db_errors_total',
    help: 'Failed batch commits (retried)',
    registers: [this.registry],
  });

  constructor() {
    processLoopDelay();
  }
}
