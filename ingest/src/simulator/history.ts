// Two years of daily dam-safety history for the monitored reservoirs, from the simulator's own stations (same
// instruments, same seeds as the live simulator), so that HST models have something to learn on a first start.
// Written straight to the readings table in large unnest() batches, one reading per sensor and day (the day's mean
// of three-hourly reads at 12:00 Beijing; rain: the day's total).
import { Random, type ReservoirSeed } from '@yz/domain';
import type { Database } from '@yz/platform';
import { sql, type Kysely } from 'kysely';
import { float8Array, int4Array, timestamptzArray } from '../telemetry/binary-arrays.js';
import { Station } from './station.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Rows per INSERT: large enough to be quick, small enough that the embedded database (one connection) keeps
 * answering HTTP in between. */
const BATCH_ROWS = 5_000;
/** The stations are stepped and read every three hours: eight reads make a day's mean. */
const STEP_HOURS = 3;

export interface HistoryOptions {
  seed: number;
  /** The live simulator's start: history ends the day before it, and the instruments are created at it. */
  startMs: number;
  days: number;
}

/** Sensor ids by reservoir and sensor code. */
type SensorIds = Map<string, Map<string, number>>;

/**
 * Daily means of every sensor of the monitored reservoirs over `days` days up to `startMs`, as (sensor, time,
 * value) rows, one reservoir at a time.
 */
export function* dailyHistory(
  reservoirs: readonly ReservoirSeed[],
  ids: SensorIds,
  o: HistoryOptions,
): Generator<{ sensor: number[]; time: Date[]; value: number[] }> {
  const firstDay = Math.floor((o.startMs + 8 * HOUR_MS) / DAY_MS) - o.days;
  for (const reservoir of reservoirs) {
    const byCode = ids.get(reservoir.code);
    if (!reservoir.damSafetyMonitoring || !byCode) continue;
    // The same station as the live simulator's (same derivation, same start): same instrument parameters.
    const station = new Station(reservoir, Random.derive(o.seed, `station:${reservoir.code}`), o.startMs, 0);
    const weather = Random.derive(o.seed, `history:${reservoir.code}`);
    const rows = { sensor: [] as number[], time: [] as Date[], value: [] as number[] };
    for (let day = firstDay; day < firstDay + o.days; day++) {
      const midnight = day * DAY_MS - 8 * HOUR_MS;
      const rain = dailyRain(weather, day);
      const sums = new Map<string, { sum: number; n: number }>();
      for (let h = 0; h < 24; h += STEP_HOURS) {
        // A day's rain falls in its first six hours.
        station.step(STEP_HOURS * 3600, h < 6 ? (rain * STEP_HOURS) / 6 : 0);
        for (const r of station.report(midnight + h * HOUR_MS) ?? []) {
          const s = sums.get(r.sensor) ?? { sum: 0, n: 0 };
          sums.set(r.sensor, { sum: s.sum + r.value, n: s.n + 1 });
        }
      }
      const noon = new Date(midnight + 12 * HOUR_MS);
      for (const [code, { sum, n }] of sums) {
        const id = byCode.get(code);
        if (id === undefined) continue;
        rows.sensor.push(id);
        rows.time.push(noon);
        rows.value.push(code.startsWith('RG') ? sum : sum / n);
      }
    }
    yield rows;
  }
}

/** Hunan's rain: storms mostly in the April–June wet season, drizzle all year (mm per day). */
function dailyRain(random: Random, day: number): number {
  const season = (2 * Math.PI * ((day + 4) % 365.25)) / 365.25;
  const wet = Math.max(0, Math.sin(season - (2 * Math.PI * 60) / 365.25));
  if (random.next() < 0.06 + 0.14 * wet) return -25 * Math.log(1 - random.next());
  return random.next() < 0.2 ? 2 * random.next() : 0;
}

/** Set in `settings` once the history is complete, so that an interrupted backfill is resumed on the next start. */
const DONE_KEY = 'dam_safety_history';

/**
 * Writes the history unless it was completed before (rows already there are skipped, so an interrupted run
 * resumes); returns the rows written. Batches are sent one after the other so that other queries get their turn.
 */
export async function backfillHistory(
  db: Kysely<Database>,
  reservoirs: readonly ReservoirSeed[],
  o: HistoryOptions,
): Promise<number> {
  const done = await db.selectFrom('settings').select('value').where('key', '=', DONE_KEY).executeTakeFirst();
  if (done) return 0;
  const sensors = await db.selectFrom('sensors').select(['id', 'reservoir_code', 'code']).execute();
  const ids: SensorIds = new Map();
  for (const s of sensors) {
    if (!ids.has(s.reservoir_code)) ids.set(s.reservoir_code, new Map());
    ids.get(s.reservoir_code)!.set(s.code, s.id);
  }
  let written = 0;
  const pending = { sensor: [] as number[], time: [] as Date[], value: [] as number[] };
  const flush = async () => {
    await sql`
      INSERT INTO readings (sensor_id, time, value)
      SELECT * FROM unnest(${int4Array(pending.sensor)}::int[], ${timestamptzArray(pending.time)}::timestamptz[],
        ${float8Array(pending.value)}::float8[])
      ON CONFLICT DO NOTHING`.execute(db);
    written += pending.sensor.length;
    pending.sensor = [];
    pending.time = [];
    pending.value = [];
    // Let HTTP requests waiting for the (single) embedded connection in.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const rows of dailyHistory(reservoirs, ids, o)) {
    pending.sensor.push(...rows.sensor);
    pending.time.push(...rows.time);
    pending.value.push(...rows.value);
    if (pending.sensor.length >= BATCH_ROWS) await flush();
  }
  if (pending.sensor.length) await flush();
  await db
    .insertInto('settings')
    .values({ key: DONE_KEY, value: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return written;
}
