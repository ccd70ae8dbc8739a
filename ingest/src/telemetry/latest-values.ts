import { EventEmitter } from 'node:events';
import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import { float8Array, int4Array, timestamptzArray } from './binary-arrays.js';

/** The newest value of a sensor, as sensor_latest holds it. */
export interface LatestValue {
  reservoirCode: string;
  sensorId: number;
  time: Date;
  value: number;
}

export interface LatestValuesEvents {
  /** Reservoirs whose latest values were just written (the dashboard reads them from sensor_latest). */
  written: [reservoirCodes: string[]];
}

/** Latest values are written at most this often: a burst of reports becomes one small transaction a second. */
export const LATEST_EVERY_MS = 1000;

/**
 * The latest value per sensor and the stations' last report time, kept in memory and written at most once a
 * second in a transaction of their own, off the acknowledged commit (which holds only the readings). A crash can
 * lose at most the last second of these, and the readings hold the truth: at start they are recovered from the
 * newest reading of every sensor.
 */
export class LatestValues extends EventEmitter<LatestValuesEvents> {
  private pending = new Map<number, LatestValue>();
  private writing: Promise<string[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly everyMs = LATEST_EVERY_MS,
  ) {
    super();
  }

  /** Recovers what the last run may not have written, then writes every `everyMs`. */
  async start(): Promise<void> {
    const { rows } = await sql<LatestValue>`
      SELECT s.reservoir_code AS "reservoirCode", s.id AS "sensorId", r.time, r.value
      FROM sensors s
      CROSS JOIN LATERAL (SELECT time, value FROM readings WHERE sensor_id = s.id ORDER BY time DESC LIMIT 1) r`.execute(
      this.db,
    );
    this.note(rows);
    await this.flush();
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.everyMs);
    this.timer.unref();
  }

  /** Writes what is pending and stops; what cannot be written now is recovered at the next start. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((err: Error) => console.error(`latest values not written: ${err.message}`));
  }

  /** Newly stored readings (any order, any age): only a sensor's newest counts. */
  note(values: LatestValue[]): void {
    for (const v of values) {
      const seen = this.pending.get(v.sensorId);
      if (!seen || seen.time < v.time) this.pending.set(v.sensorId, v);
    }
  }

  /** Writes the pending values; a failed write keeps them for the next try. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (!this.pending.size) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.writing = this.write(batch);
    try {
      this.emit('written', await this.writing);
    } catch (err) {
      this.note(batch);
      throw err;
    } finally {
      this.writing = undefined;
    }
  }

  private async write(values: LatestValue[]): Promise<string[]> {
    // Rows are locked in sensor (then station) order, so two ingest processes writing at once cannot deadlock. A
    // sensor removed from the registry since its reading was stored is skipped: it must not block every other value.
    const latest = values.sort((a, b) => a.sensorId - b.sensorId);
    const ids = int4Array(latest.map((r) => r.sensorId));
    const times = timestamptzArray(latest.map((r) => r.time));
    await this.db.transaction().execute(async (tx) => {
      await sql`
        INSERT INTO sensor_latest (sensor_id, time, value)
        SELECT s, t, v
        FROM unnest(${ids}::int[], ${times}::timestamptz[], ${float8Array(latest.map((r) => r.value))}::float8[]) AS x(s, t, v)
        WHERE EXISTS (SELECT 1 FROM sensors WHERE id = x.s)
        ON CONFLICT (sensor_id) DO UPDATE SET time = excluded.time, value = excluded.value
        WHERE sensor_latest.time < excluded.time`.execute(tx);
      await sql`
        SELECT st.id FROM stations st WHERE st.id IN (SELECT station_id FROM sensors WHERE id = ANY(${ids}::int[]))
        ORDER BY st.id FOR UPDATE`.execute(tx);
      await sql`
        UPDATE stations st SET last_report_at = x.t
        FROM (SELECT s.station_id, max(u.t) AS t
              FROM unnest(${ids}::int[], ${times}::timestamptz[]) AS u(id, t) JOIN sensors s ON s.id = u.id GROUP BY 1) x
        WHERE st.id = x.station_id AND (st.last_report_at IS NULL OR st.last_report_at < x.t)`.execute(tx);
    });
    return [...new Set(latest.map((r) => r.reservoirCode))];
  }
}
