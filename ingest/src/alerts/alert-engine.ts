import { EventEmitter } from 'node:events';
import { createLogger } from '@yz/platform';
import type { ValidReading } from '../telemetry/payload.js';
import { ActiveAlerts } from './active-alerts.js';
import { rainOfDay, readingsAtOrBefore, type PastReading } from './reading-history.js';
import { loadReservoirRules, type ReservoirRules } from './reservoir-rules.js';
import type { FloodEventChange } from '../flood/flood-watcher.js';
import {
  applyEvaluation,
  eventLoopSlices,
  beijingDay,
  fitAllSensorModels,
  outlooksOf,
  saveOutlooks,
  LevelWindows,
  type AntecedentCache,
  type Database,
  type FloodReservoir,
} from '@yz/platform';
import { sql, type Kysely } from 'kysely';
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
  type FloodOutlook,
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
 * Keeps alerts in step with readings: open, escalate, auto-resolve. Rules that need only the reading itself
 * (levels, thresholds, battery) judge each message as it arrives, before its batch is committed, so an alert is
 * pushed without waiting behind a burst; rules that need history (rise, rain sums, jumps, the flood outlook, the
 * instrument models) judge readings once committed. Verdicts are decided against the cached active alerts, so only
 * a transition costs a statement, and each alert's transitions are persisted one at a time, in the order they were
 * decided; different alerts' go side by side, so that an opening waits for no other alert's commit.
 * A timer does the same for stations that stopped reporting.
 */
