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
 * Writes what a batch's acknowledgement waits for, and nothing more: its readings (duplicates of (sensor, time)
 * ignored) and its rejects, in one transaction. Latest values and stations' last reports follow off this path
 * (see latest-values.ts). Returns the readings that were new. unnest() arrays keep it to one parameterised
 * statement per table whatever the batch size: the hot path.
 */
export async function storeBatch(
  db: Kysely<Database>,
  readings: ValidReading[],
  rejects: RejectRecord[],
): Promise<ValidReading[]> {
  if (!rejects.length) return readings.length ? insertReadings(db, readings) : [];
  return db.transaction().execute(async (tx) => {
    const inserted = readings.length ? await insertReadings(tx, readings) : [];
    await sql`
      INSERT INTO reject_log (topic, reservoir_code, reason, detail, payload)
      SELECT * FROM unnest(${rejects.map((r) => r.topic)}::text[], ${rejects.map((r) => r.reservoirCode)}::text[],
        ${rejects.map((r) => r.reason)}::text[], ${rejects.map((r) => r.detail.slice(0, 500))}::text[],
        ${rejects.map((r) => r.payload.slice(0, REJECT_PAYLOAD_CHARS))}::text[])`.execute(tx);
    return inserted;
  });
}

async function insertReadings(db: Kysely<Database>, readings: ValidReading[]): Promise<ValidReading[]> {
  // Rows go in in key order, so batches committing side by side on several connections cannot deadlock.
  const sorted = [...readings].sort((a, b) => a.sensorId - b.sensorId || a.time.getTime() - b.time.getTime());
  const { rows } = await sql<{ s: number; t: Date }>`
    INSERT INTO readings (sensor_id, time, value)
    SELECT s, t, v FROM unnest(${sorted.map((r) => r.sensorId)}::int[], ${sorted.map((r) => r.time)}::timestamptz[],
      ${sorted.map((r) => r.value)}::float8[]) AS x(s, t, v)
    ON CONFLICT (sensor_id, time) DO NOTHING
    RETURNING sensor_id AS s, time AS t`.execute(db);
  const byKey = new Map(readings.map((r) => [`${r.sensorId}|${r.time.getTime()}`, r]));
  return rows.map((row) => byKey.get(`${row.s}|${row.t.getTime()}`)!);
}
