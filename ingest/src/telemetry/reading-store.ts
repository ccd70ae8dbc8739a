import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import type { Reject, ValidReading } from './payload.js';
import type { RainStateChange } from '../sl651-station/sinks.js';

export interface RejectRecord extends Reject {
  topic: string;
  reservoirCode: string | null;
  payload: string;
}

/** How far (s) a scheduled report's newest reading may lie from its slot. */
const SLOT_TOLERANCE_S = 120;

/** Bounded copy of a rejected payload: enough to see what was wrong, never a whole flood. */
export const REJECT_PAYLOAD_CHARS = 2000;

/** A scheduled report: message `message` of the batch, received `at`, with its valid readings. */
export interface ScheduledReport {
  message: number;
  at: Date;
  readings: ValidReading[];
}

export interface Batch {
  readings: ValidReading[];
  rejects: RejectRecord[];
  reports: ScheduledReport[];
  rainStates: RainStateChange[];
}

/**
 * Writes one batch in one transaction: readings (duplicates of (sensor, time) ignored), the latest value per
 * sensor, the stations' last report time and received report slots, the SL 651 rain states and the rejects.
 * Returns the readings that were new. unnest() arrays keep it to one parameterised statement per table whatever
 * the batch size: the hot path.
 */
export async function storeBatch(
  db: Kysely<Database>,
  { readings, rejects, reports, rainStates }: Batch,
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
    if (reports.length) await recordReportSlots(tx, reports);
    if (rainStates.length) await saveRainStates(tx, rainStates);
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

/**
 * Marks each station's report slot as received: per message and station its newest reading, rounded to the
 * station's reporting interval (a report observed at 07:59:30 or 08:00:30 answers the 08:00 slot). A message whose
 * newest reading is more than `SLOT_TOLERANCE_S` from any slot is not a scheduled report (JSON telemetry does not
 * say; an added report at 08:25 must not stand in for the 08:00 one). The first arrival of a slot stands: a repeat
 * or a later upload of the same slot changes nothing.
 */
async function recordReportSlots(tx: Kysely<Database>, reports: ScheduledReport[]): Promise<void> {
  const newest = new Map<string, { message: number; sensorId: number; time: Date; at: Date }>();
  for (const { message, at, readings } of reports) {
    for (const r of readings) {
      const key = `${message}|${r.sensorId}`;
      if ((newest.get(key)?.time ?? 0) < r.time) newest.set(key, { message, sensorId: r.sensorId, time: r.time, at });
    }
  }
  if (!newest.size) return;
  const rows = [...newest.values()];
  await sql`
    INSERT INTO station_reports (station_id, slot, received_at)
    SELECT station_id, to_timestamp(slot), min(r)
    FROM (SELECT m.station_id, m.r, extract(epoch FROM m.t) AS t,
                 round(extract(epoch FROM m.t) / st.report_interval_s) * st.report_interval_s AS slot
          FROM (SELECT u.m, se.station_id, max(u.t) AS t, min(u.r) AS r
                FROM unnest(${rows.map((r) => r.message)}::int[], ${rows.map((r) => r.sensorId)}::int[],
                            ${rows.map((r) => r.time)}::timestamptz[], ${rows.map((r) => r.at)}::timestamptz[])
                       AS u(m, s, t, r)
                JOIN sensors se ON se.id = u.s GROUP BY 1, 2) m
          JOIN stations st ON st.id = m.station_id) x
    WHERE abs(t - slot) <= ${SLOT_TOLERANCE_S}
    GROUP BY station_id, slot
    ON CONFLICT (station_id, slot) DO NOTHING`.execute(tx);
}

/** Each SL 651 station's latest rain state of the batch (messages are in arrival order: the last one stands). */
async function saveRainStates(tx: Kysely<Database>, changes: RainStateChange[]): Promise<void> {
  const latest = new Map(changes.map((c) => [c.stationAddress, JSON.stringify(c.state)]));
  await sql`
    INSERT INTO sl651_rain_state (station_address, state)
    SELECT a, s FROM unnest(${[...latest.keys()]}::text[], ${[...latest.values()]}::jsonb[]) AS x(a, s)
    ON CONFLICT (station_address) DO UPDATE SET state = excluded.state, updated_at = now()`.execute(tx);
}
