import { EventEmitter } from 'node:events';
import type { ValidReading } from '../telemetry/payload.js';
import { ActiveAlerts } from './active-alerts.js';
import { loadReservoirRules, type ReservoirRules } from './reservoir-rules.js';
import { applyEvaluation, type Database } from '@yz/platform';
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

export interface AlertEvents {
  alert: [change: AlertChange];
}

/**
 * Keeps alerts in step with readings: open, escalate, auto-resolve. Rules that need only the reading itself
 * (levels, thresholds, battery) judge each message as it arrives, before its batch is committed, so an alert is
 * pushed without waiting behind a burst; rules that need history (rise, rain sums, jumps) judge readings once
 * committed. Verdicts are decided against the cached active alerts, so only a transition costs a statement, and
 * transitions are persisted one at a time, in the order they were decided. A timer does the same for stations
 * that stopped reporting.
 */
export class AlertEngine extends EventEmitter<AlertEvents> {
  private rules = new Map<string, ReservoirRules>();
  private reservoirBySensor = new Map<number, string>();
  private timers: NodeJS.Timeout[] = [];
  private readonly active: ActiveAlerts;
  /** The newest reading time judged on arrival per sensor: a late, older reading does not undo a newer verdict. */
  private judgedUpTo = new Map<number, number>();
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { offlineSweepMs?: number; now?: () => Date } = {},
  ) {
    super();
    this.active = new ActiveAlerts(db);
  }

  async start(): Promise<void> {
    await this.reload();
    this.active.start();
    this.timers = [
      setInterval(() => void this.sweepOffline().catch(() => undefined), this.options.offlineSweepMs ?? 60_000),
      setInterval(() => void this.reload().catch(() => undefined), RELOAD_MS),
    ];
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.active.stop();
  }

  /** Resolves once every transition decided so far is persisted and announced. */
  async idle(): Promise<void> {
    await this.transitions;
  }

  /** Reads the registry, the rule overrides and the active alerts again (after an engineer changed them). */
  async reload(): Promise<void> {
    this.rules = await loadReservoirRules(this.db);
    this.reservoirBySensor = new Map(
      [...this.rules].flatMap(([code, r]) => [...r.sensors.keys()].map((id) => [id, code] as const)),
    );
    await this.active.reload();
  }

  /** Judges each arriving reading with the rules that need nothing but the reading, in arrival order. */
  onArrival(readings: ValidReading[]): void {
    for (const reading of readings) {
      const reservoirCode = this.reservoirBySensor.get(reading.sensorId);
      if (!reservoirCode || (this.judgedUpTo.get(reading.sensorId) ?? 0) > reading.time.getTime()) continue;
      this.judgedUpTo.set(reading.sensorId, reading.time.getTime());
      for (const e of instantVerdicts(this.rules.get(reservoirCode)!, reading))
        this.apply(reservoirCode, e, reading.time);
    }
  }

  /** Judges the newest stored reading of each sensor in the batch with the rules that need its history. */
  async onStored(readings: ValidReading[]): Promise<void> {
    const newest = new Map<number, ValidReading>();
    for (const r of readings) if ((newest.get(r.sensorId)?.time ?? 0) < r.time) newest.set(r.sensorId, r);
    for (const reading of newest.values()) {
      const reservoirCode = this.reservoirBySensor.get(reading.sensorId);
      if (!reservoirCode) continue;
      for (const e of await this.historyVerdicts(this.rules.get(reservoirCode)!, reading)) {
        this.apply(reservoirCode, e, reading.time);
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
      if (rules) this.apply(reservoir, evaluateOffline(rules.config.station, last, now), now);
    }
    await this.idle();
  }

  /** Persists the verdict if it changes the alert (decided now, against the cache), then announces it. */
  private apply(reservoirCode: string, e: Evaluation, at: Date): void {
    const { action } = this.active.decide(reservoirCode, e);
    if (action === 'none' || action === 'keep') return;
    this.transitions = this.transitions.then(async () => {
      try {
        const change = await applyEvaluation(this.db, reservoirCode, e, at);
        if (!change) return;
        this.active.note(change);
        this.emit('alert', change);
      } catch (err) {
        this.active.forget(reservoirCode, e.ruleKey);
        console.error(`alert ${reservoirCode} ${e.ruleKey} not recorded: ${(err as Error).message}`);
      }
    });
  }

  private async historyVerdicts(rules: ReservoirRules, r: ValidReading): Promise<Evaluation[]> {
    const { config } = rules;
    switch (r.type) {
      case 'water_level': {
        const before = await this.readingBefore(r.sensorId, new Date(r.time.getTime() - RISE_SPAN_MS));
        const rise = before && evaluateWaterLevelRise(config.waterLevelRise, before, r);
        return rise ? [rise] : [];
      }
      case 'rainfall': {
        const sums = await this.rainSums(r.sensorId, r.time);
        return (['1h', '3h', '24h'] as const).map((w) => evaluateRain(config.rain, w, sums[w]));
      }
      case 'battery_voltage':
        return [];
      default: {
        const sensor = rules.sensors.get(r.sensorId)!;
        const previous = await this.readingBefore(r.sensorId, new Date(r.time.getTime() - 1));
        const jump = previous && evaluateJump(config.sensor, sensor, previous.value, r.value);
        return jump ? [jump] : [];
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

/** Verdicts of the rules that need only the reading itself. */
function instantVerdicts(rules: ReservoirRules, r: ValidReading): Evaluation[] {
  const { config } = rules;
  switch (r.type) {
    case 'water_level':
      return [evaluateWaterLevel(config.waterLevel, r.value, r.time)];
    case 'rainfall':
      return [];
    case 'battery_voltage':
      return [evaluateBattery(config.station, r.value)];
    default: {
      const verdict = evaluateSensorThreshold(config.sensor, rules.sensors.get(r.sensorId)!, r.value);
      return verdict ? [verdict] : [];
    }
  }
}
