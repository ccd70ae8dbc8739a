import { EventEmitter } from 'node:events';
import { createLogger, isConnectionFailure, type Database, type Logger } from '@yz/platform';
import type { Kysely } from 'kysely';
import type { IngestMetrics } from './metrics.js';
import { validateTelemetry, type RejectReason, type SensorLookup, type ValidReading } from './payload.js';
import { nextBatchSize } from './batch-size.js';
import { reportSlots, type ReportSlot } from './report-slots.js';
import { storeBatch, type RejectRecord } from './reading-store.js';
import { rejectRecords, setAsideRecord } from './reject-records.js';
import type { MessageExtras, RainStateChange } from '../sl651-station/sinks.js';

export interface PipelineOptions {
  /** Messages committed in one transaction at most (fewer when they hold many readings: see batch-size.ts). */
  batchSize?: number;
  /** Above this many uncommitted messages the source is asked to pause (see `pressure` events). */
  highWater?: number;
  /** ...or above this many bytes of their payloads. */
  highWaterBytes?: number;
  /** Commits running side by side on their own connections (a server database; embedded, they queue). */
  commitsInFlight?: number;
  now?: () => Date;
  logger?: Logger;
}

interface Pending {
  topic: string;
  payload: Buffer | string;
  /** The payload's size, counted against the high-water mark in bytes. */
  bytes: number;
  readings: ValidReading[];
  rejects: RejectRecord[];
  committed: () => void;
  /** In a commit under way. */
  taken?: boolean;
  /** Committed (or set aside); acknowledged once every message before it is too. */
  done?: boolean;
  /** The report slots it answers, if it is a scheduled report (see report-slots.ts). */
  slots: ReportSlot[];
  rain?: RainStateChange;
}

export interface PipelineEvents {
  /** Valid readings of a message as it arrives, before they are committed. */
  received: [readings: ValidReading[]];
  /** Readings newly stored (redeliveries excluded), after their transaction committed. */
  stored: [readings: ValidReading[]];
  /** true: stop feeding messages; false: go on. */
  pressure: [paused: boolean];
}

/**
 * Uncommitted messages held before the source is paused (and what the broker may have in flight to ingest): a
 * province's top-of-hour burst (14,000 stations at once) fits, so the burst's last report is read and judged on
 * arrival instead of waiting for the commits of all the reports before it (at 1,000: 0.2-0.7 s more on PostgreSQL).
 */
export const HIGH_WATER = 20_000;
/**
 * Payload bytes held uncommitted before the source is paused, whatever the count: 20,000 messages of 64 kB (the
 * broker's largest) would be 1.3 GB of payloads, and more once parsed. A province's burst is about 3 MB.
 */
const HIGH_WATER_BYTES = 32 * 1024 * 1024;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Validates messages and commits them in batches, several side by side. A message's `committed` callback (its MQTT
 * acknowledgement) runs only after its readings and rejects are in the database, and in arrival order. A commit
 * that fails on the link to the database is retried with backoff, keeping the batch, until the database is back;
 * one that fails on the data is split in halves until the message at fault is found, and that message goes to the
 * reject log instead: no message can stop the pipeline.
 */
