import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import type { SensorInfo } from './payload.js';

const REFRESH_MS = 60_000;
/** An unknown code triggers at most one early reload in this window, so a flood of bad codes costs no queries. */
const MISS_RELOAD_MIN_MS = 5_000;

/** Sensors (and their stations) by reservoir and code, read once and refreshed: validating a message needs no query. */
export class RegistryCache {
  private byReservoir = new Map<string, Map<string, SensorInfo>>();
  private loadedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sensorsOf = (reservoirCode: string): ReadonlyMap<string, SensorInfo> | undefined => {
    const sensors = this.byReservoir.get(reservoirCode);
    if (!sensors && Date.now() - this.loadedAt > MISS_RELOAD_MIN_MS) void this.reload().catch(() => undefined);
    return sensors;
  };

  async reload(): Promise<void> {
    this.loadedAt = Date.now();
    const rows = await this.db
      .selectFrom('sensors as s')
      .innerJoin('stations as st', 'st.id', 's.station_id')
      .select([
        's.id',
        's.reservoir_code as reservoir',
        's.code',
        's.type',
        'st.id as stationId',
        'st.report_interval_s',
      ])
      .execute();
    const next = new Map<string, Map<string, SensorInfo>>();
    for (const r of rows) {
      if (!next.has(r.reservoir)) next.set(r.reservoir, new Map());
      const station = { id: r.stationId, reportIntervalS: r.report_interval_s };
      next.get(r.reservoir)!.set(r.code, { id: r.id, type: r.type, station });
    }
    this.byReservoir = next;
  }
}
