import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import type { Reject, ValidReading } from './payload.js';
import type { ReportSlot } from './report-slots.js';
import { float8Array, int4Array, timestamptzArray } from './binary-arrays.js';
import type { RainStateChange } from '../sl651-station/sinks.js';

export interface RejectRecord extends Reject {
  topic: string;
  reservoirCode: string | null;
  payload: string;
}

/** Bounded copy of a rejected payload: enough to see what was wrong, never a whole flood. */
export const REJECT_PAYLOAD_CHARS = 2000;

export interface Batch {
  readings: ValidReading[];
  rejects: RejectRecord[];
  /** Report slots answered (see report-slots.ts). */
  reports: ReportSlot[];
  rainStates: RainStateChange[];
}

/**
 * Writes what a batch's acknowledgement waits for, and nothing more, in one statement (so one round trip, and
 * atomic without a transaction block): its readings, its received report slots and SL 651 rain states (a rain state
 * must commit with the readings it accounts for) and its rejects, each a data-modifying WITH clause. Latest values
 * and stations' last reports follow off this path (see latest-values.ts). Returns the readings that were new.
 * unnest() arrays keep it one statement whatever the batch size: the hot path.
 *
 * Readings already stored (a redelivery) are rare, and skipping them (ON CONFLICT) made every insert a third dearer
 * (embedded and on PostgreSQL): the batch is first written as if all were new, and only when that meets a stored
 * reading is it written again, skipping those.
 */
export async function storeBatch(db: Kysely<Database>, batch: Batch): Promise<ValidReading[]> {
  const { readings, rejects, reports, rainStates } = batch;
  if (!readings.length && !rejects.length && !reports.length && !rainStates.length) return [];
  try {
    await write(db, batch, false);
    return readings;
  } catch (err) {
    if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
    return write(db, batch, true);
  }
}

/** Only the readings insert can violate a unique constraint: the other clauses skip or merge what exists. */
const UNIQUE_VIOLATION = '23505';

async function write(
  db: Kysely<Database>,
  { readings, rejects, reports, rainStates }: Batch,
  skipStored: boolean,
): Promise<ValidReading[]> {
  // Rows go in in key order, so batches committing side by side on several connections cannot deadlock.
  const sorted = [...readings].sort((a, b) => a.sensorId - b.sensorId || a.time.getTime() - b.time.getTime());
  const others = [
    ...(reports.length ? [reportSlotsWrite(reports)] : []),
    ...(rainStates.length ? [rainStatesWrite(rainStates)] : []),
    ...(rejects.length ? [rejectsWrite(rejects)] : []),
  ];
  // Arrays in binary (binary-arrays.ts): the driver's per-element formatting of dates cost more than the insert.
  const insert = sql`
    ${others.length ? sql`WITH ${sql.join(others)}` : sql``}
    INSERT INTO readings (sensor_id, time, value)
    SELECT * FROM unnest(${int4Array(sorted.map((r) => r.sensorId))}::int[],
      ${timestamptzArray(sorted.map((r) => r.time))}::timestamptz[],
      ${float8Array(sorted.map((r) => r.value))}::float8[])`;
  // Written as if all were new, nothing comes back: had one been stored, the statement would have failed. Even a
  // count of RETURNING rows cost the embedded database a tenth of the insert.
  if (!skipStored) {
    await insert.execute(db);
    return readings;
  }
  const { rows } = await sql<{ sensorId: number; ms: number }>`${insert}
    ON CONFLICT (sensor_id, time) DO NOTHING
    RETURNING sensor_id AS "sensorId", (extract(epoch FROM time) * 1000)::float8 AS ms`.execute(db);
  const byKey = new Map(readings.map((r) => [`${r.sensorId}|${r.time.getTime()}`, r]));
  return rows.map((r) => byKey.get(`${r.sensorId}|${r.ms}`)!);
}

/**
 * Marks report slots as received. The first arrival of a slot stands: a repeat or a later upload of the same slot
 * changes nothing. Slots go in in key order (commits run side by side).
 */
function reportSlotsWrite(reports: ReportSlot[]) {
  const first = new Map<string, ReportSlot>();
  for (const r of reports) {
    const key = `${r.stationId}|${r.slot.getTime()}`;
    if (!first.has(key) || first.get(key)!.receivedAt > r.receivedAt) first.set(key, r);
  }
  const rows = [...first.values()].sort((a, b) => a.stationId - b.stationId || a.slot.getTime() - b.slot.getTime());
  return sql`slots AS (
    INSERT INTO station_reports (station_id, slot, received_at)
    SELECT s, t, r
    FROM unnest(${int4Array(rows.map((r) => r.stationId))}::int[], ${timestamptzArray(rows.map((r) => r.slot))}::timestamptz[],
      ${timestamptzArray(rows.map((r) => r.receivedAt))}::timestamptz[]) AS u(s, t, r)
    -- A station deleted since the registry was read has no slots to keep (and must not fail the readings' commit).
    WHERE EXISTS (SELECT FROM stations WHERE id = u.s)
    ON CONFLICT (station_id, slot) DO NOTHING)`;
}

/**
 * Each SL 651 station's latest rain state of the batch (messages are in arrival order: the last one stands). Commits
 * run side by side, so an older batch may commit last: a state never replaces one accounted further (`until`).
 */
function rainStatesWrite(changes: RainStateChange[]) {
  const latest = new Map(changes.map((c) => [c.stationAddress, JSON.stringify(c.state)]));
  return sql`rain AS (
    INSERT INTO sl651_rain_state (station_address, state)
    SELECT a, s FROM unnest(${[...latest.keys()]}::text[], ${[...latest.values()]}::jsonb[]) AS x(a, s)
    ON CONFLICT (station_address) DO UPDATE SET state = excluded.state, updated_at = now()
      WHERE (sl651_rain_state.state->>'until')::timestamptz <= (excluded.state->>'until')::timestamptz)`;
}

function rejectsWrite(rejects: RejectRecord[]) {
  return sql`rejected AS (
    INSERT INTO reject_log (topic, reservoir_code, reason, detail, payload)
    SELECT * FROM unnest(${rejects.map((r) => r.topic)}::text[], ${rejects.map((r) => r.reservoirCode)}::text[],
      ${rejects.map((r) => r.reason)}::text[], ${rejects.map((r) => r.detail.slice(0, 500))}::text[],
      ${rejects.map((r) => r.payload.slice(0, REJECT_PAYLOAD_CHARS))}::text[]))`;
}
