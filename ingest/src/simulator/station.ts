import {
  initialWaterBalance,
  stepWaterBalance,
  waterBalanceParams,
  type Random,
  type ReservoirSeed,
  type WaterBalanceParams,
  type WaterBalanceState,
} from '@yz/domain';
import { createInstruments, DECIMALS, type Instrument } from './instruments.js';
import type { Reading } from './payload.js';

const HOUR_MS = 3_600_000;
/** Rain-gauge resolution (mm): the gauge reports whole tips and keeps the rest. */
const GAUGE_MM = 0.1;
/** A level change (m) since the last report that triggers an added report. */
const LEVEL_TRIGGER_M = 0.02;

/**
 * One reservoir and its RTU: the water balance, the instruments, and the report schedule of a
 * telemetry station (a timed report every hour, added reports while it rains or the level moves).
 */
export class Station {
  readonly lon: number;
  readonly lat: number;
  private readonly params: WaterBalanceParams;
  private water: WaterBalanceState;
  private readonly instruments: Instrument[];
  private readonly seepageSeconds: number;
  private seepageLevel: number;
  private gaugeMm = 0;
  private lastReportedLevel: number | null = null;
  private offlineUntil = -Infinity;

  constructor(
    readonly reservoir: ReservoirSeed,
    private readonly prng: Random,
    startMs: number,
    /** Chance per hour that the station goes silent for 2–6 hours. */
    private readonly dropoutRate: number,
  ) {
    this.lon = reservoir.longitude;
    this.lat = reservoir.latitude;
    this.params = waterBalanceParams(reservoir);
    const { deadLevel } = reservoir.levels;
    // Start a little below the spillway, as reservoirs are kept in the flood season; a few brim-full,
    // a hair under it so that gauge noise alone does not raise flood-limit alarms.
    const below = prng.chance(0.15) ? prng.between(0.02, 0.1) : prng.between(0.3, 1);
    const start = Math.max(deadLevel, this.params.spillLevel - below);
    this.water = initialWaterBalance(this.params, start, prng.between(0.2, 0.6));
    this.seepageLevel = this.water.level;
    this.seepageSeconds = prng.between(6, 24) * 3600;
    this.instruments = createInstruments(reservoir, prng, startMs);
  }

  get level(): number {
    return this.water.level;
  }

  step(dtSeconds: number, rainMm: number): void {
    this.water = stepWaterBalance(this.params, this.water, dtSeconds, rainMm).state;
    this.seepageLevel += (this.water.level - this.seepageLevel) * (1 - Math.exp(-dtSeconds / this.seepageSeconds));
    this.gaugeMm += rainMm;
  }

  /**
   * Called on every 5-minute mark: the readings the station sends at `t`, or null when it has
   * nothing to add or is offline. The first report after start-up and the hourly ones carry every
   * sensor; added reports carry rain and level.
   */
  report(t: number): Reading[] | null {
    const hourly = t % HOUR_MS === 0;
    if (hourly && t >= this.offlineUntil && this.prng.chance(this.dropoutRate)) {
      this.offlineUntil = t + this.prng.between(2, 6) * HOUR_MS;
    }
    if (t < this.offlineUntil) return null;

    const full = hourly || this.lastReportedLevel === null;
    const raining = this.gaugeMm >= GAUGE_MM;
    const moving = this.lastReportedLevel !== null && Math.abs(this.level - this.lastReportedLevel) >= LEVEL_TRIGGER_M;
    if (!full && !raining && !moving) return null;

    const rainMm = Math.floor(this.gaugeMm / GAUGE_MM + 1e-9) * GAUGE_MM;
    this.gaugeMm -= rainMm;
    this.lastReportedLevel = this.level;
    const ctx = { t, level: this.level, seepageLevel: this.seepageLevel, rainMm };
    return this.instruments
      .filter((i) => full || i.type === 'rainfall' || i.type === 'water_level')
      .map((i) => ({ sensor: i.code, value: round(i.read(ctx), DECIMALS[i.type]) }));
  }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
