import type pg from 'pg';
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
 * unnest() arrays keep it to one parameterised statement per table whatever the batch size.
 */
export async function storeBatch(
  pool: pg.Pool,
  readings: ValidReading[],
  rejects: RejectRecord[],
): Promise<ValidReading[]> {
  const client = await pool.connect();
  let failed: Error | undefined;
  // A checked-out connection that dies between two statements emits 'error'; unhandled, that ends the process.
  const onError = (err: Error) => void (failed ??= err);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const inserted = readings.length ? await insertReadings(client, readings) : [];
    if (inserted.length) {
      const latest = newestPerSensor(inserted);
      await client.query(
        `INSERT INTO sensor_latest (sensor_id, time, value)
         SELECT s, t, v FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) AS x(s, t, v)
         ON CONFLICT (sensor_id) DO UPDATE SET time = excluded.time, value = excluded.value
         WHERE sensor_latest.time < excluded.time`,
        [latest.map((r) => r.sensorId), latest.map((r) => r.time), latest.map((r) => r.value)],
      );
      // Stations are locked in id order first, for the same reason.
      await client.query(
        `SELECT st.id FROM stations st WHERE st.id IN (SELECT station_id FROM sensors WHERE id = ANY($1::int[]))
         ORDER BY st.id FOR UPDATE`,
        [latest.map((r) => r.sensorId)],
      );
      await client.query(
        `UPDATE stations st SET last_report_at = x.t
         FROM (SELECT s.station_id, max(u.t) AS t FROM unnest($1::int[], $2::timestamptz[]) AS u(id, t)
               JOIN sensors s ON s.id = u.id GROUP BY 1) x
         WHERE st.id = x.station_id AND (st.last_report_at IS NULL OR st.last_report_at < x.t)`,
        [latest.map((r) => r.sensorId), latest.map((r) => r.time)],
      );
    }
    if (rejects.length) {
      await client.query(
        `INSERT INTO reject_log (topic, reservoir_code, reason, detail, payload)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
        [
          rejects.map((r) => r.topic),
          rejects.map((r) => r.reservoirCode),
          rejects.map((r) => r.reason),
          rejects.map((r) => r.detail.slice(0, 500)),
          rejects.map((r) => r.payload.slice(0, REJECT_PAYLOAD_CHARS)),
        ],
      );
    }
    await client.query('COMMIT');
    return inserted;
  } catch (err) {
    failed = err as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // A connection that failed (e.g. the database went away) is destroyed, not handed to the next batch.
    client.off('error', onError);
    client.release(failed);
  }
}

async function insertReadings(client: pg.PoolClient, readings: ValidReading[]): Promise<ValidReading[]> {
  const { rows } = await client.query<{ s: number; t: Date }>(
    `INSERT INTO readings (sensor_id, time, value)
     SELECT s, t, v FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) AS x(s, t, v)
     ON CONFLICT (sensor_id, time) DO NOTHING
     RETURNING sensor_id AS s, time AS t`,
    [readings.map((r) => r.sensorId), readings.map((r) => r.time), readings.map((r) => r.value)],
  );
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
