import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../database/schema.js';
import { ALERT_CHANNEL, decodeEvent, encodeEvent, READINGS_CHANNEL, type IngestEvent } from './channels.js';

export type EventListener = (event: IngestEvent) => void;

/** How ingest's events reach backends: one interface, in-process or through PostgreSQL NOTIFY. */
export interface EventBus {
  /**
   * True when every backend replica receives each event by itself (NOTIFY): it is then pushed to this replica's
   * own Socket.IO clients only, not fanned out again through the Redis adapter.
   */
  readonly reachesEveryReplica: boolean;
  publish(event: IngestEvent): Promise<void>;
  /** Starts delivering events to `listener`; resolves with a function that stops it. */
  subscribe(listener: EventListener): Promise<() => Promise<void>>;
}

/** All-in-one: ingest and backend share the process; events take the same encoded form as over NOTIFY. */
export class LocalEventBus implements EventBus {
  readonly reachesEveryReplica = false;
  private readonly emitter = new EventEmitter<{ event: [channel: string, payload: string] }>();

  async publish(event: IngestEvent): Promise<void> {
    const { channel, payload } = encodeEvent(event);
    this.emitter.emit('event', channel, payload);
  }

  async subscribe(listener: EventListener): Promise<() => Promise<void>> {
    const deliver = (channel: string, payload: string) => {
      const event = decodeEvent(channel, payload);
      if (event) listener(event);
    };
    this.emitter.on('event', deliver);
    return async () => void this.emitter.off('event', deliver);
  }
}

const RECONNECT_MS = 2000;

/**
 * Separate processes: ingest NOTIFYs through its database connection; each backend replica LISTENs on a connection
 * of its own (reconnecting after a loss) and pushes to its own clients.
 */
export class PgEventBus implements EventBus {
  readonly reachesEveryReplica = true;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly url: string,
    private readonly logger: { warn(message: string): void } = console,
  ) {}

  async publish(event: IngestEvent): Promise<void> {
    const { channel, payload } = encodeEvent(event);
    await sql`SELECT pg_notify(${channel}, ${payload})`.execute(this.db);
  }

  async subscribe(listener: EventListener): Promise<() => Promise<void>> {
    let stopped = false;
    let client: pg.Client | undefined;
    const listen = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: this.url });
      client = c;
      const retry = () => {
        if (stopped) return;
        this.logger.warn('lost the notification connection; reconnecting');
        setTimeout(() => void listen().catch(retry), RECONNECT_MS);
      };
      c.on('error', () => undefined);
      c.on('end', retry);
      c.on('notification', (n) => {
        const event = decodeEvent(n.channel, n.payload ?? '');
        if (event) listener(event);
      });
      await c.connect();
      await c.query(`LISTEN ${ALERT_CHANNEL}`);
      await c.query(`LISTEN ${READINGS_CHANNEL}`);
    };
    await listen();
    return async () => {
      stopped = true;
      await client?.end().catch(() => undefined);
    };
  }
}
