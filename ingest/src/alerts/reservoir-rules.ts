import {
  defaultRuleConfig,
  mergeOverrides,
  type CharacteristicLevels,
  type RuleConfig,
  type RuleOverrides,
  type SensorType,
} from '@yz/domain';
import type pg from 'pg';

export interface ReservoirRules {
  config: RuleConfig;
  sensors: Map<number, { code: string; type: SensorType; threshold: number | null }>;
}

/**
 * Each reservoir's rule settings — defaults from its characteristic levels with the engineer's overrides merged
 * over them — and its sensors with their thresholds, by reservoir code.
 */
export async function loadReservoirRules(pool: pg.Pool): Promise<Map<string, ReservoirRules>> {
  const { rows } = await pool.query<{ code: string; levels: CharacteristicLevels; overrides: RuleOverrides | null }>(
    `SELECT r.code, json_build_object('deadLevel', dead_level, 'floodLimitLevel', flood_limit_level,
              'normalLevel', normal_level, 'designFloodLevel', design_flood_level,
              'checkFloodLevel', check_flood_level, 'crestElevation', crest_elevation) AS levels,
            o.overrides
     FROM reservoirs r LEFT JOIN alert_rule_overrides o ON o.reservoir_code = r.code`,
  );
  const sensors = await pool.query<{
    id: number;
    reservoir: string;
    code: string;
    type: SensorType;
    threshold: number | null;
  }>(`SELECT id, reservoir_code AS reservoir, code, type, threshold::float8 AS threshold FROM sensors`);
  const rules = new Map<string, ReservoirRules>(
    rows.map((r) => [r.code, { config: ruleConfig(r.code, r.levels, r.overrides), sensors: new Map() }]),
  );
  for (const s of sensors.rows) rules.get(s.reservoir)?.sensors.set(s.id, s);
  return rules;
}

function ruleConfig(code: string, levels: CharacteristicLevels, overrides: RuleOverrides | null): RuleConfig {
  const defaults = defaultRuleConfig(levels);
  try {
    return mergeOverrides(defaults, overrides ?? undefined);
  } catch (err) {
    // Overrides are validated when saved; one that no longer fits (levels changed since) must not stop alerting.
    console.error(`alert rules of ${code}: ${(err as Error).message}; using the defaults`);
    return defaults;
  }
}
