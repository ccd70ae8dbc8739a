/** An ungated (free overflow) spillway: discharge over its crest. */
export interface Spillway {
  /** Crest level (m): the normal pool for an ungated spillway. */
  crestLevel: number;
  /** Crest width B (m). */
  width: number;
  /** Weir coefficient C (m^0.5/s) in Q = C·B·H^1.5. */
  coefficient: number;
}

/**
 * C for a broad-crested weir in free flow: m·√(2g) with discharge coefficient m ≈ 0.385 gives 0.385 × 4.43 ≈
 * 1.7 m^0.5/s. The simulator uses the same value.
 */
export const DEFAULT_WEIR_COEFFICIENT = 1.7;

/** Q = C·B·H^1.5 (m³/s) with H the head (m) over the crest; nothing flows below it. */
export function spillwayDischarge(spillway: Spillway, level: number): number {
  const head = level - spillway.crestLevel;
  return head > 0 ? spillway.coefficient * spillway.width * head ** 1.5 : 0;
}

export interface SpillwayFacts {
  gatedSpillway: boolean;
  spillwayWidth: number;
  /** C from the registry when surveyed; else {@link DEFAULT_WEIR_COEFFICIENT}. */
  spillwayCoefficient?: number | null;
  levels: { normalLevel: number };
}

/** The spillway whose discharge follows from the level, or null for a gated one (its outflow is the gates'). */
export function ungatedSpillway(reservoir: SpillwayFacts): Spillway | null {
  if (reservoir.gatedSpillway) return null;
  return {
    crestLevel: reservoir.levels.normalLevel,
    width: reservoir.spillwayWidth,
    coefficient: reservoir.spillwayCoefficient ?? DEFAULT_WEIR_COEFFICIENT,
  };
}
