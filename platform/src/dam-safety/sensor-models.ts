// The HST model of each dam-safety instrument, fitted on the daily means of its history and stored in
// sensor_models; both the backend (fit on demand, the model route, the series' expected values) and ingest (nightly
// refit, judging each new day) use it.
import { sql, type Kysely } from 'kysely';
import {
  fitHst,
  hstInputs,
  type DailyValue,
  type HstInputs,
  type HstJudgeState,
  type HstModel,
  type HstRefusal,
} from '@yz/domain';
import type { Database } from '../database/schema.js';

/** The instruments that get a model. */
export const HST_SENSOR_TYPES = ['seepage_pressure', 'seepage_flow', 'displacement'] as const;
/** Training looks back this far (three seasonal cycles: enough for the slow terms, bounded work per fit). */
const TRAINING_DAYS = 3 * 365;
const DAY_MS = 86_400_000;

export interface StoredSensorModel {
  sensorId: number;
  reservoirCode: string;
  fittedAt: Date;
  model: HstModel | null;
  refusal: HstRefusal | null;
  message: string | null;
  judgeState: HstJudgeState;
}

/** 'YYYY-MM-DD' of an instant in Beijing time. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The reservoir's daily series the model reads over [from, to] (Beijing days): the dam base (crest − height, the
 * riverbed), the daily mean of its water-level sensor and, for seepage flow, its daily rain. Null without a
 * water-level sensor.
 */
export async function loadHstInputs(
  db: Kysely<Database>,
  reservoirCode: string,
  from: string,
  to: string,
  withRain: boolean,
): Promise<HstInputs | null> {
  const reservoir = await db
    .selectFrom('reservoirs')
    .select(['crest_elevation', 'dam_height'])
    .where('code', '=', reservoirCode)
    .executeTakeFirst();
  if (!reservoir) return null;
  const sensors = await db
    .selectFrom('sensors')
    .select(['id', 'type'])
    .where('reservoir_code', '=', reservoirCode)
    .where('type', 'in', ['water_level', 'rainfall'])
    .orderBy('id')
    .execute();
  const level = sensors.find((s) => s.type === 'water_level');
  const rain = sensors.find((s) => s.type === 'rainfall');
  if (!level) return null;
  const base = Number(reservoir.crest_elevation) - Number(reservoir.dam_height);
  return hstInputs(
    base,
    await daily(db, level.id, from, to, 'avg'),
    withRain && rain ? await daily(db, rain.id, from, to, 'sum') : undefined,
  );
}

/** Daily means (or sums) of a sensor over [from, to], Beijing days. */
export async function daily(
  db: Kysely<Database>,
  sensorId: number,
  from: string,
  to: string,
  aggregate: 'avg' | 'sum' = 'avg',
): Promise<DailyValue[]> {
  const value = aggregate === 'sum' ? sql<number>`sum(value)` : sql<number>`avg(value)`;
  const { rows } = await sql<DailyValue>`
    SELECT to_char(time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, ${value}::float8 AS value
    FROM readings
    WHERE sensor_id = ${sensorId}
      AND time >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND time < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Fits the instrument's model on its daily means up to yesterday (Beijing) and stores it, or stores why there is
 * none. The judging streak carries over a refit. Null when the sensor is not a dam-safety instrument.
 */
export async function fitSensorModel(
  db: Kysely<Database>,
  sensorId: number,
  now: Date,
): Promise<StoredSensorModel | null> {
  const sensor = await db
    .selectFrom('sensors')
    .select(['id', 'reservoir_code', 'type'])
    .where('id', '=', sensorId)
    .executeTakeFirst();
  if (!sensor || !(HST_SENSOR_TYPES as readonly string[]).includes(sensor.type)) return null;
  const to = dayBefore(beijingDay(now), 1);
  const from = dayBefore(to, TRAINING_DAYS);
  // The level starts ten days earlier, for the lagged means of the first training days.
  const inputs = await loadHstInputs(
    db,
    sensor.reservoir_code,
    dayBefore(from, 10),
    to,
    sensor.type === 'seepage_flow',
  );
  const fit = inputs
    ? fitHst(inputs, await daily(db, sensorId, from, to), now.toISOString())
    : ({ ok: false, reason: 'too-few-days', message: 'No model: the reservoir has no water-level sensor.' } as const);
  const row = {
    sensor_id: sensorId,
    reservoir_code: sensor.reservoir_code,
    fitted_at: now,
    model: fit.ok ? JSON.stringify(fit.model) : null,
    refusal: fit.ok ? null : fit.reason,
    message: fit.ok ? null : fit.message,
  };
  await db
    .insertInto('sensor_models')
    .values(row)
    .onConflict((oc) =>
      oc.column('sensor_id').doUpdateSet({
        fitted_at: row.fitted_at,
        model: row.model,
        refusal: row.refusal,
        message: row.message,
      }),
    )
    .execute();
  return loadSensorModel(db, sensorId);
}

/** Refits every dam-safety instrument (of one reservoir, or all); returns how many got a model and how many not. */
export async function fitAllSensorModels(
  db: Kysely<Database>,
  now: Date,
  reservoirCode?: string,
): Promise<{ fitted: number; refused: number }> {
  let query = db
    .selectFrom('sensors')
    .select('id')
    .where('type', 'in', [...HST_SENSOR_TYPES]);
  if (reservoirCode) query = query.where('reservoir_code', '=', reservoirCode);
  const counts = { fitted: 0, refused: 0 };
  for (const { id } of await query.orderBy('id').execute()) {
    const stored = await fitSensorModel(db, id, now);
    if (stored?.model) counts.fitted++;
    else counts.refused++;
  }
  return counts;
}

export async function loadSensorModel(db: Kysely<Database>, sensorId: number): Promise<StoredSensorModel | null> {
  const row = await db.selectFrom('sensor_models').selectAll().where('sensor_id', '=', sensorId).executeTakeFirst();
  return row
    ? {
        sensorId: row.sensor_id,
        reservoirCode: row.reservoir_code,
        fittedAt: row.fitted_at,
        model: row.model,
        refusal: row.refusal,
        message: row.message,
        judgeState: row.judge_state,
      }
    : null;
}

export async function saveJudgeState(db: Kysely<Database>, sensorId: number, state: HstJudgeState): Promise<void> {
  await db
    .updateTable('sensor_models')
    .set({ judge_state: JSON.stringify(state) })
    .where('sensor_id', '=', sensorId)
    .execute();
}
