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
  /** Commits running side by side on their own connections (a server database; embedded, they queue). */
  commitsInFlight?: number;
  now?: () => Date;
}

interface Pending {
  readings: ValidReading[];
  rejects: RejectRecord[];
  committed: () => void;
  /** In a commit under way. */
  taken?: boolean;
  /** Committed; acknowledged once every message before it is too. */
  done?: boolean;
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
 * Validates messages and commits them in batches, several side by side. A message's `committed` callback (its MQTT
 * acknowledgement) runs only after its readings and rejects are in the database, and in arrival order; a failed
 * commit is retried with backoff, keeping the batch, until the database is back.
 */
export class IngestPipeline extends EventEmitter<PipelineEvents> {
  private queue: Pending[] = [];
  private inFlight = 0;
  private paused = false;
  private retryMs = RETRY_MIN_MS;
  private readonly batchSize: number;
  private readonly highWater: number;
  private readonly lanes: number;
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
    this.lanes = opts.commitsInFlight ?? 2;
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
    if (this.inFlight < this.lanes) setImmediate(() => void this.flush());
  }

  /** Input that never became telemetry (e.g. an undecodable SL 651 frame): logged with the next batch. */
  reject(topic: string, reason: RejectReason, detail: string, payload: string): void {
    this.metrics.rejects.inc({ reason });
    this.queue.push({
      readings: [],
      rejects: [{ reason, detail, topic, reservoirCode: null, payload }],
      committed: () => {},
    });
    if (this.inFlight < this.lanes) setImmediate(() => void this.flush());
  }

  /** Resolves when everything received so far is committed (used at shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.inFlight) await new Promise((r) => setTimeout(r, 20));
  }

  private async flush(): Promise<void> {
    // While commits fail, one at a time probes the database.
    if (this.inFlight >= (this.retryMs > RETRY_MIN_MS ? 1 : this.lanes)) return;
    const batch = this.takeBatch();
    if (!batch.length) return;
    this.inFlight++;
    setImmediate(() => void this.flush());
    const stop = this.metrics.batchSeconds.startTimer();
    try {
      const readings = batch.flatMap((p) => p.readings);
      const stored = await storeBatch(
        this.db,
        readings,
        batch.flatMap((p) => p.rejects),
      );
      stop();
      this.retryMs = RETRY_MIN_MS;
      this.metrics.stored.inc(stored.length);
      this.metrics.duplicates.inc(readings.length - stored.length);
      for (const p of batch) p.done = true;
      if (stored.length) this.emit('stored', stored);
    } catch {
      for (const p of batch) p.taken = false;
      this.metrics.dbErrors.inc();
      await new Promise((r) => setTimeout(r, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    } finally {
      this.inFlight--;
      this.acknowledgeCommitted();
      this.metrics.queueDepth.set(this.queue.length);
      if (this.paused && this.queue.length < this.highWater / 2) {
        this.paused = false;
        this.emit('pressure', false);
      }
      if (this.queue.length) setImmediate(() => void this.flush());
    }
  }

  /** The oldest messages not in a commit yet, as many as the queue calls for (see batch-size.ts). */
  private takeBatch(): Pending[] {
    const start = this.queue.findIndex((p) => !p.taken);
    if (start < 0) return [];
    let end = start;
    while (end < this.queue.length && end - start < this.batchSize && !this.queue[end].taken) end++;
    const waiting = this.queue.slice(start, end);
    const batch = waiting.slice(
      0,
      nextBatchSize(
        waiting.map((p) => p.readings.length),
        this.lanes,
        this.batchSize,
      ),
    );
    for (const p of batch) p.taken = true;
    return batch;
  }

  /** Acknowledges the committed messages at the head of the queue: in arrival order, as MQTT asks for PUBACKs. */
  private acknowledgeCommitted(): void {
    let done = 0;
    while (done < this.queue.length && this.queue[done].done) done++;
    for (const p of this.queue.splice(0, done)) p.committed();
  }
}
