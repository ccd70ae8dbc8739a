import { beijingHour, type Random, type ReservoirSeed, type SensorSeed, type SensorType } from '@yz/domain';

/** Water pressure per metre of head, kPa/m. */
const KPA_PER_M = 9.81;
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** Decimals an RTU reports per sensor type. */
export const DECIMALS: Record<SensorType, number> = {
  rainfall: 1,
  water_level: 2,
  seepage_pressure: 2,
  seepage_flow: 3,
  displacement: 2,
  battery_voltage: 2,
};

/** What a station knows at report time. */
export interface ReportContext {
  t: number;
  level: number;
  /** The water level seen through the dam body: follows the reservoir level with a lag. */
  seepageLevel: number;
  /** Rain counted by the gauge since the previous report, mm. */
  rainMm: number;
}

export interface Instrument {
  code: string;
  type: SensorType;
  read(ctx: ReportContext): number;
}

/**
 * Anomalies planted for the demo (in the live simulator and the history alike, anchored at the simulator's start):
 * a slow seepage rise at one dam and a step at another, both far below the alarm thresholds, which only the
 * instruments' HST models notice.
 */
const PLANTED: Record<string, (t: number, startMs: number) => number> = {
  // New seepage path: +0.08 kPa a day from 40 days before the start.
  '431102-0006 SP2': (t, startMs) => Math.max(0, (0.08 * (t - (startMs - 40 * DAY_MS))) / DAY_MS),
  // Blocked drain: a 3 kPa step 7 days before the start.
  '431102-0015 SP1': (t, startMs) => (t >= startMs - 7 * DAY_MS ? 3 : 0),
};

/** One model per registered sensor; `startMs` anchors slow drifts such as a failing battery. */
export function createInstruments(reservoir: ReservoirSeed, prng: Random, startMs: number): Instrument[] {
  return reservoir.sensors.map((sensor, i) => ({
    code: sensor.code,
    type: sensor.type,
    read: withPlanted(
      readerFor(sensor, i, reservoir, prng, startMs),
      PLANTED[`${reservoir.code} ${sensor.code}`],
      startMs,
    ),
  }));
}

function withPlanted(
  read: (ctx: ReportContext) => number,
  anomaly: ((t: number, startMs: number) => number) | undefined,
  startMs: number,
): (ctx: ReportContext) => number {
  return anomaly ? (ctx) => read(ctx) + anomaly(ctx.t, startMs) : read;
}

function readerFor(
  sensor: SensorSeed,
  index: number,
  reservoir: ReservoirSeed,
  prng: Random,
  startMs: number,
): (ctx: ReportContext) => number {
  const bed = Math.min(...reservoir.stageStorage.map(([level]) => level));
  const normalHead = reservoir.levels.normalLevel - bed;
  // Alarm thresholds sit above the readings at normal pool; a dangerous (category 3) dam sits closer.
  const ratio = reservoir.damCategory === 3 ? prng.between(0.75, 0.95) : prng.between(0.4, 0.7);
  const atNormal = (physical: number): number => (sensor.threshold === null ? physical : ratio * sensor.threshold);

  switch (sensor.type) {
    case 'rainfall':
      return (ctx) => ctx.rainMm;
    case 'water_level':
      return (ctx) => prng.normal(ctx.level, 0.003);
    case 'seepage_pressure': {
      // Piezometers along the seepage path: upstream ones see more of the reservoir head.
      const fraction = Math.max(0.1, 0.85 - 0.15 * (index % 5) + prng.between(-0.05, 0.05));
      const depth = prng.between(0, 3);
      const head = (level: number): number => Math.max(0, fraction * (level - bed) + depth);
      const kPaPerM = atNormal(KPA_PER_M * head(reservoir.levels.normalLevel)) / head(reservoir.levels.normalLevel);
      return (ctx) => Math.max(0, prng.normal(kPaPerM * head(ctx.seepageLevel), 0.2));
    }
    case 'seepage_flow': {
      const scale = atNormal(prng.between(0.3, 2)) / normalHead ** 1.5;
      return (ctx) => Math.max(0, scale * Math.max(0, ctx.seepageLevel - bed) ** 1.5 * prng.normal(1, 0.02));
    }
    case 'displacement': {
      const offset = atNormal(prng.between(1, 10));
      const mmPerYear = prng.between(0.5, 3);
      return (ctx) => prng.normal(offset + (mmPerYear * (ctx.t - startMs)) / YEAR_MS, 0.15);
    }
    case 'battery_voltage':
      return batteryReader(prng, startMs);
  }
}

/** Solar-charged lead-acid battery: highest in the afternoon; a failing one loses ~0.6 V a day. */
function batteryReader(prng: Random, startMs: number): (ctx: ReportContext) => number {
  const failing = prng.chance(0.02);
  const mean = failing ? prng.between(12.1, 12.4) : prng.between(12.95, 13.2);
  const swing = failing ? 0.7 : prng.between(0.3, 0.5);
  return (ctx) => {
    const solar = Math.cos((2 * Math.PI * (beijingHour(ctx.t) - 14)) / 24);
    const decline = failing ? Math.min(2, (0.6 * (ctx.t - startMs)) / DAY_MS) : 0;
    return prng.normal(mean - decline + swing * solar, 0.02);
  };
}
