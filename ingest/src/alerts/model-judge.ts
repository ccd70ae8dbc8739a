// Judging dam-safety readings against each instrument's HST model (rule 'model:SP2', one alert per instrument):
// each finished day's mean settles the verdict and moves the streak; the day so far is judged provisionally.
import {
  DAM_SAFETY_NAMES,
  dayNumber,
  judgeDay,
  judgeReading,
  SENSOR_TYPES,
  type Evaluation,
  type HstJudgeState,
  type HstModel,
  type HstVerdict,
} from '@yz/domain';
import { beijingDay, daily, dayBefore, loadHstInputs, saveJudgeState, type Database } from '@yz/platform';
import type { Kysely } from 'kysely';

/** The day so far is judged at most this often per instrument (each reading costs a few queries). */
const PROVISIONAL_EVERY_MS = 30 * 60_000;

interface Judged {
  model: HstModel;
  state: HstJudgeState;
}

/** A verdict as an alert evaluation: the threshold is the 3σ edge on the residual's side. */
export function modelEvaluation(code: string, verdict: HstVerdict): Evaluation {
  const edge =
    verdict.expected === null
      ? verdict.measured
      : verdict.expected + Math.sign(verdict.residual ?? 0) * 3 * verdict.sigma;
  return {
    ruleKey: `model:${code}`,
    severity: verdict.severity,
    threshold: edge,
    value: verdict.measured,
    clear: verdict.clear,
    message: verdict.message,
  };
}

export class ModelJudge {
  private models = new Map<number, Judged>();
  private provisionalAt = new Map<number, { day: string; ms: number }>();
  private stamp = '';

  constructor(private readonly db: Kysely<Database>) {}

  /** Reads the models again when one was (re)fitted since, by this process or another (an engineer's fit). */
  async reloadIfRefitted(): Promise<void> {
    const row = await this.db
      .selectFrom('sensor_models')
      .select((eb) => [eb.fn.max('fitted_at').as('latest'), eb.fn.countAll<string>().as('count')])
      .executeTakeFirst();
    const stamp = `${row?.latest ? new Date(row.latest).toISOString() : ''}/${row?.count ?? 0}`;
    if (stamp !== this.stamp) await this.reload();
    this.stamp = stamp;
  }

  /** Reads every stored model (after a refit). */
  async reload(): Promise<void> {
    const rows = await this.db
      .selectFrom('sensor_models')
      .select(['sensor_id', 'model', 'judge_state'])
      .where('model', 'is not', null)
      .execute();
    this.models = new Map(rows.map((r) => [r.sensor_id, { model: r.model!, state: r.judge_state }]));
  }

  has(sensorId: number): boolean {
    return this.models.has(sensorId);
  }

  /**
   * Verdicts for a new reading of a modelled instrument: each day since the last judged one that has ended (in
   * order, settling the streak), then the day of the reading so far, provisionally.
   */
  async evaluate(
    reservoirCode: string,
    sensor: { id: number; code: string; type: keyof typeof SENSOR_TYPES },
    at: Date,
  ): Promise<Evaluation[]> {
    const judged = this.models.get(sensor.id);
    const name = DAM_SAFETY_NAMES[sensor.type];
    if (!judged || !name) return [];
    const instrument = { code: sensor.code, name, unit: SENSOR_TYPES[sensor.type].unit };
    const today = beijingDay(at);
    // A new day always settles the days before; within a day, the provisional verdict is thinned out.
    const last = this.provisionalAt.get(sensor.id);
    if (last && last.day === today && Math.abs(at.getTime() - last.ms) < PROVISIONAL_EVERY_MS) return [];
    this.provisionalAt.set(sensor.id, { day: today, ms: at.getTime() });
    // Days not yet settled: after the last judged one (at most a week back) up to yesterday, and today so far.
    const first =
      judged.state.lastDay && judged.state.lastDay >= dayBefore(today, 7)
        ? dayBefore(judged.state.lastDay, -1)
        : dayBefore(today, 1);
    const inputs = await loadHstInputs(
      this.db,
      reservoirCode,
      dayBefore(first, 10),
      today,
      sensor.type === 'seepage_flow',
    );
    if (!inputs) return [];
    const means = await daily(this.db, sensor.id, first, today);
    const out: Evaluation[] = [];
    for (const mean of means) {
      if (mean.day < today) {
        const { verdict, state } = judgeDay(judged.model, inputs, instrument, judged.state, mean);
        judged.state = state;
        out.push(modelEvaluation(sensor.code, verdict));
      } else {
        const level = inputs.level.get(dayNumber(today));
        if (level === undefined) continue;
        const reading = { day: today, value: mean.value, level };
        out.push(modelEvaluation(sensor.code, judgeReading(judged.model, inputs, instrument, judged.state, reading)));
      }
    }
    await saveJudgeState(this.db, sensor.id, judged.state);
    return out;
  }
}
