import { EventEmitter } from 'node:events';
import type { ValidReading } from '../telemetry/payload.js';
import { loadReservoirRules, type ReservoirRules } from './reservoir-rules.js';
import { applyEvaluation, beijingDay, fitAllSensorModels, type Database } from '@yz/platform';
import { ModelJudge } from './model-judge.js';
import { sql, type Kysely } from 'kysely';
import {
  evaluateBattery,
  evaluateJump,
  evaluateOffline,
  evaluateRain,
  evaluateSensorThreshold,
  evaluateWaterLevel,
  evaluateWaterLevelRise,
  type Evaluation,
  type AlertChange,
} from '@yz/domain';

/** Rule overrides saved by another process are picked up within this time. */
const RELOAD_MS = 60_000;
/** The rise rate is taken over at least this span, so a 1 cm gauge step between 5-minute reports is not a surge. */
const RISE_SPAN_MS = 30 * 60_000;
/** Models are refitted once a day, after this hour (Beijing), on the history up to the day before. */
const REFIT_HOUR = 2;
const REFIT_CHECK_MS = 10 * 60_000;
/** A model fitted on demand (by the backend) is judged with within this time. */
const MODELS_CHECK_MS = 5_000;

export interface AlertEvents {
  alert: [change: AlertChange];
}

/**
 * Judges readings as soon as they are committed and keeps alerts in step: open, escalate, auto-resolve.
 * A timer does the same for stations that stopped reporting.
 */
export class AlertEngine extends EventEmitter<AlertEvents> {
  private rules = new Map<string, ReservoirRules>();
  private reservoirBySensor = new Map<number, string>();
  private timers: NodeJS.Timeout[] = [];
  private readonly models: ModelJudge;
  private refittedOn: string | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { offlineSweepMs?: number; now?: () => Date } = {},
  ) {
    super();
    this.models = new ModelJudge(db);
  }

  async start(): Promise<void> {
    await this.reload();
    this.timers = [
      setInterval(() => void this.sweepOffline().catch(() => undefined), this.options.offlineSweepMs ?? 60_000),
      setInterval(() => void this.reload().catch(() => undefined), RELOAD_MS),
      setInterval(
        () => void this.nightlyRefit().catch((err: Error) => console.error('model refit failed:', err)),
        REFIT_CHECK_MS,
      ),
      setInterval(
        () => void this.models.reloadIfRefitted().catch((err: Error) => console.error('model reload failed:', err)),
        MODELS_CHECK_MS,
      ),
    ];
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }

  /** Reads the registry and the rule overrides again (after an engineer changed them). */
  async reload(): Promise<void> {
    this.rules = await loadReservoirRules(this.db);
    await this.models.reload();
    this.reservoirBySensor = new Map(
      [...this.rules].flatMap(([code, r]) => [...r.sensors.keys()].map((id) => [id, code] as const)),
    );
  }

  /** Refits every dam-safety instrument's model now (on its history up to yesterday) and judges with the new ones. */
  async refitModels(): Promise<{ fitted: number; refused: number }> {
    const now = this.options.now?.() ?? new Date();
    const counts = await fitAllSensorModels(this.db, now);
    this.refittedOn = beijingDay(now);
    await this.models.reload();
    return counts;
  }

  private async nightlyRefit(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const hour = (now.getUTCHours() + 8) % 24;
    if (hour >= REFIT_HOUR && this.refittedOn !== beijingDay(now)) await this.refitModels();
  }

  /** Evaluates the newest stored reading of each sensor in the batch. */
  async onStored(readings: ValidReading[]): Promise<void> {
    const newest = new Map<number, ValidReading>();
    for (const r of readings) if ((newest.get(r.sensorId)?.time ?? 0) < r.time) newest.set(r.sensorId, r);
    for (const reading of newest.values()) {
      const reservoirCode = this.reservoirBySensor.get(reading.sensorId);
      if (!reservoirCode) continue;
      const evaluations = await this.evaluate(this.rules.get(reservoirCode)!, reading);
      if (this.models.has(reading.sensorId)) {
        const sensor = this.rules.get(reservoirCode)!.sensors.get(reading.sensorId)!;
        const instrument = { id: reading.sensorId, code: sensor.code, type: sensor.type };
        evaluations.push(...(await this.models.evaluate(reservoirCode, instrument, reading.time)));
      }
      for (const e of evaluations) {
        const change = await applyEvaluation(this.db, reservoirCode, e, reading.time);
        if (change) this.emit('alert', change);
      }
    }
  }

  /** Opens `offline` for stations silent for two intervals and resolves it for those reporting again. */
  async sweepOffline(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const rows = await this.db
      .selectFrom('stations')
      .select(['reservoir_code as reservoir', (eb) => eb.fn.max('last_report_at').$notNull().as('last')])
      .where('last_report_at', 'is not', null)
      .groupBy('reservoir_code')
      .execute();
    for (const { reservoir, last } of rows) {
      const rules = this.rules.get(reservoir);
      if (!rules) continue;
      const change = await applyEvaluation(this.db, reservoir, evaluateOffline(rules.config.station, last, now), now);
      if (change) this.emit('alert', change);
    }
  }

  private async evaluate(rules: ReservoirRules, r: ValidReading): Promise<Evaluation[]> {
    const { config } = rules;
    const sensor = rules.sensors.get(r.sensorId)!;
    switch (r.type) {
      case 'water_level': {
        const out = [evaluateWaterLevel(config.waterLevel, r.value, r.time)];
        const before = await this.readingBefore(r.sensorId, new Date(r.time.getTime() - RISE_SPAN_MS));
        const rise = before && evaluateWaterLevelRise(config.waterLevelRise, before, r);
        if (rise) out.push(rise);
        return out;
      }
      case 'rainfall': {
        const sums = await this.rainSums(r.sensorId, r.time);
        return (['1h', '3h', '24h'] as const).map((w) => evaluateRain(config.rain, w, sums[w]));
      }
      case 'battery_voltage':
        return [evaluateBattery(config.station, r.value)];
      default: {
        const out = [evaluateSensorThreshold(config.sensor, sensor, r.value)];
        const previous = await this.readingBefore(r.sensorId, new Date(r.time.getTime() - 1));
        if (previous) out.push(evaluateJump(config.sensor, sensor, previous.value, r.value));
        return out.filter((e): e is Evaluation => e !== null);
      }
    }
  }

  private async readingBefore(sensorId: number, at: Date): Promise<{ time: Date; value: number } | null> {
    const row = await this.db
      .selectFrom('readings')
      .select(['time', 'value'])
      .where('sensor_id', '=', sensorId)
      .where('time', '<=', at)
      .orderBy('time', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  }

  private async rainSums(sensorId: number, at: Date): Promise<Record<'1h' | '3h' | '24h', number>> {
    const { rows } = await sql<{ h1: number; h3: number; h24: number }>`
      SELECT coalesce(sum(value) FILTER (WHERE time > ${at}::timestamptz - INTERVAL '1 hour'), 0) AS h1,
             coalesce(sum(value) FILTER (WHERE time > ${at}::timestamptz - INTERVAL '3 hours'), 0) AS h3,
             coalesce(sum(value), 0) AS h24
      FROM readings WHERE sensor_id = ${sensorId} AND time > ${at}::timestamptz - INTERVAL '24 hours'
        AND time <= ${at}`.execute(this.db);
    const sums = rows[0]!;
    return { '1h': sums.h1, '3h': sums.h3, '24h': sums.h24 };
  }
}
