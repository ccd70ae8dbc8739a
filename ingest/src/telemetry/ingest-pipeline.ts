import { EventEmitter } from 'node:events';
import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import type { IngestMetrics } from './metrics.js';
import { validateTelemetry, type RejectReason, type SensorLookup, type ValidReading } from './payload.js';
import { nextBatchSize } from './batch-size.js';
import { storeBatch, type RejectRecord } from './reading-store.js';

export interface PipelineOptions {
  /** Messages committed in one transaction at most (fewer when they hold many readings: see batch-size.ts). */
  batchSize?: number;
  /** Above this many uncommitted messages the source is asked to pause (see `pressure` events). */
  highWater?: number;
  now?: () => Date;
}

interface Pending {
  readings: ValidReading[];
  rejects: RejectRecord[];
  committed: () => void;
}

export interface PipelineEvents {
  /** Valid readings of a message as it arrives, before they are committed. */
  received: [readings: ValidReading[]];
  /** Readings newly stored (redeliveries excluded), after their transaction committed. */
  stored: [readings: ValidReading[]];
  /** true: stop feeding messages; false: go on. */
  pressure: [paused: boolean];
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Validates messages and commits them in batches. A message's `committed` callback (its MQTT acknowledgement)
 * runs only after its readings and rejects are in the database; a failed commit is retried with backoff,
 * keeping the batch, until the database is back.
 */
export class IngestPipeline extends EventEmitter<PipelineEvents> {
  private queue: Pending[] = [];
  private flushing = false;
  private paused = false;
  private retryMs = RETRY_MIN_MS;
  private readonly batchSize: number;
  private readonly highWater: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sensorsOf: SensorLookup,
    private readonly metrics: IngestMetrics,
    opts: PipelineOptions = {},
  ) {
    super();
    this.batchSize = opts.batchSize ?? 500;
    this.highWater = opts.highWater ?? 5_000;
    this.now = opts.now ?? (() => new Date());
  }

  get depth(): number {
    return this.queue.length;
  }

  accept(topic: string, payload: Buffer, committed: () => void): void {
    this.metrics.messages.inc();
    const result = validateTelemetry(topic, payload, this.sensorsOf, this.now());
    const rejects = result.rejects.map((r) => ({
      ...r,
      topic,
      reservoirCode: result.reservoirCode,
      payload: payload.toString('utf8'),
    }));
    for (const r of rejects) this.metrics.rejects.inc({ reason: r.reason });
    if (result.readings.length) this.emit('received', result.readings);
    this.queue.push({ readings: result.readings, rejects, committed });
    this.metrics.queueDepth.set(this.queue.length);
    if (!this.paused && this.queue.length >= this.highWater) {
      this.paused = true;
      this.emit('pressure', true);
    }
    // setImmediate lets a burst of messages that arrived together share one transaction.
    if (!this.flushing) setImmediate(() => void this.flush());
  }

  /** Input that never became telemetry (e.g. an undecodable SL 651 frame): logged with the next batch. */
  reject(topic: string, reason: RejectReason, detail: string, payload: string): void {
    this.metrics.rejects.inc({ reason });
    this.queue.push({
      readings: [],
      rejects: [{ reason, detail, topic, reservoirCode: null, payload }],
      committed: () => {},
    });
    if (!this.flushing) setImmediate(() => void this.flush());
  }

  /** Resolves when everything received so far is committed (used at shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing) await new Promise((r) => setTimeout(r, 20));
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.queue.length) return;
    this.flushing = true;
    const waiting = this.queue.slice(0, this.batchSize).map((p) => p.readings.length);
    const batch = this.queue.slice(0, nextBatchSize(waiting, 1, this.batchSize));
    const stop = this.metrics.batchSeconds.startTimer();
    try {
      const readings = batch.flatMap((p) => p.readings);
      const stored = await storeBatch(
        this.db,
        readings,
        batch.flatMap((p) => p.rejects),
      );
      stop();
      this.queue.splice(0, batch.length);
      this.retryMs = RETRY_MIN_MS;
      this.metrics.stored.inc(stored.length);
      this.metrics.duplicates.inc(readings.length - stored.length);
      for (const p of batch) p.committed();
      if (stored.length) this.emit('stored', stored);
    } catch {
      this.metrics.dbErrors.inc();
      await new Promise((r) => setTimeout(r, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    } finally {
      this.flushing = false;
      this.metrics.queueDepth.set(this.queue.length);
      if (this.paused && this.queue.length < this.highWater / 2) {
        this.paused = false;
        this.emit('pressure', false);
      }
      if (this.queue.length) setImmediate(() => void this.flush());
    }
  }
}
