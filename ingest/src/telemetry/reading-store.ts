import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import type { Reject, ValidReading } from './payload.js';

export interface RejectRecord extends Reject {
  topic: string;
  reservoirCode: string | null;
  payload: string;
}

/** Bounded copy of a rejected payload: enough to see what was wrong, never a whole flood. */
export const REJECT_PAYLOAD_CHARS = 2000;

/**
 * Writes one batch in one transaction: readings (duplicates of (sensor, time) ignored), the latest value per
 * sensor, the stations' last report time and the rejects. Returns the readings that were new.
 * unnest() arrays keep it to one parameterised statement per table whatever the batch size: the hot path.
 */
export async function storeBatch(
  db: Kysely<Database>,
  readings: ValidReading[],
  rejects: RejectRecord[],
): Promise<ValidReading[]> {
  return db.transaction().execute(async (tx) => {
    const inserted = readings.length ? await insertReadings(tx, readings) : [];
    if (inserted.length) {
      const latest = newestPerSensor(inserted);
      const ids = latest.map((r) => r.sensorId);
      const times = latest.map((r) => r.time);
      await sql`
        INSERT INTO sensor_latest (sensor_id, time, value)
        SELECT s, t, v FROM unnest(${ids}::int[], ${times}::timestamptz[], ${latest.map((r) => r.value)}::float8[])
          AS x(s, t, v)
        ON CONFLICT (sensor_id) DO UPDATE SET time = excluded.time, value = excluded.value
        WHERE sensor_latest.time < excluded.time`.execute(tx);
      // Stations are locked in id order first, for the same reason.
      await sql`
        SELECT st.id FROM stations st WHERE st.id IN (SELECT station_id FROM sensors WHERE id = ANY(${ids}::int[]))
        ORDER BY st.id FOR UPDATE`.execute(tx);
      await sql`
        UPDATE stations st SET last_report_at = x.t
        FROM (SELECT s.station_id, max(u.t) AS t FROM unnest(${ids}::int[], ${times}::timestamptz[]) AS u(id, t)
              JOIN sensors s ON s.id = u.id GROUP BY 1) x
        WHERE st.id = x.station_id AND (st.last_report_at IS NULL OR st.last_report_at < x.t)`.execute(tx);
    }
    if (rejects.length) {
      await sql`
        INSERT INTO reject_log (topic, reservoir_code, reason, detail, payload)
        SELECT * FROM unnest(${rejects.map((r) => r.topic)}::text[], ${rejects.map((r) => r.reservoirCode)}::text[],
          ${rejects.map((r) => r.reason)}::text[], ${rejects.map((r) => r.detail.slice(0, 500))}::text[],
          ${rejects.map((r) => r.payload.slice(0, REJECT_PAYLOAD_CHARS))}::text[])`.execute(tx);
    }
    return inserted;
  });
}

async function insertReadings(tx: Kysely<Database>, readings: ValidReading[]): Promise<ValidReading[]> {
  const { rows } = await sql<{ s: number; t: Date }>`
    INSERT INTO readings (sensor_id, time, value)
    SELECT s, t, v FROM unnest(${readings.map((r) => r.sensorId)}::int[], ${readings.map((r) => r.time)}::timestamptz[],
      ${readings.map((r) => r.value)}::float8[]) AS x(s, t, v)
    ON CONFLICT (sensor_id, time) DO NOTHING
    RETURNING sensor_id AS s, time AS t`.execute(tx);
  const byKey = new Map(readings.map((r) => [`${r.sensorId}|${r.time.getTime()}`, r]));
  return rows.map((row) => byKey.get(`${row.s}|${row.t.getTime()}`)!);
}

function newestPerSensor(readings: ValidReading[]): ValidReading[] {
  const newest = new Map<number, ValidReading>();
  for (const r of readings) {
    const seen = newest.get(r.sensorId);
    if (!seen || seen.time < r.time) newest.set(r.sensorId, r);
  }
  // Rows are locked in sensor order, so two ingest processes updating the same sensors cannot deadlock.
  return [...newest.values()].sort((a, b) => a.sensorId - b.sensorId);
}
