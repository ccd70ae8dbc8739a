import type { ReservoirSeed, StagePoint } from '../registry/index.js';
import { levelToStorage, normalizeCurve, storageToLevel } from './stage-storage.js';

/** Weir coefficient in SI units for a broad-crested spillway: Q = C·B·H^1.5 (m³/s). */
const WEIR_COEFFICIENT = 1.7;
/** Runoff coefficient on a dry catchment and its increase on a saturated one. */
const RUNOFF_DRY = 0.15;
const RUNOFF_WET_GAIN = 0.65;
/** Rain (mm) that saturates the soil, and how fast the soil dries again (e-folding, s). */
const SATURATING_RAIN_MM = 80;
const DRYING_SECONDS = 3 * 86_400;
/** Evaporation, seepage and irrigation draw the live storage down with this time constant (s). */
const RELEASE_SECONDS = 60 * 86_400;
/** mm of rain on 1 km² in 10⁴ m³. */
const MM_KM2_IN_1E4_M3 = 0.1;

export interface WaterBalanceParams {
  curve: readonly StagePoint[];
  catchmentArea: number;
  /** Ungated: the spillway crest is the normal pool; gated: gates hold the flood-limit level. */
  spillLevel: number;
  spillStorage: number;
  spillwayWidth: number;
  deadStorage: number;
  /** Time constant of the catchment's linear runoff store (s): bigger catchments respond later. */
  routingSeconds: number;
}

/** Volumes in 10⁴ m³, levels in m, wetness 0 (dry) – 1 (saturated). */
export interface WaterBalanceState {
  storage: number;
  level: number;
  /** Runoff on its way through the catchment to the reservoir. */
  runoffStore: number;
  wetness: number;
}

/** One step's result: the new state and the volumes (10⁴ m³) that moved during the step. */
export interface WaterBalanceStep {
  state: WaterBalanceState;
  inflow: number;
  spill: number;
  release: number;
}

export function waterBalanceParams(reservoir: ReservoirSeed): WaterBalanceParams {
  const curve = normalizeCurve(reservoir.stageStorage);
  const { levels } = reservoir;
  const spillLevel = reservoir.gatedSpillway ? levels.floodLimitLevel : levels.normalLevel;
  return {
    curve,
    catchmentArea: reservoir.catchmentArea,
    spillLevel,
    spillStorage: levelToStorage(curve, spillLevel),
    spillwayWidth: reservoir.spillwayWidth,
    deadStorage: levelToStorage(curve, levels.deadLevel),
    routingSeconds: (0.5 + 0.25 * Math.sqrt(reservoir.catchmentArea)) * 3600,
  };
}

export function initialWaterBalance(params: WaterBalanceParams, level: number, wetness: number): WaterBalanceState {
  const storage = levelToStorage(params.curve, level);
  return { storage, level: storageToLevel(params.curve, storage), runoffStore: 0, wetness };
}

/** Advances one reservoir by `dtSeconds` with `rainMm` fallen on its catchment during the step. */
export function stepWaterBalance(
  params: WaterBalanceParams,
  state: WaterBalanceState,
  dtSeconds: number,
  rainMm: number,
): WaterBalanceStep {
  const wetness = Math.min(1, state.wetness * Math.exp(-dtSeconds / DRYING_SECONDS) + rainMm / SATURATING_RAIN_MM);
  const runoff = (RUNOFF_DRY + RUNOFF_WET_GAIN * wetness) * rainMm * params.catchmentArea * MM_KM2_IN_1E4_M3;
  const store = state.runoffStore + runoff;
  const inflow = store * (1 - Math.exp(-dtSeconds / params.routingSeconds));

  const head = state.level - params.spillLevel;
  const weir = head > 0 ? (WEIR_COEFFICIENT * params.spillwayWidth * head ** 1.5 * dtSeconds) / 1e4 : 0;
  // An explicit step could spill below the crest on a tiny reservoir with a wide spillway: cap it.
  const spill = Math.min(weir, Math.max(0, state.storage + inflow - params.spillStorage));
  const live = state.storage - params.deadStorage;
  const release = live > 0 ? (live * dtSeconds) / RELEASE_SECONDS : 0;

  const storage = state.storage + inflow - spill - release;
  return {
    state: { storage, level: storageToLevel(params.curve, storage), runoffStore: store - inflow, wetness },
    inflow,
    spill,
    release,
  };
}
