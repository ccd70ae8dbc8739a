import type { Database } from '@yz/platform';
import type { Kysely } from 'kysely';
import type { SensorInfo } from './payload.js';

const REFRESH_MS = 60_000;
/** An unknown code triggers at most one early reload in this window, so a flood of bad codes costs no queries. */
const MISS_RELOAD_MIN_MS = 5_000;

/** Sensors by reservoir and code, read once and refreshed, so validating a message needs no query. */
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
      .selectFrom('sensors')
      .select(['id', 'reservoir_code as reservoir', 'code', 'type'])
      .execute();
    const next = new Map<string, Map<string, SensorInfo>>();
    for (const r of rows) {
      if (!next.has(r.reservoir)) next.set(r.reservoir, new Map());
      next.get(r.reservoir)!.set(r.code, { id: r.id, type: r.type });
    }
    this.byReservoir = next;
  }
}