export class IngestPipeline extends EventEmitter<PipelineEvents> {
  private queue: Pending[] = [];
  private inFlight = 0;
  private paused = false;
  private queuedBytes = 0;
  private retryMs = RETRY_MIN_MS;
  /** When the pipeline last made progress (a commit, or the queue filling from empty). */
  private progressAt = Date.now();
  private failing: unknown;
  private readonly batchSize: number;
  private readonly highWater: number;
  private readonly highWaterBytes: number;
  private readonly lanes: number;
  private readonly now: () => Date;
  private readonly logger: Logger;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sensorsOf: SensorLookup,
    private readonly metrics: IngestMetrics,
    opts: PipelineOptions = {},
  ) {
    super();
    this.batchSize = opts.batchSize ?? 500;
    this.highWater = opts.highWater ?? HIGH_WATER;
    this.highWaterBytes = opts.highWaterBytes ?? HIGH_WATER_BYTES;
    this.lanes = opts.commitsInFlight ?? 2;
    this.now = opts.now ?? (() => new Date());
    this.logger = opts.logger ?? createLogger('ingest');
  }

  get depth(): number {
    return this.queue.length;
  }

  /** Whether the source is asked to pause now (the last `pressure` event said so). */
  get underPressure(): boolean {
    return this.paused;
  }

  /** How long messages have been waiting without any commit (0 when nothing waits): a stuck pipeline. */
  stalledMs(now = Date.now()): number {
    return this.queue.length ? now - this.progressAt : 0;
  }

  /** The last commit failure while it lasts (the database unreachable), for health reports. */
  get failure(): unknown {
    return this.failing;
  }

  accept(topic: string, payload: Buffer, committed: () => void, extras: MessageExtras = {}): void {
    this.metrics.messages.inc();
    const now = this.now();
    const result = validateTelemetry(topic, payload, this.sensorsOf, now);
    for (const r of result.rejects) this.metrics.rejects.inc({ reason: r.reason });
    const rejects = rejectRecords(topic, result.reservoirCode, payload, result.rejects);
    if (result.readings.length) this.emit('received', result.readings);
    const slots =
      extras.scheduled === false
        ? []
        : reportSlots(result.readings, now, (r) => this.sensorsOf(r.reservoirCode)?.get(r.sensorCode)?.station);
    this.enqueue({
      topic,
      payload,
      bytes: payload.length,
      readings: result.readings,
      rejects,
      committed,
      slots,
      rain: extras.rain,
    });
  }

  /** Input that never became telemetry (e.g. an undecodable SL 651 frame): logged with the next batch. */
  reject(topic: string, reason: RejectReason, detail: string, payload: string): void {
    this.metrics.rejects.inc({ reason });
    const rejects = rejectRecords(topic, null, payload, [{ reason, detail }]);
    this.enqueue({
      topic,
      payload,
      bytes: Buffer.byteLength(payload),
      readings: [],
      rejects,
      committed: () => {},
      slots: [],
    });
  }

  private enqueue(pending: Pending): void {
    if (!this.queue.length) this.progressAt = Date.now();
    this.queue.push(pending);
    this.queuedBytes += pending.bytes;
    this.metrics.queueDepth.set(this.queue.length);
    if (!this.paused && (this.queue.length >= this.highWater || this.queuedBytes >= this.highWaterBytes)) {
      this.paused = true;
      this.emit('pressure', true);
    }
    // setImmediate lets a burst of messages that arrived together share one transaction.
    if (this.inFlight < this.lanes) setImmediate(() => void this.flush());
  }

  /** Resolves when everything received so far is committed (used at shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.inFlight) await new Promise((r) => setTimeout(r, 20));
  }

  private async flush(): Promise<void> {
    // While commits fail, one at a time probes the database.
    if (this.inFlight >= (this.failing ? 1 : this.lanes)) return;
    const batch = this.takeBatch();
    if (!batch.length) return;
    this.inFlight++;
    setImmediate(() => void this.flush());
    try {
      await this.commit(batch);
      if (this.failing) this.logger.log('database answers again: committing');
      this.failing = undefined;
      this.retryMs = RETRY_MIN_MS;
    } catch (err) {
      // Only a failure of the link gets here: the messages not committed go back to the queue, tried again.
      for (const p of batch) if (!p.done) p.taken = false;
      this.metrics.dbErrors.inc();
      if (!this.failing)
        this.logger.error(`commit of ${batch.length} messages failed; retrying until it succeeds`, err);
      this.failing = err;
      await new Promise((r) => setTimeout(r, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    } finally {
      this.inFlight--;
      this.acknowledgeCommitted();
      this.metrics.queueDepth.set(this.queue.length);
      if (this.paused && this.queue.length < this.highWater / 2 && this.queuedBytes < this.highWaterBytes / 2) {
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
    for (const p of this.queue.splice(0, done)) {
      this.queuedBytes -= p.bytes;
      p.committed();
    }
  }

  /** Commits messages in one transaction; if the data is at fault, in halves, down to the message at fault. */
  private async commit(batch: Pending[]): Promise<void> {
    const stop = this.metrics.batchSeconds.startTimer();
    let stored: ValidReading[];
    const readings = batch.flatMap((p) => p.readings);
    try {
      stored = await storeBatch(this.db, {
        readings,
        rejects: batch.flatMap((p) => p.rejects),
        reports: batch.flatMap((p) => p.slots),
        rainStates: batch.flatMap((p) => (p.rain ? [p.rain] : [])),
      });
    } catch (err) {
      if (isConnectionFailure(err)) throw err;
      if (batch.length === 1) return this.setAside(batch[0], err);
      const half = Math.ceil(batch.length / 2);
      await this.commit(batch.slice(0, half));
      return this.commit(batch.slice(half));
    }
    stop();
    this.progressAt = Date.now();
    this.metrics.stored.inc(stored.length);
    this.metrics.duplicates.inc(readings.length - stored.length);
    for (const p of batch) p.done = true;
    if (stored.length) this.emit('stored', stored);
  }

  /** The one message the database refuses goes to the reject log (or, if even that is refused, only to the log). */
  private async setAside(p: Pending, err: unknown): Promise<void> {
    this.logger.error(`message on ${JSON.stringify(p.topic)} could not be stored; set aside in the reject log`, err);
    this.metrics.rejects.inc({ reason: 'store_failed' });
    try {
      await storeBatch(this.db, {
        readings: [],
        rejects: [setAsideRecord(p.topic, p.payload, err)],
        reports: [],
        rainStates: [],
      });
    } catch (again) {
      if (isConnectionFailure(again)) throw again;
      this.logger.error(`message on ${JSON.stringify(p.topic)} could not be logged either; dropped`, again);
    }
    this.progressAt = Date.now();
    p.done = true;
  }
}
