import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ALERT_CHANNEL, type IngestEvent } from '@yz/platform';
import { InjectDb, type Sql } from '../common/sql.js';
import { RUNTIME, type Runtime } from '../config/runtime.js';
import { RealtimeGateway, type ReadingUpdate } from './realtime.gateway.js';

/**
 * Ingest's alert and reading events, however they travel (in this process, or NOTIFY from ingest processes), pushed
 * to the dashboards. A reading event names reservoirs; their latest values are read from sensor_latest.
 */
@Injectable()
export class RealtimeEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly logger = new Logger('realtime');

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly gateway: RealtimeGateway,
    @InjectDb() private readonly db: Sql,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const bus = this.runtime.events;
    if (!bus) return;
    const local = bus.reachesEveryReplica;
    this.unsubscribe = await bus.subscribe(
      (event) =>
        void this.handle(event, local).catch((err: unknown) =>
          this.logger.warn(
            `${event.channel} event not pushed to dashboards: ${err instanceof Error ? err.message : String(err)}`,
          ),
        ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  private async handle(event: IngestEvent, local: boolean): Promise<void> {
    if (event.channel === ALERT_CHANNEL) {
      this.gateway.pushAlert(event.change, local);
      return;
    }
    if (event.codes.length === 0 || !this.anyoneWatching(local)) return;
    const rows = await this.db
      .selectFrom('sensor_latest as l')
      .innerJoin('sensors as s', 's.id', 'l.sensor_id')
      .select(['s.reservoir_code as code', 's.type', 'l.time', 'l.value'])
      .where('s.reservoir_code', 'in', event.codes)
      .execute();
    const updates = new Map<string, ReadingUpdate>();
    for (const r of rows) {
      const time = r.time.toISOString();
      const update = updates.get(r.code) ?? { reservoirCode: r.code, time };
      if (time > update.time) update.time = time;
      update[r.type] = r.value;
      updates.set(r.code, update);
    }
    await this.gateway.pushReadings(updates.values(), local);
  }

  /**
   * Whether a push of this replica's could reach a dashboard: if not, the latest values are not read for no one
   * (a dashboard that connects reads them afresh). Through the Redis adapter a push reaches every replica's clients.
   */
  private anyoneWatching(local: boolean): boolean {
    return this.gateway.hasLocalClients() || (!local && this.runtime.config.redisUrl !== undefined);
  }
}
