import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ALERT_CHANNEL, poolOf, READINGS_CHANNEL, SELECT_ALERTS, type AlertNotice } from '@yz/platform';
import type { AlertRecord } from '@yz/domain';
import pg from 'pg';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RealtimeGateway, type ReadingUpdate } from './realtime.gateway.js';

const RECONNECT_MS = 2000;

/**
 * Backend without an in-process ingest: listens for the ingest processes' NOTIFY and pushes to this replica's
 * own clients (every replica listens, so nothing is fanned out again).
 */
@Injectable()
export class DatabaseEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('database-events');
  private client: pg.Client | undefined;
  private stopped = false;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly gateway: RealtimeGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.ingest || !this.runtime.config.databaseUrl) return;
    await this.listen(this.runtime.config.databaseUrl);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    this.client = client;
    const retry = () => {
      if (this.stopped) return;
      this.logger.warn('lost the notification connection; reconnecting');
      setTimeout(() => void this.listen(url).catch(retry), RECONNECT_MS);
    };
    client.on('error', () => undefined);
    client.on('end', retry);
    client.on('notification', (n) => void this.handle(n.channel, n.payload ?? '').catch(() => undefined));
    await client.connect();
    await client.query(`LISTEN ${ALERT_CHANNEL}`);
    await client.query(`LISTEN ${READINGS_CHANNEL}`);
  }

  private async handle(channel: string, payload: string): Promise<void> {
    const pool = poolOf(this.runtime.dataSource);
    if (channel === ALERT_CHANNEL) {
      const notice = JSON.parse(payload) as AlertNotice;
      const { rows } = await pool.query<AlertRecord>(`${SELECT_ALERTS} WHERE a.id = $1`, [notice.id]);
      if (rows[0]) this.gateway.pushAlert({ action: notice.action, alert: rows[0] }, true);
      return;
    }
    const codes = JSON.parse(payload) as string[];
    const { rows } = await pool.query<{ code: string; type: string; time: Date; value: number }>(
      `SELECT s.reservoir_code AS code, s.type, l.time, l.value
       FROM sensor_latest l JOIN sensors s ON s.id = l.sensor_id WHERE s.reservoir_code = ANY($1::text[])`,
      [codes],
    );
    const updates = new Map<string, ReadingUpdate>();
    for (const r of rows) {
      const time = r.time.toISOString();
      const update = updates.get(r.code) ?? { reservoirCode: r.code, time };
      if (time > update.time) update.time = time;
      update[r.type] = r.value;
      updates.set(r.code, update);
    }
    this.gateway.pushReadings(updates.values(), true);
  }
}
