import { EventEmitter } from 'node:events';
import type { ValidReading } from '../telemetry/payload.js';
import { ActiveAlerts } from './active-alerts.js';
import { rainSums, readingsAtOrBefore, type PastReading, type RainSums } from './reading-history.js';
import { loadReservoirRules, type ReservoirRules } from './reservoir-rules.js';
import { applyEvaluation, type Database } from '@yz/platform';
import type { Kysely } from 'kysely';
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
    for (const r of readings) {
      if (this.reservoirBySensor.has(r.sensorId) && (newest.get(r.sensorId)?.time ?? 0) < r.time) {
        newest.set(r.sensorId, r);
      }
    }
    const judged = [...newest.values()];
    const at = (r: ValidReading, before: number) => ({ sensorId: r.sensorId, at: new Date(r.time.getTime() - before) });
    const history: History = {
      spanAgo: await readingsAtOrBefore(
        this.db,
        judged.filter((r) => r.type === 'water_level').map((r) => at(r, RISE_SPAN_MS)),
      ),
      previous: await readingsAtOrBefore(
        this.db,
        judged.filter((r) => !WITHOUT_JUMP_RULE.has(r.type)).map((r) => at(r, 1)),
      ),
      rain: await rainSums(
        this.db,
        judged.filter((r) => r.type === 'rainfall').map((r) => at(r, 0)),
      ),
    };
    for (const reading of judged) {
      const reservoirCode = this.reservoirBySensor.get(reading.sensorId)!;
      for (const e of historyVerdicts(this.rules.get(reservoirCode)!, reading, history)) {
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
}

/** Sensor types without a jump rule (only dam-safety sensors have one). */
const WITHOUT_JUMP_RULE = new Set<string>(['water_level', 'rainfall', 'battery_voltage']);

interface History {
  /** Water-level sensors' reading at least the rise span before. */
  spanAgo: Map<number, PastReading>;
  /** Dam-safety sensors' previous reading. */
  previous: Map<number, PastReading>;
  rain: Map<number, RainSums>;
}

/** Verdicts of the rules that need the reading's history. */
function historyVerdicts(rules: ReservoirRules, r: ValidReading, history: History): Evaluation[] {
  const { config } = rules;
  switch (r.type) {
    case 'water_level': {
      const before = history.spanAgo.get(r.sensorId);
      const rise = before && evaluateWaterLevelRise(config.waterLevelRise, before, r);
      return rise ? [rise] : [];
    }
    case 'rainfall': {
      const sums = history.rain.get(r.sensorId) ?? { '1h': 0, '3h': 0, '24h': 0 };
      return (['1h', '3h', '24h'] as const).map((w) => evaluateRain(config.rain, w, sums[w]));
    }
    case 'battery_voltage':
      return [];
    default: {
      const previous = history.previous.get(r.sensorId);
      const jump = previous && evaluateJump(config.sensor, rules.sensors.get(r.sensorId)!, previous.value, r.value);
      return jump ? [jump] : [];
    }
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
