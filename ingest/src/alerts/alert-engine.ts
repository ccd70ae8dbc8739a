import { EventEmitter } from 'node:events';
import type { ValidReading } from '../telemetry/payload.js';
import { loadReservoirRules, type ReservoirRules } from './reservoir-rules.js';
import type { FloodEventChange } from '../flood/flood-watcher.js';
import {
  applyEvaluation,
  beijingDay,
  fitAllSensorModels,
  outlookOf,
  saveOutlook,
  type AntecedentCache,
  type Database,
  type FloodReservoir,
} from '@yz/platform';
import type { Kysely } from 'kysely';
import { ModelJudge } from './model-judge.js';
import {
  evaluateBattery,
  evaluateCriticalRain,
  evaluateFloodOutlook,
  evaluateSpill,
  evaluateJump,
  evaluateOffline,
  evaluateRain,
  rainSums,
  evaluateSensorThreshold,
  evaluateWaterLevel,
  evaluateWaterLevelRise,
  type Evaluation,
  type AlertChange,
  type TimedValue,
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
  private readonly antecedent: AntecedentCache = new Map();
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

  /** The reservoir as the flood rules read it, from the registry loaded with the rules. */
  floodReservoir = (code: string): FloodReservoir | undefined => this.rules.get(code)?.flood;

  /** A spill opens an alert (told to the government responsible person) that resolves when the spill ends. */
  async onFloodEvents(changes: readonly FloodEventChange[]): Promise<void> {
    for (const c of changes) {
      if (c.kind !== 'spill' || c.change.type === 'update') continue;
      const { event } = c.change;
      const at = new Date(c.change.type === 'open' ? event.start : event.end!);
      const change = await applyEvaluation(
        this.db,
        c.reservoirCode,
        evaluateSpill(event, c.change.type === 'open'),
        at,
      );
      if (change) this.emit('alert', change);
    }
  }

  /** Opens `offline:{station}` for each station silent for two of its intervals, resolves it once it reports. */
  async sweepOffline(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const rows = await this.db
      .selectFrom('stations')
      .select(['code', 'reservoir_code as reservoir', 'report_interval_s as intervalS', 'last_report_at as last'])
      .where('last_report_at', 'is not', null)
      .execute();
    for (const { code, reservoir, intervalS, last } of rows) {
      const rules = this.rules.get(reservoir);
      if (!rules || !last) continue;
      const station = { code, intervalHours: intervalS / 3600 };
      const change = await applyEvaluation(
        this.db,
        reservoir,
        evaluateOffline(rules.config.station, station, last, now),
        now,
      );
      if (change) this.emit('alert', change);
    }
  }

  private async evaluate(rules: ReservoirRules, r: ValidReading): Promise<Evaluation[]> {
    const { config } = rules;
    const sensor = rules.sensors.get(r.sensorId)!;
    switch (r.type) {
      case 'water_level': {
        const seasonLimit = rules.restrictedLevel === null ? 'floodLimit' : 'restricted';
        const out = [evaluateWaterLevel(config.waterLevel, r.value, r.time, seasonLimit)];
        const before = await this.readingBefore(r.sensorId, new Date(r.time.getTime() - RISE_SPAN_MS));
        const rise = before && evaluateWaterLevelRise(config.waterLevelRise, before, r);
        if (rise) out.push(rise);
        // Foresight: the level projected forward at the inflow of the last hours.
        const outlook = await outlookOf(this.db, rules.flood, r.time, this.antecedent);
        await saveOutlook(this.db, rules.flood.code, r.time, outlook);
        out.push(evaluateFloodOutlook(outlook.hoursTo));
        return out;
      }
      case 'rainfall': {
        const sums = rainSums(await this.rainOfDay(r.sensorId, r.time), r.time);
        const out = [evaluateRain(config.rain, sensor.code, sums)];
        const outlook = await outlookOf(this.db, rules.flood, r.time, this.antecedent);
        if (outlook.level !== null) out.push(evaluateCriticalRain(outlook.criticalRainfall, sums['3h']));
        return out;
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

  /** The gauge's increments of the 24 h up to `at`: every window and the hydrological day lie inside them. */
  private async rainOfDay(sensorId: number, at: Date): Promise<TimedValue[]> {
    return this.db
      .selectFrom('readings')
      .select(['time', 'value'])
      .where('sensor_id', '=', sensorId)
      .where('time', '>', new Date(at.getTime() - 24 * 3_600_000))
      .where('time', '<=', at)
      .execute();
  }
}