export class AlertEngine extends EventEmitter<AlertEvents> {
  private rules = new Map<string, ReservoirRules>();
  private reservoirBySensor = new Map<number, string>();
  private timers: NodeJS.Timeout[] = [];
  private readonly active: ActiveAlerts;
  /** The newest reading time judged on arrival per sensor: a late, older reading does not undo a newer verdict. */
  private judgedUpTo = new Map<number, number>();
  /** Each alert's (reservoir and rule) transitions being persisted, in the order decided. */
  private transitions = new Map<string, Promise<void>>();
  private readonly antecedent: AntecedentCache = new Map();
  /** Held only by the process that stores every level (see `keepsLevels`). */
  private readonly levels: LevelWindows | undefined;
  private readonly models: ModelJudge;
  private refittedOn: string | null = null;
  private offlineHeld = false;
  private readonly logger = createLogger('alerts');

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: {
      offlineSweepMs?: number;
      now?: () => Date;
      /** This process stores every level (it does not share the stream): outlooks keep the levels they read. */
      keepsLevels?: boolean;
    } = {},
  ) {
    super();
    if (options.keepsLevels) this.levels = new LevelWindows();
    this.active = new ActiveAlerts(db);
    this.models = new ModelJudge(db);
  }

  async start(): Promise<void> {
    await this.reload();
    this.active.start();
    this.timers = [
      setInterval(
        () => void this.sweepOffline().catch((err) => this.logger.warn('offline sweep failed', err)),
        this.options.offlineSweepMs ?? 60_000,
      ),
      setInterval(
        () => void this.reload().catch((err) => this.logger.warn('alert rules not reloaded', err)),
        RELOAD_MS,
      ),
      setInterval(
        () => void this.nightlyRefit().catch((err) => this.logger.error('model refit failed', err)),
        REFIT_CHECK_MS,
      ),
      setInterval(
        () => void this.models.reloadIfRefitted().catch((err) => this.logger.warn('models not reloaded', err)),
        MODELS_CHECK_MS,
      ),
    ];
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.active.stop();
  }

  /** Resolves once every transition decided so far is persisted and announced. */
  async idle(): Promise<void> {
    while (this.transitions.size) await Promise.all(this.transitions.values());
  }

  /** Reads the registry, the rule overrides and the active alerts again (after an engineer changed them). */
  async reload(): Promise<void> {
    this.rules = await loadReservoirRules(this.db);
    await this.models.reload();
    this.reservoirBySensor = new Map(
      [...this.rules].flatMap(([code, r]) => [...r.sensors.keys()].map((id) => [id, code] as const)),
    );
    await this.active.reload();
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

  /** Every committed reading, before its pass: water levels join the windows outlooks read. */
  noteStored(readings: readonly ValidReading[]): void {
    if (!this.levels) return;
    for (const r of readings) if (r.type === 'water_level') this.levels.note(r.reservoirCode, r);
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
      rain: await rainOfDay(
        this.db,
        judged.filter((r) => r.type === 'rainfall').map((r) => at(r, 0)),
      ),
      outlook: await this.outlooks(judged),
    };
    const pause = eventLoopSlices();
    for (const reading of judged) {
      await pause();
      const reservoirCode = this.reservoirBySensor.get(reading.sensorId)!;
      for (const e of await this.historyVerdicts(reservoirCode, reading, history)) {
        this.apply(reservoirCode, e, reading.time);
      }
    }
  }

  /**
   * Foresight for the levels and rain of a batch: each reading's reservoir's outlook at the reading's time, read for
   * the whole batch at once. The levels' outlooks are kept for the dashboard.
   */
  private async outlooks(judged: ValidReading[]): Promise<Map<number, FloodOutlook>> {
    const readings = judged.filter((r) => r.type === 'water_level' || r.type === 'rainfall');
    // A reservoir's level and rain of one report share an outlook: the reservoir at the report's time.
    const keyOf = (r: ValidReading) => `${r.reservoirCode}@${r.time.getTime()}`;
    const requests = new Map(
      readings.map((r) => [keyOf(r), { reservoir: this.rules.get(r.reservoirCode)!.flood, now: r.time }]),
    );
    const found = await outlooksOf(this.db, [...requests.values()], {
      antecedent: this.antecedent,
      levels: this.levels,
    });
    const byKey = new Map([...requests.keys()].map((key, i) => [key, found[i]]));
    const outlookOf = (r: ValidReading) => byKey.get(keyOf(r))!;
    await saveOutlooks(
      this.db,
      readings
        .filter((r) => r.type === 'water_level')
        .map((r) => ({ code: r.reservoirCode, at: r.time, outlook: outlookOf(r) })),
    );
    return new Map(readings.map((r) => [r.sensorId, outlookOf(r)]));
  }

  /** The reservoir as the flood rules read it, from the registry loaded with the rules. */
  floodReservoir = (code: string): FloodReservoir | undefined => this.rules.get(code)?.flood;

  /** A spill opens an alert (told to the government responsible person) that resolves when the spill ends. */
  async onFloodEvents(changes: readonly FloodEventChange[]): Promise<void> {
    for (const c of changes) {
      if (c.kind !== 'spill' || c.change.type === 'update') continue;
      const { event } = c.change;
      const at = new Date(c.change.type === 'open' ? event.start : event.end!);
      this.apply(c.reservoirCode, evaluateSpill(event, c.change.type === 'open'), at);
    }
    await this.idle();
  }

  /**
   * No station is judged silent until `until` settles: a source replaying the past (the simulator filling the last
   * hours on a first start) leaves every station hours behind until it has caught up; behind is not silent.
   */
  holdOfflineSweep(until: Promise<unknown>): void {
    this.offlineHeld = true;
    void until.finally(() => (this.offlineHeld = false));
  }

  /** Opens `offline:{station}` for each station silent for two of its intervals, resolves it once it reports. */
  async sweepOffline(): Promise<void> {
    if (this.offlineHeld) return;
    const now = this.options.now?.() ?? new Date();
    // Silent since its last report or, if it never reported, since it was registered: a station dead from the day it
    // was set up is offline too. One registered before that was recorded (null) and never heard from is not judged.
    const rows = await this.db
      .selectFrom('stations')
      .select(['code', 'reservoir_code as reservoir', 'report_interval_s as intervalS'])
      .select(sql<Date | null>`coalesce(last_report_at, monitored_since)`.as('last'))
      .execute();
    for (const { code, reservoir, intervalS, last } of rows) {
      const rules = this.rules.get(reservoir);
      if (!rules || !last) continue;
      const station = { code, intervalHours: intervalS / 3600 };
      this.apply(reservoir, evaluateOffline(rules.config.station, station, last, now), now);
    }
    await this.idle();
  }

  /** Verdicts of the rules that need the reading's history (and the flood outlook and models, read here). */
  private async historyVerdicts(reservoirCode: string, r: ValidReading, history: History): Promise<Evaluation[]> {
    const rules = this.rules.get(reservoirCode)!;
    const { config } = rules;
    const sensor = rules.sensors.get(r.sensorId)!;
    switch (r.type) {
      case 'water_level': {
        const out: Evaluation[] = [];
        const before = history.spanAgo.get(r.sensorId);
        const rise = before && evaluateWaterLevelRise(config.waterLevelRise, before, r);
        if (rise) out.push(rise);
        // Foresight: the level projected forward at the inflow of the last hours.
        const outlook = history.outlook.get(r.sensorId)!;
        // Not known is not soon: an open alert is judged normal again, as when the design flood level is out of reach.
        out.push(evaluateFloodOutlook(outlook.hoursTo ?? { designFlood: null }));
        return out;
      }
      case 'rainfall': {
        const sums = rainSums(history.rain.get(r.sensorId) ?? [], r.time);
        const out = [evaluateRain(config.rain, sensor.code, sums)];
        const outlook = history.outlook.get(r.sensorId)!;
        if (outlook.level !== null) out.push(evaluateCriticalRain(outlook.criticalRainfall, sums['3h']));
        return out;
      }
      case 'battery_voltage':
        return [];
      default: {
        const out: Evaluation[] = [];
        const previous = history.previous.get(r.sensorId);
        const jump = previous && evaluateJump(config.sensor, sensor, previous.value, r.value);
        if (jump) out.push(jump);
        if (this.models.has(r.sensorId)) {
          const instrument = { id: r.sensorId, code: sensor.code, type: sensor.type };
          out.push(...(await this.models.evaluate(reservoirCode, instrument, r.time)));
        }
        return out;
      }
    }
  }

  /** Persists the verdict if it changes the alert (decided now, against the cache), then announces it. */
  private apply(reservoirCode: string, e: Evaluation, at: Date): void {
    const { action } = this.active.decide(reservoirCode, e);
    if (action === 'none' || action === 'keep') return;
    const key = `${reservoirCode}/${e.ruleKey}`;
    const persisted = (this.transitions.get(key) ?? Promise.resolve()).then(async () => {
      try {
        const change = await applyEvaluation(this.db, reservoirCode, e, at);
        if (!change) return;
        this.active.note(change);
        this.emit('alert', change);
      } catch (err) {
        this.active.forget(reservoirCode, e.ruleKey);
        console.error(`alert ${reservoirCode} ${e.ruleKey} not recorded: ${(err as Error).message}`);
      } finally {
        if (this.transitions.get(key) === persisted) this.transitions.delete(key);
      }
    });
    this.transitions.set(key, persisted);
  }
}

/** Sensor types without a jump rule (only dam-safety sensors have one). */
const WITHOUT_JUMP_RULE = new Set<string>(['water_level', 'rainfall', 'battery_voltage']);

interface History {
  /** Water-level sensors' reading at least the rise span before. */
  spanAgo: Map<number, PastReading>;
  /** Dam-safety sensors' previous reading. */
  previous: Map<number, PastReading>;
  /** Rain gauges' increments of the 24 h up to the reading. */
  rain: Map<number, TimedValue[]>;
  /** Water-level sensors' and rain gauges' reservoir's flood outlook at the reading's time. */
  outlook: Map<number, FloodOutlook>;
}

/** Verdicts of the rules that need only the reading itself. */
function instantVerdicts(rules: ReservoirRules, r: ValidReading): Evaluation[] {
  const { config } = rules;
  switch (r.type) {
    case 'water_level': {
      const seasonLimit = rules.restrictedLevel === null ? 'floodLimit' : 'restricted';
      return [evaluateWaterLevel(config.waterLevel, r.value, r.time, seasonLimit)];
    }
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
